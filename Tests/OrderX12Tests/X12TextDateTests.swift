import Foundation
import Orders
import TestSupport
import Testing

@testable import OrderX12

/// The date and time our documents write (BSN03/04, DTM*011) are reckoned without `Calendar`: they must be what
/// `Calendar` gives, on every zone's clock, across daylight saving changes, at midnight and before 1970.
@Suite("X12 dates and times without Calendar")
struct X12TextDateTests {
    static let zones = [
        "GMT", "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/St_Johns", "Asia/Kolkata",
        "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London",
    ].compactMap(TimeZone.init(identifier:))

    @Test("random instants from 1583 to 9999 read as Calendar reads them, in every zone")
    func randomInstants() {
        var random = SplitMix(seed: 856)
        let low = -12_212_553_600.0
        let high = 253_402_214_400.0
        for index in 0..<20_000 {
            // Mostly around now, where documents are written; the rest anywhere in range, fractions of a second too.
            let seconds =
                index % 4 == 0
                ? low + random.unit() * (high - low) : 1_700_000_000 + random.unit() * 400_000_000
            let instant = Date(timeIntervalSince1970: index % 3 == 0 ? seconds.rounded(.down) : seconds)
            let zone = Self.zones[index % Self.zones.count]
            let written = X12Text.dateAndTime(instant, in: zone)
            let expected = X12Text.calendarDateAndTime(instant, in: zone)
            #expect(written == expected, "\(instant.timeIntervalSince1970) in \(zone.identifier)")
        }
    }

    @Test("the edges: midnight, a second before it, daylight saving's changes, 1970, 1583, before and past the range")
    func edges() {
        let instants: [Double] = [
            0, -1, -0.5, 86_399, 86_400, 86_399.999, 1_794_960_000, 1_794_959_999, 1_772_953_200, 1_772_956_799,
            1_772_956_800, 1_793_512_800, 1_793_516_399, 1_793_516_400, -12_212_553_600, -12_212_553_601,
            -12_219_292_800, -62_135_596_800, 253_402_214_399, 253_402_300_799, 253_402_300_800,
        ]
        for seconds in instants {
            for zone in Self.zones {
                let instant = Date(timeIntervalSince1970: seconds)
                #expect(
                    X12Text.dateAndTime(instant, in: zone) == X12Text.calendarDateAndTime(instant, in: zone),
                    "\(seconds) in \(zone.identifier)")
            }
        }
    }
}
