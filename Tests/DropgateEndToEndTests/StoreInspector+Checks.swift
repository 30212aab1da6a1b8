import Foundation

/// A store the durable-pipeline tests read with SQL (SQLite's shell or psql): the invariants that must hold at any
/// instant (after a crash, after racing processes), the same queries in either dialect.
protocol InvariantChecking {
    /// Each row of `sql`'s result, as its columns.
    func rows(_ sql: String) throws -> [[String]]
    /// Each row of `sql`'s result, its columns joined with tabs.
    func lines(_ sql: String) throws -> [String]
    /// Per partner, the ISA13 of every X12 document in the outbox (copies of acknowledgements aside), ascending.
    func interchangeControlNumbers() throws -> [String: [Int]]
    /// The dialect's function for the larger of two values (`max` in SQLite, `greatest` in PostgreSQL).
    static var largerOf: String { get }
}

extension StoreInspector: InvariantChecking {
    static let largerOf = "max"
}

extension PostgresInspector: InvariantChecking {
    static let largerOf = "greatest"
}

extension InvariantChecking {
    /// Broken invariants, one line each; empty when the store is consistent:
    /// - every recorded PO has exactly one decision, and one `decided` audit event and one explanation in the outbox
    ///   per version (a PO sent again may replace its first version);
    /// - for every node and SKU, reserved is the sum of the reservation rows and never more than on hand − safety;
    /// - each interchange's acknowledgement is written once (its copies aside);
    /// - per partner, the ISA13s of the X12 documents written (copies aside) are 1…n, and the counter says n.
    func brokenInvariants() throws -> [String] {
        var broken: [String] = []
        broken += try lines(
            """
            SELECT 'PO without exactly one decision: ' || o.retailer || ' ' || o.po_number
            FROM purchase_order o LEFT JOIN decision d ON d.order_id = o.id GROUP BY o.id HAVING count(d.order_id) <> 1
            """)
        broken += try lines(
            """
            SELECT 'PO without exactly one audit event: ' || o.retailer || ' ' || o.po_number
            FROM purchase_order o LEFT JOIN audit a ON a.order_id = o.id AND a.event = 'decided'
            GROUP BY o.id HAVING count(a.id) <> o.version
            """)
        broken += try lines(
            """
            SELECT 'PO without exactly one explanation: ' || o.retailer || ' ' || o.po_number
            FROM purchase_order o LEFT JOIN outbox x ON x.order_id = o.id AND x.kind = 'explanation'
            GROUP BY o.id HAVING count(x.id) <> o.version
            """)
        broken += try lines(
            """
            SELECT 'reserved ' || i.reserved || ' but reservations sum to ' || coalesce(r.total, 0) || ': ' || i.node
                || ' ' || i.sku
            FROM inventory i LEFT JOIN (SELECT node, sku, sum(quantity) AS total FROM reservation GROUP BY 1, 2) r
                ON r.node = i.node AND r.sku = i.sku
            WHERE i.reserved <> coalesce(r.total, 0)
            """)
        broken += try lines(
            """
            SELECT 'reservations for a node and SKU without inventory: ' || node || ' ' || sku FROM reservation r
            WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.node = r.node AND i.sku = r.sku)
            """)
        broken += try lines(
            """
            SELECT 'oversold: ' || node || ' ' || sku || ' reserved ' || reserved || ' of ' || on_hand || ' on hand, '
                || safety_stock || ' safety'
            FROM inventory WHERE reserved > \(Self.largerOf)(0, on_hand - safety_stock) OR reserved < 0
            """)
        broken += try lines(
            """
            SELECT 'acknowledgement written ' || count(*) || ' times: ' || key FROM outbox
            WHERE key LIKE 'ack %' AND \(StoreInspector.originals) GROUP BY key HAVING count(*) > 1
            """)
        for (partner, numbers) in try interchangeControlNumbers() {
            let expected = Array(1...max(1, numbers.count))
            if numbers != expected && !numbers.isEmpty {
                let missing = Set(expected).subtracting(numbers).sorted().prefix(10)
                let twice = Dictionary(grouping: numbers, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                broken.append(
                    "\(partner): ISA13s are not 1…\(numbers.count): missing \(Array(missing)), twice \(twice.prefix(10))"
                )
            }
            let counter = try rows("SELECT value FROM control_number WHERE partner = '\(partner)' AND kind = 'ISA13'")
            if counter.first?.first != String(numbers.count) {
                broken.append("\(partner): ISA13 counter \(counter) after \(numbers.count) interchanges")
            }
        }
        return broken
    }
}

/// What the durable-pipeline tests read from a SQLite store: the figures two stores are compared by.
extension StoreInspector {
    /// Outbox rows that are not a redelivered interchange's copy of an acknowledgement.
    static let originals = "(key IS NULL OR key NOT LIKE '% again for %')"
    static let againCopies = "key LIKE '% again for %'"

    /// Per partner, the ISA13 of every X12 document in the outbox (copies of acknowledgements aside), ascending.
    func interchangeControlNumbers() throws -> [String: [Int]] {
        var numbers: [String: [Int]] = [:]
        // ISA13 is the 13th element of the fixed-width ISA: bytes 90–98.
        for row in try rows(
            """
            SELECT partner, substr(CAST(bytes AS TEXT), 91, 9) FROM outbox
            WHERE kind IN ('997', '999', 'TA1', '855', '865') AND \(Self.originals)
            """)
        {
            numbers[row[0], default: []].append(Int(row[1]) ?? -1)
        }
        return numbers.mapValues { $0.sorted() }
    }

    /// Copies of acknowledgements that are not a byte copy of the original they name (`ack X again for D` copies
    /// `ack X`). Empty when every copy is faithful.
    func unfaithfulCopies() throws -> [String] {
        try lines(
            """
            SELECT 'not a copy of its original: ' || a.key FROM outbox a
            WHERE \(Self.againCopies) AND NOT EXISTS (
                SELECT 1 FROM outbox o WHERE o.key = substr(a.key, 1, instr(a.key, ' again for ') - 1)
                AND o.kind = a.kind AND o.partner = a.partner AND o.name = a.name AND o.bytes = a.bytes)
            """)
    }

    /// The figures a store is judged by, by name; each a list of rows in a fixed order, independent of row ids.
    func figures() throws -> [(name: String, rows: [String])] {
        [
            (
                "decisions (PO, outcome, DC, deadlines, explanation)",
                try lines(
                    """
                    SELECT o.retailer, o.po_number, o.purpose, d.outcome, d.nodes, d.acknowledge_by, d.ship_by,
                        hex(sha3(d.explanation_json))
                    FROM purchase_order o JOIN decision d ON d.order_id = o.id ORDER BY 1, 2, 3
                    """)
            ),
            (
                "inventory (node, SKU, on hand, safety, reserved)",
                try lines("SELECT node, sku, on_hand, safety_stock, reserved FROM inventory ORDER BY 1, 2")
            ),
            (
                "reservations (by PO)",
                try lines(
                    """
                    SELECT o.retailer, o.po_number, r.node, r.sku, r.quantity
                    FROM reservation r JOIN purchase_order o ON o.id = r.order_id ORDER BY 1, 2, 3, 4
                    """)
            ),
            ("capacity used", try lines("SELECT node, day, orders, units FROM capacity_used ORDER BY 1, 2")),
            ("control numbers", try lines("SELECT partner, kind, value FROM control_number ORDER BY 1, 2")),
            (
                "outbox (kind, partner, name, bytes) in the order written, copies aside",
                try lines(
                    "SELECT kind, partner, name, hex(sha3(bytes)) FROM outbox WHERE \(Self.originals) ORDER BY id")
            ),
        ]
    }
}

/// The first rows where two lists differ, for a failure message: `-` only in `expected`, `+` only in `actual`.
func differences(_ actual: [String], _ expected: [String], limit: Int = 8) -> String {
    var lines: [String] = []
    if actual.count != expected.count { lines.append("\(actual.count) rows, expected \(expected.count)") }
    let missing = Set(expected).subtracting(actual)
    let extra = Set(actual).subtracting(expected)
    lines += expected.filter(missing.contains).prefix(limit).map { "- \($0)" }
    lines += actual.filter(extra.contains).prefix(limit).map { "+ \($0)" }
    if missing.isEmpty && extra.isEmpty && actual != expected {
        let index = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
        lines.append("same rows, another order from row \(index)")
    }
    return lines.joined(separator: "\n")
}
