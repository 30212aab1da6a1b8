/// Reads the records of a CSV text (RFC 4180, CR outside quotes ignored, blank lines skipped) from its bytes handed
/// in pieces: a record, or a doubled quote, may run from one piece into the next, so that a file of any size is
/// read a piece at a time without being held whole. Each record is handed over as bytes (`CSVRecord`), in one
/// buffer reused from record to record.
struct CSVRecordScanner {
    private var record = CSVRecord()
    private var fieldStart = 0
    private var inQuotes = false
    private var afterQuote = false
    /// A quote inside quotes was the last byte of a piece: the next byte says whether it was doubled or closing.
    private var quoteAtEnd = false
    private var line = 1

    private static let quote = UInt8(ascii: "\"")

    /// A quote, comma, CR or LF: a byte that ends a plain run of a field, or may.
    private static func mayMeanSomething(_ byte: UInt8) -> Bool {
        byte == quote || byte == UInt8(ascii: ",") || byte == 0x0D || byte == 0x0A
    }

    /// Reads `bytes`, handing each record they complete to `body`.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) -> Void) {
        var index = 0
        if quoteAtEnd, let first = bytes.first {
            quoteAtEnd = false
            if first == Self.quote {
                record.bytes.append(Self.quote)
                index = 1
            } else {
                inQuotes = false
                afterQuote = true
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == Self.quote {
                    if index == bytes.count {
                        quoteAtEnd = true
                    } else if bytes[index] == Self.quote {
                        record.bytes.append(Self.quote)
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    record.bytes.append(byte)
                }
                continue
            }
            switch byte {
            case Self.quote where record.bytes.count == fieldStart && !afterQuote: inQuotes = true
            case UInt8(ascii: ","):
                endField()
                afterQuote = false
            case 0x0D: continue
            case 0x0A:
                endRecord(body)
                afterQuote = false
                line += 1
                record.line = line
            default:
                // The rest of a plain field, up to the next byte that may mean something, in one copy.
                let start = index - 1
                while index < bytes.count, !Self.mayMeanSomething(bytes[index]) { index += 1 }
                record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
        }
    }

    /// Hands over the last record (one without a line end); returns whether a quote was left open, and the line
    /// the last record started on.
    mutating func finish(_ body: (borrowing CSVRecord) -> Void) -> (openQuote: Bool, lastLine: Int) {
        if quoteAtEnd {
            quoteAtEnd = false
            inQuotes = false
            afterQuote = true
        }
        if !inQuotes, record.bytes.count > fieldStart || !record.ends.isEmpty { endRecord(body) }
        return (inQuotes, record.line)
    }

    private mutating func endField() {
        record.ends.append(record.bytes.count)
        fieldStart = record.bytes.count
    }

    private mutating func endRecord(_ body: (borrowing CSVRecord) -> Void) {
        endField()
        if !record.isBlank { body(record) }
        record.bytes.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        fieldStart = 0
    }
}
