public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    public func recordedOrders(_ ids: [OrderID], for document: DocumentID) async throws(StoreError)
        -> [OrderID: RecordedOrder]
    {
        try await connection("read recorded orders") { connection in
            var found: [OrderID: RecordedOrder] = [:]
            for id in ids { found[id] = try await recordedOrder(id, lock: false, asking: document, on: connection) }
            return found
        }
    }

    /// The order as a repeat sees it, its row locked `FOR UPDATE` when asked (inside a transaction); an open order
    /// with a pick ticket that has left the outbox is released.
    func recordedOrder(
        _ id: OrderID, lock: Bool, asking document: DocumentID? = nil, on connection: PostgresConnection
    ) async throws -> RecordedOrder? {
        let locking: PostgresQuery =
            lock
            ? "SELECT document_id, state, version FROM purchase_order WHERE id = \(id.rawValue) FOR UPDATE"
            : "SELECT document_id, state, version FROM purchase_order WHERE id = \(id.rawValue)"
        guard let row = try await rows(locking, on: connection).first else { return nil }
        let (firstDocument, stateText, version) = try row.decode((Int64?, String, Int).self)
        let details = try await rows(
            """
            SELECT d.decided_at,
                EXISTS (SELECT 1 FROM outbox WHERE order_id = d.order_id AND kind = 'pick-ticket' AND state = 'sent'),
                EXISTS (SELECT 1 FROM inbound_document a, inbound_document b
                    WHERE a.id = \(document?.rawValue ?? -1) AND b.id = \(firstDocument ?? -1)
                        AND a.fingerprint = b.fingerprint AND a.bytes = b.bytes)
            FROM decision d WHERE d.order_id = \(id.rawValue)
            """, on: connection
        ).first?.decode((Double, Bool, Bool).self)
        guard let (decidedAt, ticketSent, sameBytes) = details else { return nil }
        var state = OrderState(rawValue: stateText) ?? .released
        if state == .open, ticketSent { state = .released }
        let reservations = try await rows(
            "SELECT node, sku, quantity FROM reservation WHERE order_id = \(id.rawValue) ORDER BY node, sku",
            on: connection
        ).map { row in
            let (node, sku, quantity) = try row.decode((String, String, Int).self)
            return Reservation(node: DCID(node), sku: SKU(sku), quantity: quantity)
        }
        return RecordedOrder(
            id: id, documentID: firstDocument.map(DocumentID.init), sameBytes: sameBytes, state: state,
            version: version,
            decidedAt: Date(timeIntervalSince1970: decidedAt), reservations: reservations)
    }

    public func recordRepeat(_ refusal: OrderRepeat) async throws(StoreError) -> [OutboxEntry] {
        try await transaction("record repeated order") { connection in
            // The INSERT waits for a concurrent record of the same repeat, then finds its row.
            let inserted = try await rows(
                """
                INSERT INTO repeated_order (document_id, position, order_id, outcome, at)
                VALUES (\(refusal.document.rawValue), \(refusal.position), \(refusal.order.rawValue), 'refused',
                    \(refusal.at.timeIntervalSince1970))
                ON CONFLICT (document_id, position) DO NOTHING
                RETURNING 1
                """, on: connection)
            guard inserted.count == 1 else { return try await entries(keyed: refusal.outboxKey, on: connection) }
            try await connection.query(
                """
                INSERT INTO audit (at, order_id, event, detail)
                VALUES (\(refusal.at.timeIntervalSince1970), \(refusal.order.rawValue), 'duplicate', \(refusal.detail))
                """, logger: logger)
            return try await insert(
                refusal.outbound, orderID: refusal.order.rawValue, inReplyTo: refusal.document, key: refusal.outboxKey,
                at: refusal.at, on: connection)
        }
    }

    public func replace(_ replacement: OrderReplacement) async throws(StoreError) -> ReplacementResult {
        let orderJSON = try StoreJSON.encode(replacement.commit.order, operation: "encode order")
        do {
            return try await transaction { connection in
                let result = try await self.replace(replacement, orderJSON: orderJSON, on: connection)
                // Refused: nothing was written, but the transaction ends as any other.
                return result
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("replace order", error)
        }
    }

    func replace(_ replacement: OrderReplacement, orderJSON: String, on connection: PostgresConnection)
        async throws -> ReplacementResult
    {
        let id = replacement.replacing.rawValue
        let commit = replacement.commit
        // The order's row first, locked: a concurrent replace or release of it waits here, then sees this one.
        guard let recorded = try await recordedOrder(replacement.replacing, lock: true, on: connection) else {
            throw Conflict("order \(id) is not recorded")
        }
        guard recorded.state == .open else { return .refused(recorded.state) }
        guard recorded.version == replacement.version else {
            throw Conflict("order \(id) changed under the repeat (version \(recorded.version))")
        }
        for (key, delta) in StockDelta.between(recorded.reservations, commit.reservations) {
            if delta > 0 {
                let taken = try await rows(
                    """
                    UPDATE inventory SET reserved = reserved + \(delta)
                    WHERE node = \(key.node.rawValue) AND sku = \(key.sku.rawValue)
                        AND on_hand - reserved - safety_stock >= \(delta)
                    RETURNING 1
                    """, on: connection)
                guard taken.count == 1 else {
                    throw Conflict("\(key.node) no longer has \(delta) more of \(key.sku) available")
                }
            } else {
                try await connection.query(
                    """
                    UPDATE inventory SET reserved = greatest(0, reserved + \(delta))
                    WHERE node = \(key.node.rawValue) AND sku = \(key.sku.rawValue)
                    """, logger: logger)
            }
        }
        for (key, delta) in CapacityDelta.between(replacement.released, commit.capacity) {
            let growsOrders = delta.orders > 0
            let growsUnits = delta.units > 0
            let taken = try await rows(
                """
                INSERT INTO capacity_used AS used (node, day, orders, units)
                VALUES (\(key.node.rawValue), \(key.day.description)::date, greatest(0, \(delta.orders)),
                    greatest(0, \(delta.units)))
                ON CONFLICT (node, day) DO UPDATE
                    SET orders = greatest(0, used.orders + \(delta.orders)),
                        units = greatest(0, used.units + \(delta.units))
                    WHERE (NOT \(growsOrders) OR used.orders + \(delta.orders) <= \(delta.maximumOrders))
                        AND (NOT \(growsUnits) OR used.units + \(delta.units) <= \(delta.maximumUnits))
                RETURNING 1
                """, on: connection)
            guard taken.count == 1 else { throw Conflict("\(key.node) has no capacity left on \(key.day)") }
        }
        let decision = commit.decision
        let at = decision.decidedAt.timeIntervalSince1970
        let before = try await rows(
            "SELECT outcome, array_to_string(nodes, '+') FROM decision WHERE order_id = \(id)", on: connection
        ).first?.decode((String, String).self)
        try await connection.query(
            """
            INSERT INTO order_version (order_id, version, document_id, received_at, order_json, outcome, nodes,
                acknowledge_by, ship_by, decided_at, explanation_json, replaced_at, replaced_by_document)
            SELECT o.id, o.version, o.document_id, o.received_at, o.order_json, d.outcome, d.nodes,
                d.acknowledge_by, d.ship_by, d.decided_at, d.explanation_json, \(at), \(commit.documentID?.rawValue)
            FROM purchase_order o JOIN decision d ON d.order_id = o.id WHERE o.id = \(id)
            """, logger: logger)
        let source = commit.order.source
        try await connection.query(
            """
            UPDATE purchase_order SET version = version + 1, interchange_control = \(source.interchangeControl),
                group_control = \(source.groupControl), set_control = \(source.setControl),
                document_id = \(commit.documentID?.rawValue), received_at = \(commit.receivedAt.timeIntervalSince1970),
                order_json = \(orderJSON), order_value = \(commit.order.extendedTotal.description)
            WHERE id = \(id)
            """, logger: logger)
        try await connection.query(
            """
            UPDATE decision SET outcome = \(decision.outcome.rawValue), nodes = \(decision.nodes.map(\.rawValue)),
                acknowledge_by = \(decision.acknowledgeBy?.timeIntervalSince1970),
                ship_by = \(decision.shipBy?.timeIntervalSince1970), decided_at = \(at),
                explanation_json = \(decision.explanationJSON)
            WHERE order_id = \(id)
            """, logger: logger)
        try await markStraggler(id, due: [decision.shipBy], receivedAt: commit.receivedAt, on: connection)
        try await connection.query("DELETE FROM reservation WHERE order_id = \(id)", logger: logger)
        let reservations = commit.reservations
        try await connection.query(
            """
            INSERT INTO reservation (order_id, node, sku, quantity)
            SELECT \(id), node, sku, quantity
            FROM unnest(\(reservations.map(\.node.rawValue))::text[], \(reservations.map(\.sku.rawValue))::text[],
                \(reservations.map(\.quantity))::bigint[]) AS r (node, sku, quantity)
            """, logger: logger)
        // The replaced version's pick tickets must never reach the warehouse: the order would ship twice.
        let withdrawn = try await rows(
            """
            UPDATE outbox SET state = 'withdrawn'
            WHERE order_id = \(id) AND kind = 'pick-ticket' AND state = 'pending'
            RETURNING 1
            """, on: connection
        ).count
        let was = before.map { "\($0.0) \($0.1)" } ?? ""
        let note = ReplacementNote.text(
            version: recorded.version, was: was, by: commit.documentID, withdrawn: withdrawn,
            note: replacement.note)
        let event = replacement.note == nil ? "replaced" : "changed"
        let decided = "\(decision.outcome.rawValue) \(decision.nodes.map(\.rawValue).joined(separator: "+"))"
        try await connection.query(
            """
            INSERT INTO audit (at, order_id, event, detail)
            VALUES (\(at), \(id), \(event), \(note))
            """, logger: logger)
        let entries = try await insert(
            commit.outbound, orderID: id, inReplyTo: commit.documentID, key: nil, at: decision.decidedAt,
            on: connection)
        try await connection.query(
            """
            INSERT INTO audit (at, order_id, event, detail)
            VALUES (\(at), \(id), 'decided', \(decided))
            """, logger: logger)
        if let document = commit.documentID, replacement.note == nil {
            try await connection.query(
                """
                INSERT INTO repeated_order (document_id, position, order_id, outcome, at)
                VALUES (\(document.rawValue), \(replacement.position), \(id), 'replaced', \(at))
                ON CONFLICT (document_id, position) DO NOTHING
                """, logger: logger)
        }
        return .replaced(OrderID(id), entries)
    }

    public func mark(_ order: OrderID, as state: OrderState, at: Date, detail: String) async throws(StoreError)
        -> Bool
    {
        let from = OrderState.allCases.filter { $0.successors.contains(state) }.map(\.rawValue)
        return try await transaction("mark order \(order) \(state.rawValue)") { connection in
            let moved = try await rows(
                """
                UPDATE purchase_order SET state = \(state.rawValue)
                WHERE id = \(order.rawValue) AND state = ANY(\(from))
                RETURNING 1
                """, on: connection)
            guard moved.count == 1 else { return false }
            try await connection.query(
                """
                INSERT INTO audit (at, order_id, event, detail)
                VALUES (\(at.timeIntervalSince1970), \(order.rawValue), \(state.rawValue), \(detail))
                """, logger: logger)
            return true
        }
    }
}
