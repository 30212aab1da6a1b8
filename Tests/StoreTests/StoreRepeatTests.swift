import Foundation
import Orders
import Store
import Testing

/// A PO number sent again in a new interchange: refused (recorded against the first order) or replacing the first
/// order while it is open. The same contract on both backends.
@Suite("Order store: repeated POs")
struct StoreRepeatTests {
    /// PO-1 committed from a kept document, holding 4 of A at EWR1 (10 on hand) and one order and 4 units of
    /// EWR1's capacity, with an 855 and a pick ticket; and a second kept document the repeat comes in.
    func firstOrder(_ store: any OrderStore) async throws -> (id: OrderID, repeatDocument: DocumentID) {
        try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0)])
        let first = try await store.keep(document("ISA*first"))
        let again = try await store.keep(document("ISA*again", at: t0 + 600))
        let committed = try await store.commit(
            orderCommit(
                "PO-1", document: first.id, reservations: [Reservation(node: "EWR1", sku: "A", quantity: 4)],
                capacity: [capacityClaim(units: 4)],
                outbound: [numberedDraft(), numberedDraft(.pickTicket, partner: "EWR1", name: "ticket-1.json")]))
        let id = try #require(committed.orderID)
        return (id, again.id)
    }

    func replacement(
        of id: OrderID, version: Int = 1, document: DocumentID, quantity: Int, node: DCID = "EWR1",
        position: Int = 0
    ) -> OrderReplacement {
        OrderReplacement(
            replacing: id, version: version, position: position,
            commit: orderCommit(
                "PO-1", document: document, nodes: [node],
                reservations: [Reservation(node: node, sku: "A", quantity: quantity)],
                capacity: [capacityClaim(node, units: quantity, maximumOrders: 1, maximumUnits: 10)],
                outbound: [numberedDraft(), numberedDraft(.pickTicket, partner: node.rawValue, name: "ticket-2.json")],
                at: t0 + 600),
            released: [capacityClaim(units: 4)])
    }

    @Test(
        "a refused repeat is recorded once against the first order, with its answer, and takes no stock",
        arguments: Backend.allCases)
    func refusedRepeat(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (id, again) = try await firstOrder(store)
            let refusal = OrderRepeat(
                order: id, document: again, position: 0, at: t0 + 600, detail: "PO PO-1 sent again",
                outbound: [numberedDraft()])
            let answered = try await store.recordRepeat(refusal)
            #expect(answered.map(\.kind) == [.purchaseOrderAcknowledgement])
            #expect(answered.first.flatMap(interchangeNumber) == 2)
            #expect(answered.first?.inReplyTo == again)
            // Recorded again (the document finished after a crash): nothing new, the same answer.
            #expect(try await store.recordRepeat(refusal) == answered)
            let trail = try await store.audit(of: id)
            #expect(trail.map(\.event) == ["decided", "duplicate"])
            #expect(trail.last?.detail == "PO PO-1 sent again")
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 4)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 1, units: 4)])
            #expect(try await store.outbox(state: nil).count == 3)
            let recorded = try await store.recordedOrders([id], for: again)[id]
            #expect(recorded?.state == .open)
            #expect(recorded?.documentID != again)
            #expect(recorded?.sameBytes == false)
            // The first document's very bytes delivered again are a redelivery, not a repeat.
            let redelivered = try await store.keep(document("ISA*first", at: t0 + 900))
            #expect(try await store.recordedOrders([id], for: redelivered.id)[id]?.sameBytes == true)
        }
    }

    @Test(
        "a replacement gives back the first version's stock and capacity and commits the new one in its place",
        arguments: Backend.allCases)
    func replacementMovesReservations(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (id, again) = try await firstOrder(store)
            // 6 more would not fit beside the first version's 4 of 10 on hand; in its place they do. Capacity is
            // one order a day: the replacement takes the first one's slot.
            let result = try await store.replace(replacement(of: id, document: again, quantity: 10))
            guard case .replaced(let replaced, let entries) = result else {
                Issue.record("not replaced: \(result)")
                return
            }
            #expect(replaced == id)
            #expect(entries.map(\.kind) == [.purchaseOrderAcknowledgement, .pickTicket])
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 10)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 1, units: 10)])
            let recorded = try #require(try await store.recordedOrders([id], for: again)[id])
            #expect(recorded.version == 2)
            #expect(recorded.documentID == again)
            #expect(recorded.reservations == [Reservation(node: "EWR1", sku: "A", quantity: 10)])
            #expect(try await store.orders(.all).map(\.id) == [id])
            #expect(try await store.audit(of: id).map(\.event) == ["decided", "replaced", "decided"])
            // The first version's pick ticket never leaves; its 855 (numbered) stays, as do the new ones.
            let outbox = try await store.outbox(state: nil)
            #expect(outbox.filter { $0.name == "ticket-1.json" }.map(\.state) == [.withdrawn])
            #expect(try await store.outbox(state: .pending).map(\.name) == ["855.x12", "855.x12", "ticket-2.json"])
            // Replacing against the version it replaced is a conflict that changes nothing.
            let stale = try await store.replace(replacement(of: id, document: again, quantity: 1, position: 1))
            #expect(stale.isConflict)
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 10)
        }
    }

    @Test(
        "a replacement that needs stock another order took is a conflict that changes nothing",
        arguments: Backend.allCases)
    func replacementConflict(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (id, again) = try await firstOrder(store)
            #expect(
                try await store.commit(
                    orderCommit("PO-2", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 5)])
                ).orderID != nil)
            // 4 back and 5 more: 1 on hand is left, 5 more is not.
            #expect(try await store.replace(replacement(of: id, document: again, quantity: 9)).isConflict)
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 9)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 1, units: 4)])
            #expect(try await store.recordedOrders([id], for: again)[id]?.version == 1)
            #expect(try await store.audit(of: id).map(\.event) == ["decided"])
            #expect(try await store.outbox(state: .withdrawn).isEmpty)
        }
    }

    @Test(
        "an order released to the warehouse is never replaced, and states only move on",
        arguments: Backend.allCases)
    func releasedOrderIsRefused(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (id, again) = try await firstOrder(store)
            #expect(try await store.mark(id, as: .released, at: t0 + 300, detail: "picked up by the WMS"))
            #expect(try await store.mark(id, as: .released, at: t0 + 301, detail: "again") == false)
            #expect(try await store.mark(id, as: .open, at: t0 + 302, detail: "back") == false)
            #expect(try await store.replace(replacement(of: id, document: again, quantity: 2)) == .refused(.released))
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 4)
            #expect(try await store.audit(of: id).map(\.event) == ["decided", "released"])
            #expect(try await store.mark(id, as: .shipped, at: t0 + 900, detail: "tracking 1Z"))
            #expect(try await store.replace(replacement(of: id, document: again, quantity: 2)) == .refused(.shipped))
        }
    }

    @Test("two stores replacing the same order at once: exactly one wins", arguments: Backend.allCases)
    func concurrentReplacements(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let (id, again) = try await firstOrder(store)
            let third = try await store.keep(document("ISA*third", at: t0 + 700))
            let other = try await database.open()
            async let leftResult = store.replace(replacement(of: id, document: again, quantity: 3))
            async let rightResult = other.replace(replacement(of: id, document: third.id, quantity: 5, position: 1))
            let (left, right) = try await (leftResult, rightResult)
            await close(other)
            let won = [left, right].filter { if case .replaced = $0 { true } else { false } }
            #expect(won.count == 1, "\(left) \(right)")
            #expect([left, right].filter(\.isConflict).count == 1)
            let reserved = try await store.inventory(of: ["A"]).first?.reserved
            if case .replaced = left { #expect(reserved == 3) } else { #expect(reserved == 5) }
            #expect(try await store.recordedOrders([id], for: again)[id]?.version == 2)
            #expect(try await store.capacityUsed(on: day)["EWR1"]?.orders == 1)
        }
    }
}

extension ReplacementResult {
    var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }
}
