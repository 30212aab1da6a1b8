import Foundation
import Operations
import Orders
import Profiles
import TestSupport
import Testing

/// A generated month of POs for two retailers (Chicago and New York: November 2026, when the clocks go back on the
/// 1st), counted by `Scorecard.compute` and again by a brute-force recount written here from the definitions, with
/// plain loops and the calendar's own components (no day-start table, no helper of the code under test).
@Suite("the scorecard against a brute-force recount of a generated month")
struct ScorecardRecountTests {
    typealias F = ScorecardFixtures
    static let nodes: [DCID] = ["DFW1", "EWR1", "ORD1"]

    /// POs received from October 25th to December 5th (UTC), with every kind of fact the scorecard reads, plus the
    /// four edge instants of each zone's month.
    static func generate(seed: UInt64, count: Int) -> [ScorecardOrder] {
        var rng = SplitMix(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        let start = F.iso("2026-10-25T00:00:00Z").timeIntervalSince1970
        let end = F.iso("2026-12-05T00:00:00Z").timeIntervalSince1970
        var instants: [Date] = []
        for zone in [F.chicago, F.newYork] {
            instants += [
                F.local(zone, 2026, 10, 31, 23, 59, 59), F.local(zone, 2026, 11, 1),
                F.local(zone, 2026, 11, 30, 23, 59, 59), F.local(zone, 2026, 12, 1),
            ]
        }
        while instants.count < count {
            instants.append(Date(timeIntervalSince1970: (start + rng.unit() * (end - start)).rounded()))
        }
        var orders: [ScorecardOrder] = []
        for (index, received) in instants.enumerated() {
            let retailer: RetailerID = index % 2 == 0 ? "chi" : "nyc"
            let units = pick(1...12)
            let outcomes: [DecisionOutcome] = [.ship, .ship, .ship, .reroute, .split, .backorder, .cancel, .reject]
            let outcome = outcomes[pick(0...outcomes.count - 1)]
            var nodes: [DCID] = []
            switch outcome {
            case .ship, .reroute, .backorder: nodes = [Self.nodes[pick(0...2)]]
            case .split: nodes = [Self.nodes[0], Self.nodes[1 + pick(0...1)]]
            case .cancel, .reject: nodes = []
            }
            let shipBy: Date? = nodes.isEmpty ? nil : received.addingTimeInterval(Double(pick(3_600...4 * 86_400)))
            var order = ScorecardOrder(
                id: Int64(index), retailer: retailer, receivedAt: received, units: units, outcome: outcome,
                nodes: nodes, shipBy: shipBy, progress: .open)
            if outcome == .cancel { order.cancelledUnits = units }
            if outcome == .split, pick(0...3) == 0 { order.cancelledUnits = pick(1...units) }
            if outcome == .reroute { order.feesAvoided = F.usd(Decimal(pick(1...40)) / 2) }
            if let shipBy {
                switch pick(0...9) {
                case 0...5:
                    // Shipped: each node once, around ship-by; the ASN due an hour later, delivered or not.
                    for node in nodes {
                        let shipped = shipBy.addingTimeInterval(Double(pick(-30 * 3_600...6 * 3_600)))
                        let due = shipped.addingTimeInterval(3_600)
                        let delivered: Date? =
                            pick(0...4) == 0 ? nil : shipped.addingTimeInterval(Double(pick(60...7_200)))
                        order.shipments.append(
                            .init(
                                node: node, shippedAt: shipped, asnDue: due, asnDeliveredAt: delivered,
                                carrierCompliant: pick(0...6) != 0))
                    }
                    order.progress = .shipped
                    if pick(0...5) == 0 { order.floorCancelledUnits[nodes[0]] = pick(1...units) }
                case 6:
                    order.progress = .cancelled
                    order.floorCancelledUnits[nodes[0]] = units
                case 7:
                    order.cancelledByRetailer = true
                default:
                    break
                }
            }
            orders.append(order)
        }
        return orders
    }

    /// The figures and fees a brute-force recount finds for one retailer.
    struct Recount {
        var orders = 0, units = 0, shipDue = 0, onTime = 0, late = 0, lateUnits = 0, asnDue = 0, asnOnTime = 0
        var asnLate = 0, cancelledOrders = 0, cancelledUnits = 0, reroutes = 0
        var avoided = Decimal(0)
        var pendingShip = 0, pendingASN = 0
        var nodeOrders: [DCID: Int] = [:], nodeLate: [DCID: Int] = [:], nodeCancelledUnits: [DCID: Int] = [:]
        var nodeASNLate: [DCID: Int] = [:]
        /// Shipments made in November by `asOf`, and those with an allowed carrier, in all and per node.
        var shipments = 0, compliant = 0
        var nodeShipments: [DCID: Int] = [:], nodeCompliant: [DCID: Int] = [:]
        var dayShipDue: [Int: Int] = [:], dayOnTime: [Int: Int] = [:]
    }

    static func recount(_ orders: [ScorecardOrder], retailer: RetailerID, zone: TimeZone, asOf: Date) -> Recount {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func inNovember(_ date: Date?) -> Bool {
            guard let date else { return false }
            let parts = calendar.dateComponents([.year, .month], from: date)
            return parts.year == 2026 && parts.month == 11
        }
        var r = Recount()
        for order in orders where order.retailer == retailer {
            var nodes: Set<DCID> = Set(order.nodes)
            for shipment in order.shipments { nodes.insert(shipment.node) }
            for node in order.floorCancelledUnits.keys { nodes.insert(node) }
            if inNovember(order.receivedAt) {
                r.orders += 1
                r.units += order.units
                var cancelled = order.cancelledUnits
                for (_, units) in order.floorCancelledUnits { cancelled += units }
                if cancelled > 0 {
                    r.cancelledOrders += 1
                    r.cancelledUnits += cancelled
                }
                if order.outcome == .reroute { r.reroutes += 1 }
                if let avoided = order.feesAvoided { r.avoided += avoided.amount }
                for node in nodes {
                    r.nodeOrders[node, default: 0] += 1
                    r.nodeCancelledUnits[node, default: 0] +=
                        order.cancelledUnits + (order.floorCancelledUnits[node] ?? 0)
                }
            }
            if let shipBy = order.shipBy, inNovember(shipBy), !order.cancelledByRetailer {
                var last: Date?
                for shipment in order.shipments where last == nil || shipment.shippedAt > last! {
                    last = shipment.shippedAt
                }
                var verdict = "none"
                if let last, last > shipBy {
                    verdict = "late"
                } else if order.progress == .open {
                    verdict = asOf > shipBy ? "late" : "pending"
                } else if last != nil {
                    verdict = "on time"
                }
                let day = calendar.component(.day, from: shipBy)
                if verdict == "late" || verdict == "on time" {
                    r.shipDue += 1
                    r.dayShipDue[day, default: 0] += 1
                }
                if verdict == "on time" {
                    r.onTime += 1
                    r.dayOnTime[day, default: 0] += 1
                }
                if verdict == "late" {
                    r.late += 1
                    r.lateUnits += order.units
                    for node in nodes { r.nodeLate[node, default: 0] += 1 }
                }
                if verdict == "pending" { r.pendingShip += 1 }
            }
            for shipment in order.shipments where inNovember(shipment.shippedAt) && shipment.shippedAt <= asOf {
                r.shipments += 1
                r.nodeShipments[shipment.node, default: 0] += 1
                if shipment.carrierCompliant {
                    r.compliant += 1
                    r.nodeCompliant[shipment.node, default: 0] += 1
                }
            }
            for shipment in order.shipments {
                guard let due = shipment.asnDue, inNovember(due) else { continue }
                if let delivered = shipment.asnDeliveredAt {
                    r.asnDue += 1
                    if delivered <= due {
                        r.asnOnTime += 1
                    } else {
                        r.asnLate += 1
                        r.nodeASNLate[shipment.node, default: 0] += 1
                    }
                } else if asOf > due {
                    r.asnDue += 1
                    r.asnLate += 1
                    r.nodeASNLate[shipment.node, default: 0] += 1
                } else {
                    r.pendingASN += 1
                }
            }
        }
        return r
    }

    /// Days of November gone by at `asOf` in `zone`, from the calendar's own arithmetic.
    static func elapsed(_ asOf: Date, zone: TimeZone) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let first = calendar.date(from: DateComponents(year: 2026, month: 11, day: 1))!
        let next = calendar.date(from: DateComponents(year: 2026, month: 12, day: 1))!
        if asOf <= first { return 0 }
        if asOf >= next { return 30 }
        let today = calendar.startOfDay(for: asOf)
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today)!
        let whole = calendar.dateComponents([.day], from: first, to: today).day!
        return Double(whole) + asOf.timeIntervalSince(today) / tomorrow.timeIntervalSince(today)
    }

    static func project(_ value: Int, _ elapsed: Double) -> Int {
        elapsed <= 0 || elapsed >= 30 ? value : Int((Double(value) * 30 / elapsed).rounded())
    }

    @Test(
        "every figure, per retailer, per DC and per day, and every fee match the recount",
        arguments: [
            (UInt64(1), "2026-11-18T15:30:00Z"), (UInt64(2), "2026-11-01T17:30:00Z"),
            (UInt64(3), "2026-12-10T00:00:00Z"), (UInt64(4), "2026-11-30T23:00:00Z"),
        ])
    func matchesTheRecount(seed: UInt64, at: String) {
        let asOf = F.iso(at)
        let orders = Self.generate(seed: seed, count: 6_000)
        let profiles = [
            F.profile("chi", name: "Chicago Retail", zone: F.chicago),
            F.profile("nyc", name: "New York Retail", zone: F.newYork),
        ]
        let clock = ContinuousClock()
        let started = clock.now
        let scorecard = Scorecard.compute(orders, profiles: profiles, month: F.november, asOf: asOf)
        print("computed the scorecard of \(orders.count) POs in \(clock.now - started)")
        #expect(scorecard.month == "2026-11")
        #expect(scorecard.retailers.map(\.retailer) == ["chi", "nyc"])
        for (card, zone) in zip(scorecard.retailers, [F.chicago, F.newYork]) {
            let r = Self.recount(orders, retailer: card.retailer, zone: zone, asOf: asOf)
            let t = card.total
            #expect(t.orders == r.orders && t.units == r.units, "\(card.retailer) seed \(seed)")
            #expect(t.shipDue == r.shipDue && t.shippedOnTime == r.onTime && t.shippedLate == r.late)
            #expect(t.asnDue == r.asnDue && t.asnOnTime == r.asnOnTime && t.asnLate == r.asnLate)
            #expect(t.cancelledOrders == r.cancelledOrders && t.cancelledUnits == r.cancelledUnits)
            #expect(t.reroutes == r.reroutes && t.feesAvoided == F.usd(r.avoided))
            #expect(t.shipments == r.shipments && t.carrierCompliantShipments == r.compliant)
            #expect(r.shipments > r.compliant || asOf < F.november.dayStarts(in: zone)[1], "some flagged")
            for node in card.nodes {
                #expect(node.figures.shipments == r.nodeShipments[node.node, default: 0], "\(node.node)")
                #expect(node.figures.carrierCompliantShipments == r.nodeCompliant[node.node, default: 0])
            }
            #expect(Set(r.nodeOrders.keys).isSubset(of: card.nodes.map(\.node)), "a DC with POs has a row")
            for node in card.nodes {
                #expect(node.figures.orders == r.nodeOrders[node.node] ?? 0, "\(node.node)")
                #expect(node.figures.shippedLate == r.nodeLate[node.node] ?? 0, "\(node.node)")
                #expect(node.figures.cancelledUnits == r.nodeCancelledUnits[node.node] ?? 0, "\(node.node)")
                #expect(node.figures.asnLate == r.nodeASNLate[node.node] ?? 0, "\(node.node)")
            }
            // Days: those gone by, each with its ship-by counts.
            let elapsed = Self.elapsed(asOf, zone: zone)
            #expect(abs(card.daysElapsed - elapsed) < 1e-9)
            #expect(card.days.count == (elapsed >= 30 ? 30 : Int(elapsed) + (elapsed > 0 ? 1 : 0)))
            for day in card.days {
                #expect(day.shipDue == r.dayShipDue[day.day.day] ?? 0, "day \(day.day)")
                #expect(day.shippedOnTime == r.dayOnTime[day.day.day] ?? 0, "day \(day.day)")
            }
            // Fees: late-ship counts POs against 1% of POs; cancel-for-stock units against 0.1% of units; late ASN
            // has no allowance. Allowances in tenths of a per cent, in whole numbers.
            let expected: [(FeeSchedule.Violation, Int, Int, Int, Int, Decimal)] = [
                (.lateShip, r.late, r.orders, 10, r.pendingShip, 5),
                (.lateASN, r.asnLate, r.orders, 0, r.pendingASN, 2),
                (.cancelForStock, r.cancelledUnits, r.units, 1, 0, 5),
            ]
            #expect(card.fees.count == 3)
            var incurred = Decimal(0)
            var atRisk = Decimal(0)
            for (violation, count, base, tenths, pending, price) in expected {
                guard let fee = card.fees.first(where: { $0.violation == violation }) else {
                    Issue.record("no \(violation) fee")
                    continue
                }
                let free = base * tenths / 1_000
                let charged = count > free ? count - free : 0
                let projectedBase = Self.project(base, elapsed)
                let projectedCount = Self.project(count, elapsed)
                let projectedFree = projectedBase * tenths / 1_000
                let remaining = projectedFree > count ? projectedFree - count : 0
                let risky = pending > remaining ? pending - remaining : 0
                #expect(fee.count == count && fee.base == base, "\(violation)")
                #expect(fee.free == free && fee.charged == charged, "\(violation)")
                #expect(fee.incurred == F.usd(Decimal(charged) * price), "\(violation)")
                #expect(fee.projectedBase == projectedBase && fee.projectedCount == projectedCount, "\(violation)")
                #expect(fee.projectedFree == projectedFree, "\(violation)")
                #expect(
                    fee.projectedIncurred
                        == F.usd(Decimal(projectedCount > projectedFree ? projectedCount - projectedFree : 0) * price))
                #expect(fee.remainingFree == remaining && fee.atRisk == F.usd(Decimal(risky) * price), "\(violation)")
                incurred += Decimal(charged) * price
                atRisk += Decimal(risky) * price
            }
            #expect(t.feesIncurred == F.usd(incurred) && t.feesAtRisk == F.usd(atRisk))
            // Metrics: on-time ship against 99 (a floor), cancel rate against 2 (a ceiling), carrier compliance
            // against its threshold (a floor).
            let onTime = card.metrics.first { $0.metric == .onTimeShip }
            if r.shipDue > 0 {
                let rate = Decimal(r.onTime) * 100 / Decimal(r.shipDue)
                #expect(abs(NSDecimalNumber(decimal: (onTime?.actual ?? 0) - rate).doubleValue) <= 0.005)
                #expect(onTime?.meets == ((onTime?.actual ?? 0) >= 99))
            }
            let cancel = card.metrics.first { $0.metric == .cancelRate }
            #expect(cancel?.meets == (r.orders == 0 ? nil : (cancel?.actual ?? 0) <= 2))
            let carrier = card.metrics.first { $0.metric == .carrierCompliance }
            if r.shipments > 0 {
                let rate = Decimal(r.compliant) * 100 / Decimal(r.shipments)
                #expect(abs(NSDecimalNumber(decimal: (carrier?.actual ?? 0) - rate).doubleValue) <= 0.005)
                #expect(carrier?.meets == ((carrier?.actual ?? 0) >= (carrier?.threshold ?? 0)))
            } else {
                #expect(carrier?.actual == nil && carrier?.meets == nil)
            }
        }
    }
}
