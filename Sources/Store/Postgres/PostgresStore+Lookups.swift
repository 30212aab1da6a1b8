import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    public func document(_ id: DocumentID) async throws(StoreError) -> DocumentRecord? {
        try await connection("read inbound document") { connection in
            guard
                let row = try await rows(
                    """
                    SELECT id, received_at, origin, format, partner, status, problems, finished,
                        octet_length(bytes)::bigint
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
}
