import Foundation
import GRDB
import Orders

extension OrderState: StoredCode {
    static var storedName: String { "order state" }
}

extension SQLiteStore {
    public func floorOrder(_ id: OrderID) async throws(StoreError) -> FloorOrder? {
        let operation = "read order \(id) for the floor"
        return try await read(operation) { db -> FloorOrder? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT retailer, order_json, state, version FROM purchase_order WHERE id = ?",
                    arguments: [id.rawValue])
            else { return nil }
            var shipments: [ShipmentRecord] = []
            for shipment in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, confirmation_json, recorded_at, recorded_by, asn_due, review_json
                    FROM shipment WHERE order_id = ? ORDER BY id
                    """, arguments: [id.rawValue])
            {
                shipments.append(
                    ShipmentRecord(
                        id: ShipmentID(shipment["id"]), orderID: id,
                        confirmation: try StoreJSON.decode(
                            ShipConfirmation.self, from: shipment["confirmation_json"], operation: operation),
                        recordedAt: Date(timeIntervalSince1970: shipment["recorded_at"]),
                        recordedBy: shipment["recorded_by"],
                        asnDue: (shipment["asn_due"] as Double?).map(Date.init(timeIntervalSince1970:)),
                        reviewJSON: shipment["review_json"]))
            }
            let cancellations = try Row.fetchAll(
                db,
                sql: """
                    SELECT node, line_number, sku, quantity, reason, at, recorded_by, review_json
                    FROM line_cancellation WHERE order_id = ? ORDER BY id
                    """, arguments: [id.rawValue]
            ).map { row in
                CancellationRecord(
                    orderID: id, node: DCID(row["node"] as String), lineNumber: row["line_number"],
                    sku: SKU(row["sku"] as String), quantity: row["quantity"], reason: row["reason"],
                    at: Date(timeIntervalSince1970: row["at"]), recordedBy: row["recorded_by"],
                    reviewJSON: row["review_json"])
            }
            return FloorOrder(
                id: id, retailer: RetailerID(row["retailer"] as String),
                order: try StoreJSON.decode(PurchaseOrder.self, from: row["order_json"], operation: operation),
                state: try OrderState.stored(row["state"], row: "order \(id)", operation: operation),
                version: row["version"], shipments: shipments, cancellations: cancellations)
        }
    }

    public func recordShipment(_ shipment: ShipmentCommit) async throws(StoreError) -> FloorResult {
        let json = try StoreJSON.encode(shipment.confirmation, operation: "encode shipment")
        do {
            return try await writer.write { db in
                try Self.checkVersion(shipment.orderID, shipment.version, db)
                for unit in shipment.consumed {
                    try Self.takeReservation(unit, of: shipment.orderID, db)
                    try db.cachedStatement(
                        sql: """
                            UPDATE inventory SET on_hand = max(0, on_hand - ?), reserved = max(0, reserved - ?)
                            WHERE node = ? AND sku = ?
                            """
                    ).execute(arguments: [unit.quantity, unit.quantity, unit.node.rawValue, unit.sku.rawValue])
                }
                let confirmation = shipment.confirmation
                try db.execute(
                    sql: """
                        INSERT INTO shipment (order_id, node, shipped_at, recorded_at, recorded_by, asn_due,
                            confirmation_json, review_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        shipment.orderID.rawValue, confirmation.node.rawValue,
                        confirmation.shippedAt.timeIntervalSince1970, shipment.recordedAt.timeIntervalSince1970,
                        shipment.recordedBy, shipment.asnDue?.timeIntervalSince1970, json, shipment.reviewJSON,
                    ])
                let shipmentID = db.lastInsertedRowID
                // The PO's receipt is the store's to read: the statement marks it only when due long after.
                try Self.markStraggler(
                    shipment.orderID.rawValue, at: ScorecardStragglers.latest(confirmation.shippedAt, shipment.asnDue),
                    db)
                let entries = try Self.insert(
                    shipment.outbound, orderID: shipment.orderID.rawValue, inReplyTo: nil, key: nil,
                    at: shipment.recordedAt, in: db)
                for entry in entries {
                    try db.execute(
                        sql: "UPDATE outbox SET shipment_id = ? WHERE id = ?",
                        arguments: [shipmentID, entry.id.rawValue])
                }
                let state = try Self.settle(
                    shipment.orderID, at: shipment.recordedAt, event: "shipped",
                    detail: "shipment \(shipmentID) from \(confirmation.node): \(confirmation.totalUnits) unit(s), "
                        + confirmation.packages.map(\.trackingNumber).joined(separator: ", "),
                    db)
                return .recorded(ShipmentID(shipmentID), state, entries)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record shipment of order \(shipment.orderID)", error)
        }
    }

    public func recordCancellation(_ cancellation: CancellationCommit) async throws(StoreError) -> FloorResult {
        do {
            return try await writer.write { db in
                let (state, entries) = try Self.cancel(cancellation, db)
                return .recorded(nil, state, entries)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record cancellation of order \(cancellation.orderID)", error)
        }
    }

    /// Writes a cancellation (see `recordCancellation`) inside the caller's transaction: the order's state after
    /// it, and its outbox rows.
    static func cancel(_ cancellation: CancellationCommit, _ db: Database) throws -> (OrderState, [OutboxEntry]) {
        try checkVersion(cancellation.orderID, cancellation.version, db)
        for unit in cancellation.released {
            try takeReservation(unit, of: cancellation.orderID, db)
            try db.cachedStatement(
                sql: "UPDATE inventory SET reserved = max(0, reserved - ?) WHERE node = ? AND sku = ?"
            ).execute(arguments: [unit.quantity, unit.node.rawValue, unit.sku.rawValue])
        }
        for line in cancellation.lines {
            try db.execute(
                sql: """
                    INSERT INTO line_cancellation (order_id, node, line_number, sku, quantity, reason, at,
                        recorded_by, review_json, value)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    cancellation.orderID.rawValue, line.node.rawValue, line.lineNumber, line.sku.rawValue,
                    line.quantity, line.reason, line.at.timeIntervalSince1970, line.recordedBy,
                    cancellation.reviewJSON, line.value?.description,
                ])
        }
        let at = cancellation.lines.first?.at ?? Date()
        let entries = try insert(
            cancellation.outbound, orderID: cancellation.orderID.rawValue, inReplyTo: nil, key: nil, at: at, in: db)
        let state = try settle(
            cancellation.orderID, at: at, event: "cancelled",
            detail: cancellation.lines.map { "line \($0.lineNumber): \($0.quantity) (\($0.reason))" }
                .joined(separator: ", "),
            db)
        return (state, entries)
    }

    /// A conflict unless the order is at `version` and still on the floor (open or released).
    static func checkVersion(_ order: OrderID, _ version: Int, _ db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT state, version FROM purchase_order WHERE id = ?", arguments: [order.rawValue])
        else { throw Conflict("order \(order) is not recorded") }
        let state: String = row["state"]
        let current: Int = row["version"]
        guard current == version else {
            throw Conflict("order \(order) was replaced (version \(current), reviewed at \(version))")
        }
        guard state == OrderState.open.rawValue || state == OrderState.released.rawValue else {
            throw Conflict("order \(order) is \(state)")
        }
    }

    /// Takes `unit` off the order's reservation at its node, or a conflict when fewer units are reserved.
    static func takeReservation(_ unit: Reservation, of order: OrderID, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE reservation SET quantity = quantity - ?
                WHERE rowid = (SELECT rowid FROM reservation WHERE order_id = ? AND node = ? AND sku = ?
                    AND quantity >= ? LIMIT 1)
                """
        ).execute(arguments: [unit.quantity, order.rawValue, unit.node.rawValue, unit.sku.rawValue, unit.quantity])
        guard db.changesCount == 1 else {
            throw Conflict("order \(order) has fewer than \(unit.quantity) of \(unit.sku) reserved at \(unit.node)")
        }
    }

    /// Moves the order on after a shipment or cancel: `shipped` (or `cancelled` when nothing of it ever shipped)
    /// once nothing is reserved for it, else `released`; with an audit event.
    static func settle(_ order: OrderID, at: Date, event: String, detail: String, _ db: Database) throws
        -> OrderState
    {
        try db.execute(sql: "DELETE FROM reservation WHERE order_id = ? AND quantity = 0", arguments: [order.rawValue])
        let reserved =
            try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(quantity), 0) FROM reservation WHERE order_id = ?",
                arguments: [order.rawValue]) ?? 0
        let shipped =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM shipment WHERE order_id = ?", arguments: [order.rawValue])
            ?? 0
        let state: OrderState = reserved > 0 ? .released : shipped > 0 ? .shipped : .cancelled
        try db.execute(
            sql: "UPDATE purchase_order SET state = ? WHERE id = ?", arguments: [state.rawValue, order.rawValue])
        try db.cachedStatement(
            sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [at.timeIntervalSince1970, order.rawValue, event, detail])
        return state
    }
}
