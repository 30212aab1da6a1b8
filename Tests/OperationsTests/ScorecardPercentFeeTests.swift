import Foundation
import Operations
import Orders
import Profiles
import TestSupport
import Testing

/// A fee that is a share of the order's value (`Fee.Amount.percent`) in the scorecard: priced on each violating
/// PO's value (a cancel's on what it cancelled), the allowance's free ones the month's first by deadline then PO,
/// and the forecast and risk at an average PO's value; against a brute-force recount written here from the
/// definitions.
@Suite("the scorecard's per-cent fees against a brute-force recount")
struct ScorecardPercentFeeTests {
    typealias F = ScorecardFixtures
    typealias R = ScorecardRecountTests

    /// Chicago: late-ship 2% beyond 1% of orders, late ASN 1.5% with no allowance, cancel-for-stock 3% beyond 0.1%
    /// of units. New York: late-ship 2.5% with no allowance beside a fixed late-ASN and a per-unit cancel fee.
    static let profiles = [
        F.profile(
            "chi", name: "Chicago Retail", zone: F.chicago,
            fees: [
                .lateShip: Fee(amount: .percent(2), allowance: .init(percent: 1, of: .orders)),
                .lateASN: Fee(amount: .percent(Decimal(string: "1.5")!)),
                .cancelForStock: Fee(
                    amount: .percent(3), allowance: .init(percent: Decimal(string: "0.1")!, of: .units)),
            ]),
        F.profile(
            "nyc", name: "New York Retail", zone: F.newYork,
            fees: [
                .lateShip: Fee(amount: .percent(Decimal(string: "2.5")!)),
                .lateASN: Fee(amount: .fixed(F.usd(2))),
                .cancelForStock: Fee(amount: .perUnit(F.usd(5))),
            ]),
    ]

    /// The recount's generated month, each PO given a PO number out of id order and a value (a few unknown or in
    /// another currency: worth nothing to a fee in dollars), ship-by on the hour so that many violations share a
    /// deadline; and late POs due at the month's edges in each zone: the last second of October (not in the month),
    /// the first instant of November (forty, numbered against their ids' order), the last second of November.
    static func generate(seed: UInt64, count: Int) -> [ScorecardOrder] {
        var rng = SplitMix(seed: seed &+ 100)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        var orders = R.generate(seed: seed, count: count)
        for index in orders.indices {
            orders[index].poNumber = PONumber("PO-\(pick(100_000...999_999))-\(index)")
            switch pick(0...24) {
            case 0: orders[index].value = nil
            case 1: orders[index].value = Money(Decimal(pick(100...99_999)) / 100, CurrencyCode("CAD"))
            default: orders[index].value = F.usd(Decimal(pick(100...9_999_999)) / 10_000)
            }
            // What the cancelled units were worth: their own share, less than the PO's (a few unknown: the PO's).
            if orders[index].ourCancelledUnits > 0, pick(0...9) > 0 {
                orders[index].cancelledValue = F.usd(Decimal(pick(1...99_999)) / 1_000)
            }
            if let shipBy = orders[index].shipBy {
                let hour = (shipBy.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600
                orders[index].shipBy = Date(timeIntervalSince1970: hour)
            }
        }
        var id = Int64(orders.count)
        for (retailer, zone) in [("chi", F.chicago), ("nyc", F.newYork)] as [(RetailerID, TimeZone)] {
            // Forty due at the month's first instant: more than the allowance frees, so its last free one is among
            // them.
            let edges =
                [F.local(zone, 2026, 10, 31, 23, 59, 59)] + Array(repeating: F.local(zone, 2026, 11, 1), count: 40)
                + [F.local(zone, 2026, 11, 30, 23, 59, 59)]
            for shipBy in edges {
                orders.append(
                    ScorecardOrder(
                        id: id, retailer: retailer, receivedAt: shipBy.addingTimeInterval(-86_400), units: 2,
                        outcome: .ship, nodes: ["EWR1"], shipBy: shipBy, progress: .open,
                        poNumber: PONumber("EDGE-\(1_000 - id)"), value: F.usd(Decimal(id) + Decimal(string: "0.5")!)))
                id += 1
            }
        }
        return orders
    }

    /// A violation as the recount finds it.
    struct Found {
        var deadline: Date
        var po: String
        var id: Int64
        var value: Decimal
    }

    /// What the recount finds of one per-cent fee: the violations, and the POs at risk with their values.
    struct PercentRecount {
        var violations: [Found] = []
        var pending: [Decimal] = []
    }

    static func dollars(_ value: Money?) -> Decimal {
        guard let value, value.currency == .usd else { return 0 }
        return value.amount
    }

    /// The violations of late-ship, late-asn and cancel-for-stock in `zone`'s November, with plain loops.
    static func recount(
        _ orders: [ScorecardOrder], retailer: RetailerID, zone: TimeZone, asOf: Date
    ) -> [FeeSchedule.Violation: PercentRecount] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func inNovember(_ date: Date) -> Bool {
            let parts = calendar.dateComponents([.year, .month], from: date)
            return parts.year == 2026 && parts.month == 11
        }
        var found: [FeeSchedule.Violation: PercentRecount] = [
            .lateShip: .init(), .lateASN: .init(), .cancelForStock: .init(),
        ]
        for order in orders where order.retailer == retailer {
            let value = dollars(order.value)
            let po = order.poNumber?.rawValue ?? ""
            if inNovember(order.receivedAt) {
                var cancelled = order.cancelledUnits
                for (_, units) in order.floorCancelledUnits { cancelled += units }
                if cancelled > 0 {
                    found[.cancelForStock]?.violations.append(
                        Found(
                            deadline: order.receivedAt, po: po, id: order.id,
                            value: dollars(order.cancelledValue ?? order.value)))
                }
            }
            if let shipBy = order.shipBy, inNovember(shipBy), !order.cancelledByRetailer {
                var last: Date?
                for shipment in order.shipments where last == nil || shipment.shippedAt > last! {
                    last = shipment.shippedAt
                }
                if let last, last > shipBy {
                    found[.lateShip]?.violations.append(Found(deadline: shipBy, po: po, id: order.id, value: value))
                } else if order.progress == .open {
                    if asOf > shipBy {
                        found[.lateShip]?.violations.append(Found(deadline: shipBy, po: po, id: order.id, value: value))
                    } else {
                        found[.lateShip]?.pending.append(value)
                    }
                }
            }
            for shipment in order.shipments {
                guard let due = shipment.asnDue, inNovember(due) else { continue }
                if let delivered = shipment.asnDeliveredAt {
                    if delivered > due {
                        found[.lateASN]?.violations.append(Found(deadline: due, po: po, id: order.id, value: value))
                    }
                } else if asOf > due {
                    found[.lateASN]?.violations.append(Found(deadline: due, po: po, id: order.id, value: value))
                } else {
                    found[.lateASN]?.pending.append(value)
                }
            }
        }
        return found
    }

    static func cents(_ amount: Decimal) -> Decimal {
        var exact = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }

    @Test(
        "a per-cent fee's incurred, forecast, risk and next fee match the recount, with and without an allowance",
        arguments: [
            (UInt64(1), "2026-11-18T15:30:00Z"), (UInt64(2), "2026-11-01T17:30:00Z"),
            (UInt64(3), "2026-12-10T00:00:00Z"), (UInt64(4), "2026-11-30T23:00:00Z"),
        ])
    func matchesTheRecount(seed: UInt64, at: String) {
        let asOf = F.iso(at)
        let orders = Self.generate(seed: seed, count: 6_000)
        let scorecard = Scorecard.compute(orders, profiles: Self.profiles, month: F.november, asOf: asOf)
        #expect(
            Scorecard.valuedRetailers(Self.profiles) == [
                "chi": [.lateShip, .lateASN, .cancelForStock], "nyc": [.lateShip],
            ])
        for (card, zone) in zip(scorecard.retailers, [F.chicago, F.newYork]) {
            let found = Self.recount(orders, retailer: card.retailer, zone: zone, asOf: asOf)
            let r = R.recount(orders, retailer: card.retailer, zone: zone, asOf: asOf)
            let elapsed = R.elapsed(asOf, zone: zone)
            let profile = Self.profiles.first { $0.id == card.retailer }!
            var incurredTotal = Decimal(0)
            var atRiskTotal = Decimal(0)
            for standing in card.fees {
                let fee = profile.fees.fees[standing.violation]!
                guard case .percent(let percent) = fee.amount else {
                    #expect(!standing.estimated)
                    incurredTotal += standing.incurred.amount
                    atRiskTotal += standing.atRisk.amount
                    continue
                }
                let recounted = found[standing.violation]!
                let count = recounted.violations.count
                let base = fee.allowance?.of == .units ? r.units : r.orders
                // Allowances here are whole tenths of a per cent.
                let tenths = NSDecimalNumber(decimal: (fee.allowance?.percent ?? 0) * 10).intValue
                let free = base * tenths / 1_000
                let ordered = recounted.violations.sorted {
                    ($0.deadline, $0.po, $0.id) < ($1.deadline, $1.po, $1.id)
                }
                var charged = Decimal(0)
                for (index, violation) in ordered.enumerated() where index >= free { charged += violation.value }
                let rate = percent / 100
                #expect(standing.count == count && standing.base == base, "\(card.retailer) \(standing.violation)")
                #expect(standing.free == free && standing.charged == max(0, count - free))
                #expect(standing.incurred == F.usd(rate * charged), "\(card.retailer) \(standing.violation)")
                #expect(standing.estimated && !standing.countsUnits)

                // The forecast: the violations so far beyond the projected free ones at their own values, the
                // rest projected at the average violation's; risk at the average PO at risk's.
                let projectedFree = R.project(base, elapsed) * tenths / 1_000
                let projectedCharged = max(0, R.project(count, elapsed) - projectedFree)
                var known = Decimal(0)
                for (index, violation) in ordered.enumerated() where index >= projectedFree { known += violation.value }
                let average = count > 0 ? ordered.reduce(Decimal(0)) { $0 + $1.value } / Decimal(count) : nil
                let pendingAverage =
                    recounted.pending.isEmpty
                    ? nil : recounted.pending.reduce(Decimal(0), +) / Decimal(recounted.pending.count)
                let guessed = projectedCharged - max(0, count - projectedFree)
                let projected =
                    guessed > 0
                    ? Self.cents(rate * known + rate * Decimal(guessed) * (average ?? pendingAverage ?? 0))
                    : rate * known
                #expect(standing.projectedIncurred == F.usd(projected), "\(card.retailer) \(standing.violation)")
                let remaining = max(0, projectedFree - count)
                let risky = max(0, recounted.pending.count - remaining)
                let atRisk = risky > 0 ? Self.cents(rate * Decimal(risky) * (pendingAverage ?? 0)) : 0
                #expect(standing.atRisk == F.usd(atRisk), "\(card.retailer) \(standing.violation)")
                #expect(standing.nextFee == (average ?? pendingAverage).map { F.usd(Self.cents(rate * $0)) })
                if standing.nextFee != nil {
                    #expect(standing.forecast.contains("costs about $"), "\(standing.forecast)")
                    #expect(standing.forecast.contains("of an average order"), "\(standing.forecast)")
                }
                incurredTotal += rate * charged
                atRiskTotal += atRisk
                // The month was not empty: the fee charges something, on POs of different values.
                if asOf > F.iso("2026-11-10T00:00:00Z") {
                    #expect(count > free && charged > 0, "\(card.retailer) \(standing.violation)")
                }
            }
            #expect(card.total.feesIncurred == F.usd(incurredTotal), "\(card.retailer)")
            #expect(card.total.feesAtRisk == F.usd(atRiskTotal), "\(card.retailer)")
            // Each day's fees: every violation falling on it at its full share (before the allowance).
            var daily: [Int: Decimal] = [:]
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            for standing in card.fees {
                let fee = profile.fees.fees[standing.violation]!
                guard case .percent(let percent) = fee.amount else { continue }
                for violation in found[standing.violation]!.violations {
                    daily[calendar.component(.day, from: violation.deadline), default: 0] +=
                        violation.value * percent / 100
                }
            }
            if card.retailer == "chi" {
                for day in card.days {
                    #expect(day.feesIncurred == F.usd(daily[day.day.day] ?? 0), "day \(day.day)")
                }
            }
        }
    }

    /// Three late POs of a retailer charging 2% of the order beyond 25% of its POs (four received in November,
    /// so one violation is free), two of them due at the same instant, and a fourth due the second before the
    /// month began.
    static func tiedMonth() -> [ScorecardOrder] {
        let tie = F.local(F.chicago, 2026, 11, 3, 12)
        func late(_ id: Int64, _ po: PONumber, shipBy: Date, value: Decimal) -> ScorecardOrder {
            ScorecardOrder(
                id: id, retailer: "chi", receivedAt: F.local(F.chicago, 2026, 11, 2), units: 1, outcome: .ship,
                nodes: ["EWR1"], shipBy: shipBy, progress: .open, poNumber: po, value: F.usd(value))
        }
        return [
            // The earliest deadline of all, but in October: not the month's, so not the free one.
            late(0, "PO-0", shipBy: F.local(F.chicago, 2026, 10, 31, 23, 59, 59), value: 1_000),
            late(1, "PO-B", shipBy: tie, value: 100),
            late(2, "PO-A", shipBy: tie, value: 200),
            late(3, "PO-C", shipBy: F.local(F.chicago, 2026, 11, 4, 12), value: 300),
            F.order(4, "chi", at: F.local(F.chicago, 2026, 11, 2)),
        ]
    }

    @Test("the allowance frees the month's first violation by deadline, then PO number, not by id or value")
    func freeViolationsAreTheFirstCounted() throws {
        let profile = F.profile(
            "chi", name: "Chicago Retail", zone: F.chicago,
            fees: [.lateShip: Fee(amount: .percent(2), allowance: .init(percent: 25, of: .orders))])
        let scorecard = Scorecard.compute(
            Self.tiedMonth(), profiles: [profile], month: F.november, asOf: F.iso("2026-12-10T00:00:00Z"))
        let fee = try #require(scorecard.retailers.first?.fees.first)
        #expect(fee.count == 3 && fee.base == 5 && fee.free == 1 && fee.charged == 2)
        // PO-A (200) is free; PO-B (100) and PO-C (300) are charged: 2% of 400.
        #expect(fee.incurred == F.usd(8))
        #expect(fee.projectedIncurred == fee.incurred, "the month is over: the forecast is what was charged")
        #expect(fee.nextFee == F.usd(4), "2% of the average violation, 200")
        #expect(
            fee.forecast == "No more late POs are free this month: the next costs about $4 (2% of an average order).")
        #expect(fee.sentence(retailer: "Chicago Retail")?.hasPrefix("Chicago Retail: no more late POs") == true)
    }

    @Test("without an allowance every violation is charged its share, and a PO with no value is charged nothing")
    func noAllowanceChargesEveryViolation() throws {
        let profile = F.profile(
            "chi", name: "Chicago Retail", zone: F.chicago, fees: [.lateShip: Fee(amount: .percent(2))])
        var orders = Self.tiedMonth()
        orders[3].value = nil
        let scorecard = Scorecard.compute(
            orders, profiles: [profile], month: F.november, asOf: F.iso("2026-12-10T00:00:00Z"))
        let fee = try #require(scorecard.retailers.first?.fees.first)
        #expect(fee.count == 3 && fee.free == 0 && fee.charged == 3)
        #expect(fee.incurred == F.usd(6), "2% of 100 + 200 + 0")
        #expect(scorecard.retailers.first?.total.feesIncurred == F.usd(6))
    }
}
