import Foundation
import TestSupport

/// Reads a dropgate PostgreSQL store the way an operator would, with Debian's `psql` (installed with `postgresql`
/// by `make deps`), as `StoreInspector` reads a SQLite one with `sqlite3`. Values must hold no tab or newline.
struct PostgresInspector {
    let database: TemporaryPostgres.Database

    init(_ database: TemporaryPostgres.Database) { self.database = database }

    /// The rows `sql` returns, each as its columns' text (NULL as the empty string).
    func rows(_ sql: String) throws -> [[String]] {
        try lines(sql).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Each row, its columns joined by tabs: easy to compare and to print in a failure.
    func lines(_ sql: String) throws -> [String] {
        let output = try psql([
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", database.host, "-p", "\(database.port)", "-U", database.user,
            "-d", database.name, "-At", "-F", "\t", "-c", sql,
        ])
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The first column of the first row, as an integer.
    func integer(_ sql: String) throws -> Int {
        let rows = try rows(sql)
        guard let text = rows.first?.first, let value = Int(text) else {
            throw StoreInspector.Failure(description: "\(sql): no integer in \(rows.prefix(2))")
        }
        return value
    }

    /// Runs `psql`; its output goes through a file so that a large answer never blocks a pipe.
    private func psql(_ arguments: [String]) throws -> String {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["PGCONNECT_TIMEOUT": "10"]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let error = String(decoding: try Data(contentsOf: err), as: UTF8.self)
        guard process.terminationStatus == 0, error.isEmpty else {
            throw StoreInspector.Failure(
                description: "psql \(arguments.last ?? ""): status \(process.terminationStatus): \(error)")
        }
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }

    /// Broken invariants, one line each; empty when the store is consistent (`StoreInspector.brokenInvariants`
    /// in PostgreSQL's dialect):
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
            FROM inventory WHERE reserved > greatest(0, on_hand - safety_stock) OR reserved < 0
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

    /// Per partner, the ISA13 of every X12 document in the outbox (copies of acknowledgements aside), ascending.
    func interchangeControlNumbers() throws -> [String: [Int]] {
        var numbers: [String: [Int]] = [:]
        // ISA13 is the 13th element of the fixed-width ISA: bytes 91–99 counting from 1.
        for row in try rows(
            """
            SELECT partner, substring(convert_from(bytes, 'UTF8') from 91 for 9) FROM outbox
            WHERE kind IN ('997', '999', 'TA1', '855') AND \(StoreInspector.originals)
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
            WHERE \(StoreInspector.againCopies) AND NOT EXISTS (
                SELECT 1 FROM outbox o WHERE o.key = substr(a.key, 1, strpos(a.key, ' again for ') - 1)
                AND o.kind = a.kind AND o.partner = a.partner AND o.name = a.name AND o.bytes = a.bytes)
            """)
    }
}
