import Foundation
import TestSupport
import Testing

/// `dropgate feed push` against a local HTTP server: the feed `feed build` renders arrives byte for byte, with the
/// profile's credential, after the server's refusals; the run and its attempts are in the store.
@Suite("dropgate feed push")
struct FeedPushTests {
    /// The credentials the sample Best Buy and Walmart feeds read (Walmart's user and password become basic
    /// authentication over http).
    static let environment = [
        "BESTBUY_MIRAKL_API_KEY": "mirakl-k3y", "WALMART_SFTP_USER": "walmart", "WALMART_SFTP_PASSWORD": "pw",
    ]
    /// The nodes Walmart may be served from, in the order its per-node feeds are built.
    static let walmartNodes = ["DEN1", "DFW1", "EWR1", "ONT1", "ORD1", "PHX1"]

    @Test("the built feed arrives with the API key after a 503, and the run and attempts are recorded")
    func pushesBuiltFeed() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedCommandTests().store(in: folder)
        let server = try ScriptedHTTPServer(scripts: ["/offers": [.status(503, retryAfter: "0")]])
        let clock = IngestCommandTests.clock
        let built = try DropgateCommand.run(
            ["feed", "build", "bestbuy", "--db", db.path] + FeedCommandTests.world + clock)
        #expect(built.status == 0, "\(built.stderr)")

        let pushed = try DropgateCommand.run(
            ["feed", "push", "bestbuy", "--to", server.url("/offers"), "--db", db.path, "--backoff", "0.05"]
                + FeedCommandTests.world + clock,
            environment: ["BESTBUY_MIRAKL_API_KEY": "mirakl-k3y"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout.contains("delivered to \(server.url("/offers")) after 2 attempts"), "\(pushed.stdout)")
        #expect(!pushed.stdout.contains("mirakl-k3y"))

        let requests = try server.requests()
        #expect(requests.map(\.outcome) == ["503", "201"])
        #expect(requests.allSatisfy { $0.headers["x-api-key"] == "mirakl-k3y" && $0.method == "POST" })
        #expect(requests.last.map { String(decoding: $0.bodyBytes, as: UTF8.self) } == built.stdout)

        let store = StoreInspector(db)
        #expect(
            try store.lines("SELECT retailer, node, format, mode, state, attempts, bytes FROM feed_run") == [
                "bestbuy\t\tjson\tfull\tdelivered\t2\t\(built.stdout.utf8.count)"
            ])
        #expect(
            try store.lines("SELECT attempt, status, outcome FROM delivery_attempt ORDER BY id") == [
                "1\t503\tretry", "2\t201\tdelivered",
            ])

        // `feed status`: Best Buy's feed went at the clock, its next is the schedule's next half hour (after the
        // 15 minutes' minimum interval); a retailer never sent one is due now.
        let status = try Self.status(db: db)
        let bestbuy = try #require(status["bestbuy"])
        #expect(bestbuy["lastBuilt"] as? String == "2026-11-24T15:00:00Z")
        #expect(bestbuy["lastState"] as? String == "delivered")
        #expect(bestbuy["lastDelivered"] != nil)
        #expect(bestbuy["failuresSinceDelivered"] as? Int == 0)
        #expect(bestbuy["nextDue"] as? String == "2026-11-24T15:30:00Z")
        #expect(bestbuy["due"] as? Bool == false)
        #expect(status["walmart"]?["due"] as? Bool == true)
        #expect(status["walmart"]?["lastBuilt"] == nil)
    }

    /// `dropgate feed status --json` at the tests' clock, by retailer.
    static func status(db: URL) throws -> [String: [String: Any]] {
        let result = try DropgateCommand.run(
            ["feed", "status", "--json", "--db", db.path] + FeedCommandTests.world + IngestCommandTests.clock)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result.stdout)")
        return Dictionary(
            uniqueKeysWithValues: lines.compactMap { line in
                (line["retailer"] as? String).map { ($0, line) }
            })
    }

    @Test("a destination that refuses for good fails the push with exit 1, recorded as failed")
    func refusedPushFails() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedCommandTests().store(in: folder)
        let server = try ScriptedHTTPServer(scripts: ["/offers": [.status(401)]])
        let pushed = try DropgateCommand.run(
            ["feed", "push", "bestbuy", "--to", server.url("/offers"), "--db", db.path]
                + FeedCommandTests.world + IngestCommandTests.clock,
            environment: ["BESTBUY_MIRAKL_API_KEY": "wrong"])
        #expect(pushed.status == 1, "\(pushed.stdout) \(pushed.stderr)")
        #expect(pushed.stderr.contains("failed after 1 attempt to"), "\(pushed.stderr)")
        #expect(try StoreInspector(db).lines("SELECT state FROM feed_run") == ["failed"])
        let bestbuy = try #require(try Self.status(db: db)["bestbuy"])
        #expect(bestbuy["lastState"] as? String == "failed")
        #expect(bestbuy["failuresSinceDelivered"] as? Int == 1)
        #expect(bestbuy["lastDelivered"] == nil)
    }
}
