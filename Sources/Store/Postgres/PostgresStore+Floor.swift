import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    public func floorOrder(_ id: OrderID) async throws(StoreError) -> FloorOrder? {
        let operation = "read order \(id) for the floor"
        let read = try await connection(operation) { connection -> (PostgresRow, [PostgresRow], [PostgresRow])? in
            guard
                let order = try await rows(
                    "SELECT retailer, order_json, state, version FROM purchase_order WHERE id = \(id.rawValue)",
                    on: connection
                ).first
            else { return nil }
            let shipments = try await rows(
                """
                SELECT id, confirmation_json, recorded_at, recorded_by, asn_due, review_json
                FROM shipment WHERE order_id = \(id.rawValue) ORDER BY id
                """, on: connection)
            let cancellations = try await rows(
                """
                SELECT node, line_number, sku, quantity, reason, at, recorded_by, review_json
                FROM line_cancellation WHERE order_id = \(id.rawValue) ORDER BY id
                """, on: connection)
            return (order, shipments, cancellations)
        }
        guard let (row, shipmentRows, cancellationRows) = read else { return nil }
        do {
            let (retailer, orderJSON, state, version) = try row.decode((String, String, String, Int).self)
            var shipments: [ShipmentRecord] = []
            for shipment in shipmentRows {
                let (shipmentID, json, recordedAt, recordedBy, asnDue, review) = try shipment.decode(
                    (Int64, String, Double, String, Double?, String).self)
                shipments.append(
                    ShipmentRecord(
                        id: ShipmentID(shipmentID), orderID: id,
                        confirmation: try StoreJSON.decode(ShipConfirmation.self, from: json, operation: operation),
                        recordedAt: Date(timeIntervalSince1970: recordedAt), recordedBy: recordedBy,
                        asnDue: asnDue.map(Date.init(timeIntervalSince1970:)), reviewJSON: review))
            }
            var cancellations: [CancellationRecord] = []
            for cancellation in cancellationRows {
                let (node, line, sku, quantity, reason, at, recordedBy, review) = try cancellation.decode(
                    (String, String, String, Int, String, Double, String, String).self)
                cancellations.append(
                    CancellationRecord(
                        orderID: id, node: DCID(node), lineNumber: line, sku: SKU(sku), quantity: quantity,
                        reason: reason, at: Date(timeIntervalSince1970: at), recordedBy: recordedBy,
                        reviewJSON: review))
            }
            return FloorOrder(
                id: id, retailer: RetailerID(retailer),
                order: try StoreJSON.decode(PurchaseOrder.self, from: orderJSON, operation: operation),
                state: try OrderState.stored(state, row: "order \(id)", operation: operation), version: version,
                shipments: shipments, cancellations: cancellations)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.failure(operation, error)
        }
    }

    public func recordShipment(_ shipment: ShipmentCommit) async throws(StoreError) -> FloorResult {
        let json = try StoreJSON.encode(shipment.confirmation, operation: "encode shipment")
        do {
            return try await transaction { connection in
                try await self.checkVersion(shipment.orderID, shipment.version, on: connection)
                for unit in shipment.consumed.sorted(by: { ($0.node, $0.sku) < ($1.node, $1.sku) }) {
                    try await self.takeReservation(unit, of: shipment.orderID, on: connection)
                    try await connection.query(
                        """
                        UPDATE inventory SET on_hand = greatest(0, on_hand - \(unit.quantity)),
                            reserved = greatest(0, reserved - \(unit.quantity))
                        WHERE node = \(unit.node.rawValue) AND sku = \(unit.sku.rawValue)
                        """, logger: self.logger)
                }
                let confirmation = shipment.confirmation
                guard
                    let shipmentID = try await self.rows(
                        """
                        INSERT INTO shipment (order_id, node, shipped_at, recorded_at, recorded_by, asn_due,
                            confirmation_json, review_json)
                        VALUES (\(shipment.orderID.rawValue), \(confirmation.node.rawValue),
                            \(confirmation.shippedAt.timeIntervalSince1970), \(shipment.recordedAt.timeIntervalSince1970),
                            \(shipment.recordedBy), \(shipment.asnDue?.timeIntervalSince1970), \(json),
                            \(shipment.reviewJSON))
                        RETURNING id
                        """, on: connection
                    ).first?.decode(Int64.self)
                else { throw PostgresSchemaError(description: "INSERT INTO shipment returned no id") }
                // The PO's receipt is the store's to read: the statement marks it only when due long after.
                try await self.markStraggler(
                    shipment.orderID.rawValue, at: ScorecardStragglers.latest(confirmation.shippedAt, shipment.asnDue),
                    on: connection)
                let entries = try await self.insert(
                    shipment.outbound, orderID: shipment.orderID.rawValue, inReplyTo: nil, key: nil,
                    at: shipment.recordedAt, on: connection)
                let ids = entries.map(\.id.rawValue)
                if !ids.isEmpty {
                    try await connection.query(
                        "UPDATE outbox SET shipment_id = \(shipmentID) WHERE id = ANY(\(ids))", logger: self.logger)
                }
                let state = try await self.settle(
                    shipment.orderID, at: shipment.recordedAt, event: "shipped",
                    detail: "shipment \(shipmentID) from \(confirmation.node): \(confirmation.totalUnits) unit(s), "
                        + confirmation.packages.map(\.trackingNumber).joined(separator: ", "),
                    on: connection)
                return FloorResult.recorded(ShipmentID(shipmentID), state, entries)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record shipment of order \(shipment.orderID)", error)
        }
    }

    public func recordCancellation(_ cancellation: CancellationCommit) async throws(StoreError) -> FloorResult {
        do {
            return try await transaction { connection in
                let (state, entries) = try await self.cancel(cancellation, on: connection)
                return FloorResult.recorded(nil, state, entries)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("record cancellation of order \(cancellation.orderID)", error)
        }
    }

    /// Writes a cancellation (see `recordCancellation`) inside the caller's transaction: the order's state after
    /// it, and its outbox rows.
    func cancel(_ cancellation: CancellationCommit, on connection: PostgresConnection) async throws
        -> (OrderState, [OutboxEntry])
    {
        try await checkVersion(cancellation.orderID, cancellation.version, on: connection)
        // In (node, SKU) order, as every writer takes inventory rows: no two transactions wait on each other.
        for unit in cancellation.released.sorted(by: { ($0.node, $0.sku) < ($1.node, $1.sku) }) {
            try await takeReservation(unit, of: cancellation.orderID, on: connection)
            try await connection.query(
                """
                UPDATE inventory SET reserved = greatest(0, reserved - \(unit.quantity))
                WHERE node = \(unit.node.rawValue) AND sku = \(unit.sku.rawValue)
                """, logger: logger)
        }
        for line in cancellation.lines {
            try await connection.query(
                """
                INSERT INTO line_cancellation (order_id, node, line_number, sku, quantity, reason, at,
                    recorded_by, review_json, value)
                VALUES (\(cancellation.orderID.rawValue), \(line.node.rawValue), \(line.lineNumber),
                    \(line.sku.rawValue), \(line.quantity), \(line.reason), \(line.at.timeIntervalSince1970),
                    \(line.recordedBy), \(cancellation.reviewJSON), \(line.value?.description))
                """, logger: logger)
        }
        let at = cancellation.lines.first?.at ?? Date()
        let entries = try await insert(
            cancellation.outbound, orderID: cancellation.orderID.rawValue, inReplyTo: nil, key: nil, at: at,
            on: connection)
        let state = try await settle(
            cancellation.orderID, at: at, event: "cancelled",
            detail: cancellation.lines.map { "line \($0.lineNumber): \($0.quantity) (\($0.reason))" }
                .joined(separator: ", "),
            on: connection)
        return (state, entries)
    }

    /// Locks the order's row; a conflict unless it is at `version` and still on the floor (open or released).
    func checkVersion(_ order: OrderID, _ version: Int, on connection: PostgresConnection) async throws {
        guard
            let (state, current) = try await rows(
                "SELECT state, version FROM purchase_order WHERE id = \(order.rawValue) FOR UPDATE", on: connection
            ).first?.decode((String, Int).self)
        else { throw Conflict("order \(order) is not recorded") }
        guard current == version else {
            throw Conflict("order \(order) was replaced (version \(current), reviewed at \(version))")
        }
        guard state == OrderState.open.rawValue || state == OrderState.released.rawValue else {
            throw Conflict("order \(order) is \(state)")
        }
    }

    /// Takes `unit` off the order's reservation at its node, or a conflict when fewer units are reserved.
    func takeReservation(_ unit: Reservation, of order: OrderID, on connection: PostgresConnection) async throws {
        let taken = try await rows(
            """
            UPDATE reservation SET quantity = quantity - \(unit.quantity)
            WHERE ctid = (SELECT ctid FROM reservation WHERE order_id = \(order.rawValue)
                AND node = \(unit.node.rawValue) AND sku = \(unit.sku.rawValue) AND quantity >= \(unit.quantity)
                LIMIT 1)
            RETURNING 1
            """, on: connection)
        guard taken.count == 1 else {
            throw Conflict("order \(order) has fewer than \(unit.quantity) of \(unit.sku) reserved at \(unit.node)")
        }
    }

    /// As SQLite's `settle`: `shipped`, `cancelled` or `released` by what is still reserved, with an audit event.
    func settle(_ order: OrderID, at: Date, event: String, detail: String, on connection: PostgresConnection)
        async throws -> OrderState
    {
        try await connection.query(
            "DELETE FROM reservation WHERE order_id = \(order.rawValue) AND quantity = 0", logger: logger)
        var reserved: Int64 = 0
        var shipped: Int64 = 0
        if let row = try await rows(
            """
            SELECT (SELECT coalesce(sum(quantity), 0)::bigint FROM reservation WHERE order_id = \(order.rawValue)),
                (SELECT count(*) FROM shipment WHERE order_id = \(order.rawValue))
            """, on: connection
        ).first {
            (reserved, shipped) = try row.decode((Int64, Int64).self)
        }
        let state: OrderState = reserved > 0 ? .released : shipped > 0 ? .shipped : .cancelled
        try await connection.query(
            "UPDATE purchase_order SET state = \(state.rawValue) WHERE id = \(order.rawValue)", logger: logger)
        try await connection.query(
            """
            INSERT INTO audit (at, order_id, event, detail)
            VALUES (\(at.timeIntervalSince1970), \(order.rawValue), \(event), \(detail))
            """, logger: logger)
        return state
    }
}
