import Foundation
import Orders
import TestSupport
import Testing

/// The day an instant falls on in a zone is reckoned without `Calendar` (`CivilTime`'s arithmetic on the zone's
/// offset): it must be the day `Calendar` gives, on every zone's clock, across daylight saving, at midnight, before
/// 1970 and at the edges of the range it reckons itself.
@Suite("CalendarDate of an instant in a zone")
struct CalendarDateZoneTests {
    static let zones = [
        "GMT", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "Pacific/Honolulu", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Kiritimati",
        "Pacific/Pago_Pago", "Europe/London",
    ].compactMap(TimeZone.init(identifier:))

    static func calendarDay(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return "\(parts.year ?? 0)-\(parts.month ?? 0)-\(parts.day ?? 0)"
    }

    static func day(_ instant: Date, in zone: TimeZone) -> String {
        let date = CalendarDate(instant, in: zone)
        return "\(date.year)-\(date.month)-\(date.day)"
    }

    @Test("random instants from 1583 to 9999, mostly around now, fall on Calendar's day in every zone")
    func randomInstants() {
        var random = SplitMix(seed: 1583)
        let low = -12_212_553_600.0
        let high = 253_402_214_400.0
        for index in 0..<20_000 {
            let seconds =
                index % 4 == 0
                ? low + random.unit() * (high - low) : 1_700_000_000 + random.unit() * 400_000_000
            let instant = Date(timeIntervalSince1970: index % 3 == 0 ? seconds.rounded(.down) : seconds)
            let zone = Self.zones[index % Self.zones.count]
            #expect(
                Self.day(instant, in: zone) == Self.calendarDay(instant, in: zone),
                "\(instant.timeIntervalSince1970) in \(zone.identifier)")
        }
    }

    @Test("midnight and the second before it, daylight saving's changes, 1970, and both edges of the range")
    func edges() {
        let instants: [Double] = [
            0, -1, -0.5, 86_399, 86_400, 86_399.999, 1_794_960_000, 1_794_959_999, 1_772_953_200, 1_772_956_799,
            1_772_956_800, 1_793_512_800, 1_793_516_399, 1_793_516_400, -12_212_553_600, -12_212_553_601,
            -12_219_292_800, 253_402_214_399, 253_402_214_400,
        ]
        for seconds in instants {
            for zone in Self.zones {
                let instant = Date(timeIntervalSince1970: seconds)
                #expect(
                    Self.day(instant, in: zone) == Self.calendarDay(instant, in: zone),
                    "\(seconds) in \(zone.identifier)")
            }
        }
    }
}
