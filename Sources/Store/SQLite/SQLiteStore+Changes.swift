public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    public func recordChange(_ change: ChangeCommit) async throws(StoreError) -> ChangeResult {
        let orderJSON: String?
        if case .replace(let replacement) = change.effect {
            orderJSON = try StoreJSON.encode(replacement.commit.order, operation: "encode order")
        } else {
            orderJSON = nil
        }
        do {
            return try await writer.write { db in
                var result = ChangeResult.conflict("")
                // A savepoint, so that a conflict found halfway rolls back what was written before it.
                try db.inSavepoint {
                    result = try Self.recordChange(change, orderJSON: orderJSON, in: db)
                    if case .recorded = result { return .commit }
                    return .rollback
                }
                return result
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record change request for PO \(change.poNumber)", error)
        }
    }

    private static func recordChange(_ change: ChangeCommit, orderJSON: String?, in db: Database) throws
        -> ChangeResult
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO change_request (document_id, position, retailer, po_number, order_id, received_at,
                    verdict, reason, change_number, review_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (document_id, position) DO NOTHING
                """
        ).execute(
            arguments: [
                change.document.rawValue, change.position, change.retailer.rawValue, change.poNumber.rawValue,
                change.order?.rawValue, change.receivedAt.timeIntervalSince1970, change.verdict, change.reason,
                change.changeNumber, change.reviewJSON,
            ])
        guard db.changesCount == 1 else {
            let id =
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM change_request WHERE document_id = ? AND position = ?",
                    arguments: [change.document.rawValue, change.position]) ?? 0
            return .recorded(ChangeRequestID(id), try entries(db, where: "key = ?", [change.outboxKey]))
        }
        let id = db.lastInsertedRowID
        var entries: [OutboxEntry] = []
        switch change.effect {
        case .none:
            break
        case .replace(let replacement):
            switch try replace(replacement, orderJSON: orderJSON ?? "{}", in: db) {
            case .replaced(_, let written): entries += written
            case .refused(let state): throw Conflict("order \(replacement.replacing) is \(state.rawValue)")
            case .conflict(let why): throw Conflict(why)
            }
        case .cancel(let cancellation):
            let (state, written) = try cancel(cancellation, db)
            entries += written
            if state == .cancelled {
                // A cancelled order's pick tickets not yet sent must never reach the warehouse.
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'withdrawn'
                        WHERE order_id = ? AND kind = 'pick-ticket' AND state = 'pending'
                        """, arguments: [cancellation.orderID.rawValue])
            }
        }
        if let order = change.order {
            try db.cachedStatement(
                sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'change-request', ?)"
            ).execute(arguments: [change.receivedAt.timeIntervalSince1970, order.rawValue, change.detail])
        }
        entries += try insert(
            change.outbound, orderID: change.order?.rawValue, inReplyTo: change.document, key: change.outboxKey,
            at: change.receivedAt, in: db)
        return .recorded(ChangeRequestID(id), entries)
    }

    public func changeRequests(_ filter: ChangeRequestFilter) async throws(StoreError) -> [ChangeRequestRecord] {
        try await read("list change requests") { db in
            var conditions = ["1 = 1"]
            var arguments: [any DatabaseValueConvertible] = []
            if let retailer = filter.retailer {
                conditions.append("retailer = ?")
                arguments.append(retailer.rawValue)
            }
            if let order = filter.order {
                conditions.append("order_id = ?")
                arguments.append(order.rawValue)
            }
            if filter.refusedOnly { conditions.append("verdict = 'refused'") }
            if let since = filter.since {
                conditions.append("received_at >= ?")
                arguments.append(since.timeIntervalSince1970)
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, document_id, position, retailer, po_number, order_id, received_at, verdict, reason,
                        change_number, review_json
                    FROM change_request WHERE \(conditions.joined(separator: " AND ")) ORDER BY id
                    """, arguments: StatementArguments(arguments)
            ).map { row in
                let order: Int64? = row["order_id"]
                return ChangeRequestRecord(
                    id: ChangeRequestID(row["id"]), document: DocumentID(row["document_id"]),
                    position: row["position"], retailer: RetailerID(row["retailer"] as String),
                    poNumber: PONumber(row["po_number"] as String), order: order.map(OrderID.init),
                    receivedAt: Date(timeIntervalSince1970: row["received_at"]), verdict: row["verdict"],
                    reason: row["reason"], changeNumber: row["change_number"], reviewJSON: row["review_json"])
            }
        }
    }
}
