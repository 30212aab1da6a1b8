public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    public func recordedOrders(_ ids: [OrderID], for document: DocumentID) async throws(StoreError)
        -> [OrderID: RecordedOrder]
    {
        try await read("read recorded orders") { db in
            var found: [OrderID: RecordedOrder] = [:]
            for id in ids { found[id] = try Self.recordedOrder(id, asking: document, in: db) }
            return found
        }
    }

    /// The order as a repeat sees it; an open order with a pick ticket that has left the outbox is released.
    static func recordedOrder(_ id: OrderID, asking document: DocumentID? = nil, in db: Database) throws
        -> RecordedOrder?
    {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT o.document_id, o.state, o.version, d.decided_at,
                            EXISTS (SELECT 1 FROM outbox WHERE order_id = o.id AND kind = 'pick-ticket'
                                AND state = 'sent') AS ticket_sent,
                            EXISTS (SELECT 1 FROM inbound_document a, inbound_document b
                                WHERE a.id = o.document_id AND b.id = ? AND a.sha256 = b.sha256
                                    AND a.bytes = b.bytes) AS same_bytes
                        FROM purchase_order o JOIN decision d ON d.order_id = o.id WHERE o.id = ?
                        """), arguments: [document?.rawValue, id.rawValue])
        else { return nil }
        var state = OrderState(rawValue: row["state"]) ?? .released
        if state == .open, row["ticket_sent"] as Bool { state = .released }
        let reservations = try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT node, sku, quantity FROM reservation WHERE order_id = ? ORDER BY node, sku"),
            arguments: [id.rawValue]
        ).map { Reservation(node: DCID($0["node"] as String), sku: SKU($0["sku"] as String), quantity: $0["quantity"]) }
        let firstDocument: Int64? = row["document_id"]
        return RecordedOrder(
            id: id, documentID: firstDocument.map(DocumentID.init), sameBytes: row["same_bytes"], state: state,
            version: row["version"],
            decidedAt: Date(timeIntervalSince1970: row["decided_at"]), reservations: reservations)
    }

    public func recordRepeat(_ refusal: OrderRepeat) async throws(StoreError) -> [OutboxEntry] {
        try await write("record repeated order") { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO repeated_order (document_id, position, order_id, outcome, at)
                    VALUES (?, ?, ?, 'refused', ?)
                    ON CONFLICT (document_id, position) DO NOTHING
                    """
            ).execute(
                arguments: [
                    refusal.document.rawValue, refusal.position, refusal.order.rawValue,
                    refusal.at.timeIntervalSince1970,
                ])
            guard db.changesCount == 1 else { return try Self.entries(db, where: "key = ?", [refusal.outboxKey]) }
            try db.cachedStatement(
                sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'duplicate', ?)"
            ).execute(arguments: [refusal.at.timeIntervalSince1970, refusal.order.rawValue, refusal.detail])
            return try Self.insert(
                refusal.outbound, orderID: refusal.order.rawValue, inReplyTo: refusal.document, key: refusal.outboxKey,
                at: refusal.at, in: db)
        }
    }

    public func replace(_ replacement: OrderReplacement) async throws(StoreError) -> ReplacementResult {
        let orderJSON = try StoreJSON.encode(replacement.commit.order, operation: "encode order")
        do {
            return try await writer.write { db in
                var result = ReplacementResult.conflict("")
                // A savepoint, so that a conflict found halfway rolls back what was released before it.
                try db.inSavepoint {
                    result = try Self.replace(replacement, orderJSON: orderJSON, in: db)
                    if case .replaced = result { return .commit }
                    return .rollback
                }
                return result
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("replace order", error)
        }
    }

    static func replace(_ replacement: OrderReplacement, orderJSON: String, in db: Database) throws
        -> ReplacementResult
    {
        let id = replacement.replacing.rawValue
        let commit = replacement.commit
        guard let recorded = try recordedOrder(replacement.replacing, in: db) else {
            throw Conflict("order \(id) is not recorded")
        }
        guard recorded.state == .open else { return .refused(recorded.state) }
        guard recorded.version == replacement.version else {
            throw Conflict("order \(id) changed under the repeat (version \(recorded.version))")
        }
        // Stock: what the new plan needs beyond what the replaced version held must still be available.
        for (key, delta) in StockDelta.between(recorded.reservations, commit.reservations) {
            if delta > 0 {
                try db.cachedStatement(
                    sql: """
                        UPDATE inventory SET reserved = reserved + ?
                        WHERE node = ? AND sku = ? AND on_hand - reserved - safety_stock >= ?
                        """
                ).execute(arguments: [delta, key.node.rawValue, key.sku.rawValue, delta])
                guard db.changesCount == 1 else {
                    throw Conflict("\(key.node) no longer has \(delta) more of \(key.sku) available")
                }
            } else {
                try db.cachedStatement(
                    sql: "UPDATE inventory SET reserved = max(0, reserved + ?) WHERE node = ? AND sku = ?"
                ).execute(arguments: [delta, key.node.rawValue, key.sku.rawValue])
            }
        }
        for (key, delta) in CapacityDelta.between(replacement.released, commit.capacity) {
            try db.cachedStatement(
                sql: """
                    INSERT INTO capacity_used (node, day, orders, units) VALUES (?, ?, 0, 0)
                    ON CONFLICT (node, day) DO NOTHING
                    """
            ).execute(arguments: [key.node.rawValue, key.day.description])
            try db.cachedStatement(
                sql: """
                    UPDATE capacity_used SET orders = max(0, orders + ?), units = max(0, units + ?)
                    WHERE node = ? AND day = ? AND (? <= 0 OR orders + ? <= ?) AND (? <= 0 OR units + ? <= ?)
                    """
            ).execute(
                arguments: [
                    delta.orders, delta.units, key.node.rawValue, key.day.description, delta.orders, delta.orders,
                    delta.maximumOrders, delta.units, delta.units, delta.maximumUnits,
                ])
            guard db.changesCount == 1 else { throw Conflict("\(key.node) has no capacity left on \(key.day)") }
        }
        let decision = commit.decision
        let at = decision.decidedAt.timeIntervalSince1970
        try db.cachedStatement(
            sql: """
                INSERT INTO order_version (order_id, version, document_id, received_at, order_json, outcome, nodes,
                    acknowledge_by, ship_by, decided_at, explanation_json, replaced_at, replaced_by_document)
                SELECT o.id, o.version, o.document_id, o.received_at, o.order_json, d.outcome, d.nodes,
                    d.acknowledge_by, d.ship_by, d.decided_at, d.explanation_json, ?, ?
                FROM purchase_order o JOIN decision d ON d.order_id = o.id WHERE o.id = ?
                """
        ).execute(arguments: [at, commit.documentID?.rawValue, id])
        let before = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT outcome, nodes FROM decision WHERE order_id = ?"), arguments: [id])
        let source = commit.order.source
        try db.cachedStatement(
            sql: """
                UPDATE purchase_order SET version = version + 1, interchange_control = ?, group_control = ?,
                    set_control = ?, document_id = ?, received_at = ?, order_json = ?, order_value = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                source.interchangeControl, source.groupControl, source.setControl, commit.documentID?.rawValue,
                commit.receivedAt.timeIntervalSince1970, orderJSON, commit.order.extendedTotal.description, id,
            ])
        try db.cachedStatement(
            sql: """
                UPDATE decision SET outcome = ?, nodes = ?, acknowledge_by = ?, ship_by = ?, decided_at = ?,
                    explanation_json = ?
                WHERE order_id = ?
                """
        ).execute(
            arguments: [
                decision.outcome.rawValue, decision.nodes.map(\.rawValue).joined(separator: ","),
                decision.acknowledgeBy?.timeIntervalSince1970, decision.shipBy?.timeIntervalSince1970, at,
                decision.explanationJSON, id,
            ])
        try Self.markStraggler(id, due: [decision.shipBy], receivedAt: commit.receivedAt, db)
        try db.cachedStatement(sql: "DELETE FROM reservation WHERE order_id = ?").execute(arguments: [id])
        for reservation in commit.reservations {
            try db.cachedStatement(
                sql: "INSERT INTO reservation (order_id, node, sku, quantity) VALUES (?, ?, ?, ?)"
            ).execute(arguments: [id, reservation.node.rawValue, reservation.sku.rawValue, reservation.quantity])
        }
        // The replaced version's pick tickets must never reach the warehouse: the order would ship twice.
        try db.cachedStatement(
            sql:
                """
                UPDATE outbox SET state = 'withdrawn' WHERE order_id = ? AND kind = 'pick-ticket' AND state = 'pending'
                """
        ).execute(arguments: [id])
        let withdrawn = db.changesCount
        let was = before.map {
            "\($0["outcome"] as String) \(($0["nodes"] as String).replacingOccurrences(of: ",", with: "+"))"
        }
        try db.cachedStatement(
            sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, ?, ?)"
        ).execute(
            arguments: [
                at, id, replacement.note == nil ? "replaced" : "changed",
                ReplacementNote.text(
                    version: recorded.version, was: was ?? "", by: commit.documentID, withdrawn: withdrawn,
                    note: replacement.note),
            ])
        let entries = try insert(
            commit.outbound, orderID: id, inReplyTo: commit.documentID, key: nil, at: decision.decidedAt, in: db)
        try db.cachedStatement(
            sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'decided', ?)"
        ).execute(
            arguments: [
                at, id, "\(decision.outcome.rawValue) \(decision.nodes.map(\.rawValue).joined(separator: "+"))",
            ])
        if let document = commit.documentID, replacement.note == nil {
            try db.cachedStatement(
                sql: """
                    INSERT INTO repeated_order (document_id, position, order_id, outcome, at)
                    VALUES (?, ?, ?, 'replaced', ?) ON CONFLICT (document_id, position) DO NOTHING
                    """
            ).execute(arguments: [document.rawValue, replacement.position, id, at])
        }
        return .replaced(OrderID(id), entries)
    }

    public func mark(_ order: OrderID, as state: OrderState, at: Date, detail: String) async throws(StoreError)
        -> Bool
    {
        try await write("mark order \(order) \(state.rawValue)") { db in
            let from = OrderState.allCases.filter { $0.successors.contains(state) }.map(\.rawValue)
            let marks = Array(repeating: "?", count: from.count).joined(separator: ",")
            guard !from.isEmpty else { return false }
            try db.execute(
                sql: "UPDATE purchase_order SET state = ? WHERE id = ? AND state IN (\(marks))",
                arguments: StatementArguments([state.rawValue, order.rawValue] as [any DatabaseValueConvertible])
                    + StatementArguments(from))
            guard db.changesCount == 1 else { return false }
            try db.cachedStatement(
                sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, ?, ?)"
            ).execute(arguments: [at.timeIntervalSince1970, order.rawValue, state.rawValue, detail])
            return true
        }
    }
}
