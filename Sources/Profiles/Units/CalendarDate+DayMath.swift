public import Foundation
public import Orders

/// Day arithmetic without `Calendar` (on the day ordinals `CalendarDate+Ordinal.swift` gives) and time-zone
/// offsets from `TimeZone.secondsFromGMT(for:)`. Routing runs these for every node of every order; `Calendar` costs
/// microseconds a call on Linux, these cost nanoseconds.
extension CalendarDate {
    public func plus(days: Int) -> CalendarDate { CalendarDate(ordinal: ordinal + days) }

    public var dayOfWeek: Weekday {
        // 1970-01-01 was a Thursday.
        Weekday.inOrder[((ordinal % 7) + 7 + 4) % 7]
    }

    /// The day `instant` falls on in `zone`.
    public static func on(_ instant: Date, in zone: TimeZone) -> CalendarDate {
        on(instant) { zone.secondsFromGMT(for: $0) }
    }

    /// The day `instant` falls on in a zone whose offset east of GMT at an instant, in seconds, `offset` gives: for
    /// callers that cache a zone's offsets.
    public static func on(_ instant: Date, offset: (Date) -> Int) -> CalendarDate {
        let local = instant.timeIntervalSince1970 + Double(offset(instant))
        return CalendarDate(ordinal: Int((local / 86_400).rounded(.down)))
    }

    /// The instant the wall clock in `zone` shows `time` on this day. A wall time that occurs twice (the hour
    /// repeated when daylight saving ends) is its first occurrence; one that never occurs (the hour skipped when it
    /// starts) is read with the offset in force before the change, so 02:30 becomes 03:30: both as `Calendar` does.
    public func instant(at time: TimeOfDay, in zone: TimeZone) -> Date {
        instant(at: time) { zone.secondsFromGMT(for: $0) }
    }

    /// The same, with the zone's offsets from `offset` (see `on(_:offset:)`).
    public func instant(at time: TimeOfDay, offset: (Date) -> Int) -> Date {
        let wall = ordinal * 86_400 + time.minutesSinceMidnight * 60
        // Transitions are hours apart at most once a day: the offsets half a day either side are the two in play.
        let before = offset(Date(timeIntervalSince1970: Double(wall - 43_200)))
        let after = offset(Date(timeIntervalSince1970: Double(wall + 43_200)))
        var earliest: Int?
        for candidateOffset in before == after ? [before] : [before, after] {
            let candidate = wall - candidateOffset
            if offset(Date(timeIntervalSince1970: Double(candidate))) == candidateOffset {
                earliest = min(earliest ?? candidate, candidate)
            }
        }
        return Date(timeIntervalSince1970: Double(earliest ?? wall - before))
    }

    /// The first instant of this day in `zone`.
    public func start(in zone: TimeZone) -> Date { instant(at: .midnight, in: zone) }
}

extension TimeOfDay {
    public static let midnight = TimeOfDay(minutesSinceMidnight: 0)

    /// The wall-clock time of `instant` in `zone`, to the minute.
    public static func of(_ instant: Date, in zone: TimeZone) -> TimeOfDay {
        of(instant) { zone.secondsFromGMT(for: $0) }
    }

    /// The same, with the zone's offsets from `offset` (see `CalendarDate.on(_:offset:)`).
    public static func of(_ instant: Date, offset: (Date) -> Int) -> TimeOfDay {
        let local = Int((instant.timeIntervalSince1970 + Double(offset(instant))).rounded(.down))
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        return TimeOfDay(minutesSinceMidnight: minutes)
    }
}
