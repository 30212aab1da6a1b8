import Foundation
import Orders
import Profiles
import Routing
import Testing

@Suite("deadlines, cutoffs and calendars")
struct CalendarTests {
    typealias W = SampleWorld

    func shipByDay(_ retailer: RetailerID, at instant: String, dates: OrderDates = OrderDates()) -> CalendarDate? {
        let order = W.order(retailer, lines: [("HP-10001", 1)], dates: dates)
        return W.profile(retailer).deadlines(for: order, receivedAt: W.instant(instant)).shipByDay
    }

    @Test(
        "an order in one second before the retailer's cutoff counts today as day 0; one at the cutoff does not",
        arguments: [
            ("2026-11-23T13:59:59-08:00", "2026-11-25"),  // Monday before 14:00 Los Angeles: Mon + 2 bd
            ("2026-11-23T14:00:00-08:00", "2026-11-27"),  // at the cutoff: day 0 is Tuesday; Thursday is Thanksgiving
            ("2026-11-23T14:00:01-08:00", "2026-11-27"),
        ])
    func retailerCutoff(instant: String, expected: String) {
        #expect(shipByDay("amazon", at: instant) == W.day(expected))
    }

    @Test(
        "Thanksgiving 2026-11-26 and the weekend are skipped when counting business days",
        arguments: [
            ("2026-11-24T10:00:00-05:00", "homedepot", "2026-11-27"),  // Tue: Wed, (Thu holiday), Fri
            ("2026-11-25T10:00:00-05:00", "homedepot", "2026-11-30"),  // Wed: Fri, (Sat, Sun), Mon
            ("2026-11-27T15:00:00-05:00", "homedepot", "2026-12-02"),  // Fri after cutoff: day 0 Mon → Wed
            ("2026-11-28T09:00:00-05:00", "homedepot", "2026-12-02"),  // Saturday: day 0 Mon → Wed
            ("2026-11-25T11:00:00-06:00", "walmart", "2026-11-27"),  // 1 bd from Wed before 12:00 Chicago → Fri
        ])
    func holidaysAndWeekends(instant: String, retailer: RetailerID, expected: String) {
        #expect(shipByDay(retailer, at: instant) == W.day(expected))
    }

    @Test("a date the profile honours on the PO overrides the business-day count")
    func honouredDate() {
        var dates = OrderDates()
        dates.expectedShip = W.day("2026-12-01")
        #expect(shipByDay("walmart", at: "2026-11-24T10:00:00-05:00", dates: dates) == W.day("2026-12-01"))
        // Amazon does not honour an ESD: its own 2 business days apply.
        #expect(shipByDay("amazon", at: "2026-11-24T10:00:00-05:00", dates: dates) == W.day("2026-11-27"))
    }

    @Test("ship-by is the last second of the ship-by day in the retailer's time zone")
    func shipByInstant() {
        let order = W.order("amazon", lines: [("HP-10001", 1)])
        let deadlines = W.profile("amazon").deadlines(for: order, receivedAt: W.demoNow)
        #expect(deadlines.shipBy == W.instant("2026-11-27T23:59:59-08:00"))
    }

    @Test(
        "a node's pickup is today before its local cutoff and the next shipping day after it",
        arguments: [
            ("DEN1", "ups-ground", "2026-11-24T13:59:59-07:00", "2026-11-24T14:00:00-07:00"),
            ("DEN1", "ups-ground", "2026-11-24T14:00:00-07:00", "2026-11-25T14:00:00-07:00"),
            ("ORD1", "ups-ground", "2026-11-25T16:30:00-06:00", "2026-11-27T16:00:00-06:00"),  // Thanksgiving skipped
            ("EWR1", "ups-ground", "2026-11-27T15:00:01-05:00", "2026-11-30T15:00:00-05:00"),  // weekend skipped
            ("PHX1", "fedex-ground", "2026-11-24T14:59:00-07:00", "2026-11-24T15:00:00-07:00"),
        ])
    func nodeCutoff(node: DCID, service: CarrierServiceID, now: String, pickup: String) throws {
        let dc = try #require(W.world.network.node(node))
        #expect(dc.earliestPickup(for: service, after: W.instant(now))?.at == W.instant(pickup))
    }

    @Test("cutoffs follow daylight saving time in Edison and stay put in Phoenix")
    func daylightSaving() throws {
        let edison = try #require(W.world.network.node("EWR1"))
        let phoenix = try #require(W.world.network.node("PHX1"))
        // US DST ends on 2026-11-01; Friday 2026-10-30 is summer time, Monday 2026-11-02 winter time.
        #expect(
            edison.earliestPickup(for: "ups-ground", after: W.instant("2026-10-30T12:00:00Z"))?.at
                == W.instant("2026-10-30T19:00:00Z"))
        #expect(
            edison.earliestPickup(for: "ups-ground", after: W.instant("2026-11-02T12:00:00Z"))?.at
                == W.instant("2026-11-02T20:00:00Z"))
        #expect(
            phoenix.earliestPickup(for: "fedex-ground", after: W.instant("2026-10-30T12:00:00Z"))?.at
                == W.instant("2026-10-30T22:00:00Z"))
        #expect(
            phoenix.earliestPickup(for: "fedex-ground", after: W.instant("2026-11-02T12:00:00Z"))?.at
                == W.instant("2026-11-02T22:00:00Z"))
    }

    @Test("an order received on the Saturday night DST ends counts Monday as day 0")
    func acrossDSTWeekend() {
        #expect(shipByDay("homedepot", at: "2026-10-31T23:30:00-04:00") == W.day("2026-11-04"))
    }

    @Test("an SLA in business hours skips closed days")
    func businessHours() {
        var profile = W.profile("homedepot")
        profile.shipSLA.within = ProfileDuration(48, .businessHours)
        let order = W.order("homedepot", lines: [("HP-10001", 1)])
        // From Tue 10:00 New York: Tue 14h + Wed 24h = 38h, Thu is Thanksgiving, Fri 10h → Fri 10:00.
        #expect(profile.deadlines(for: order, receivedAt: W.demoNow).shipBy == W.instant("2026-11-27T10:00:00-05:00"))
    }
}
