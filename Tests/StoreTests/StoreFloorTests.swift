import Foundation
import Orders
import Store
import Testing

/// Shipments and floor cancels: consumed and released reservations, the order's state, the ASN's outbox row, and
/// the conditional updates that keep two recorders from shipping the same units. The same contract on both
/// backends.
@Suite("Order store: the warehouse floor")
struct StoreFloorTests {
    /// PO-1 holding 4 of A and 2 of B at EWR1 (10 and 5 on hand).
    func order(_ store: any OrderStore) async throws -> OrderID {
        try await store.importInventory([
            InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0),
            InventoryRow(node: "EWR1", sku: "B", onHand: 5, safetyStock: 0),
        ])
        let committed = try await store.commit(
            orderCommit(
                "PO-1",
                reservations: [
                    Reservation(node: "EWR1", sku: "A", quantity: 4), Reservation(node: "EWR1", sku: "B", quantity: 2),
                ]))
        return try #require(committed.orderID)
    }

    func confirmation(_ items: [(String, SKU, Decimal)]) -> ShipConfirmation {
        ShipConfirmation(
            node: "EWR1", shippedAt: t0 + 7200, method: ShipMethod(carrierSCAC: "UPSN"), service: "ups-ground",
            packages: [
                .init(
                    trackingNumber: "1Z999AA10123456784", weight: 3,
                    contents: items.map { .init(lineNumber: $0.0, sku: $0.1, quantity: $0.2) })
            ])
    }

    func shipment(_ id: OrderID, _ consumed: [(SKU, Int)], version: Int = 1) -> ShipmentCommit {
        ShipmentCommit(
            orderID: id, version: version,
            confirmation: confirmation(
                consumed.enumerated().map { (String($0.offset + 1), $0.element.0, Decimal($0.element.1)) }),
            consumed: consumed.map { Reservation(node: "EWR1", sku: $0.0, quantity: $0.1) }, recordedAt: t0 + 7300,
            recordedBy: "floor", asnDue: t0 + 7200 + 86_400, reviewJSON: #"{"checks":[]}"#,
            outbound: [numberedDraft(.shipNotice, name: "856.x12")])
    }

    @Test(
        "a partial shipment consumes its units and leaves the order released; the rest ships it",
        arguments: Backend.allCases)
    func shipInParts(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let id = try await order(store)
            guard
                case .recorded(let first, let state, let entries) = try await store.recordShipment(
                    shipment(id, [("A", 3)]))
            else {
                Issue.record("not recorded")
                return
            }
            #expect(first != nil)
            #expect(state == .released)
            #expect(entries.map(\.kind) == [.shipNotice])
            #expect(entries.first.flatMap(interchangeNumber) == 2, "numbered after the 855 from the same counters")
            let a = try await store.inventory(of: ["A"]).first
            #expect(a?.onHand == 7)
            #expect(a?.reserved == 1)

            guard case .recorded(_, let done, _) = try await store.recordShipment(shipment(id, [("A", 1), ("B", 2)]))
            else {
                Issue.record("not recorded")
                return
            }
            #expect(done == .shipped)
            let stock = try await store.inventory(of: ["A", "B"]).sorted { $0.sku < $1.sku }
            #expect(stock.map(\.onHand) == [6, 3])
            #expect(stock.map(\.reserved) == [0, 0])

            let floor = try #require(try await store.floorOrder(id))
            #expect(floor.state == .shipped)
            #expect(floor.shipments.count == 2)
            #expect(floor.shipments.first?.confirmation == confirmation([("1", "A", 3)]))
            #expect(floor.shipments.first?.asnDue == t0 + 7200 + 86_400)
            #expect(floor.shipments.first?.recordedBy == "floor")
            #expect(floor.order.poNumber == "PO-1")
            #expect(try await store.audit(of: id).map(\.event) == ["decided", "shipped", "shipped"])
        }
    }

    @Test(
        "units not reserved any more, a replaced version, a shipped order: a conflict, nothing written",
        arguments: Backend.allCases)
    func conflicts(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let id = try await order(store)
            guard case .conflict(let reason) = try await store.recordShipment(shipment(id, [("A", 5)])) else {
                Issue.record("5 of A shipped where 4 were reserved")
                return
            }
            #expect(reason.contains("fewer than 5 of A reserved at EWR1"))
            guard case .conflict = try await store.recordShipment(shipment(id, [("A", 4)], version: 2)) else {
                Issue.record("a stale version was recorded")
                return
            }
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 4, "the conflicts wrote nothing")
            #expect(try await store.floorOrder(id)?.shipments.isEmpty == true)
            _ = try await store.recordShipment(shipment(id, [("A", 4), ("B", 2)]))
            guard case .conflict(let shipped) = try await store.recordShipment(shipment(id, [("A", 1)])) else {
                Issue.record("a shipped order shipped again")
                return
            }
            #expect(shipped.contains("is shipped"))
        }
    }

    @Test(
        "two recorders of the same units at once: one ships them, the other gets a conflict",
        arguments: Backend.allCases)
    func race(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let id = try await order(store)
            let other = try await database.open()
            async let first = store.recordShipment(shipment(id, [("A", 4), ("B", 2)]))
            async let second = other.recordShipment(shipment(id, [("A", 4), ("B", 2)]))
            let results = try await [first, second]
            await close(other)
            let recorded = results.filter { if case .recorded = $0 { true } else { false } }
            #expect(recorded.count == 1)
            #expect(try await store.inventory(of: ["A"]).first?.onHand == 6, "shipped once")
        }
    }

    @Test(
        "a floor cancel releases the reservation; cancelling everything leaves the order cancelled",
        arguments: Backend.allCases)
    func cancel(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let id = try await order(store)
            func line(_ number: String, _ sku: SKU, _ quantity: Int) -> CancellationRecord {
                CancellationRecord(
                    orderID: id, node: "EWR1", lineNumber: number, sku: sku, quantity: quantity, reason: "damaged",
                    at: t0 + 3600, recordedBy: "floor")
            }
            guard
                case .recorded(nil, let state, let entries) = try await store.recordCancellation(
                    CancellationCommit(
                        orderID: id, version: 1, lines: [line("2", "B", 2)], reviewJSON: #"{"flags":[]}"#,
                        outbound: [numberedDraft()]))
            else {
                Issue.record("not recorded")
                return
            }
            #expect(state == .released)
            #expect(entries.map(\.kind) == [.purchaseOrderAcknowledgement])
            let b = try await store.inventory(of: ["B"]).first
            #expect(b?.reserved == 0)
            #expect(b?.onHand == 5, "a cancel leaves the stock on hand")
            _ = try await store.recordCancellation(
                CancellationCommit(orderID: id, version: 1, lines: [line("1", "A", 4)], reviewJSON: "{}", outbound: []))
            let floor = try #require(try await store.floorOrder(id))
            #expect(floor.state == .cancelled)
            #expect(floor.cancellations.map(\.quantity) == [2, 4])
            #expect(floor.cancellations.first?.reason == "damaged")
            #expect(floor.cancellations.first?.reviewJSON == #"{"flags":[]}"#)
        }
    }

    @Test(
        "a kit line's cancel releases what it holds (its components), and keeps the line as cancelled: the kit's units",
        arguments: Backend.allCases)
    func cancelReleasesComponents(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            // PO-1's 4 A and 2 B stand for two kits of 2 A + 1 B on line 1.
            let id = try await order(store)
            let kit = CancellationRecord(
                orderID: id, node: "EWR1", lineNumber: "1", sku: "KIT", quantity: 1, reason: "not-found",
                at: t0 + 3600, recordedBy: "floor")
            let one = CancellationCommit(
                orderID: id, version: 1, lines: [kit],
                released: [
                    Reservation(node: "EWR1", sku: "A", quantity: 2), Reservation(node: "EWR1", sku: "B", quantity: 1),
                ], reviewJSON: "{}", outbound: [])
            guard case .recorded(nil, let state, _) = try await store.recordCancellation(one) else {
                Issue.record("not recorded")
                return
            }
            #expect(state == .released, "the other kit is still reserved")
            let positions = try await store.inventory(of: ["A", "B"])
            #expect(positions.map(\.reserved) == [2, 1], "one kit's components released, not the kit's units")
            #expect(positions.map(\.onHand) == [10, 5])
            let floor = try #require(try await store.floorOrder(id))
            #expect(floor.cancellations.map { "\($0.lineNumber) \($0.sku) \($0.quantity)" } == ["1 KIT 1"])
            // Releasing more than the order holds is a conflict, and nothing of it is kept.
            var tooMuch = one
            tooMuch.released = [Reservation(node: "EWR1", sku: "A", quantity: 3)]
            guard case .conflict = try await store.recordCancellation(tooMuch) else {
                Issue.record("more than reserved was released")
                return
            }
            #expect(try await store.inventory(of: ["A", "B"]).map(\.reserved) == [2, 1])
            #expect(try #require(try await store.floorOrder(id)).cancellations.count == 1)
        }
    }

    @Test(
        "a shipped order stays on the deadline watch until its ASN is delivered, then shows when it was",
        arguments: Backend.allCases)
    func asnDeadline(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let id = try await order(store)
            _ = try await store.recordShipment(shipment(id, [("A", 4), ("B", 2)]))
            let pending = try #require(
                try await store.deadlineRows(node: nil, since: t0 + 86_400 * 30).first { $0.order == id })
            #expect(pending.state == "shipped")
            #expect(pending.shippedAt == t0 + 7200)
            #expect(pending.asnDue == t0 + 7200 + 86_400)
            #expect(pending.asnSentAt == nil)
            try database.execute(
                "UPDATE outbox SET state = 'sent', delivered_at = \((t0 + 9000).timeIntervalSince1970) WHERE kind = '856'"
            )
            let sent = try #require(try await store.deadlineRows(node: nil, since: t0).first { $0.order == id })
            #expect(sent.asnDue == t0 + 7200 + 86_400)
            #expect(sent.asnSentAt == t0 + 9000)
            // Delivered, and older than the window: no longer watched.
            #expect(
                try await store.deadlineRows(node: nil, since: t0 + 86_400 * 30).contains { $0.order == id } == false)
        }
    }
}
