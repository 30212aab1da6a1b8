public import Foundation
public import Orders
import Synchronization

/// A time zone's offsets from GMT as a table of its transitions, so day math asks ICU once per zone and process,
/// not once per instant (`TimeZone.secondsFromGMT` takes a lock and asks ICU on Linux: about a microsecond).
///
/// The table covers 1900–2200 and is checked against the zone twice a year across that span when it is built; a
/// zone the check disagrees with (or an instant outside the span) is answered by the zone itself, so the answer is
/// always `zone.secondsFromGMT(for:)`'s.
public struct ZoneOffsets: Sendable {
    public let zone: TimeZone
    /// Transition instants (seconds since 1970), ascending; `offsets[i]` applies from `starts[i]` on, and
    /// `offsets[0]` also before it.
    private let starts: [Int]
    private let offsets: [Int]
    /// False when the table disagreed with the zone: every answer then comes from the zone.
    public let trusted: Bool

    private static let first = -2_208_988_800  // 1900-01-01
    private static let last = 7_258_118_400  // 2200-01-01

    /// The table for `zone`, built once per zone identifier and process.
    public static func of(_ zone: TimeZone) -> ZoneOffsets {
        let id = zone.identifier
        if let known = cache.withLock({ $0[id] }) { return known }
        let built = ZoneOffsets(building: zone)
        return cache.withLock { tables in
            if let known = tables[id] { return known }
            tables[id] = built
            return built
        }
    }

    private static let cache = Mutex<[String: ZoneOffsets]>([:])

    private init(building zone: TimeZone) {
        self.zone = zone
        var starts = [Self.first]
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.first)))]
        var cursor = Date(timeIntervalSince1970: Double(Self.first))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < Double(Self.last), next > cursor
        {
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets[offsets.count - 1] {
                starts.append(Int(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        // Twice a year, mid-January and mid-July, the table must agree with the zone.
        var agrees = true
        var instant = Self.first + 14 * 86_400
        while agrees, instant < Self.last {
            for probe in [instant, instant + 181 * 86_400]
            where probe < Self.last
                && Self.lookup(probe, starts, offsets)
                    != zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(probe)))
            {
                agrees = false
            }
            instant += 365 * 86_400
        }
        trusted = agrees
    }

    /// Seconds east of GMT at `instant`, as `zone.secondsFromGMT(for:)` gives it.
    public func secondsFromGMT(for instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        guard trusted, seconds >= Double(Self.first), seconds < Double(Self.last) else {
            return zone.secondsFromGMT(for: instant)
        }
        return Self.lookup(Int(seconds.rounded(.down)), starts, offsets)
    }

    private static func lookup(_ seconds: Int, _ starts: [Int], _ offsets: [Int]) -> Int {
        // The last transition at or before `seconds`.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= seconds { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}

extension CalendarDate {
    /// The day `instant` falls on in the zone of `offsets`.
    public static func on(_ instant: Date, in offsets: ZoneOffsets) -> CalendarDate {
        on(instant) { offsets.secondsFromGMT(for: $0) }
    }

    /// `instant(at:in:)` with the zone of `offsets`.
    public func instant(at time: TimeOfDay, in offsets: ZoneOffsets) -> Date {
        instant(at: time) { offsets.secondsFromGMT(for: $0) }
    }

    /// The first instant of this day in the zone of `offsets`.
    public func start(in offsets: ZoneOffsets) -> Date { instant(at: .midnight, in: offsets) }
}

extension TimeOfDay {
    /// `of(_:in:)` with the zone of `offsets`.
    public static func of(_ instant: Date, in offsets: ZoneOffsets) -> TimeOfDay {
        of(instant) { offsets.secondsFromGMT(for: $0) }
    }
}
