import Foundation
import Orders
import Profiles
import PropertyBased
import Testing

@Suite("zone-offset tables agree with TimeZone")
struct ZoneOffsetsTests {
    /// DST zones of both hemispheres, a half-hour DST (Lord Howe), zones that dropped DST (São Paulo 2019) or
    /// changed their standard offset (Samoa skipped 2011-12-30), and zones with no DST at all.
    static let zones = [
        "America/New_York", "America/Los_Angeles", "America/Phoenix", "Europe/London", "Australia/Sydney",
        "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata", "UTC",
    ]

    @Test("the offset at any instant from 1950 to 2100 is the zone's")
    func randomInstants() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: -631_152_000...4_102_444_800), Gen.int(in: 0...9)) {
            seconds, index in
            let zone = TimeZone(identifier: Self.zones[index]) ?? .gmt
            let instant = Date(timeIntervalSince1970: Double(seconds))
            #expect(ZoneOffsets.of(zone).secondsFromGMT(for: instant) == zone.secondsFromGMT(for: instant))
        }
    }

    @Test("either side of every transition of 2026 the offset is the zone's", arguments: zones)
    func transitions(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = ZoneOffsets.of(zone)
        var cursor = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < 1_798_761_600
        {
            for delta in [-1.0, 0, 1] {
                let instant = next.addingTimeInterval(delta)
                #expect(
                    table.secondsFromGMT(for: instant) == zone.secondsFromGMT(for: instant), "\(identifier) \(instant)")
            }
            cursor = next
        }
    }

    @Test("every zone's table checks out against the zone, so the other tests read the table, not the fallback")
    func trusted() {
        for identifier in Self.zones + ["America/Chicago", "America/Denver"] {
            #expect(ZoneOffsets.of(TimeZone(identifier: identifier) ?? .gmt).trusted, "\(identifier)")
        }
    }

    @Test("instants outside the table's span are answered by the zone")
    func outsideTheSpan() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        for seconds in [-4_000_000_000.0, 8_000_000_000] {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect(ZoneOffsets.of(zone).secondsFromGMT(for: instant) == zone.secondsFromGMT(for: instant))
        }
    }
}
