import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import TestSupport
import Testing

/// Kits through the gateway on a real store: routed as one item whose stock is its components', reserved as its
/// components, from the one pool a component sold alone draws on too.
@Suite("The gateway: kits")
struct KitGatewayTests {
    static let skus: Set<SKU> = ["HP-10001", "HP-10002", "HP-10009", "HP-KIT-1", "HP-KIT-2"]

    /// The decisions of a processed document, by PO number.
    static func decisions(_ report: DocumentReport) -> [String: RoutingDecision] {
        var decisions: [String: RoutingDecision] = [:]
        for order in report.orders {
            if case .decided(let decision) = order.result, let po = order.poNumber { decisions[po.rawValue] = decision }
        }
        return decisions
    }

    @Test("a kit with one component short at the primary reroutes, and its components are reserved there")
    func shortComponentReroutes() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(stock: [
            ("EWR1", "HP-10001", 10, 0), ("EWR1", "HP-10009", 1, 0),
            ("ORD1", "HP-10001", 5, 1), ("ORD1", "HP-10009", 6, 2),
        ])
        let report = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT1", lines: [("HP-KIT-1", 1)])]), origin: "kits.x12",
            receivedAt: KitWorld.clock)
        let decision = try #require(Self.decisions(report)["KIT1"], "\(report.problems)")
        #expect(decision.outcome == .reroute, "\(decision.outcome)")
        #expect(decision.shipments.map(\.node) == ["ORD1"])
        #expect(decision.shipments.first?.lines.map(\.sku) == ["HP-KIT-1"])
        #expect(try await world.reserved(Self.skus) == ["ORD1 HP-10001": 2, "ORD1 HP-10009": 2])
    }

    @Test("a component sold alone and in a kit in one batch is reserved once, and never oversold")
    func onePool() async throws {
        let world = try KitWorld()
        // EWR1 has 3 bath towels: the kit takes 2, so the towel order of 2 after it cannot ship there.
        let gateway = try await world.gateway(stock: [
            ("EWR1", "HP-10001", 4, 1), ("EWR1", "HP-10009", 5, 0), ("ORD1", "HP-10001", 2, 0),
        ])
        let report = await gateway.process(
            KitWorld.amazonInterchange([
                (po: "KIT2", lines: [("HP-KIT-1", 1)]), (po: "TOWEL2", lines: [("HP-10001", 2)]),
                (po: "TOWEL3", lines: [("HP-10001", 1)]),
            ]),
            origin: "kits.x12", receivedAt: KitWorld.clock)
        let decisions = Self.decisions(report)
        #expect(decisions["KIT2"]?.shipments.map(\.node) == ["EWR1"])
        #expect(decisions["TOWEL2"]?.shipments.map(\.node) == ["ORD1"], "rerouted: EWR1 has 1 towel left")
        #expect(decisions["TOWEL3"]?.shipments.map(\.node) == ["EWR1"], "the last towel at EWR1")
        #expect(
            try await world.reserved(Self.skus) == [
                "EWR1 HP-10001": 3, "EWR1 HP-10009": 2, "ORD1 HP-10001": 2,
            ])
        let kitLater = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT3", lines: [("HP-KIT-1", 1)])], control: 2), origin: "later.x12",
            receivedAt: KitWorld.clock + 60)
        let later = try #require(Self.decisions(kitLater)["KIT3"])
        #expect(later.shipments.isEmpty, "no node has two bath towels left: \(later.outcome)")
        try await Self.expectWithinStock(world)
    }

    /// Reserved never above on hand − safety, at any node, for any SKU.
    static func expectWithinStock(_ world: KitWorld, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for position in try await world.store.inventory(of: skus) {
            #expect(
                position.reserved <= max(0, position.onHand - position.safetyStock),
                "\(position.node) \(position.sku): \(position.reserved) reserved of \(position.onHand) − \(position.safetyStock)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("random POs of kits and components: reservations are the decisions' lines expanded, within stock")
    func property() async throws {
        let nodes: [DCID] = ["EWR1", "ORD1", "DFW1"]
        let components: [SKU] = ["HP-10001", "HP-10002", "HP-10009"]
        let sellable: [SKU] = components + ["HP-KIT-1", "HP-KIT-2"]
        var kitUnitsShipped = 0
        for seed in UInt64(1)...12 {
            var random = SplitMix(seed: seed)
            let world = try KitWorld()
            var stock: [(DCID, SKU, Int, Int)] = []
            for node in nodes.prefix(2 + Int(random.next() % 2)) {
                for sku in components {
                    stock.append((node, sku, Int(random.next() % 9), Int(random.next() % 3)))
                }
            }
            let gateway = try await world.gateway(stock: stock)
            var orders: [(po: String, lines: [(SKU, Int)])] = []
            for number in 0..<(4 + Int(random.next() % 6)) {
                var lines: [(SKU, Int)] = []
                for _ in 0..<(1 + Int(random.next() % 2)) {
                    let sku = sellable[Int(random.next() % UInt64(sellable.count))]
                    if !lines.contains(where: { $0.0 == sku }) { lines.append((sku, 1 + Int(random.next() % 3))) }
                }
                orders.append((po: "P\(seed)X\(number)", lines: lines))
            }
            let report = await gateway.process(
                KitWorld.amazonInterchange(orders), origin: "seed-\(seed).x12", receivedAt: KitWorld.clock)
            var expected: [String: Int] = [:]
            for decision in Self.decisions(report).values {
                for shipment in decision.shipments {
                    for line in shipment.lines {
                        if world.profiles.catalog.isKit(line.sku) { kitUnitsShipped += line.quantity }
                        for (sku, quantity) in world.profiles.catalog.expanded(line.sku, quantity: line.quantity) {
                            expected["\(shipment.node) \(sku)", default: 0] += quantity
                        }
                    }
                }
            }
            #expect(try await world.reserved(Self.skus) == expected, "seed \(seed)")
            try await Self.expectWithinStock(world)
        }
        #expect(kitUnitsShipped > 0, "the seeds route some kits")
    }

    @Test("a kit shipped consumes its components' reservations and leaves the shelf")
    func shipAndCancel() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(stock: [("EWR1", "HP-10001", 10, 0), ("EWR1", "HP-10009", 10, 0)])
        _ = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT5", lines: [("HP-KIT-1", 2)])]), origin: "kits.x12",
            receivedAt: KitWorld.clock)
        let order = try #require(
            try await world.store.orders(OrderFilter(retailer: "amazon", poNumber: "KIT5")).first?.id)
        #expect(try await world.reserved(Self.skus) == ["EWR1 HP-10001": 4, "EWR1 HP-10009": 4])
        let outcome = try await gateway.ship(
            ShipmentRequest(
                order: order, service: "ups-ground", shippedAt: KitWorld.clock + 3600,
                packages: [.init(trackingNumber: "1Z999AA10123456784", contents: [(line: "1", quantity: 2)])]),
            by: "test", at: KitWorld.clock + 3600)
        #expect(outcome.state == .shipped, "\(outcome.review.refusals)")
        #expect(try await world.reserved(Self.skus).isEmpty)
        let onHand = try await world.store.inventory(of: ["HP-10001", "HP-10009"]).map(\.onHand)
        #expect(onHand == [6, 6], "the kit's components left the shelf")
    }

    @Test("a PO sent again in place of the first gets the first's components back, and with them its kits")
    func replacementGivesBackComponents() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(
            stock: [("EWR1", "HP-10001", 4, 0), ("EWR1", "HP-10009", 4, 0)],
            profiles: try world.profiles(editing: "amazon") { $0.orders.duplicates = .replace })
        _ = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT6", lines: [("HP-KIT-1", 2)])]), origin: "first.x12",
            receivedAt: KitWorld.clock)
        #expect(try await world.reserved(Self.skus) == ["EWR1 HP-10001": 4, "EWR1 HP-10009": 4])
        let again = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT6", lines: [("HP-KIT-1", 2)])], control: 2), origin: "again.x12",
            receivedAt: KitWorld.clock + 60)
        #expect(again.notes.contains { $0.contains("replaces order") }, "\(again.notes) \(again.problems)")
        let decision = try #require(Self.decisions(again)["KIT6"])
        #expect(decision.shipments.map(\.node) == ["EWR1"], "the first's two kits are free again at EWR1")
        #expect(try await world.reserved(Self.skus) == ["EWR1 HP-10001": 4, "EWR1 HP-10009": 4])
    }

    @Test("a kit line's pick ticket lists its components, in JSON and as CSV rows after the kit's")
    func pickTicketComponents() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(stock: [("EWR1", "HP-10001", 10, 0), ("EWR1", "HP-10009", 10, 0)])
        let report = await gateway.process(
            KitWorld.amazonInterchange([(po: "KIT4", lines: [("HP-KIT-1", 3)])]), origin: "kits.x12",
            receivedAt: KitWorld.clock)
        let decision = try #require(Self.decisions(report)["KIT4"])
        let summary = try #require(
            try await world.store.orders(OrderFilter(retailer: "amazon", poNumber: "KIT4")).first)
        let order = try #require(try await world.store.floorOrder(summary.id)?.order)
        let shipment = try #require(decision.shipments.first)
        let profile = try #require(world.profiles["amazon"])
        let ticket = PickTicket(
            order: order, shipment: shipment, profile: profile, catalog: world.profiles.catalog)
        let line = try #require(ticket.lines.first)
        #expect(line.sku == "HP-KIT-1")
        #expect(
            line.components == [
                PickTicket.Component(
                    sku: "HP-10001", upc: "084512100014", description: "Turkish Cotton Bath Towel 30 x 56 in White",
                    quantityPerKit: 2, quantity: 6),
                PickTicket.Component(
                    sku: "HP-10009", upc: "084512100090", description: "Turkish Cotton Hand Towel 16 x 30 in White",
                    quantityPerKit: 2, quantity: 6),
            ])
        let rows = ticket.csvRows
        #expect(rows.count == 3)
        #expect(
            rows[1].contains(
                ",1,HP-10001,084512100014,6,\"kit HP-KIT-1, 2 per kit: Turkish Cotton Bath Towel 30 x 56 in White\","),
            "\(rows[1])")
        let json = try JSONEncoder().encode(ticket)
        #expect(try JSONDecoder().decode(PickTicket.self, from: json) == ticket)
        #expect(String(decoding: json, as: UTF8.self).contains("\"quantityPerKit\":2"))
    }
}
