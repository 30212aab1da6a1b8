import Foundation
import Orders
import Store
import Testing

/// What the HTTP service looks up by id, on each backend: a document and what became of it, an order, and the
/// outbox rows that answer either.
@Suite("Order store: lookups by id")
struct StoreLookupTests {
    @Test("the partner that posted a document is kept and read back", arguments: Backend.allCases)
    func documentPartner(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let posted = try await store.keep(
                InboundDocument(
                    receivedAt: t0, origin: "http:req-1", format: .x12, bytes: Array("ISA*posted".utf8),
                    partner: "walmart"))
            let dropped = try await store.keep(document("ISA*dropped"))
            let pending = try await store.pendingDocuments()
            #expect(pending.map(\.id) == [posted.id, dropped.id])
            #expect(pending.map(\.document.partner) == ["walmart", nil])
            #expect(try await store.document(posted.id)?.partner == "walmart")
            #expect(try await store.document(dropped.id)?.partner == nil)
        }
    }

    @Test("a document reads back with its status, problems and size, not its bytes", arguments: Backend.allCases)
    func documentRecord(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let bytes: [UInt8] = Array("ISA*garbage".utf8) + [0, 0xFF]
            let kept = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "http:req-9", format: .x12, bytes: bytes, partner: "target"))
            let expected = DocumentRecord(
                id: kept.id, receivedAt: t0, origin: "http:req-9", format: .x12, partner: "target", status: .received,
                problems: [], finished: false, byteCount: bytes.count)
            #expect(try await store.document(kept.id) == expected)

            try await store.finish(kept.id, status: .rejected, problems: ["line 1: no ISA", "line 2: garbage"])
            var finished = expected
            finished.status = .rejected
            finished.problems = ["line 1: no ISA", "line 2: garbage"]
            finished.finished = true
            #expect(try await store.document(kept.id) == finished)

            let clean = try await store.keep(document("<cXML/>", origin: "inbox/a.xml", at: t0 + 5))
            try await store.finish(clean.id, status: .accepted, problems: [])
            let record = try await store.document(clean.id)
            #expect(record?.status == .accepted)
            #expect(record?.problems == [])
            #expect(record?.finished == true)
            #expect(record?.byteCount == 7)

            #expect(try await store.document(DocumentID(9_999)) == nil)
        }
    }

    @Test("an order reads back by id as the order list shows it", arguments: Backend.allCases)
    func orderByID(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let kept = try await store.keep(document("ISA*orders"))
            let first = try #require(try await store.commit(orderCommit("PO-1", document: kept.id)).orderID)
            let second = try #require(
                try await store.commit(orderCommit("PO-2", retailer: "target", outcome: .backorder, nodes: [])).orderID)
            let listed = try await store.orders(.all)
            #expect(try await store.order(first) == listed.first)
            #expect(try await store.order(second) == listed.last)
            #expect(try await store.order(second)?.retailer == "target")
            #expect(try await store.order(first)?.documentID == kept.id)
            #expect(try await store.order(OrderID(9_999)) == nil)
        }
    }

    @Test("the outbox rows answering a document, and those an order produced", arguments: Backend.allCases)
    func outboxByDocumentAndOrder(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let kept = try await store.keep(document("ISA*answered"))
            let other = try await store.keep(document("ISA*other"))
            let acknowledgement = try await store.enqueue(
                [numberedDraft(.functionalAcknowledgement, name: "997.x12")], inReplyTo: kept.id, key: "997-1")
            let committed = try await store.commit(
                orderCommit(
                    "PO-1", document: kept.id,
                    outbound: [
                        numberedDraft(), numberedDraft(.pickTicket, partner: "EWR1-wms", name: "pick.json"),
                        numberedDraft(.explanation, name: "why.json"),
                    ]))
            let order = try #require(committed.orderID)
            let elsewhere = try await store.commit(orderCommit("PO-2", document: other.id))
            let otherAcknowledgement = try await store.enqueue(
                [numberedDraft(.functionalAcknowledgement, name: "997.x12")], inReplyTo: other.id, key: "997-2")

            #expect(try await store.outbox(inReplyTo: kept.id) == acknowledgement + committed.entries)
            #expect(try await store.outbox(order: order) == committed.entries)
            #expect(
                try await store.outbox(order: order).map(\.kind) == [
                    .purchaseOrderAcknowledgement, .pickTicket, .explanation,
                ])
            #expect(try await store.outbox(inReplyTo: other.id) == elsewhere.entries + otherAcknowledgement)
            #expect(try await store.outbox(inReplyTo: DocumentID(9_999)).isEmpty)
            #expect(try await store.outbox(order: OrderID(9_999)).isEmpty)
        }
    }
}
