import Foundation
import Orders
import Store
import Testing

/// The `OrderStore` contract, run against each backend: what one store does, the other does too.
@Suite("Order store")
struct StoreSuiteTests {
    // MARK: Inbound documents

    @Test("a kept document stays pending, byte for byte, until it is finished", arguments: Backend.allCases)
    func keepFinishPending(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let binary: [UInt8] = Array("ISA*garbage".utf8) + [0, 0xFF, 0x1A, 0x0D]
            let first = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "inbox/bad.x12", format: .x12, bytes: binary))
            let second = try await store.keep(document("<cXML/>", origin: "http:req-7", at: t0 + 2))
            let third = try await store.keep(document("ISA*third", origin: "inbox/c.x12", at: t0 + 3))
            #expect(first.sameBytesAs == nil)
            #expect(Set([first.id, second.id, third.id]).count == 3)

            try await store.finish(second.id, status: .rejected, problems: ["line 1: no ISA", "line 2: garbage"])
            let pending = try await store.pendingDocuments()
            #expect(pending.map(\.id) == [first.id, third.id])
            #expect(pending.first?.document.bytes == binary)
            #expect(pending.first?.document.origin == "inbox/bad.x12")
            #expect(pending.first?.document.format == .x12)
            #expect(pending.first?.document.receivedAt == t0)

            try await store.finish(first.id, status: .unreadable, problems: [])
            try await store.finish(third.id, status: .accepted, problems: [])
            #expect(try await store.pendingDocuments().isEmpty)
        }
    }

    @Test("the same bytes kept again name the first document that had them", arguments: Backend.allCases)
    func sameBytesAreRecognised(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let original = try await store.keep(document("ISA*00*one"))
            let other = try await store.keep(document("ISA*00*two"))
            let again = try await store.keep(document("ISA*00*one", origin: "inbox/resent.x12", at: t0 + 60))
            let thrice = try await store.keep(document("ISA*00*one", origin: "inbox/resent2.x12", at: t0 + 90))
            #expect(other.sameBytesAs == nil)
            #expect(again.sameBytesAs == original.id)
            #expect(thrice.sameBytesAs == original.id)
            // Kept all the same: a redelivery is a document of its own, with its own origin and time.
            #expect(again.id != original.id)
            #expect(try await store.pendingDocuments().count == 4)
        }
    }

    @Test("an interchange belongs to the first document that claims it", arguments: Backend.allCases)
    func interchangeClaim(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = try await store.keep(document("ISA*first"))
            let second = try await store.keep(document("ISA*second"))
            let key = InterchangeKey(senderQualifier: "ZZ", senderID: "WALMART", controlNumber: "000000042")
            #expect(try await store.claim(key, for: first.id) == .first)
            // The same document again (finished after a crash) still processes it.
            #expect(try await store.claim(key, for: first.id) == .first)
            #expect(try await store.claim(key, for: second.id) == .repeated(of: first.id))
            // Another sender's ISA13, or another ISA13, is another interchange.
            let otherSender = InterchangeKey(senderQualifier: "ZZ", senderID: "TARGET", controlNumber: "000000042")
            #expect(try await store.claim(otherSender, for: second.id) == .first)
            let otherNumber = InterchangeKey(senderQualifier: "ZZ", senderID: "WALMART", controlNumber: "000000043")
            #expect(try await store.claim(otherNumber, for: second.id) == .first)
        }
    }

    @Test("a claim or an order naming a document never kept is refused as a constraint", arguments: Backend.allCases)
    func unknownDocumentIsRefused(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let key = InterchangeKey(senderQualifier: "ZZ", senderID: "WALMART", controlNumber: "000000042")
            let claim = await #expect(throws: StoreError.self) { try await store.claim(key, for: DocumentID(999)) }
            #expect(claim?.code == .constraint)
            let commit = await #expect(throws: StoreError.self) {
                try await store.commit(orderCommit("PO-1", document: DocumentID(999)))
            }
            #expect(commit?.code == .constraint)
            #expect(try await store.orders(.all).isEmpty)
            #expect(try await store.outbox(state: nil).isEmpty)
        }
    }

    // MARK: Stock and capacity

    @Test(
        "an inventory import replaces a node's figures and bins and keeps its reservations",
        arguments: Backend.allCases)
    func inventoryImport(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([
                InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 2),
                InventoryRow(node: "EWR1", sku: "B", onHand: 5, safetyStock: 0, location: BinLocation(checking: "B-1")),
                InventoryRow(node: "ORD1", sku: "A", onHand: 7, safetyStock: 1, location: BinLocation(checking: "C-3")),
            ])
            #expect(try await store.inventory(of: ["B"]).map(\.location?.rawValue) == ["B-1"])
            let result = try await store.commit(
                orderCommit("PO-1", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 3)]))
            #expect(result.orderID != nil)

            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 20, safetyStock: 1)])
            let positions = try await store.inventory(of: ["A", "B"])
            #expect(
                positions == [
                    InventoryPosition(node: "EWR1", sku: "A", onHand: 20, safetyStock: 1, reserved: 3),
                    InventoryPosition(node: "EWR1", sku: "B", onHand: 0, safetyStock: 0, reserved: 0),
                    InventoryPosition(
                        node: "ORD1", sku: "A", onHand: 7, safetyStock: 1, reserved: 0,
                        location: BinLocation(checking: "C-3")),
                ])
            #expect(positions.first?.available == 16)
            #expect(try await store.inventory(of: ["B"]).map(\.sku) == ["B"])
            #expect(try await store.inventory(of: ["Z"]).isEmpty)
            #expect(try await store.inventory(of: []).isEmpty)
        }
    }

    @Test("a commit reserves stock and takes capacity", arguments: Backend.allCases)
    func commitReservesAndTakesCapacity(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 2)])
            for (po, quantity) in [("PO-1", 3), ("PO-2", 4)] {
                let result = try await store.commit(
                    orderCommit(
                        po, reservations: [Reservation(node: "EWR1", sku: "A", quantity: quantity)],
                        capacity: [capacityClaim(units: quantity)]))
                #expect(result.orderID != nil)
            }
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 7)
            #expect(try await store.inventory(of: ["A"]).first?.available == 1)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 2, units: 7)])
            #expect(try await store.capacityUsed(on: CalendarDate(year: 2026, month: 11, day: 20)!).isEmpty)
        }
    }

    @Test("a reservation beyond what is available is a conflict that writes nothing", arguments: Backend.allCases)
    func reservationConflictWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([
                InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 2),
                InventoryRow(node: "EWR1", sku: "B", onHand: 3, safetyStock: 0),
            ])
            let before = try await store.inventory(of: ["A", "B"])
            // A fits, B does not: A's reservation, made first, must be undone too.
            let result = try await store.commit(
                orderCommit(
                    "PO-1",
                    reservations: [
                        Reservation(node: "EWR1", sku: "A", quantity: 8),
                        Reservation(node: "EWR1", sku: "B", quantity: 4),
                    ], capacity: [capacityClaim()], outbound: [numberedDraft(), numberedDraft(.pickTicket)]))
            #expect(result.isConflict)
            // Safety stock counts: 9 of A would leave less than 2.
            let overSafety = try await store.commit(
                orderCommit("PO-2", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 9)]))
            #expect(overSafety.isConflict)
            // A node or SKU the store has no row for has nothing available.
            let unknown = try await store.commit(
                orderCommit("PO-3", reservations: [Reservation(node: "SFO1", sku: "A", quantity: 1)]))
            #expect(unknown.isConflict)

            #expect(try await store.inventory(of: ["A", "B"]) == before)
            #expect(try await store.orders(.all).isEmpty)
            #expect(try await store.outbox(state: nil).isEmpty)
            #expect(try await store.capacityUsed(on: day).isEmpty)
            // No control number was used up: the next document is number 1.
            let next = try await store.commit(
                orderCommit("PO-1", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 8)]))
            #expect(next.entries.map(interchangeNumber) == [1])
        }
    }

    @Test("a capacity claim beyond a node's daily limit is a conflict", arguments: Backend.allCases)
    func capacityLimit(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let byOrders = capacityClaim(orders: 1, units: 1, maximumOrders: 2)
            #expect(try await store.commit(orderCommit("PO-1", capacity: [byOrders])).orderID != nil)
            #expect(try await store.commit(orderCommit("PO-2", capacity: [byOrders])).orderID != nil)
            #expect(try await store.commit(orderCommit("PO-3", capacity: [byOrders])).isConflict)
            let byUnits = capacityClaim(orders: 1, units: 5, maximumOrders: 100, maximumUnits: 6)
            #expect(try await store.commit(orderCommit("PO-4", capacity: [byUnits])).isConflict)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 2, units: 2)])
            #expect(try await store.orders(.all).map(\.poNumber) == ["PO-1", "PO-2"])
            // Another node's capacity is its own.
            let other = capacityClaim("ORD1", orders: 1, units: 5, maximumOrders: 1, maximumUnits: 7)
            #expect(try await store.commit(orderCommit("PO-4", capacity: [other])).orderID != nil)
            // A node's first claim of a day must fit on its own.
            let tooBig = capacityClaim("SFO1", orders: 1, units: 8, maximumOrders: 1, maximumUnits: 7)
            #expect(try await store.commit(orderCommit("PO-5", capacity: [tooBig])).isConflict)
            #expect(try await store.capacityUsed(on: day)["SFO1"] == nil)
        }
    }

    // MARK: Orders

    @Test("a PO recorded before is a duplicate that writes nothing", arguments: Backend.allCases)
    func duplicatePO(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0)])
            let firstDocument = try await store.keep(document("ISA*one"))
            let secondDocument = try await store.keep(document("ISA*two"))
            let reserve = [Reservation(node: "EWR1", sku: "A", quantity: 2)]
            let first = try await store.commit(
                orderCommit("PO-1", document: firstDocument.id, reservations: reserve))
            let id = try #require(first.orderID)
            let sameDocument = try await store.commit(
                orderCommit("PO-1", document: firstDocument.id, reservations: reserve))
            #expect(sameDocument == .duplicate(of: id, sameDocument: true))
            let otherDocument = try await store.commit(
                orderCommit("PO-1", document: secondDocument.id, reservations: reserve))
            #expect(otherDocument == .duplicate(of: id, sameDocument: false))
            let noDocument = try await store.commit(orderCommit("PO-1", reservations: reserve))
            #expect(noDocument == .duplicate(of: id, sameDocument: false))
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 2)
            #expect(try await store.outbox(state: nil).count == 1)
            #expect(try await store.orders(.all).count == 1)
            #expect(try await store.audit(of: id).count == 1)

            // The same number from another retailer, or with another purpose, is another PO.
            #expect(try await store.commit(orderCommit("PO-1", retailer: "target")).orderID != nil)
            #expect(try await store.commit(orderCommit("PO-1", purpose: .cancellation)).orderID != nil)
            #expect(try await store.orders(.all).count == 3)
        }
    }

    @Test("an order reads back as committed, and the listing filters it", arguments: Backend.allCases)
    func ordersFilter(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let kept = try await store.keep(document("ISA*one"))
            let a = try await store.commit(orderCommit("PO-A", document: kept.id, nodes: ["EWR1"], at: t0))
            let b = try await store.commit(
                orderCommit("PO-B", retailer: "target", outcome: .split, nodes: ["EWR1", "ORD1"], at: t0 + 10))
            let c = try await store.commit(orderCommit("PO-C", outcome: .cancel, nodes: [], at: t0 + 20))
            let d = try await store.commit(orderCommit("PO-D", nodes: ["ORD1"], at: t0 + 30))
            let ids = [a, b, c, d].map(\.orderID)

            let all = try await store.orders(.all)
            #expect(all.map(\.id) == ids.compactMap { $0 })
            let first = try #require(all.first)
            #expect(
                first
                    == OrderSummary(
                        id: try #require(a.orderID), retailer: "walmart", poNumber: "PO-A", outcome: .ship,
                        nodes: ["EWR1"], acknowledgeBy: t0 + 3600, shipBy: t0 + 86_400, receivedAt: t0,
                        documentID: kept.id, explanationJSON: #"{"po":"PO-A"}"#))
            #expect(all[1].nodes == ["EWR1", "ORD1"])
            #expect(all[2].nodes == [])

            func pos(_ filter: OrderFilter) async throws -> [PONumber] {
                try await store.orders(filter).map(\.poNumber)
            }
            #expect(try await pos(OrderFilter(outcome: .ship)) == ["PO-A", "PO-D"])
            #expect(try await pos(OrderFilter(retailer: "target")) == ["PO-B"])
            #expect(try await pos(OrderFilter(node: "ORD1")) == ["PO-B", "PO-D"])
            #expect(try await pos(OrderFilter(node: "EWR")) == [])
            #expect(try await pos(OrderFilter(since: t0 + 20)) == ["PO-C", "PO-D"])
            #expect(try await pos(OrderFilter(poNumber: "PO-C")) == ["PO-C"])
            #expect(try await pos(OrderFilter(outcome: .ship, retailer: "walmart", node: "ORD1")) == ["PO-D"])
            #expect(try await pos(OrderFilter(outcome: .reject)) == [])
        }
    }

    @Test(
        "a stored outcome that is no known outcome is a corrupt-row error naming the order and the text",
        arguments: Backend.allCases)
    func unknownStoredOutcome(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let a = try await store.commit(orderCommit("PO-A", at: t0))
            _ = try await store.commit(orderCommit("PO-B", outcome: .cancel, nodes: [], at: t0 + 10))
            let id = try #require(a.orderID)
            try database.execute("UPDATE decision SET outcome = 'teleport' WHERE order_id = \(id.rawValue)")

            let error = await #expect(throws: StoreError.self) { try await store.orders(.all) }
            #expect(error?.code == .corrupt)
            let text = error.map(String.init(describing:)) ?? ""
            #expect(text.contains("order \(id) (PO PO-A) has decision outcome 'teleport'"), "\(text)")
            #expect(text.contains("ship, reroute, split, backorder, cancel, reject"), "\(text)")
            await #expect(throws: StoreError.self) { try await store.orders(OrderFilter(poNumber: "PO-A")) }
            // Rows with known outcomes still list.
            #expect(try await store.orders(OrderFilter(outcome: .cancel)).map(\.poNumber) == ["PO-B"])
        }
    }

    @Test("a node filter matches node names literally", arguments: Backend.allCases)
    func nodeFilterIsLiteral(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.commit(orderCommit("PO-A", nodes: ["DCXEAST"]))
            _ = try await store.commit(orderCommit("PO-B", nodes: ["DC_EAST"]))
            _ = try await store.commit(orderCommit("PO-C", nodes: ["DC%"]))
            #expect(try await store.orders(OrderFilter(node: "DC_EAST")).map(\.poNumber) == ["PO-B"])
            #expect(try await store.orders(OrderFilter(node: "DC%")).map(\.poNumber) == ["PO-C"])
        }
    }

    @Test("an order's audit trail records its decision", arguments: Backend.allCases)
    func auditTrail(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let result = try await store.commit(orderCommit("PO-A", outcome: .split, nodes: ["EWR1", "ORD1"]))
            let id = try #require(result.orderID)
            #expect(
                try await store.audit(of: id) == [AuditEvent(at: t0 + 1, event: "decided", detail: "split EWR1+ORD1")])
            #expect(try await store.audit(of: OrderID(id.rawValue + 100)).isEmpty)
        }
    }
}
