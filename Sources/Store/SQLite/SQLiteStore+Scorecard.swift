import Foundation
import GRDB
import Orders

extension SQLiteStore {
    /// Three statements, each read through a cursor: the POs with their decisions, their shipments with the first
    /// ASN delivery, and their floor cancellations summed per node. Each finds the POs by `received_at`'s index.
    public func scorecardRecords(_ window: ScorecardWindow) async throws(StoreError) -> [ScorecardRecord] {
        let operation = "read the scorecard's records"
        return try await read(operation) { db in
            try Self.scorecardRecords(window, ids: nil, operation: operation, db)
        }
    }

    /// The records of `window` (its stragglers too), or of the POs `ids` alone (found in the window before: read by
    /// id).
    static func scorecardRecords(
        _ window: ScorecardWindow, ids: [Int64]?, operation: String, _ db: Database
    ) throws -> [ScorecardRecord] {
        guard let ids else {
            let received = try scorecardRecords(window, ids: [], received: true, operation: operation, db)
            return received + (try scorecardRecords(window, ids: stragglers(window, db), operation: operation, db))
        }
        return try scorecardRecords(window, ids: ids, received: false, operation: operation, db)
    }

    /// The POs of `window` received before it reads by receipt, due in it or later (`ScorecardStragglers`).
    static func stragglers(_ window: ScorecardWindow, _ db: Database) throws -> [Int64] {
        let retailer = window.retailer?.rawValue ?? ""
        return try Int64.fetchAll(
            db, sql: ScorecardStragglers.find(.sqlite),
            arguments: [
                window.from.timeIntervalSince1970, window.receivedSince.timeIntervalSince1970, retailer, retailer,
            ])
    }

    /// Marks order `id` a straggler (`ScorecardStragglers`) when one of `due` falls long after `receivedAt`: a
    /// statement only then.
    static func markStraggler(_ id: Int64, due: [Date?], receivedAt: Date, _ db: Database) throws {
        guard let late = ScorecardStragglers.lateUntil(due, receivedAt: receivedAt) else { return }
        try markStraggler(id, at: late, db)
    }

    /// Raises order `id`'s `late_until` to `late` (seconds since 1970) when that is long after its receipt.
    static func markStraggler(_ id: Int64, at late: Double, _ db: Database) throws {
        try db.cachedStatement(sql: ScorecardStragglers.mark(.sqlite)).execute(arguments: [late, id, late])
    }

    /// The records of the POs received in `window` (`received`), or of `ids`.
    private static func scorecardRecords(
        _ window: ScorecardWindow, ids: [Int64], received: Bool, operation: String, _ db: Database
    ) throws -> [ScorecardRecord] {
        var condition = "p.received_at >= ? AND p.received_at < ?"
        var arguments: StatementArguments = [
            window.receivedSince.timeIntervalSince1970, window.until.timeIntervalSince1970,
        ]
        if let retailer = window.retailer {
            condition += " AND p.retailer = ?"
            _ = arguments.append(contentsOf: [retailer.rawValue])
        }
        if !received {
            guard !ids.isEmpty else { return [] }
            condition = "p.id IN (SELECT value FROM json_each(?))"
            arguments = ["[" + ids.map(String.init).joined(separator: ",") + "]"]
        }
        let orders = """
            SELECT p.id, p.retailer, p.received_at, p.state, d.outcome, d.nodes, d.ship_by, o.units,
                o.cancelled_units, o.fees_avoided, o.fees_incurred, \(ScorecardQuery.valuedColumns(window.valued))
            FROM purchase_order p
            LEFT JOIN decision d ON d.order_id = p.id
            LEFT JOIN original_decision o ON o.order_id = p.id
            WHERE \(condition)
            """
        let kinds = ScorecardQuery.asnKinds.map { "'\($0)'" }.joined(separator: ", ")
        let shipments = """
            SELECT s.order_id, s.node, s.shipped_at, s.asn_due,
                (SELECT MIN(x.delivered_at) FROM outbox x
                 WHERE x.shipment_id = s.id AND x.kind IN (\(kinds)) AND x.delivered_at IS NOT NULL),
                NOT \(ScorecardCountQuery.carrierFlagged(.sqlite))
            FROM purchase_order p JOIN shipment s ON s.order_id = p.id
            WHERE \(condition)
            ORDER BY s.id
            """
        let cancellations = """
            SELECT l.order_id, l.node, l.reason, l.quantity, l.value
            FROM purchase_order p JOIN line_cancellation l ON l.order_id = p.id
            WHERE \(condition)
            """
        let bound = arguments
        var assembly = ScorecardQuery.Assembly()
        let rows = try Row.fetchCursor(db, sql: orders, arguments: bound)
        while let row = try rows.next() {
            let nodes: String? = row[5]
            try assembly.add(
                id: row[0], retailer: row[1], receivedAt: row[2], state: row[3], outcome: row[4],
                nodes: nodes.map { $0.split(separator: ",").map(String.init) } ?? [], shipBy: row[6],
                units: row[7], cancelledUnits: row[8], feesAvoided: row[9], feesIncurred: row[10],
                poNumber: row[11], orderValue: row[12], orderJSON: row[13], cancelledValue: row[14],
                operation: operation)
        }
        let shipped = try Row.fetchCursor(db, sql: shipments, arguments: bound)
        while let row = try shipped.next() {
            assembly.addShipment(
                order: row[0], node: row[1], shippedAt: row[2], asnDue: row[3], deliveredAt: row[4],
                carrierCompliant: row[5])
        }
        let cancelled = try Row.fetchCursor(db, sql: cancellations, arguments: bound)
        while let row = try cancelled.next() {
            let reason: String = row[2]
            try assembly.addCancellation(
                order: row[0], node: row[1], byRetailer: reason == ScorecardQuery.retailerCancel, quantity: row[3],
                value: row[4], operation: operation)
        }
        return assembly.inWindow(from: window.from, until: window.until)
    }
}
