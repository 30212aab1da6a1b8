import Foundation
import Orders
import Profiles

/// Formats instants and closures for explanations, without locale-dependent formatters.
enum Format {
    /// `2026-11-24 15:00 America/New_York`: zone names, because Linux abbreviates most zones as `GMT-5`.
    static func instant(_ date: Date, _ zone: TimeZone) -> String {
        instant(date, ZoneOffsets.of(zone))
    }

    static func instant(_ date: Date, _ zone: ZoneOffsets) -> String {
        "\(CalendarDate.on(date, in: zone)) \(TimeOfDay.of(date, in: zone)) \(zone.zone.identifier)"
    }

    static func closure(_ closure: Closure) -> String {
        "closed \(closure.from)…\(closure.until)" + (closure.reason.map { " (\($0))" } ?? "")
    }
}
