/// A CSV table (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with a header row. Rows keep their line numbers
/// for messages.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [Row]

    public struct Row: Sendable {
        /// 1-based line the row starts on.
        public var line: Int
        public var fields: [String]

        /// The 1-based column a field starts at, counting the fields before it as written unquoted (a quoted field
        /// before it puts the real column further right).
        public func column(ofField index: Int) -> Int {
            fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
        }
    }

    /// Parses `text`; a quote left open is reported against `file`. Reads UTF-8 bytes (every byte the format gives
    /// a meaning is ASCII, so a multi-byte character passes through whole): a catalog of a million items is read in
    /// well under a second.
    public init(parsing text: String, file: String) throws(ProfileError) {
        var rows: [Row] = []
        header = try Self.forEachRow(parsing: text, file: file) { rows.append($1) }
        self.rows = rows
    }

    /// Parses `text` a row at a time, handing the header and each row after it to `body`, and returns the header: a table
    /// of a million rows is read without holding them all. A quote left open is reported against `file` (after
    /// the rows before it were handed over).
    public static func forEachRow(
        parsing text: String, file: String, _ body: (_ header: [String], _ row: Row) -> Void
    ) throws(ProfileError)
        -> [String]
    {
        var text = text
        var header: [String]?
        let (openQuote, lastLine) = text.withUTF8 { bytes in
            records(in: bytes) { row in
                if let header {
                    body(header, row)
                } else {
                    header = row.fields.map { String($0.trimmingSpaces) }
                }
            }
        }
        if openQuote {
            throw ProfileError(
                kind: .syntax, file: file, line: lastLine, column: 1, message: "a quoted field is not closed")
        }
        guard let header else {
            throw ProfileError(
                kind: .syntax, file: file, line: 1, column: 1, message: "the file is empty; expected a header row")
        }
        return header
    }

    /// Hands each record of `bytes` (RFC 4180, CR outside quotes ignored, blank lines skipped) to `body`; returns
    /// whether a quote was left open, and the line the last record started on.
    private static func records(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Row) -> Void) -> (
        openQuote: Bool, lastLine: Int
    ) {
        var fields: [String] = []
        return recordBytes(in: bytes) { record in
            fields.removeAll(keepingCapacity: true)
            for index in 0..<record.count { fields.append(record.string(index)) }
            body(Row(line: record.line, fields: fields))
        }
    }

    /// Hands each record of `bytes` to `body` as bytes (RFC 4180, CR outside quotes ignored, blank lines skipped),
    /// in one buffer reused from record to record: what a reader of a million rows uses to make no string of a
    /// field it does not keep. Returns whether a quote was left open, and the line the last record started on.
    static func recordBytes(in bytes: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) -> Void) -> (
        openQuote: Bool, lastLine: Int
    ) {
        var scanner = CSVRecordScanner()
        scanner.scan(bytes, body)
        return scanner.finish(body)
    }

    /// The column index of each name, or an error naming the first missing column.
    public func columns(_ names: [String], file: String) throws(ProfileError) -> [Int] {
        try Self.columns(names, in: header, file: file)
    }

    /// The column index of each name in `header`, or an error naming the first missing column.
    public static func columns(_ names: [String], in header: [String], file: String) throws(ProfileError) -> [Int] {
        var indexes: [Int] = []
        for name in names {
            guard let index = header.firstIndex(of: name) else {
                throw ProfileError(
                    kind: .missingKey, file: file, line: 1, column: 1,
                    message: "missing column '\(name)'; the header is \(header.joined(separator: ","))")
            }
            indexes.append(index)
        }
        return indexes
    }
}
