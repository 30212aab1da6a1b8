import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    /// Three statements on one connection, as SQLite's: the POs with their decisions, their shipments with the
    /// first ASN delivery, and their floor cancellations summed per node.
    public func scorecardRecords(_ window: ScorecardWindow) async throws(StoreError) -> [ScorecardRecord] {
        let operation = "read the scorecard's records"
        return try await connection(operation) { connection in
            try await self.scorecardRecords(window, ids: nil, operation: operation, on: connection)
        }
    }

    /// The records of `window` (its stragglers too), or of the POs `ids` alone (found in the window before: read by
    /// id).
    func scorecardRecords(
        _ window: ScorecardWindow, ids: [Int64]?, operation: String, on connection: PostgresConnection
    ) async throws -> [ScorecardRecord] {
        guard ids == nil else { return try await records(window, ids: ids, operation: operation, on: connection) }
        let received = try await records(window, ids: nil, operation: operation, on: connection)
        let stragglers = try await stragglers(window, on: connection)
        return received + (try await records(window, ids: stragglers, operation: operation, on: connection))
    }

    /// The POs of `window` received before it reads by receipt, due in it or later (`ScorecardStragglers`).
    func stragglers(_ window: ScorecardWindow, on connection: PostgresConnection) async throws -> [Int64] {
        var query = PostgresQuery(unsafeSQL: ScorecardStragglers.find(.postgres))
        query.binds.append(window.from.timeIntervalSince1970)
        query.binds.append(window.receivedSince.timeIntervalSince1970)
        query.binds.append(window.retailer?.rawValue ?? "")
        return try await rows(query, on: connection).map { try $0.decode(Int64.self) }
    }

    /// Marks order `id` a straggler (`ScorecardStragglers`) when one of `due` falls long after `receivedAt`: a
    /// statement only then.
    func markStraggler(_ id: Int64, due: [Date?], receivedAt: Date, on connection: PostgresConnection) async throws {
        guard let late = ScorecardStragglers.lateUntil(due, receivedAt: receivedAt) else { return }
        try await markStraggler(id, at: late, on: connection)
    }

    /// Raises order `id`'s `late_until` to `late` (seconds since 1970) when that is long after its receipt.
    func markStraggler(_ id: Int64, at late: Double, on connection: PostgresConnection) async throws {
        var query = PostgresQuery(unsafeSQL: ScorecardStragglers.mark(.postgres))
        query.binds.append(late)
        query.binds.append(id)
        query.binds.append(late)
        try await connection.query(query, logger: logger)
    }

    /// The records of the POs received in `window` (nil `ids`), or of `ids`.
    private func records(
        _ window: ScorecardWindow, ids: [Int64]?, operation: String, on connection: PostgresConnection
    ) async throws -> [ScorecardRecord] {
        let since = window.receivedSince.timeIntervalSince1970
        let until = window.until.timeIntervalSince1970
        let retailer = window.retailer?.rawValue ?? ""
        let kinds = ScorecardQuery.asnKinds
        if let ids, ids.isEmpty { return [] }
        /// `head`, the POs `p` chosen, then `tail`.
        func query(_ head: String, _ tail: String = "") -> PostgresQuery {
            if let ids {
                return "\(unescaped: head) WHERE p.id = ANY(\(ids)) \(unescaped: tail)"
            }
            return """
                \(unescaped: head) WHERE p.received_at >= \(since) AND p.received_at < \(until)
                    AND (\(retailer) = '' OR p.retailer = \(retailer)) \(unescaped: tail)
                """
        }
        let orders = try await rows(
            query(
                """
                SELECT p.id, p.retailer, p.received_at, p.state, d.outcome, d.nodes, d.ship_by, o.units,
                    o.cancelled_units, o.fees_avoided, o.fees_incurred, \(ScorecardQuery.valuedColumns(window.valued))
                FROM purchase_order p
                LEFT JOIN decision d ON d.order_id = p.id
                LEFT JOIN original_decision o ON o.order_id = p.id
                """), on: connection)
        let kindList = kinds.map { "'\($0)'" }.joined(separator: ", ")
        let shipments = try await rows(
            query(
                """
                SELECT s.order_id, s.node, s.shipped_at, s.asn_due,
                    (SELECT MIN(x.delivered_at) FROM outbox x
                     WHERE x.shipment_id = s.id AND x.kind IN (\(kindList)) AND x.delivered_at IS NOT NULL),
                    NOT \(ScorecardCountQuery.carrierFlagged(.postgres))
                FROM purchase_order p JOIN shipment s ON s.order_id = p.id
                """, "ORDER BY s.id"), on: connection)
        let cancellations = try await rows(
            query(
                """
                SELECT l.order_id, l.node, l.reason, l.quantity, l.value
                FROM purchase_order p JOIN line_cancellation l ON l.order_id = p.id
                """), on: connection)
        var assembly = ScorecardQuery.Assembly()
        do {
            for row in orders {
                let (
                    id, retailer, receivedAt, state, outcome, nodes, shipBy, units, cancelled, avoided, incurred,
                    poNumber, orderValue, orderJSON, cancelledValue
                ) = try row.decode(
                    (
                        Int64, String, Double, String, String?, [String]?, Double?, Int?, Int?, String?, String?,
                        String?, String?, String?, String?
                    ).self)
                try assembly.add(
                    id: id, retailer: retailer, receivedAt: receivedAt, state: state, outcome: outcome,
                    nodes: nodes ?? [], shipBy: shipBy, units: units, cancelledUnits: cancelled,
                    feesAvoided: avoided, feesIncurred: incurred, poNumber: poNumber, orderValue: orderValue,
                    orderJSON: orderJSON, cancelledValue: cancelledValue, operation: operation)
            }
            for row in shipments {
                let (order, node, shippedAt, asnDue, deliveredAt, carrierCompliant) = try row.decode(
                    (Int64, String, Double, Double?, Double?, Bool).self)
                assembly.addShipment(
                    order: order, node: node, shippedAt: shippedAt, asnDue: asnDue, deliveredAt: deliveredAt,
                    carrierCompliant: carrierCompliant)
            }
            for row in cancellations {
                let (order, node, reason, quantity, value) = try row.decode((Int64, String, String, Int, String?).self)
                try assembly.addCancellation(
                    order: order, node: node, byRetailer: reason == ScorecardQuery.retailerCancel, quantity: quantity,
                    value: value, operation: operation)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.failure(operation, error)
        }
        return assembly.inWindow(from: window.from, until: window.until)
    }
}
