import Feeds
import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import TestSupport
import Testing

/// A kit line cancelled from the floor gives back the components its reservation holds at its node (kits × each
/// component's quantity per kit), so that ATS sees them again; on both stores.
@Suite("The gateway: kit lines cancelled from the floor", .serialized)
struct KitFloorCancelTests {
    typealias Backend = KitWorld.Backend

    static let components: Set<SKU> = ["HP-10001", "HP-10009"]

    /// A gateway on `backend` with 10 of each component of HP-KIT-1 (2 × HP-10001 + 2 × HP-10009) at EWR1, and
    /// Amazon's profile as `fill` says, and a way to let the store go.
    func gateway(_ world: KitWorld, _ backend: Backend, fill: FulfilmentPolicy.Fill = .orderFillOrKill) async throws
        -> (Gateway, any OrderStore, () async -> Void)
    {
        let (store, close) = try await world.store(on: backend)
        try await store.importInventory([
            InventoryRow(node: "EWR1", sku: "HP-10001", onHand: 10, safetyStock: 0),
            InventoryRow(node: "EWR1", sku: "HP-10009", onHand: 10, safetyStock: 0),
        ])
        var profiles = world.profiles.profiles
        profiles["amazon"]?.fulfilment.fill = fill
        let set = ProfileSet(
            profiles: Array(profiles.values), network: world.profiles.network, catalog: world.profiles.catalog)
        return (Gateway(profiles: set, store: store, logger: Logger(label: "test")), store, close)
    }

    /// What Amazon's ATS feed says at EWR1 for the kit and its components, from the store's figures.
    func ats(_ world: KitWorld, _ store: any OrderStore) async throws -> [String: Int] {
        let profile = try #require(world.profiles["amazon"])
        let calculator = try ATSCalculator(
            profile: profile, network: world.profiles.network, catalog: world.profiles.catalog)
        let stock = try await store.inventory(of: Self.components)
        var figures: [String: Int] = [:]
        for line in calculator.snapshot(of: stock, at: KitWorld.clock).lines
        where line.node == "EWR1" && (Self.components.contains(line.sku) || line.sku == "HP-KIT-1") {
            figures[line.sku.rawValue] = line.quantity
        }
        return figures
    }

    /// Units reserved at EWR1 per component.
    func reserved(_ store: any OrderStore) async throws -> [String: Int] {
        var figures: [String: Int] = [:]
        for position in try await store.inventory(of: Self.components) where position.node == "EWR1" {
            figures[position.sku.rawValue] = position.reserved
        }
        return figures
    }

    /// PO `po` for 2 × HP-KIT-1, decided: its order id.
    func twoKits(_ gateway: Gateway, _ store: any OrderStore, po: String) async throws -> OrderID {
        _ = await gateway.process(
            KitWorld.amazonInterchange([(po: po, lines: [("HP-KIT-1", 2)])]), origin: "kits.x12",
            receivedAt: KitWorld.clock)
        return try #require(
            try await store.orders(OrderFilter(retailer: "amazon", poNumber: PONumber(rawValue: po))).first?.id)
    }

    @Test(
        "cancelling a kit line gives back exactly the components it reserved, and ATS sees them again",
        arguments: Backend.allCases)
    func wholeLine(_ backend: Backend) async throws {
        let world = try KitWorld()
        let (gateway, store, close) = try await gateway(world, backend)
        #expect(try await ats(world, store) == ["HP-10001": 10, "HP-10009": 10, "HP-KIT-1": 5], "before any PO")
        let order = try await twoKits(gateway, store, po: "KIT7")
        #expect(try await reserved(store) == ["HP-10001": 4, "HP-10009": 4], "2 kits × 2 of each component")
        #expect(try await ats(world, store) == ["HP-10001": 6, "HP-10009": 6, "HP-KIT-1": 3], "after the decision")
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 2], reason: .damaged, by: "test", at: KitWorld.clock + 600)
        #expect(outcome.state == .cancelled)
        #expect(try await reserved(store) == ["HP-10001": 0, "HP-10009": 0], "released exactly, once")
        #expect(try await ats(world, store) == ["HP-10001": 10, "HP-10009": 10, "HP-KIT-1": 5], "back as before")
        let floor = try #require(try await store.floorOrder(order))
        #expect(floor.cancellations.map { "\($0.lineNumber) \($0.sku) \($0.quantity)" } == ["1 HP-KIT-1 2"])
        let onHand = try await store.inventory(of: Self.components).map(\.onHand)
        #expect(onHand == [10, 10], "a cancel leaves the shelf as it is")
        await close()
    }

    @Test(
        "cancelling one of two kits gives back one kit's components; the other ships and consumes the rest",
        arguments: Backend.allCases)
    func partOfLine(_ backend: Backend) async throws {
        // Amazon ships the PO whole or cancels it: a program that ships complete lets one kit of two go.
        let world = try KitWorld()
        let (gateway, store, close) = try await gateway(world, backend, fill: .shipComplete)
        let order = try await twoKits(gateway, store, po: "KIT8")
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: KitWorld.clock + 600)
        #expect(outcome.state == .released, "one kit still ships")
        #expect(try await reserved(store) == ["HP-10001": 2, "HP-10009": 2])
        #expect(try await ats(world, store) == ["HP-10001": 8, "HP-10009": 8, "HP-KIT-1": 4])
        #expect(try await gateway.openLines(order, node: nil).map(\.quantity) == [1], "one kit left to ship")
        let shipped = try await gateway.ship(
            ShipmentRequest(
                order: order, service: "ups-ground", shippedAt: KitWorld.clock + 3600,
                packages: [.init(trackingNumber: "1Z999AA10123456784", contents: [(line: "1", quantity: 1)])]),
            by: "test", at: KitWorld.clock + 3600)
        #expect(shipped.state == .shipped, "\(shipped.review.refusals)")
        #expect(try await reserved(store) == ["HP-10001": 0, "HP-10009": 0])
        let onHand = try await store.inventory(of: Self.components).map(\.onHand)
        #expect(onHand == [8, 8], "one kit's components left the shelf")
        await close()
    }
}
