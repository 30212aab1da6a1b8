public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    public func document(_ id: DocumentID) async throws(StoreError) -> DocumentRecord? {
        try await connection("read inbound document") { connection in
            guard
                let row = try await rows(
                    """
                    SELECT id, received_at, origin, format, partner, status, problems, finished,
                        CASE WHEN parts = 0 THEN octet_length(bytes)::bigint ELSE
                            (SELECT sum(octet_length(p.bytes))::bigint FROM inbound_part p
                                WHERE p.document_id = inbound_document.id) END
                    FROM inbound_document WHERE id = \(id.rawValue)
                    """, on: connection
                ).first
            else { return nil }
            let (id, receivedAt, origin, format, partner, status, problems, finished, byteCount) = try row.decode(
                (Int64, Double, String, String, String?, String, String, Bool, Int).self)
            return DocumentRecord(
                id: DocumentID(id), receivedAt: Date(timeIntervalSince1970: receivedAt), origin: origin,
                format: DocumentFormat(rawValue: format) ?? .unknown, partner: partner,
                status: try DocumentStatus.stored(status, row: "document \(id)", operation: "read inbound document"),
                problems: DocumentRecord.problems(stored: problems), finished: finished, byteCount: byteCount)
        }
    }

    public func order(_ id: OrderID) async throws(StoreError) -> OrderSummary? {
        try await connection("read order") { connection in
            try await rows(
                """
                SELECT \(unescaped: Self.orderColumns)
                FROM purchase_order o JOIN decision d ON d.order_id = o.id WHERE o.id = \(id.rawValue)
                """, on: connection
            ).first.map(Self.summary)
        }
    }

    public func outbox(inReplyTo document: DocumentID) async throws(StoreError) -> [OutboxEntry] {
        try await connection("list outbox") { connection in
            try await rows(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE in_reply_to = \(document.rawValue)
                ORDER BY id
                """, on: connection
            ).map(Self.entry)
        }
    }

    public func outbox(order: OrderID) async throws(StoreError) -> [OutboxEntry] {
        try await connection("list outbox") { connection in
            try await rows(
                "SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE order_id = \(order.rawValue) ORDER BY id",
                on: connection
            ).map(Self.entry)
        }
    }

    public func outboxDepth() async throws(StoreError) -> [OutboxState: [OutboundKind: Int]] {
        try await connection("count the outbox") { connection in
            var depth: [OutboxState: [OutboundKind: Int]] = [:]
            for row in try await rows("SELECT state, kind, count(*) FROM outbox GROUP BY state, kind", on: connection) {
                let (state, kind, count) = try row.decode((String, String, Int64).self)
                guard let state = OutboxState(rawValue: state), let kind = OutboundKind(rawValue: kind) else {
                    continue
                }
                depth[state, default: [:]][kind] = Int(count)
            }
            return depth
        }
    }

    public func lastDeliveredFeeds() async throws(StoreError) -> [RetailerID: Date] {
        try await connection("read the last delivered feeds") { connection in
            var last: [RetailerID: Date] = [:]
            for row in try await rows(
                """
                SELECT retailer, max(delivered_at) FROM feed_run
                WHERE state = 'delivered' AND delivered_at IS NOT NULL GROUP BY retailer
                """, on: connection)
            {
                let (retailer, at) = try row.decode((String, Double).self)
                last[RetailerID(retailer)] = Date(timeIntervalSince1970: at)
            }
            return last
        }
    }
}
