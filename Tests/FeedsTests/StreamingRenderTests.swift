import Feeds
import Foundation
import OrderX12
import Orders
import Profiles
import Testing
import X12

/// A million-line feed renders straight to a file through 64 KiB chunks: the lines are made lazily, one at a time,
/// so neither they nor the output are ever held whole.
@Suite("Streaming a large feed to a file")
struct StreamingRenderTests {
    static let count = 1_000_000
    static let header = FeedHeader(
        retailer: "walmart", instant: Date(timeIntervalSince1970: 1_796_549_400), mode: .full, perNode: true)
    static var lines: some Sequence<ATSLine> {
        lines(count)
    }

    /// `count` lines, the first half at EWR1 and the rest at ORD1 (grouped by node, as a per-node feed is).
    static func lines(_ count: Int) -> some Sequence<ATSLine> {
        (0..<count).lazy.map {
            ATSLine(sku: SKU("HP-\($0)"), node: $0 < count / 2 ? "EWR1" : "ORD1", quantity: $0 % 97)
        }
    }

    /// Passes each chunk on to the file and remembers the largest: the most output ever held at once.
    struct MeasuringSink: FeedSink {
        let file: FileFeedSink
        var largestChunk = 0

        mutating func write(_ chunk: [UInt8]) throws(FeedError) {
            largestChunk = max(largestChunk, chunk.count)
            try file.write(chunk)
        }
    }

    /// Renders to a temporary file and returns its newline count, its size and the largest chunk written.
    static func render(_ write: (inout MeasuringSink) throws -> Void) throws -> (lines: Int, bytes: Int, chunk: Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-stream-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sink = MeasuringSink(file: try FileFeedSink(path: path))
        try write(&sink)
        try sink.file.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let newlines = data.withUnsafeBytes { $0.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
        return (newlines, data.count, sink.largestChunk)
    }

    @Test("1,000,000 CSV rows to a file, in bounded memory")
    func csv() throws {
        let writer = try CSVFeedWriter(columns: ["sku", "node", "quantity"])
        let result = try Self.render { try writer.write(Self.lines, header: Self.header, to: &$0) }
        #expect(result.lines == Self.count + 1)
        #expect(result.bytes > 15_000_000)
        #expect(result.chunk <= 70_000, "the output (\(result.bytes / 1_000_000) MB) is never held whole")
    }

    @Test("1,000,000 JSON items to a file")
    func json() throws {
        let json = try Self.render { try JSONFeedWriter().write(Self.lines, header: Self.header, to: &$0) }
        #expect(json.lines == Self.count + 2)
        #expect(json.chunk <= 70_000)
    }

    @Test("1,000,000 XML items to a file")
    func xml() throws {
        let xml = try Self.render { try XMLFeedWriter().write(Self.lines, header: Self.header, to: &$0) }
        #expect(xml.lines == Self.count + 3)
        #expect(xml.chunk <= 70_000)
    }
}

@Suite("Streaming a large 846 to a file")
struct StreamingInventoryAdviceTests {
    /// 200,000 items, not a million: the 846 goes through `X12Writer`'s general segment values, which a debug
    /// build writes at about 50,000 items a second (4 s here); CSV, JSON and XML take the full million.
    static let count = 200_000

    @Test("200,000 LIN loops as 846 sets of 10,000 to a file, each set counted")
    func x12() throws {
        let advice = InventoryAdvice(reference: "ATS1", instant: StreamingRenderTests.header.instant)
        let envelope = InventoryAdvice.Envelope(
            sender: PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"),
            receiver: PartnerIdentity(qualifier: "08", id: "925485US00"))
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [0x0A])
        var counter = X12ControlNumberCounter()
        let result = try StreamingRenderTests.render { sink in
            try advice.write(
                StreamingRenderTests.lines(Self.count), envelope: envelope, format: format, counter: &counter
            ) { chunk in
                try sink.write(chunk)
            }
        }
        // ISA, GS, then per set ST BIA DTM N1 + a LIN and QTY an item + CTT SE, then GE, IEA: one a line.
        let sets = 2 * ((Self.count / 2 + 9_999) / 10_000)
        #expect(result.lines == 4 + sets * 6 + 2 * Self.count)
        #expect(counter.transactionSet == sets + 1)
        #expect(result.chunk <= 70_000)
    }
}
