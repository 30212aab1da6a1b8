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

    /// Parses `text`; a quote left open is reported against `file`.
    public init(parsing text: String, file: String) throws(ProfileError) {
        var records: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Row(line: recordLine, fields: fields)) }
            fields = []
            field = ""
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            afterQuote = true
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote: inQuotes = true
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r": continue
            case "\n":
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw ProfileError(
                kind: .syntax, file: file, line: recordLine, column: 1, message: "a quoted field is not closed")
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw ProfileError(
                kind: .syntax, file: file, line: 1, column: 1, message: "the file is empty; expected a header row")
        }
        header = first.fields.map { String($0.trimmingSpaces) }
        rows = Array(records.dropFirst())
    }

    /// The column index of each name, or an error naming the first missing column.
    public func columns(_ names: [String], file: String) throws(ProfileError) -> [Int] {
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
