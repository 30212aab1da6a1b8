import Feeds
import Foundation
import Orders
import Profiles
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A million-line feed renders straight to a file through 64 KiB chunks: the lines are made lazily, one at a time,
/// so neither they nor the output are ever held whole.
@Suite("Streaming a large feed to a file")
struct StreamingRenderTests {
    static let count = 1_000_000
    static let header = FeedHeader(
        retailer: "walmart", instant: Date(timeIntervalSince1970: 1_796_549_400), mode: .full, perNode: true)
    static var lines: some Sequence<ATSLine> {
        (0..<count).lazy.map { ATSLine(sku: SKU("HP-\($0)"), node: $0 % 2 == 0 ? "EWR1" : "ORD1", quantity: $0 % 97) }
    }

    static func peakResidentMB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }

    /// Renders to a temporary file and returns its newline count and size.
    static func render(_ write: (inout FileFeedSink) throws -> Void) throws -> (lines: Int, bytes: Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-stream-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sink = try FileFeedSink(path: path)
        try write(&sink)
        try sink.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let newlines = data.withUnsafeBytes { $0.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
        return (newlines, data.count)
    }

    @Test("1,000,000 CSV rows to a file, in bounded memory")
    func csv() throws {
        let before = Self.peakResidentMB()
        let writer = try CSVFeedWriter(columns: ["sku", "node", "quantity"])
        let result = try Self.render { try writer.write(Self.lines, header: Self.header, to: &$0) }
        #expect(result.lines == Self.count + 1)
        #expect(result.bytes > 15_000_000)
        #expect(Self.peakResidentMB() - before < 64, "the output (\(result.bytes / 1_000_000) MB) is never held whole")
    }

    @Test("1,000,000 JSON items and XML items to files")
    func jsonAndXML() throws {
        let json = try Self.render { try JSONFeedWriter().write(Self.lines, header: Self.header, to: &$0) }
        #expect(json.lines == Self.count + 2)
        let xml = try Self.render { try XMLFeedWriter().write(Self.lines, header: Self.header, to: &$0) }
        #expect(xml.lines == Self.count + 3)
    }
}
