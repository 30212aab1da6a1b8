public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    public func recordChange(_ change: ChangeCommit) async throws(StoreError) -> ChangeResult {
        let orderJSON: String?
        if case .replace(let replacement) = change.effect {
            orderJSON = try StoreJSON.encode(replacement.commit.order, operation: "encode order")
        } else {
            orderJSON = nil
        }
        do {
            return try await transaction { connection in
                try await self.recordChange(change, orderJSON: orderJSON, on: connection)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record change request for PO \(change.poNumber)", error)
        }
    }

    private func recordChange(_ change: ChangeCommit, orderJSON: String?, on connection: PostgresConnection)
        async throws -> ChangeResult
    {
        // The INSERT waits for a concurrent record of the same request, then finds its row.
        let inserted = try await rows(
            """
            INSERT INTO change_request (document_id, position, retailer, po_number, order_id, received_at, verdict,
                reason, change_number, review_json)
            VALUES (\(change.document.rawValue), \(change.position), \(change.retailer.rawValue),
                \(change.poNumber.rawValue), \(change.order?.rawValue), \(change.receivedAt.timeIntervalSince1970),
                \(change.verdict), \(change.reason), \(change.changeNumber), \(change.reviewJSON))
            ON CONFLICT (document_id, position) DO NOTHING
            RETURNING id
            """, on: connection)
        guard let id = try inserted.first?.decode(Int64.self) else {
            let existing =
                try await rows(
                    """
                    SELECT id FROM change_request
                    WHERE document_id = \(change.document.rawValue) AND position = \(change.position)
                    """, on: connection
                ).first?.decode(Int64.self) ?? 0
            return .recorded(ChangeRequestID(existing), try await entries(keyed: change.outboxKey, on: connection))
        }
        var entries: [OutboxEntry] = []
        switch change.effect {
        case .none:
            break
        case .replace(let replacement):
            switch try await replace(replacement, orderJSON: orderJSON ?? "{}", on: connection) {
            case .replaced(_, let written): entries += written
            case .refused(let state): throw Conflict("order \(replacement.replacing) is \(state.rawValue)")
            case .conflict(let why): throw Conflict(why)
            }
        case .cancel(let cancellation):
            let (state, written) = try await cancel(cancellation, on: connection)
            entries += written
            if state == .cancelled {
                // A cancelled order's pick tickets not yet sent must never reach the warehouse.
                try await connection.query(
                    """
                    UPDATE outbox SET state = 'withdrawn'
                    WHERE order_id = \(cancellation.orderID.rawValue) AND kind = 'pick-ticket' AND state = 'pending'
                    """, logger: logger)
            }
        }
        if let order = change.order {
            try await connection.query(
                """
                INSERT INTO audit (at, order_id, event, detail)
                VALUES (\(change.receivedAt.timeIntervalSince1970), \(order.rawValue), 'change-request',
                    \(change.detail))
                """, logger: logger)
        }
        entries += try await insert(
            change.outbound, orderID: change.order?.rawValue, inReplyTo: change.document, key: change.outboxKey,
            at: change.receivedAt, on: connection)
        return .recorded(ChangeRequestID(id), entries)
    }

    public func changeRequests(_ filter: ChangeRequestFilter) async throws(StoreError) -> [ChangeRequestRecord] {
        try await connection("list change requests") { connection in
            try await rows(
                """
                SELECT id, document_id, position, retailer, po_number, order_id, received_at, verdict, reason,
                    change_number, review_json
                FROM change_request
                WHERE (\(filter.retailer?.rawValue)::text IS NULL OR retailer = \(filter.retailer?.rawValue)::text)
                    AND (\(filter.order?.rawValue)::bigint IS NULL OR order_id = \(filter.order?.rawValue)::bigint)
                    AND (NOT \(filter.refusedOnly) OR verdict = 'refused')
                    AND (\(filter.since?.timeIntervalSince1970)::double precision IS NULL
                        OR received_at >= \(filter.since?.timeIntervalSince1970)::double precision)
                ORDER BY id
                """, on: connection
            ).map { row in
                let (id, document, position, retailer, po, order, received, verdict, reason, number, review) =
                    try row.decode(
                        (Int64, Int64, Int, String, String, Int64?, Double, String, String?, String?, String).self)
                return ChangeRequestRecord(
                    id: ChangeRequestID(id), document: DocumentID(document), position: position,
                    retailer: RetailerID(retailer), poNumber: PONumber(po), order: order.map(OrderID.init),
                    receivedAt: Date(timeIntervalSince1970: received), verdict: verdict, reason: reason,
                    changeNumber: number, reviewJSON: review)
            }
        }
    }
}
