public import Orders
import PostgresNIO

extension PostgresStore {
    public func importInbound(_ rows: [InboundRow]) async throws(StoreError) {
        let merged = Self.merged(rows)
        let nodes = Set(rows.map(\.node.rawValue)).sorted()
        try await transaction("import inbound stock") { connection in
            try await connection.query("DELETE FROM inbound_stock WHERE node = ANY(\(nodes))", logger: logger)
            for row in merged {
                try await connection.query(
                    """
                    INSERT INTO inbound_stock (node, sku, due, quantity)
                    VALUES (\(row.node.rawValue), \(row.sku.rawValue), \(row.due.description), \(row.quantity))
                    """, logger: logger)
            }
        }
    }

    public func inbound(of skus: Set<SKU>) async throws(StoreError) -> [InboundRow] {
        let wanted = skus.map(\.rawValue).sorted()
        return try await connection("read inbound stock") { connection in
            try await rows(
                """
                SELECT node, sku, due, quantity FROM inbound_stock WHERE sku = ANY(\(wanted))
                ORDER BY node, sku, due
                """, on: connection
            ).compactMap { row in
                let (node, sku, due, quantity) = try row.decode((String, String, String, Int).self)
                return CalendarDate(parsing: due).map {
                    InboundRow(node: DCID(node), sku: SKU(sku), quantity: quantity, due: $0)
                }
            }
        }
    }

    public func inbound() async throws(StoreError) -> [InboundRow] {
        try await connection("read inbound stock") { connection in
            try await rows("SELECT node, sku, due, quantity FROM inbound_stock ORDER BY node, sku, due", on: connection)
                .compactMap { row in
                    let (node, sku, due, quantity) = try row.decode((String, String, String, Int).self)
                    return CalendarDate(parsing: due).map {
                        InboundRow(node: DCID(node), sku: SKU(sku), quantity: quantity, due: $0)
                    }
                }
        }
    }

    public func receive(_ receipts: [StockReceipt]) async throws(StoreError) {
        let totals = Self.totals(receipts)
        try await transaction("receive stock") { connection in
            // Inventory rows in node and SKU order, the order commits lock them in, so that a receipt and a commit
            // cannot deadlock.
            for (node, sku, quantity) in totals {
                try await connection.query(
                    """
                    INSERT INTO inventory (node, sku, on_hand, safety_stock)
                    VALUES (\(node.rawValue), \(sku.rawValue), \(quantity), 0)
                    ON CONFLICT (node, sku) DO UPDATE SET on_hand = inventory.on_hand + excluded.on_hand
                    """, logger: logger)
                var left = quantity
                for row in try await rows(
                    """
                    SELECT due, quantity FROM inbound_stock WHERE node = \(node.rawValue) AND sku = \(sku.rawValue)
                    ORDER BY due FOR UPDATE
                    """, on: connection)
                {
                    guard left > 0 else { break }
                    let (due, units) = try row.decode((String, Int).self)
                    let taken = min(left, units)
                    left -= taken
                    try await connection.query(
                        """
                        UPDATE inbound_stock SET quantity = quantity - \(taken)
                        WHERE node = \(node.rawValue) AND sku = \(sku.rawValue) AND due = \(due)
                        """, logger: logger)
                }
                try await connection.query(
                    """
                    DELETE FROM inbound_stock
                    WHERE node = \(node.rawValue) AND sku = \(sku.rawValue) AND quantity <= 0
                    """, logger: logger)
            }
        }
    }
}
