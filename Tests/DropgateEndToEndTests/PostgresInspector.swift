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
        let result = try ChildProcess.run(["/usr/bin/psql"] + arguments, environment: ["PGCONNECT_TIMEOUT": "10"])
        guard result.status == 0, result.errors.isEmpty else {
            throw StoreInspector.Failure(
                description: "psql \(arguments.last ?? ""): status \(result.status): \(result.errorText)")
        }
        return result.text
    }

    /// Per partner, the ISA13 of every X12 document in the outbox (copies of acknowledgements aside), ascending.
    func interchangeControlNumbers() throws -> [String: [Int]] {
        var numbers: [String: [Int]] = [:]
        // ISA13 is the 13th element of the fixed-width ISA: bytes 91–99 counting from 1.
        for row in try rows(
            """
            SELECT partner, substring(convert_from(bytes, 'UTF8') from 91 for 9) FROM outbox
            WHERE kind IN ('997', '999', 'TA1', '855', '865') AND \(StoreInspector.originals)
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
