public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    public func document(_ id: DocumentID) async throws(StoreError) -> DocumentRecord? {
        try await read("read inbound document") { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT id, received_at, origin, format, partner, status, problems, finished,
                                CASE WHEN parts = 0 THEN length(bytes) ELSE
                                    (SELECT sum(length(bytes)) FROM inbound_part WHERE document_id = inbound_document.id) END
                                    AS byte_count
                            FROM inbound_document WHERE id = ?
                            """), arguments: [id.rawValue])
            else { return nil }
            let status: String = row["status"]
            let problems: String = row["problems"]
            let finished: Int64 = row["finished"]
            return DocumentRecord(
                id: DocumentID(row["id"]), receivedAt: Date(timeIntervalSince1970: row["received_at"]),
                origin: row["origin"], format: DocumentFormat(rawValue: row["format"]) ?? .unknown,
                partner: row["partner"],
                status: try DocumentStatus.stored(status, row: "document \(id)", operation: "read inbound document"),
                problems: DocumentRecord.problems(stored: problems), finished: finished != 0,
                byteCount: row["byte_count"])
        }
    }

    public func order(_ id: OrderID) async throws(StoreError) -> OrderSummary? {
        try await read("read order") { db in try Self.summaries(db, where: "o.id = ?", [id.rawValue]).first }
    }

    public func outbox(inReplyTo document: DocumentID) async throws(StoreError) -> [OutboxEntry] {
        try await read("list outbox") { db in try Self.entries(db, where: "in_reply_to = ?", [document.rawValue]) }
    }

    public func outbox(order: OrderID) async throws(StoreError) -> [OutboxEntry] {
        try await read("list outbox") { db in try Self.entries(db, where: "order_id = ?", [order.rawValue]) }
    }

    public func outboxDepth() async throws(StoreError) -> [OutboxState: [OutboundKind: Int]] {
        try await read("count the outbox") { db in
            var depth: [OutboxState: [OutboundKind: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, kind, count(*) AS n FROM outbox GROUP BY state, kind") {
                guard let state = OutboxState(rawValue: row["state"]), let kind = OutboundKind(rawValue: row["kind"])
                else { continue }
                depth[state, default: [:]][kind] = row["n"]
            }
            return depth
        }
    }

    public func lastDeliveredFeeds() async throws(StoreError) -> [RetailerID: Date] {
        try await read("read the last delivered feeds") { db in
            var last: [RetailerID: Date] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT retailer, max(delivered_at) AS at FROM feed_run
                    WHERE state = 'delivered' AND delivered_at IS NOT NULL GROUP BY retailer
                    """)
            {
                last[RetailerID(row["retailer"] as String)] = Date(timeIntervalSince1970: row["at"])
            }
            return last
        }
    }
}
