import Foundation
import TestSupport

/// Reads a dropgate SQLite store the way an operator would, with the `sqlite3` command-line shell (installed by
/// `make deps`), read-only: the end-to-end target links none of the product's modules.
struct StoreInspector {
    let database: URL

    init(_ database: URL) { self.database = database }

    /// The rows `sql` returns, each as its columns' text (NULL as the empty string). Blobs should be selected
    /// through `hex(…)` or `hex(sha3(…))`.
    func rows(_ sql: String) throws -> [[String]] {
        let output = try Self.shell(["-readonly", "-batch", "-ascii", database.path, sql])
        // -ascii: columns end with 0x1F, rows with 0x1E.
        return output.split(separator: "\u{1E}", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The bytes of a `hex(…)` column.
    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index != hex.endIndex {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        return bytes
    }

    /// The bytes of a kept inbound document: its row's, or its parts' in order when it was kept in parts.
    func keptBytes(of document: Int) throws -> [UInt8] {
        try rows(
            """
            SELECT hex(bytes) FROM inbound_document WHERE id = \(document) AND parts = 0
            UNION ALL SELECT * FROM (SELECT hex(bytes) FROM inbound_part WHERE document_id = \(document) ORDER BY part)
            """
        ).flatMap { Self.bytes(hex: $0.first ?? "") }
    }

    /// Each row joined by tabs: easy to compare and to print in a failure.
    func lines(_ sql: String) throws -> [String] { try rows(sql).map { $0.joined(separator: "\t") } }

    /// The first column of the first row, as an integer.
    func integer(_ sql: String) throws -> Int {
        let rows = try rows(sql)
        guard let text = rows.first?.first, let value = Int(text) else {
            throw Failure(description: "\(sql): no integer in \(rows.prefix(2))")
        }
        return value
    }

    /// `.dump` of one table: every row as an INSERT statement, blobs in hex, in rowid order.
    func dump(_ table: String) throws -> [String] {
        try Self.shell(["-readonly", "-batch", database.path, ".dump \(table)"]).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("INSERT INTO") }
    }

    /// Runs `sqlite3` with `arguments`; its output goes through a file so that a large answer never blocks a pipe.
    static func shell(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(["/usr/bin/sqlite3"] + arguments)
        guard result.status == 0, result.errors.isEmpty else {
            throw Failure(description: "sqlite3 \(arguments.dropFirst(2).joined(separator: " ")): \(result.errorText)")
        }
        return result.text
    }

    struct Failure: Error, CustomStringConvertible { var description: String }
}
