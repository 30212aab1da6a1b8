import Foundation
import Orders
import Profiles
import Routing
import TestSupport
import Testing

/// Routing is a function of its inputs: a router keeps nothing between decisions, a caller's scratch only saves
/// work, and a decision is a value that compares by its fields.
@Suite("routing is pure")
struct RoutingPurityTests {
    typealias W = SampleWorld

    /// A mixed run: every sample retailer, runs of one receipt time broken by others, several ship-tos, dates and
    /// carrier services.
    static let orders: [(order: PurchaseOrder, now: Date)] = {
        var random = SplitMix(seed: 1717)
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        let instants = [
            "2026-11-24T10:00:00-05:00", "2026-11-24T17:00:01-05:00", "2026-11-25T23:30:00-08:00",
            "2026-11-27T09:00:00-05:00",
        ].map(W.instant)
        let addresses = [W.newark, W.chicago, W.riverside, W.address("Dallas", "TX", "75201", line: "PO Box 12")]
        let days = ["2026-11-25", "2026-11-30", "2026-12-02"].map(W.day)
        let skus = W.world.catalog.items.keys.sorted()
        return (0..<120).map { number in
            let retailer: RetailerID = pick(["walmart", "amazon", "homedepot", "bestbuy"])
            let lines = (0..<(1 + Int(random.next() % 3))).map { _ in (pick(skus), 1 + Int(random.next() % 3)) }
            let dates = OrderDates(
                ordered: W.day("2026-11-24"), requestedShip: pick([nil, pick(days)]),
                requestedDelivery: pick([nil, pick(days)]))
            let order = W.order(
                retailer, "PURE-\(number)", lines: lines, shipTo: pick(addresses),
                method: pick([nil, ShipMethod(routing: "UPS 2ND DAY AIR")]), dates: dates)
            return (order, number % 5 == 0 ? pick(instants) : instants[(number / 10) % instants.count])
        }
    }()

    static let state: NetworkState = {
        var random = SplitMix(seed: 24)
        let nodes = W.world.network.nodes.map(\.id)
        let skus = W.world.catalog.items.keys.sorted()
        return W.stock(nodes.flatMap { node in skus.map { (node, $0, Int(random.next() % 5)) } })
    }()

    static let routers = W.world.routers()

    static func router(for order: PurchaseOrder) -> Router {
        guard let retailer = order.retailer, let router = routers[retailer] else {
            preconditionFailure("no sample router for \(order.poNumber)")
        }
        return router
    }

    /// Each order with a fresh scratch: the reference.
    static let reference: [RoutingDecision] = orders.map {
        router(for: $0.order).route($0.order, state: state, now: $0.now)
    }

    static func expectSame(_ decisions: [RoutingDecision], _ comment: String) throws {
        #expect(decisions.count == reference.count)
        for (decision, expected) in zip(decisions, reference) {
            #expect(decision == expected, "\(comment): \(expected.poNumber)")
            #expect(decision.hashValue == expected.hashValue, "\(comment): \(expected.poNumber)")
            #expect(
                decision.renderText(verbose: true) == expected.renderText(verbose: true),
                "\(comment): \(expected.poNumber)")
            #expect(try decision.renderJSON() == expected.renderJSON(), "\(comment): \(expected.poNumber)")
        }
    }

    @Test("one scratch kept across the run decides every order as a fresh scratch does")
    func reusedScratch() throws {
        var scratch = RoutingScratch()
        let decisions = Self.orders.map {
            Self.router(for: $0.order).route($0.order, state: Self.state, now: $0.now, scratch: &scratch)
        }
        try Self.expectSame(decisions, "one scratch for every retailer")
        var scratches: [RetailerID: RoutingScratch] = [:]
        let perProfile = Self.orders.map {
            Self.router(for: $0.order).route(
                $0.order, state: Self.state, now: $0.now,
                scratch: &scratches[$0.order.retailer ?? "", default: RoutingScratch()])
        }
        try Self.expectSame(perProfile, "a scratch per retailer")
    }

    @Test("deciding the orders in another order, through one scratch, gives the same decisions")
    func anotherOrder() throws {
        var scratch = RoutingScratch()
        var decisions = [RoutingDecision?](repeating: nil, count: Self.orders.count)
        // Backwards, then the odd ones again: the scratch holds what the last, different order left in it.
        for index in Self.orders.indices.reversed() + Self.orders.indices.filter({ $0 % 2 == 1 }) {
            let (order, now) = Self.orders[index]
            let decision = Self.router(for: order).route(order, state: Self.state, now: now, scratch: &scratch)
            if let earlier = decisions[index] { #expect(decision == earlier, "\(order.poNumber) decided twice") }
            decisions[index] = decision
        }
        try Self.expectSame(decisions.compactMap { $0 }, "backwards")
    }

    @Test("a scratch used with a stock whose rows and slots grew decides as a fresh one")
    func stockThatGrew() throws {
        var scratch = RoutingScratch()
        var state = Self.state
        for (index, entry) in Self.orders.prefix(40).enumerated() {
            let router = Self.router(for: entry.order)
            let decision = router.route(entry.order, state: state, now: entry.now, scratch: &scratch)
            #expect(decision == router.route(entry.order, state: state, now: entry.now), "\(entry.order.poNumber)")
            // A new SKU and, now and then, a node the network does not have: new rows and slots.
            state.stock.set(index, of: SKU("GROWN-\(index)"), at: index % 3 == 0 ? DCID("NEW\(index)") : "EWR1")
            state.apply(decision)
        }
    }

    @Test("decisions that differ in any field are unequal; equal decisions hash equal")
    func comparesByFields() throws {
        let order = W.order("amazon", "FIELDS-1", lines: [("HP-10001", 2)])
        let state = W.stock([("ORD1", "HP-10001", 5), ("EWR1", "HP-10001", 0)])
        let decision = W.decide(order, state)
        let again = W.decide(order, state)
        #expect(decision == again)
        #expect(decision.hashValue == again.hashValue)
        #expect(Set([decision, again]).count == 1)

        var changed = decision
        changed.outcome = .cancel
        #expect(changed != decision)
        changed = decision
        changed.decidedAt = decision.decidedAt + 1
        #expect(changed != decision)
        changed = decision
        changed.couldHaveShipped = ["EWR1"]
        #expect(changed != decision)
        changed = decision
        changed.shipments[0].lines[0].quantity += 1
        #expect(changed != decision)
        // A sentence set by the caller is a field like any other.
        changed = decision
        changed.checks[0].detail += "!"
        #expect(changed != decision)

        // The same plan, explained from other facts: the primary, short either way, holds one unit more.
        let more = W.decide(order, W.stock([("ORD1", "HP-10001", 5), ("EWR1", "HP-10001", 1)]))
        #expect(more.shipments == decision.shipments)
        #expect(more.outcome == decision.outcome)
        #expect(more != decision)
        #expect(more.renderText(verbose: true) != decision.renderText(verbose: true))

        // Another order, another decision.
        #expect(W.decide(W.order("amazon", "FIELDS-2", lines: [("HP-10001", 2)]), state) != decision)
        #expect(W.decide(order, state, now: W.demoNow + 60) != decision)
    }

    @Test("decisions read back from JSON compare by their given sentences")
    func readBack() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for decision in Self.reference.prefix(30) {
            let json = try decision.renderJSON()
            let back = try decoder.decode(RoutingDecision.self, from: Data(json.utf8))
            let twice = try decoder.decode(RoutingDecision.self, from: Data(json.utf8))
            #expect(back == twice)
            #expect(back.hashValue == twice.hashValue)
            #expect(try back.renderJSON() == json)
            #expect(back.renderText(verbose: true) == decision.renderText(verbose: true))
        }
    }

    @Test("many tasks deciding through the same routers decide as one task does")
    func concurrentDecisions() async throws {
        let orders = Self.orders
        let results = await withTaskGroup(of: [(Int, RoutingDecision, String)].self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Each task its own scratch, starting at its own place in the run.
                    var scratch = RoutingScratch()
                    return orders.indices.map { offset in
                        let index = (offset + task * 15) % orders.count
                        let (order, now) = orders[index]
                        let decision = Self.router(for: order).route(
                            order, state: Self.state, now: now, scratch: &scratch)
                        return (index, decision, decision.renderText(verbose: true))
                    }
                }
            }
            var all: [[(Int, RoutingDecision, String)]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for result in results {
            var decisions = [RoutingDecision?](repeating: nil, count: orders.count)
            for (index, decision, text) in result {
                decisions[index] = decision
                #expect(text == Self.reference[index].renderText(verbose: true), "\(decision.poNumber)")
            }
            try Self.expectSame(decisions.compactMap { $0 }, "concurrent")
        }
    }
}
