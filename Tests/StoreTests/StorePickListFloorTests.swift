import Foundation
import Orders
import Store
import Testing

/// Issue 21: the pick list carries what the floor did with each ticket (its node's shipments and cancelled units,
/// from the shipment and line-cancellation rows) and the bins the inventory gives, in the same read; the same on
/// both backends.
@Suite("Order store: what is left on the pick list, and the bins")
struct StorePickListFloorTests {
    /// PO-1 at EWR1 with its pick ticket, holding 5 of A (line 1) and 2 of B (line 2); A is in bin A-2-10, B in
    /// A-2-9, C (held by nobody) in C-1.
    func order(_ store: any OrderStore) async throws -> OrderID {
        try await store.importInventory([
            InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0, location: BinLocation(checking: "A-2-10")),
            InventoryRow(node: "EWR1", sku: "B", onHand: 5, safetyStock: 0, location: BinLocation(checking: "A-2-9")),
            InventoryRow(node: "EWR1", sku: "C", onHand: 5, safetyStock: 0, location: BinLocation(checking: "C-1")),
            InventoryRow(node: "ORD1", sku: "A", onHand: 5, safetyStock: 0, location: BinLocation(checking: "Z-9")),
        ])
        let ticket = OutboundDraft(kind: .pickTicket, partner: "EWR1", name: "walmart-PO-1-EWR1.json") { _ in
            Array(#"{"po":"PO-1"}"#.utf8)
        }
        let committed = try await store.commit(
            orderCommit(
                "PO-1",
                reservations: [
                    Reservation(node: "EWR1", sku: "A", quantity: 5), Reservation(node: "EWR1", sku: "B", quantity: 2),
                ], outbound: [numberedDraft(), ticket]))
        return try #require(committed.orderID)
    }

    func shipment(_ id: OrderID, _ items: [(String, SKU, Int)]) -> ShipmentCommit {
        ShipmentCommit(
            orderID: id, version: 1,
            confirmation: ShipConfirmation(
                node: "EWR1", shippedAt: t0 + 7200, method: ShipMethod(carrierSCAC: "UPSN"), service: "ups-ground",
                packages: [
                    .init(
                        trackingNumber: "1Z999AA10123456784",
                        contents: items.map { .init(lineNumber: $0.0, sku: $0.1, quantity: Decimal($0.2)) })
                ]),
            consumed: items.map { Reservation(node: "EWR1", sku: $0.1, quantity: $0.2) }, recordedAt: t0 + 7300,
            recordedBy: "floor", asnDue: nil, reviewJSON: "{}", outbound: [])
    }

    func cancellation(_ id: OrderID, line: String, _ sku: SKU, _ quantity: Int) -> CancellationCommit {
        CancellationCommit(
            orderID: id, version: 1,
            lines: [
                CancellationRecord(
                    orderID: id, node: "EWR1", lineNumber: line, sku: sku, quantity: quantity, reason: "damaged",
                    at: t0 + 7400, recordedBy: "floor")
            ], reviewJSON: "{}", outbound: [])
    }

    @Test(
        "an entry carries its node's shipments, the units cancelled per line and the bins of what the order holds",
        arguments: Backend.allCases)
    func floorFacts(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let id = try await order(store)
            let fresh = try #require(try await store.pickList(node: "EWR1").first)
            #expect(fresh.shipments.isEmpty)
            #expect(fresh.cancelled.isEmpty)
            #expect(fresh.locations.mapValues(\.rawValue) == ["A": "A-2-10", "B": "A-2-9"])

            guard case .recorded = try await store.recordShipment(shipment(id, [("1", "A", 2)])) else {
                Issue.record("not recorded")
                return
            }
            guard case .recorded = try await store.recordCancellation(cancellation(id, line: "1", "A", 1)) else {
                Issue.record("not recorded")
                return
            }
            let entry = try #require(try await store.pickList(node: "EWR1").first)
            #expect(entry.order == id)
            #expect(entry.shipments.count == 1)
            #expect(entry.shipments.first?.shippedQuantities.map(\.quantity) == [2])
            #expect(entry.cancelled == ["1": 1])
            #expect(entry.locations["A"]?.rawValue == "A-2-10", "A is still held: 2 of it")
            #expect(try await store.pickList(node: "EWR1", order: id) == [entry])

            // The rest ships: the order leaves the floor, but its ticket is still there when asked for by order.
            _ = try await store.recordShipment(shipment(id, [("1", "A", 2), ("2", "B", 2)]))
            #expect(try await store.pickList(node: "EWR1").isEmpty)
            let shipped = try #require(try await store.pickList(node: "EWR1", order: id).first)
            #expect(shipped.state == .shipped)
            #expect(shipped.shipments.count == 2)
            #expect(shipped.locations.isEmpty, "nothing is held any more")
            #expect(try await store.pickList(node: "ORD1", order: id).isEmpty)
        }
    }

    @Test(
        "an inventory import sets each node's bins with its counts; one without bins leaves the node without them",
        arguments: Backend.allCases)
    func binsImported(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await order(store)
            #expect(try await store.pickList(node: "EWR1").first?.locations.count == 2)
            try await store.importInventory([
                InventoryRow(node: "EWR1", sku: "A", onHand: 9, safetyStock: 0, location: BinLocation(checking: "D-4"))
            ])
            #expect(try await store.pickList(node: "EWR1").first?.locations.mapValues(\.rawValue) == ["A": "D-4"])
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 9, safetyStock: 0)])
            #expect(try await store.pickList(node: "EWR1").first?.locations.isEmpty == true)
            #expect(try await store.inventory(of: ["A"]).first { $0.node == "EWR1" }?.onHand == 9)
        }
    }
}
