import Foundation
import Gateway
import Orders

/// Times as the floor reads them: `Wed 2026-11-25 23:59 -05:00`, on the clock of whoever owns the time, with its
/// offset (which tells apart the two 01:30s of the night daylight saving ends).
enum PageTime {
    static let utc = TimeZone(secondsFromGMT: 0) ?? TimeZone.current
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func text(_ zoned: ZonedInstant) -> String { text(zoned.instant, in: zoned.timeZone) }

    static func text(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let c = civil(instant, offset: offset)
        let minutes = abs(offset) / 60
        return "\(weekdays[c.weekday]) \(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) "
            + "\(pad(c.hour)):\(pad(c.minute)) \(offset < 0 ? "-" : "+")\(pad(minutes / 60)):\(pad(minutes % 60))"
    }

    /// `2026-11-25T14:05`, as `<input type="datetime-local">` takes it: the zone's wall clock, no offset.
    static func localInput(_ instant: Date, in zone: TimeZone) -> String {
        let c = civil(instant, offset: zone.secondsFromGMT(for: instant))
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute))"
    }

    /// `3 h 05 min`, `12 min`, `2 d 4 h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((max(0, seconds) / 60).rounded(.down))
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h \(pad(minutes % 60)) min" }
        return "\(hours / 24) d \(hours % 24) h"
    }

    static func hours(_ seconds: TimeInterval) -> String {
        let hours = seconds / 3600
        return hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
    }

    static func civil(_ instant: Date, offset: Int) -> CivilTime {
        CivilTime(secondsSince1970: Int(instant.timeIntervalSince1970.rounded(.down)), offset: offset)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
