import Foundation
import Orders
import Store
import Testing

/// The outbox and control numbers, on each backend: numbers drawn in order per partner, gapless, never used up by a
/// commit that did not happen; `enqueue` and `resend` idempotent by key.
@Suite("Order store: outbox")
struct StoreOutboxTests {
    @Test("outbox rows carry control numbers drawn in order per partner", arguments: Backend.allCases)
    func controlNumbersInOrder(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = try await store.commit(
                orderCommit(
                    "PO-1",
                    outbound: [
                        numberedDraft(partner: "walmart"), numberedDraft(.pickTicket, partner: "EWR1-wms"),
                        numberedDraft(.explanation, partner: "walmart"),
                    ]))
            let entries = first.entries
            #expect(entries.map(\.partner) == ["walmart", "EWR1-wms", "walmart"])
            #expect(
                entries.map { String(decoding: $0.bytes, as: UTF8.self) } == [
                    "855 ISA13=1 GS06=1 ST02=1", "pick-ticket ISA13=1 GS06=1 ST02=1",
                    "explanation ISA13=2 GS06=2 ST02=2",
                ])
            let id = try #require(first.orderID)
            #expect(entries.allSatisfy { $0.orderID == id && $0.state == .pending && $0.createdAt == t0 + 1 })
            #expect(entries.map(\.destination) == Array(repeating: "file:outbound", count: 3))
            // The listing returns exactly what the commit returned, in order.
            #expect(try await store.outbox(state: nil) == entries)
            #expect(try await store.outbox(state: .pending) == entries)
            #expect(try await store.outbox(state: .sent).isEmpty)
            // What a metrics scrape counts, without reading a row's bytes.
            #expect(
                try await store.outboxDepth() == [
                    .pending: [.purchaseOrderAcknowledgement: 1, .pickTicket: 1, .explanation: 1]
                ])
        }
    }

    @Test("control numbers are gapless across commits and untouched by a conflict", arguments: Backend.allCases)
    func controlNumbersGapless(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 3, safetyStock: 0)])
            var numbers: [Int?] = []
            for index in 1...6 {
                // Every other commit asks for more than there is: it must not use a number.
                let quantity = index.isMultiple(of: 2) ? 100 : 1
                let result = try await store.commit(
                    orderCommit("PO-\(index)", reservations: [Reservation(node: "EWR1", sku: "A", quantity: quantity)]))
                #expect(result.isConflict == index.isMultiple(of: 2))
                numbers += result.entries.map(interchangeNumber)
                let acknowledgement = try await store.enqueue(
                    [numberedDraft(.functionalAcknowledgement)], inReplyTo: nil, key: "997-\(index)")
                numbers += acknowledgement.map(interchangeNumber)
            }
            #expect(numbers == (1...9).map { $0 })
            #expect(try await store.outbox(state: nil).map(interchangeNumber) == (1...9).map { $0 })
        }
    }

    @Test("a draft that cannot be rendered fails the commit and uses no number", arguments: Backend.allCases)
    func renderFailure(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let broken = OutboundDraft(kind: .purchaseOrderAcknowledgement, partner: "walmart", name: "855.x12") {
                numbers in
                _ = numbers.next(.interchange)
                throw Unrenderable()
            }
            let failure = await #expect(throws: StoreError.self) {
                try await store.commit(orderCommit("PO-1", outbound: [numberedDraft(), broken]))
            }
            #expect(failure?.code == .render)
            #expect(try await store.orders(.all).isEmpty)
            #expect(try await store.outbox(state: nil).isEmpty)
            #expect(try await store.commit(orderCommit("PO-1")).entries.map(interchangeNumber) == [1])
        }
    }

    @Test("enqueue is idempotent by key", arguments: Backend.allCases)
    func enqueueIsIdempotent(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let inbound = try await store.keep(document("ISA*one"))
            let first = try await store.enqueue(
                [
                    numberedDraft(.functionalAcknowledgement, name: "997.x12"),
                    numberedDraft(.interchangeAcknowledgement),
                ],
                inReplyTo: inbound.id, key: "ack-1")
            #expect(first.count == 2)
            #expect(first.allSatisfy { $0.inReplyTo == inbound.id && $0.orderID == nil && $0.state == .pending })
            // Again, even with other drafts: nothing new, the first call's rows, no number drawn.
            let again = try await store.enqueue([numberedDraft(), numberedDraft()], inReplyTo: nil, key: "ack-1")
            #expect(again == first)
            #expect(try await store.outbox(state: nil) == first)
            let other = try await store.enqueue([numberedDraft()], inReplyTo: nil, key: "ack-2")
            #expect(other.map(interchangeNumber) == [3])
        }
    }

    @Test("resend copies a key's rows under a new key, once", arguments: Backend.allCases)
    func resendCopies(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let original = try await store.keep(document("ISA*one"))
            let redelivery = try await store.keep(document("ISA*one", at: t0 + 60))
            let first = try await store.enqueue(
                [numberedDraft(.functionalAcknowledgement), numberedDraft(.interchangeAcknowledgement)],
                inReplyTo: original.id, key: "ack-1")
            let copies = try await store.resend(key: "ack-1", as: "ack-1-again", inReplyTo: redelivery.id, at: t0 + 61)
            #expect(copies.count == 2)
            #expect(copies.map(\.bytes) == first.map(\.bytes))
            #expect(copies.map(\.kind) == first.map(\.kind))
            #expect(copies.map(\.name) == first.map(\.name))
            #expect(copies.map(\.destination) == first.map(\.destination))
            #expect(
                copies.allSatisfy { $0.inReplyTo == redelivery.id && $0.createdAt == t0 + 61 && $0.state == .pending })
            #expect(Set(copies.map(\.id)).isDisjoint(with: first.map(\.id)))
            let again = try await store.resend(key: "ack-1", as: "ack-1-again", inReplyTo: redelivery.id, at: t0 + 99)
            #expect(again == copies)
            #expect(try await store.outbox(state: nil) == first + copies)
            #expect(try await store.resend(key: "no-such-key", as: "nothing", inReplyTo: nil, at: t0).isEmpty)
        }
    }
}

struct Unrenderable: Error {}
