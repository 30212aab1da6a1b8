import Foundation
import Orders
import Profiles
import Routing
import Testing

/// Issue 16: a fee avoided by a reroute carries the rule the primary failed and the fee that failure would have cost
/// under the profile, not the schedule's first entry.
@Suite("fees avoided name the failed rule")
struct AvoidedFeeTests {
    typealias W = SampleWorld

    /// Amazon (primary EWR1, then ORD1), deciding a one-line order against `network` and `stock`.
    func reroute(
        _ lines: [(SKU, Int)], stock: [(DCID, SKU, Int)], now: Date = W.demoNow, dates: OrderDates? = nil,
        profile: RetailerProfile = W.profile("amazon"), change: (inout FulfilmentNode) -> Void = { _ in }
    ) throws -> RoutingDecision {
        var network = W.world.network
        let ewr = try #require(network.nodes.firstIndex { $0.id == "EWR1" })
        change(&network.nodes[ewr])
        var order = W.order("amazon", lines: lines)
        if let dates { order.dates = dates }
        let decision = route(
            order, profile: profile, network: network, catalog: W.world.catalog, state: W.stock(stock), now: now)
        #expect(decision.outcome == .reroute)
        #expect(decision.shipments.map(\.node) == ["ORD1"])
        return decision
    }

    let both: [(DCID, SKU, Int)] = [("EWR1", "HP-10001", 9), ("ORD1", "HP-10001", 9)]

    @Test("short of stock at the primary: avoids cancel-for-stock, rendered with the failure")
    func stock() throws {
        let decision = try reroute([("HP-10001", 2)], stock: [("EWR1", "HP-10001", 1), ("ORD1", "HP-10001", 9)])
        let fee = try #require(decision.fees.avoided.first)
        #expect(fee.violation == .cancelForStock)
        #expect(fee.failedCheck == .stock)
        #expect(fee.node == "EWR1")
        #expect(fee.amount == Money(10, .usd))
        #expect(fee.cause == "EWR1 stock: line 1 HP-10001: 1 available, 2 needed")
        #expect(fee.note == "left there, the order would be cancelled for stock")
        #expect(
            decision.summary == "avoids cancel-for-stock 10.00 USD (EWR1 stock: line 1 HP-10001: 1 available, 2 needed)"
        )
    }

    @Test("no orders left today at the primary: the order would wait and ship late")
    func capacity() throws {
        let decision = try reroute([("HP-10001", 1)], stock: both) { $0.capacity.orders = 0 }
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.lateShip, .capacity))
        #expect(fee.note == "left there, the order would wait for capacity and ship after ship-by")
        #expect(decision.summary.hasPrefix("avoids late-ship 10.00 USD (EWR1 capacity: 0 of 0 orders"))
    }

    @Test("fewer units left at the primary than the order needs is a capacity failure too")
    func unitCapacity() throws {
        let decision = try reroute([("HP-10001", 3)], stock: both) { $0.capacity.units = 2 }
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.lateShip, .capacity))
        #expect(fee.cause == "EWR1 capacity: 2 unit(s) left today, 3 needed")
    }

    @Test("a switched-off primary has no day to ship: the order would be cancelled")
    func disabled() throws {
        let decision = try reroute([("HP-10001", 1)], stock: both) { $0.enabled = false }
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.cancelForStock, .enabled))
        #expect(fee.cause == "EWR1 enabled: switched off in the network file")
        #expect(fee.note == "switched off with no date to ship, the order would be cancelled")
    }

    @Test("a primary closed past ship-by would ship late")
    func closed() throws {
        let decision = try reroute([("HP-10001", 1)], stock: both) {
            $0.closures = [Closure(from: W.day("2026-11-23"), until: W.day("2026-12-04"), reason: "roof repair")]
        }
        let fee = try #require(decision.fees.avoided.first)
        #expect(fee.violation == .lateShip)
        #expect(fee.failedCheck == .shipBy)
        #expect(fee.cause?.contains("closed 2026-11-23…2026-12-04 (roof repair)") == true)
    }

    @Test("a primary with no authorized service would ship by another carrier")
    func carrier() throws {
        let decision = try reroute([("HP-10001", 1)], stock: both) {
            $0.services = $0.services.filter { !$0.service.rawValue.hasPrefix("ups") }
        }
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.unauthorizedCarrier, .carrier))
        #expect(fee.cause == "EWR1 carrier: has none of ups-ground")
    }

    @Test("a primary past its cutoff for the requested ship date would ship late")
    func shipBy() throws {
        var profile = W.profile("amazon")
        profile.shipSLA.honours = [.requestedShip]
        // 15:30 in New York: past EWR1's 15:00 cutoff, before ORD1's 16:00 in Chicago.
        let decision = try reroute(
            [("HP-10001", 1)], stock: both, now: W.instant("2026-11-24T15:30:00-05:00"),
            dates: OrderDates(ordered: W.day("2026-11-24"), requestedShip: W.day("2026-11-24")), profile: profile)
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.lateShip, .shipBy))
        #expect(fee.cause?.hasPrefix("EWR1 ship-by: earliest pickup 2026-11-25 15:00 America/New_York") == true)
        #expect(fee.note == "left there, the order would ship after ship-by")
    }

    @Test("a hazmat line the primary cannot handle avoids no fee when the schedule has none for an unshippable line")
    func capabilityWithoutFee() throws {
        let decision = try reroute([("HP-10003", 2)], stock: [("EWR1", "HP-10003", 9), ("ORD1", "HP-10003", 9)])
        #expect(decision.fees.avoided.isEmpty)
        #expect(decision.summary.hasPrefix("EWR1 capability: line 1 HP-10003 needs hazmat"))
    }

    @Test("a hazmat line the primary cannot handle avoids the schedule's rejected-unit fee, per unit")
    func capabilityWithFee() throws {
        var profile = W.profile("amazon")
        profile.fees.fees[.rejectedUnit] = Fee(amount: .perUnit(Money(4, .usd)))
        let decision = try reroute(
            [("HP-10003", 2)], stock: [("EWR1", "HP-10003", 9), ("ORD1", "HP-10003", 9)], profile: profile)
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck) == (.rejectedUnit, .capability))
        #expect(fee.amount == Money(8, .usd))
        #expect(
            decision.summary
                == "avoids rejected-unit 8.00 USD (EWR1 capability: line 1 HP-10003 needs hazmat; the node has no "
                + "such capability)")
    }

    @Test("line fill-or-kill charges the avoided fee on the failing lines only")
    func lineScope() throws {
        var profile = W.profile("homedepot")
        profile.fees.fees[.cancelForStock] = Fee(amount: .perUnit(Money(1, .usd)))
        let order = W.order("homedepot", lines: [("HP-10001", 2), ("HP-10005", 3)], shipTo: W.chicago)
        let decision = W.decide(
            order, W.stock([("ORD1", "HP-10005", 9), ("DFW1", "HP-10001", 9), ("DFW1", "HP-10005", 9)]),
            profile: profile)
        #expect(decision.outcome == .reroute)
        let fee = try #require(decision.fees.avoided.first)
        #expect((fee.violation, fee.failedCheck, fee.node) == (.cancelForStock, .stock, "ORD1"))
        #expect(fee.amount == Money(2, .usd))
        #expect(fee.note == "left there, line(s) 1 would be cancelled for stock")
    }
}
