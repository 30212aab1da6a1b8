import Foundation
import Orders
import Store
import Testing

/// Retailers' change requests: each recorded once with its answer, its effect (a replacement, a cancellation)
/// written in the same transaction or not at all. The same contract on both backends.
@Suite("Order store: change requests")
struct StoreChangeTests {
    /// PO-1 holding 4 of A at EWR1 (10 on hand), committed from a kept document; and a second kept document (the
    /// change's).
    func setUp(_ store: any OrderStore) async throws -> (order: OrderID, change: DocumentID) {
        try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0)])
        let first = try await store.keep(document("ISA*PO"))
        let committed = try await store.commit(
            orderCommit(
                "PO-1", document: first.id, reservations: [Reservation(node: "EWR1", sku: "A", quantity: 4)],
                outbound: [numberedDraft(), numberedDraft(.pickTicket, partner: "EWR1", name: "ticket.json")]))
        let change = try await store.keep(document("ISA*PC", origin: "inbox/860.x12", at: t0 + 60))
        return (try #require(committed.orderID), change.id)
    }

    func commit(
        _ document: DocumentID, order: OrderID?, position: Int = 0, verdict: String = "accepted",
        reason: String? = nil, effect: ChangeEffect = .none
    ) -> ChangeCommit {
        ChangeCommit(
            document: document, position: position, retailer: "walmart", poNumber: "PO-1", order: order,
            receivedAt: t0 + 60, verdict: verdict, reason: reason, changeNumber: "1", reviewJSON: "{}",
            detail: "change request 1", effect: effect,
            outbound: [numberedDraft(.changeAcknowledgement, name: "865.x12")])
    }

    @Test("a refused request is kept with its answer, once; listed among those refused", arguments: Backend.allCases)
    func refusedOnce(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (order, change) = try await setUp(store)
            let request = commit(change, order: order, verdict: "refused", reason: "change-after-release")
            guard case .recorded(let id, let entries) = try await store.recordChange(request) else {
                Issue.record("not recorded")
                return
            }
            #expect(entries.map(\.kind) == [.changeAcknowledgement])
            #expect(entries.first?.inReplyTo == change)
            guard case .recorded(let again, let same) = try await store.recordChange(request) else {
                Issue.record("not recorded")
                return
            }
            #expect(again == id)
            #expect(same.map(\.id) == entries.map(\.id), "nothing written twice")
            let listed = try await store.changeRequests(ChangeRequestFilter(refusedOnly: true))
            #expect(listed.map(\.reason) == ["change-after-release"])
            #expect(listed.first?.order == order)
            #expect(try await store.changeRequests(ChangeRequestFilter(order: order)).count == 1)
            #expect(try await store.changeRequests(ChangeRequestFilter(retailer: "amazon")).isEmpty)
            #expect(try await store.audit(of: order).map(\.event).contains("change-request"))
        }
    }

    @Test("a request for no recorded PO is kept with no order", arguments: Backend.allCases)
    func unknownOrder(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (_, change) = try await setUp(store)
            _ = try await store.recordChange(commit(change, order: nil, verdict: "refused", reason: "unknown-order"))
            let listed = try await store.changeRequests(ChangeRequestFilter(refusedOnly: true))
            #expect(listed.count == 1)
            #expect(listed.first?.order == nil)
        }
    }

    @Test(
        "an accepted cancel releases the reservations, cancels the order and withdraws its unsent pick ticket",
        arguments: Backend.allCases)
    func cancel(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (order, change) = try await setUp(store)
            let cancellation = CancellationCommit(
                orderID: order, version: 1,
                lines: [
                    CancellationRecord(
                        orderID: order, node: "EWR1", lineNumber: "1", sku: "A", quantity: 4, reason: "retailer-cancel",
                        at: t0 + 60, recordedBy: "retailer walmart")
                ], reviewJSON: "{}", outbound: [])
            guard
                case .recorded = try await store.recordChange(
                    commit(change, order: order, effect: .cancel(cancellation)))
            else {
                Issue.record("not recorded")
                return
            }
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 0)
            #expect(try await store.floorOrder(order)?.state == .cancelled)
            let tickets = try await store.outbox(order: order).filter { $0.kind == .pickTicket }
            #expect(tickets.map(\.state) == [.withdrawn])
        }
    }

    @Test(
        "an effect that no longer fits writes nothing, not even the request: it is reviewed again",
        arguments: Backend.allCases)
    func conflictWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (order, change) = try await setUp(store)
            let stale = CancellationCommit(
                orderID: order, version: 7,
                lines: [
                    CancellationRecord(
                        orderID: order, node: "EWR1", lineNumber: "1", sku: "A", quantity: 4, reason: "retailer-cancel",
                        at: t0 + 60, recordedBy: "retailer walmart")
                ], reviewJSON: "{}", outbound: [])
            guard case .conflict = try await store.recordChange(commit(change, order: order, effect: .cancel(stale)))
            else {
                Issue.record("a stale version was recorded")
                return
            }
            #expect(try await store.changeRequests(ChangeRequestFilter()).isEmpty)
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 4)
            #expect(try await store.outbox(inReplyTo: change).isEmpty)
        }
    }

    @Test(
        "an accepted change replaces the order with its re-decided version, audited as changed",
        arguments: Backend.allCases)
    func replace(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let (order, change) = try await setUp(store)
            var changed = orderCommit(
                "PO-1", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 6)],
                outbound: [numberedDraft(.pickTicket, partner: "EWR1", name: "ticket.json")], at: t0 + 60)
            changed.order.lines = [OrderLine(lineNumber: "1", sku: "A", quantity: 6)]
            let replacement = OrderReplacement(
                replacing: order, version: 1, position: 0, commit: changed, released: [],
                note: "the retailer's change request in document \(change)")
            guard
                case .recorded(_, let entries) = try await store.recordChange(
                    commit(change, order: order, effect: .replace(replacement)))
            else {
                Issue.record("not recorded")
                return
            }
            #expect(Set(entries.map(\.kind)) == [.pickTicket, .changeAcknowledgement])
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 6)
            let floor = try #require(try await store.floorOrder(order))
            #expect(floor.version == 2)
            #expect(floor.order.lines.map(\.quantity) == [6])
            let audit = try await store.audit(of: order)
            #expect(audit.contains { $0.event == "changed" && $0.detail.contains("change request in document") })
            #expect(!audit.contains { $0.event == "replaced" })
        }
    }
}
