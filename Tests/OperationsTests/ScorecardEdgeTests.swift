import Foundation
import Operations
import Orders
import Profiles
import Testing

@Suite("the scorecard's month in the retailer's time zone")
struct ScorecardEdgeTests {
    typealias F = ScorecardFixtures

    @Test("November 2026 in Chicago runs from 05:00Z on the 1st to 06:00Z on December 1st (DST ends on the 1st)")
    func monthBoundsFollowTheZone() {
        let starts = F.november.dayStarts(in: F.chicago)
        #expect(starts.count == 31)
        #expect(starts[0] == F.iso("2026-11-01T05:00:00Z"))
        #expect(starts[1] == F.iso("2026-11-02T06:00:00Z"), "the 1st is 25 hours long")
        #expect(starts[30] == F.iso("2026-12-01T06:00:00Z"))
        let east = F.november.dayStarts(in: F.newYork)
        #expect(east[0] == F.iso("2026-11-01T04:00:00Z"))
        #expect(east[30] == F.iso("2026-12-01T05:00:00Z"))
        let march = ScorecardMonth(year: 2027, month: 3)!.dayStarts(in: F.chicago)
        #expect(march[14].timeIntervalSince(march[13]) == 23 * 3_600, "March 14th 2027 is 23 hours long")
    }

    @Test("days elapsed count the 25-hour first of November by its own length")
    func daysElapsedOnADSTDay() {
        let starts = F.november.dayStarts(in: F.chicago)
        #expect(Scorecard.daysElapsed(dayStarts: starts, asOf: F.iso("2026-11-01T17:30:00Z")) == 0.5)
        #expect(Scorecard.daysElapsed(dayStarts: starts, asOf: F.iso("2026-11-02T06:00:00Z")) == 1)
        #expect(Scorecard.daysElapsed(dayStarts: starts, asOf: F.iso("2026-10-02T06:00:00Z")) == 0)
        #expect(Scorecard.daysElapsed(dayStarts: starts, asOf: F.iso("2026-12-02T06:00:00Z")) == 30)
    }

    /// Received at 23:59:59 on October 31st and 00:00:00 on November 1st, 23:59:59 on November 30th and
    /// 00:00:00 on December 1st, Chicago time, with 196 POs in between: 198 in Chicago's November. The same instants
    /// in New York's calendar: 23:59:59 October 31st Chicago is 00:59:59 November 1st there, and 23:59:59 November
    /// 30th Chicago is December 1st.
    static func edgeOrders(for retailer: RetailerID, lateCount: Int, withLastSecond: Bool) -> [ScorecardOrder] {
        var instants = [
            F.local(F.chicago, 2026, 10, 31, 23, 59, 59), F.local(F.chicago, 2026, 11, 1),
            F.local(F.chicago, 2026, 12, 1),
        ]
        if withLastSecond { instants.append(F.local(F.chicago, 2026, 11, 30, 23, 59, 59)) }
        for index in 0..<196 { instants.append(F.local(F.chicago, 2026, 11, 2 + index % 27, 10)) }
        var orders: [ScorecardOrder] = []
        for (index, instant) in instants.enumerated() {
            // The late ones are mid-month POs, due and shipped inside the month in either zone.
            let late = index >= instants.count - lateCount
            var order = F.order(Int64(index), retailer, at: instant, late: late)
            if index < 4 {
                // The edge POs ship on time well inside the month, so only their receipt is at an edge.
                order.shipBy = F.local(F.chicago, 2026, 11, 15, 12)
                order.shipments[0].shippedAt = F.local(F.chicago, 2026, 11, 15, 11)
            }
            orders.append(order)
        }
        return orders
    }

    @Test(
        "the allowance counts POs received in the retailer's own month, to the second",
        arguments: [
            // (last second of the month included, late POs, orders, free, charged)
            (true, 2, 198, 1, 1), (true, 3, 198, 1, 2), (false, 1, 197, 1, 0), (false, 3, 197, 1, 2),
        ])
    func allowanceAtTheMonthsEdges(withLastSecond: Bool, late: Int, orders: Int, free: Int, charged: Int) {
        let chicago = F.profile("chi", name: "Chicago Retail", zone: F.chicago)
        let scorecard = Scorecard.compute(
            Self.edgeOrders(for: "chi", lateCount: late, withLastSecond: withLastSecond), profiles: [chicago],
            month: F.november, asOf: F.iso("2026-12-10T00:00:00Z"))
        let retailer = scorecard.retailers[0]
        #expect(retailer.total.orders == orders)
        let fee = retailer.fees.first { $0.violation == .lateShip }
        #expect(fee?.count == late)
        #expect(fee?.base == orders)
        #expect(fee?.free == free)
        #expect(fee?.charged == charged)
        #expect(fee?.incurred == F.usd(Decimal(5 * charged)))
    }

    @Test("the same instants make a different month for a New York retailer")
    func newYorkMonth() {
        // 00:00:00 on November 1st New York time is 23:00 on October 31st in Chicago, and 23:59:59 on the 30th is
        // 22:59:59 there: all 200 POs are in New York's November (1% frees 2), 199 in Chicago's (1% frees 1).
        var orders: [ScorecardOrder] = []
        var instants = [F.local(F.newYork, 2026, 11, 1), F.local(F.newYork, 2026, 11, 30, 23, 59, 59)]
        for index in 0..<198 { instants.append(F.local(F.newYork, 2026, 11, 2 + index % 27, 10)) }
        for (index, instant) in instants.enumerated() {
            for retailer: RetailerID in ["chi", "nyc"] {
                orders.append(F.order(Int64(orders.count), retailer, at: instant, late: index >= 197))
            }
        }
        let scorecard = Scorecard.compute(
            orders,
            profiles: [
                F.profile("nyc", name: "New York Retail", zone: F.newYork),
                F.profile("chi", name: "Chicago Retail", zone: F.chicago),
            ], month: F.november, asOf: F.iso("2026-12-10T00:00:00Z"))
        let chicago = scorecard.retailers[0]
        let newYork = scorecard.retailers[1]
        #expect(chicago.retailer == "chi" && newYork.retailer == "nyc", "in retailer id order")
        #expect(chicago.total.orders == 199)
        #expect(newYork.total.orders == 200)
        let chicagoFee = chicago.fees.first { $0.violation == .lateShip }
        let newYorkFee = newYork.fees.first { $0.violation == .lateShip }
        #expect(chicagoFee?.free == 1 && chicagoFee?.charged == 2 && chicagoFee?.incurred == F.usd(10))
        #expect(newYorkFee?.free == 2 && newYorkFee?.charged == 1 && newYorkFee?.incurred == F.usd(5))
    }
}
