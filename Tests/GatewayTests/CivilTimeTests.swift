import Foundation
import Gateway
import Orders
import Testing

/// The calendar arithmetic the pick page reads and writes times with, against Foundation's calendar and formatter.
@Suite("CivilTime")
struct CivilTimeTests {
    /// Instants around DST changes, leap days, the epoch and far dates, at offsets west and east of UTC.
    static let instants: [Int] = [
        0, -1, 86_399, 86_400, -86_401, 951_782_400, 1_709_164_800, 1_793_515_800, 1_793_519_400, 1_804_926_600,
        4_102_444_799, -2_208_988_800, 1_795_000_000, 253_402_300_799,
    ]
    static let offsets = [0, -5 * 3600, -6 * 3600, -8 * 3600, 5 * 3600 + 1800, 14 * 3600, -12 * 3600]

    @Test("the fields of an instant at an offset are those Foundation's Gregorian calendar gives")
    func fields() throws {
        var generator = SystemRandomNumberGenerator()
        let samples =
            Self.instants + (0..<2000).map { _ in Int.random(in: -4_000_000_000...8_000_000_000, using: &generator) }
        for seconds in samples {
            for offset in Self.offsets {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = try #require(TimeZone(secondsFromGMT: offset))
                let c = calendar.dateComponents(
                    [.year, .month, .day, .hour, .minute, .second, .weekday],
                    from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                let civil = CivilTime(secondsSince1970: seconds, offset: offset)
                let expected = CivilTime(
                    year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, minute: c.minute ?? 0,
                    second: c.second ?? 0, weekday: (c.weekday ?? 1) - 1)
                #expect(civil == expected, "\(seconds) at \(offset)")
                #expect(civil.secondsSince1970(offset: offset) == seconds)
            }
        }
    }

    @Test("a ticket's time reads back as the formatter reads it, with its offset")
    func parsing() {
        for seconds in Self.instants where seconds >= 0 && seconds < 253_402_300_799 {
            for offset in Self.offsets {
                guard let zone = TimeZone(secondsFromGMT: offset) else { continue }
                let zoned = ZonedInstant(Date(timeIntervalSince1970: TimeInterval(seconds)), in: zone)
                let text = zoned.description
                let parsed = CivilTime.parse(rfc3339: text)
                #expect(parsed?.seconds == seconds, "\(text)")
                #expect(parsed?.offset == offset, "\(text)")
                #expect(ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970 == TimeInterval(seconds))
                #expect(ZonedInstant(parsing: text) == zoned)
            }
        }
        #expect(
            CivilTime.parse(rfc3339: "2026-11-25T22:00:00Z")?.seconds
                == Int(ISO8601DateFormatter().date(from: "2026-11-25T22:00:00Z")?.timeIntervalSince1970 ?? 0))
    }

    @Test(
        "what is not RFC 3339 with whole seconds is left to the formatter, or refused",
        arguments: [
            "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25 16:00:00Z", "2026-11-25T16:00:00",
            "2026-11-25T24:00:00Z", "2026-11-25T16:00:00.5Z", "2026-11-25T16:00:00+0600", "20261125T160000Z", "",
        ])
    func refused(text: String) {
        #expect(CivilTime.parse(rfc3339: text) == nil)
    }

}
