import GRDB
public import Orders

extension SQLiteStore {
    public func importInbound(_ rows: [InboundRow]) async throws(StoreError) {
        let merged = Self.merged(rows)
        try await write("import inbound stock") { db in
            for node in Set(rows.map(\.node)) {
                try db.cachedStatement(sql: "DELETE FROM inbound_stock WHERE node = ?").execute(
                    arguments: [node.rawValue])
            }
            for row in merged {
                try db.cachedStatement(
                    sql: "INSERT INTO inbound_stock (node, sku, due, quantity) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [row.node.rawValue, row.sku.rawValue, row.due.description, row.quantity])
            }
        }
    }

    public func inbound(of skus: Set<SKU>) async throws(StoreError) -> [InboundRow] {
        let wanted = skus.map(\.rawValue).sorted()
        return try await read("read inbound stock") { db in
            var rows: [InboundRow] = []
            // SQLite limits bound parameters per statement: ask in slices.
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let slice = Array(wanted[start..<min(start + 500, wanted.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT node, sku, due, quantity FROM inbound_stock WHERE sku IN (\(marks))
                            ORDER BY node, sku, due
                            """), arguments: StatementArguments(slice))
                {
                    guard let due = CalendarDate(parsing: row["due"] as String) else { continue }
                    rows.append(
                        InboundRow(
                            node: DCID(row["node"] as String), sku: SKU(row["sku"] as String),
                            quantity: row["quantity"], due: due))
                }
            }
            return rows.sorted { ($0.node, $0.sku, $0.due) < ($1.node, $1.sku, $1.due) }
        }
    }

    public func inbound() async throws(StoreError) -> [InboundRow] {
        try await read("read inbound stock") { db in
            var rows: [InboundRow] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT node, sku, due, quantity FROM inbound_stock ORDER BY node, sku, due")
            {
                guard let due = CalendarDate(parsing: row["due"] as String) else { continue }
                rows.append(
                    InboundRow(
                        node: DCID(row["node"] as String), sku: SKU(row["sku"] as String), quantity: row["quantity"],
                        due: due))
            }
            return rows.sorted { ($0.node, $0.sku, $0.due) < ($1.node, $1.sku, $1.due) }
        }
    }

    public func receive(_ receipts: [StockReceipt]) async throws(StoreError) {
        let totals = Self.totals(receipts)
        try await write("receive stock") { db in
            for (node, sku, quantity) in totals {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO inventory (node, sku, on_hand, safety_stock) VALUES (?, ?, ?, 0)
                        ON CONFLICT (node, sku) DO UPDATE SET on_hand = on_hand + excluded.on_hand
                        """
                ).execute(arguments: [node.rawValue, sku.rawValue, quantity])
                let due = try Row.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT due, quantity FROM inbound_stock WHERE node = ? AND sku = ? ORDER BY due"),
                    arguments: [node.rawValue, sku.rawValue])
                var left = quantity
                for row in due where left > 0 {
                    let day: String = row["due"]
                    let units: Int = row["quantity"]
                    let taken = min(left, units)
                    left -= taken
                    try db.cachedStatement(
                        sql: "UPDATE inbound_stock SET quantity = quantity - ? WHERE node = ? AND sku = ? AND due = ?"
                    ).execute(arguments: [taken, node.rawValue, sku.rawValue, day])
                }
                try db.cachedStatement(
                    sql: "DELETE FROM inbound_stock WHERE node = ? AND sku = ? AND quantity <= 0"
                ).execute(arguments: [node.rawValue, sku.rawValue])
            }
        }
    }
}
