import Foundation
import TestSupport
import Testing

/// The 846s `dropgate feed push` sends are numbered from the store's per-partner control numbers, the counters the
/// retailer's 855s and 997s draw from: consecutive across pushes, never reused, and not advanced by a preview.
@Suite("dropgate feed push: durable 846 control numbers")
struct FeedControlNumberTests {
    /// ISA13 of an interchange: the thirteenth element of its first segment, split at the element separator (the
    /// byte after `ISA`).
    static func interchangeControlNumber(_ body: [UInt8]) throws -> Int {
        let text = String(decoding: body, as: UTF8.self)
        let separator = try #require(text.dropFirst(3).first, "no ISA in \(text.prefix(40))")
        let elements = text.prefix(106).split(separator: separator, omittingEmptySubsequences: false)
        let element = try #require(elements.dropFirst(13).first, "\(text.prefix(106))")
        return try #require(Int(element), "ISA13 '\(element)'")
    }

    @Test("two pushes of Walmart's per-node 846s take consecutive ISA13s after its 855s and 997s, each valid")
    func consecutiveAcrossPushes() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedCommandTests().store(in: folder)
        let store = StoreInspector(db)
        let counter = "SELECT coalesce(max(value), 0) FROM control_number WHERE partner = 'walmart' AND kind = 'ISA13'"
        let before = try store.integer(counter)
        #expect(before > 0, "the ingested Walmart POs were answered with numbered documents")

        let server = try ScriptedHTTPServer()
        for _ in 0..<2 {
            let pushed = try DropgateCommand.run(
                ["feed", "push", "walmart", "--to", server.url("/846"), "--db", db.path] + FeedCommandTests.world
                    + IngestCommandTests.clock,
                environment: FeedPushTests.environment)
            #expect(pushed.status == 0, "\(pushed.stdout)\n\(pushed.stderr)")
        }
        let bodies = try server.requests().map(\.bodyBytes)
        let nodes = FeedPushTests.walmartNodes
        #expect(bodies.count == 2 * nodes.count)
        let numbers = try bodies.map(Self.interchangeControlNumber)
        #expect(numbers == Array((before + 1)...(before + bodies.count)), "\(numbers) after \(before)")
        #expect(try store.integer(counter) == before + bodies.count)
        // One run per node, in node order, each push.
        #expect(try store.lines("SELECT node FROM feed_run ORDER BY id") == nodes + nodes)

        for (index, body) in bodies.enumerated() {
            let file = folder.appendingPathComponent("846-\(index).x12")
            try Data(body).write(to: file)
            let validated = try DropgateCommand.run("x12", "validate", file.path)
            #expect(validated.status == 0, "846 \(index): \(validated.stdout) \(validated.stderr)")
        }

        // A preview is numbered from 1 and leaves the store's counters as they are.
        let preview = folder.appendingPathComponent("preview.x12")
        let built = try DropgateCommand.run(
            ["feed", "build", "walmart", "--db", db.path, "--out", preview.path] + FeedCommandTests.world
                + IngestCommandTests.clock)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try Self.interchangeControlNumber(Array(try Data(contentsOf: preview))) == 1)
        #expect(try store.integer(counter) == before + bodies.count)
    }
}
