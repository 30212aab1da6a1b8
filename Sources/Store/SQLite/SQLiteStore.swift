public import Foundation
import GRDB
public import Orders

/// The embedded default store: one SQLite file in WAL mode through GRDB. Safe to share between tasks: GRDB's
/// pool serialises writes and lets reads run beside them.
public final class SQLiteStore: OrderStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError("open \(path)", underlying: error)
        }
    }

    private func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError(operation, underlying: error) }
    }

    private func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError(operation, underlying: error) }
    }

    public func keep(_ document: InboundDocument) throws(StoreError) -> DocumentID {
        try write("keep inbound document") { db in
            try db.execute(
                sql: "INSERT INTO inbound_document (received_at, origin, format, bytes) VALUES (?, ?, ?, ?)",
                arguments: [
                    document.receivedAt.timeIntervalSince1970, document.origin, document.format.rawValue,
                    Data(document.bytes),
                ])
            return DocumentID(db.lastInsertedRowID)
        }
    }

    public func mark(_ document: DocumentID, status: DocumentStatus, problems: [String]) throws(StoreError) {
        try write("mark inbound document") { db in
            try db.execute(
                sql: "UPDATE inbound_document SET status = ?, problems = ? WHERE id = ?",
                arguments: [status.rawValue, problems.joined(separator: "\n"), document.rawValue])
        }
    }

    public func record(_ intake: OrderIntake) throws(StoreError) -> IntakeResult {
        let orderJSON: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            orderJSON = String(decoding: try encoder.encode(intake.order), as: UTF8.self)
        } catch {
            throw StoreError("encode order", underlying: error)
        }
        return try write("record order") { db in
            if let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM purchase_order WHERE retailer = ? AND po_number = ? AND purpose = ?",
                arguments: [intake.retailer.rawValue, intake.order.poNumber.rawValue, intake.order.purpose.rawValue])
            {
                try db.execute(
                    sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'duplicate', ?)",
                    arguments: [
                        intake.receivedAt.timeIntervalSince1970, existing,
                        "resent in interchange \(intake.order.source.interchangeControl ?? "-") from \(intake.order.source.origin ?? "-")",
                    ])
                return .duplicate(of: OrderID(existing))
            }
            let source = intake.order.source
            try db.execute(
                sql: """
                    INSERT INTO purchase_order (retailer, po_number, purpose, interchange_control, group_control,
                        set_control, document_id, received_at, order_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    intake.retailer.rawValue, intake.order.poNumber.rawValue, intake.order.purpose.rawValue,
                    source.interchangeControl, source.groupControl, source.setControl, intake.documentID?.rawValue,
                    intake.receivedAt.timeIntervalSince1970, orderJSON,
                ])
            let orderID = db.lastInsertedRowID
            let decision = intake.decision
            try db.execute(
                sql: """
                    INSERT INTO decision (order_id, outcome, nodes, ship_by, decided_at, explanation_json)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    orderID, decision.outcome, decision.nodes.map(\.rawValue).joined(separator: ","),
                    decision.shipBy?.timeIntervalSince1970, decision.decidedAt.timeIntervalSince1970,
                    decision.explanationJSON,
                ])
            for reservation in intake.reservations {
                try db.execute(
                    sql: "INSERT INTO reservation (order_id, node, sku, quantity) VALUES (?, ?, ?, ?)",
                    arguments: [orderID, reservation.node.rawValue, reservation.sku.rawValue, "\(reservation.quantity)"])
            }
            try db.execute(
                sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'decided', ?)",
                arguments: [
                    decision.decidedAt.timeIntervalSince1970, orderID,
                    "\(decision.outcome) \(decision.nodes.map(\.rawValue).joined(separator: "+"))",
                ])
            return .recorded(OrderID(orderID))
        }
    }

    public func keep(_ document: OutboundDocument) throws(StoreError) {
        try write("keep outbound document") { db in
            try db.execute(
                sql: """
                    INSERT INTO outbound_document (kind, retailer, order_id, in_reply_to, created_at, name, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.kind, document.retailer?.rawValue, document.orderID?.rawValue,
                    document.inReplyTo?.rawValue, document.createdAt.timeIntervalSince1970, document.name,
                    Data(document.bytes),
                ])
        }
    }

    public func nextControlNumber(partner: String, kind: String, limit: Int) throws(StoreError) -> Int {
        try write("next control number") { db in
            let current = try Int.fetchOne(
                db, sql: "SELECT value FROM control_number WHERE partner = ? AND kind = ?", arguments: [partner, kind])
            let next = current.map { $0 >= limit ? 1 : $0 + 1 } ?? 1
            try db.execute(
                sql: """
                    INSERT INTO control_number (partner, kind, value) VALUES (?, ?, ?)
                    ON CONFLICT (partner, kind) DO UPDATE SET value = excluded.value
                    """,
                arguments: [partner, kind, next])
            return next
        }
    }

    public func reservedQuantities() throws(StoreError) -> [DCID: [SKU: Decimal]] {
        try read("read reservations") { db in
            var result: [DCID: [SKU: Decimal]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT node, sku, quantity FROM reservation") {
                let quantity = Decimal(string: row["quantity"] as String) ?? 0
                result[DCID(row["node"] as String), default: [:]][SKU(row["sku"] as String), default: 0] += quantity
            }
            return result
        }
    }

    public func capacityUsed(shippingBetween start: Date, and end: Date) throws(StoreError)
        -> [DCID: (orders: Int, units: Decimal)]
    {
        try read("read capacity used") { db in
            var result: [DCID: (orders: Int, units: Decimal)] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.order_id, r.node, r.quantity FROM reservation r JOIN decision d ON d.order_id = r.order_id
                    WHERE d.ship_by >= ? AND d.ship_by < ?
                    """,
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970])
            var ordersSeen: Set<String> = []
            for row in rows {
                let node = DCID(row["node"] as String)
                let orderID: Int64 = row["order_id"]
                var entry = result[node] ?? (0, 0)
                if ordersSeen.insert("\(orderID)@\(node)").inserted { entry.orders += 1 }
                entry.units += Decimal(string: row["quantity"] as String) ?? 0
                result[node] = entry
            }
            return result
        }
    }

    public func orders() throws(StoreError) -> [OrderSummary] {
        try read("list orders") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.retailer, o.po_number, o.received_at, d.outcome, d.nodes, d.ship_by
                    FROM purchase_order o JOIN decision d ON d.order_id = o.id ORDER BY o.id
                    """
            ).map { row in
                let nodes: String = row["nodes"]
                let shipBy: Double? = row["ship_by"]
                return OrderSummary(
                    id: OrderID(row["id"]), retailer: RetailerID(row["retailer"] as String),
                    poNumber: PONumber(row["po_number"] as String), outcome: row["outcome"],
                    nodes: nodes.split(separator: ",").map { DCID(String($0)) },
                    shipBy: shipBy.map { Date(timeIntervalSince1970: $0) },
                    receivedAt: Date(timeIntervalSince1970: row["received_at"]))
            }
        }
    }
}
