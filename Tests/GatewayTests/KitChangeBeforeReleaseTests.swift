import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import TestSupport
import Testing

/// A retailer's 860 that cuts a kit line before the order is released (issue 21): whatever the path (decided again
/// as changed, or cancelled whole), the order keeps its kit lines in kits and the store its reservations in
/// components, so that the pick list, the floor's cancellations and the open lines after a later release count the
/// kit line exactly; on both stores.
///
/// The kit is HP-KIT-1 (two HP-10001 and two HP-10009 per kit), so that a kit's units and its components' never
/// agree by chance.
@Suite("The gateway: kit lines cut by the retailer before release", .serialized)
struct KitChangeBeforeReleaseTests {
    typealias Backend = KitWorld.Backend

    static let skus: Set<SKU> = ["HP-10001", "HP-10009", "HP-10002"]
    static let now = KitWorld.clock
    static let later = KitWorld.clock + 600

    /// A gateway on `backend` with 20 of each of HP-KIT-1's components and 10 HP-10002 at ORD1, Home Depot's
    /// cancels honoured after release; PO `po` for three kits (line 1) and one HP-10002 (line 2), decided. Its
    /// order id, and a way to let the store go.
    func order(_ backend: Backend, po: String) async throws -> (Gateway, any OrderStore, OrderID, () async -> Void) {
        let world = try KitWorld()
        let (store, close) = try await world.store(on: backend)
        try await store.importInventory([
            InventoryRow(node: "ORD1", sku: "HP-10001", onHand: 20, safetyStock: 0),
            InventoryRow(node: "ORD1", sku: "HP-10009", onHand: 20, safetyStock: 0),
            InventoryRow(node: "ORD1", sku: "HP-10002", onHand: 10, safetyStock: 0),
        ])
        let profiles = try world.profiles(editing: "homedepot") { $0.orders.cancelAfterRelease = .honour }
        let gateway = Gateway(profiles: profiles, store: store, logger: Logger(label: "test"))
        _ = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: 900, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO(po, [("1", "HP-KIT-1", 3), ("2", "HP-10002", 1)])]),
            origin: "po.x12", receivedAt: Self.now)
        let id = try #require(
            try await store.orders(OrderFilter(retailer: "homedepot", poNumber: PONumber(rawValue: po))).first?.id)
        #expect(
            try await reserved(store) == ["HP-10001": 6, "HP-10009": 6, "HP-10002": 1],
            "3 kits × 2 of each component, and line 2")
        return (gateway, store, id, close)
    }

    /// The 860 `body`, sent by Home Depot; the verdict its review gave.
    func change(_ gateway: Gateway, _ body: [String], control: Int = 901) async -> ChangeReview.Verdict? {
        let report = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: control, functionalID: "PC", setID: "860", sets: [body]),
            origin: "change.x12", receivedAt: Self.later)
        for order in report.orders {
            if case .changeRequest(let outcome) = order.result { return outcome.review.verdict }
        }
        return nil
    }

    /// Units reserved at ORD1 per SKU, those with none left out.
    func reserved(_ store: any OrderStore) async throws -> [String: Int] {
        var figures: [String: Int] = [:]
        for position in try await store.inventory(of: Self.skus) where position.node == "ORD1" && position.reserved != 0
        {
            figures[position.sku.rawValue] = position.reserved
        }
        return figures
    }

    /// The floor's cancellations of the order: node, line, SKU, units, reason.
    func cancellations(_ store: any OrderStore, _ id: OrderID) async throws -> [String] {
        try #require(try await store.floorOrder(id)).cancellations.map {
            "\($0.node) \($0.lineNumber) \($0.sku) \($0.quantity) \($0.reason)"
        }
    }

    /// ORD1's pick list as the floor reads it: the order's ticket as it stands, each line with what is left to pick
    /// and, for a kit, each component's units.
    func pickList(_ store: any OrderStore, _ id: OrderID) async throws -> [String] {
        let decoder = JSONDecoder()
        return try await store.pickList(node: "ORD1", order: nil).filter { $0.order == id }.flatMap { entry in
            let ticket = entry.standing(try decoder.decode(PickTicket.self, from: Data(entry.ticket)))
            return ticket.lines.map { line in
                let parts = (line.components ?? []).map { " \($0.sku)×\($0.quantity)" }.joined()
                return "\(line.lineNumber) \(line.sku) \(line.quantity)" + parts
            }
        }
    }

    /// The open lines of the order at its node, as the ship form reads them.
    func openLines(_ gateway: Gateway, _ id: OrderID) async throws -> [String] {
        try await gateway.openLines(id, node: nil).map { "\($0.lineNumber) \($0.sku) \($0.quantity)" }
    }

    /// Ships every open line of the order in one package: the order's state after it.
    func shipRest(_ gateway: Gateway, _ id: OrderID) async throws -> OrderState {
        let open = try await gateway.openLines(id, node: nil)
        let at = Self.later + 3600
        return try await gateway.ship(
            ShipmentRequest(
                order: id, service: "ups-ground", shippedAt: at,
                packages: [
                    .init(
                        trackingNumber: "1Z999AA10123456784",
                        contents: open.map { ($0.lineNumber, Decimal($0.quantity)) })
                ]), by: "test", at: at
        ).state
    }

    @Test(
        "(a) a kit line cut before release: decided again in kits, components back, the pick list counts the rest",
        arguments: Backend.allCases)
    func quantityCut(_ backend: Backend) async throws {
        let (gateway, store, id, close) = try await order(backend, po: "KC-A")
        #expect(await change(gateway, RetailerX12.change("KC-A", ["POC|1|QD|1|3|EA|25.00||VN|HP-KIT-1"])) == .accepted)
        #expect(try await reserved(store) == ["HP-10001": 2, "HP-10009": 2, "HP-10002": 1], "1 kit × 2, and line 2")
        let floor = try #require(try await store.floorOrder(id))
        #expect(
            floor.order.lines.map { "\($0.lineNumber) \($0.sku?.rawValue ?? "-") \($0.quantity)" } == [
                "1 HP-KIT-1 1", "2 HP-10002 1",
            ])
        #expect(floor.cancellations.isEmpty, "the order now asks for one kit: nothing of it is cancelled")
        #expect(try await store.mark(id, as: .released, at: Self.later, detail: "picked"))
        #expect(try await pickList(store, id) == ["1 HP-KIT-1 1 HP-10001×2 HP-10009×2", "2 HP-10002 1"])
        #expect(try await openLines(gateway, id) == ["1 HP-KIT-1 1", "2 HP-10002 1"])
        // A second cut after release takes the last kit off the pick list, in kits, and its components back.
        #expect(
            await change(
                gateway, RetailerX12.change("KC-A", sequence: 2, ["POC|1|QD|0|1|EA|25.00||VN|HP-KIT-1"]), control: 902)
                == .accepted)
        #expect(try await cancellations(store, id) == ["ORD1 1 HP-KIT-1 1 retailer-cancel"])
        #expect(try await reserved(store) == ["HP-10002": 1])
        #expect(try await pickList(store, id) == ["2 HP-10002 1", "1 HP-KIT-1 0 HP-10001×0 HP-10009×0"])
        #expect(try await openLines(gateway, id) == ["2 HP-10002 1"])
        #expect(try await shipRest(gateway, id) == .shipped)
        #expect(try await reserved(store).isEmpty)
        await close()
    }

    @Test(
        "(b) a kit line cancelled before release: the order decided again without it, every component given back",
        arguments: Backend.allCases)
    func lineCancel(_ backend: Backend) async throws {
        let (gateway, store, id, close) = try await order(backend, po: "KC-B")
        #expect(await change(gateway, RetailerX12.change("KC-B", ["POC|1|DI|0|3|EA|25.00||VN|HP-KIT-1"])) == .accepted)
        #expect(try await reserved(store) == ["HP-10002": 1])
        let floor = try #require(try await store.floorOrder(id))
        #expect(
            floor.order.lines.map { "\($0.lineNumber) \($0.sku?.rawValue ?? "-") \($0.quantity)" } == ["2 HP-10002 1"])
        #expect(floor.cancellations.isEmpty)
        #expect(try await store.mark(id, as: .released, at: Self.later, detail: "picked"))
        #expect(try await pickList(store, id) == ["2 HP-10002 1"])
        #expect(try await openLines(gateway, id) == ["2 HP-10002 1"])
        #expect(try await shipRest(gateway, id) == .shipped)
        #expect(try await reserved(store).isEmpty)
        await close()
    }

    @Test(
        "(b) a PO's only line, a kit, cancelled before release: the order cancelled, the line recorded in kits",
        arguments: Backend.allCases)
    func onlyLineCancel(_ backend: Backend) async throws {
        let (gateway, store, id, close) = try await order(backend, po: "KC-O")
        // Line 2 goes first (decided again), then the kit line, the last one: the order is cancelled whole.
        #expect(await change(gateway, RetailerX12.change("KC-O", ["POC|2|DI|0|1|EA|25.00||VN|HP-10002"])) == .accepted)
        #expect(try await reserved(store) == ["HP-10001": 6, "HP-10009": 6])
        #expect(
            await change(
                gateway, RetailerX12.change("KC-O", sequence: 2, ["POC|1|DI|0|3|EA|25.00||VN|HP-KIT-1"]), control: 902)
                == .accepted)
        #expect(try await cancellations(store, id) == ["ORD1 1 HP-KIT-1 3 retailer-cancel"])
        #expect(try await reserved(store).isEmpty)
        #expect(try await store.floorOrder(id)?.state == .cancelled)
        #expect(try await store.mark(id, as: .released, at: Self.later, detail: "picked") == false)
        #expect(try await pickList(store, id).isEmpty)
        await close()
    }

    @Test(
        "(c) a PO with a kit line cancelled whole before release: the kit line kept in kits, every component back",
        arguments: Backend.allCases)
    func wholeCancel(_ backend: Backend) async throws {
        let (gateway, store, id, close) = try await order(backend, po: "KC-C")
        #expect(await change(gateway, RetailerX12.change("KC-C", purpose: "01")) == .accepted)
        #expect(
            try await cancellations(store, id) == [
                "ORD1 1 HP-KIT-1 3 retailer-cancel", "ORD1 2 HP-10002 1 retailer-cancel",
            ])
        #expect(try await reserved(store).isEmpty)
        #expect(try await store.floorOrder(id)?.state == .cancelled)
        #expect(try await store.mark(id, as: .released, at: Self.later, detail: "picked") == false)
        #expect(try await pickList(store, id).isEmpty)
        let tickets = try await store.outbox(order: id).filter { $0.kind == .pickTicket }
        #expect(tickets.allSatisfy { $0.state == .withdrawn }, "\(tickets.map(\.state))")
        await close()
    }
}
