import Testing

@testable import Profiles

/// `CSVRecordScanner`: records read from a text in pieces of any size are the records of the whole text.
@Suite("CSV records read a piece at a time")
struct CSVRecordScannerTests {
    static let text = Array(
        ("sku,description,note\r\n" + "A-1,\"Towel, \"\"bath\"\"\",x\r\n" + "\n" + "B-2,\"Two\nlines\",\"\"\r\n"
            + "C-3,Überhandtuch – grün,\"a\"\"\"\"b\"\n" + "D-4,\"ends in a quote\"\"\",z").utf8)

    /// Each record as its line and fields, and how the text ended.
    static func records(in pieces: [ArraySlice<UInt8>]) -> [String] {
        var scanner = CSVRecordScanner()
        var found: [String] = []
        let take = { (record: borrowing CSVRecord) in
            found.append("\(record.line): " + (0..<record.count).map { record.string($0) }.joined(separator: "|"))
        }
        for piece in pieces { Array(piece).withUnsafeBufferPointer { scanner.scan($0, take) } }
        let (openQuote, lastLine) = scanner.finish(take)
        return found + ["open \(openQuote), last \(lastLine)"]
    }

    @Test("pieces of every size from 1 byte give the records of the whole text")
    func pieces() {
        let whole = Self.records(in: [Self.text[...]])
        #expect(
            whole == [
                "1: sku|description|note", "2: A-1|Towel, \"bath\"|x", "4: B-2|Two\nlines|",
                "6: C-3|Überhandtuch – grün|a\"\"b", "7: D-4|ends in a quote\"|z", "open false, last 7",
            ])
        for size in 1...9 {
            let pieces = stride(from: 0, to: Self.text.count, by: size).map {
                Self.text[$0..<min($0 + size, Self.text.count)]
            }
            #expect(Self.records(in: pieces) == whole, "pieces of \(size) bytes")
        }
    }

    @Test("a quote left open is reported whatever the pieces, and a closing quote at a piece's end closes")
    func quotes() {
        let open = Array("a,b\n1,\"2\n".utf8)
        #expect(Self.records(in: [open[...]]) == ["1: a|b", "open true, last 2"])
        #expect(Self.records(in: [open[..<7], open[7...]]) == ["1: a|b", "open true, last 2"])
        let closed = Array("a,\"b\"".utf8)
        #expect(Self.records(in: [closed[...]]) == ["1: a|b", "open false, last 1"])
        #expect(Self.records(in: [closed[..<5], closed[5...]]) == ["1: a|b", "open false, last 1"])
    }
}
