import Foundation
import TestSupport
import Testing

/// `dropgate feed run-due`: every due feed claimed through the store, built, recorded and sent once, however many
/// processes run it at once; on SQLite and on PostgreSQL, against a real HTTP server that counts what it receives.
@Suite("dropgate feed run-due")
struct FeedRunDueTests {
    /// Copies of the sample Best Buy (one JSON feed of every node) and Walmart (an 846 per node: six) profiles in
    /// `folder`, their feeds sent to `server`'s `/bestbuy` and `/walmart`: files this test makes, beside the
    /// sample network and items.
    static func world(in folder: URL, server: ScriptedHTTPServer) throws -> [String] {
        let profiles = folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        for retailer in ["bestbuy", "walmart"] {
            let sample = DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles/\(retailer).yaml")
            let lines = try String(contentsOf: sample, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .map { $0.hasPrefix("  destination:") ? "  destination: \(server.url("/\(retailer)"))" : String($0) }
            #expect(lines.contains { $0.contains(server.url("/\(retailer)")) }, "\(retailer): no feed destination")
            try lines.joined(separator: "\n").write(
                to: profiles.appendingPathComponent("\(retailer).yaml"), atomically: true, encoding: .utf8)
        }
        return ["--profiles", profiles.path] + Array(DropgateCommand.sampleWorld.dropFirst(2).prefix(4))
    }

    /// The sample inventory and inbox in the store at `db` (a SQLite path or a PostgreSQL URL).
    static func seed(_ db: String) throws {
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db]
                + FeedCommandTests.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        _ = try DropgateCommand.run(
            ["ingest"] + IngestCommandTests.inboxFiles + ["--db", db] + FeedCommandTests.world
                + IngestCommandTests.clock)
    }

    /// Two `run-due` processes started together on one store: between them each due feed goes once, and a third
    /// run at the same instant finds nothing due.
    static func twoProcessesSendEachFeedOnce(db: String, folder: URL) throws {
        let server = try ScriptedHTTPServer()
        let world = try world(in: folder, server: server)
        let arguments =
            ["feed", "run-due", "--feeds-only", "--db", db, "--backoff", "0.05"] + world + IngestCommandTests.clock
        let children = try (0..<2).map { index in
            try DropgateChild(
                arguments, environment: FeedPushTests.environment, outputIn: folder, name: "run-due\(index)")
        }
        for child in children { #expect(child.wait(upTo: 300)) }
        for child in children {
            #expect(child.status == 0, "\(child.output)\n\(child.errors)")
        }
        let sent = children.flatMap { $0.output.split(separator: "\n").filter { $0.contains(": delivered after") } }
        let requests = try server.requests()
        #expect(
            requests.count == 1 + FeedPushTests.walmartNodes.count, "\(requests.map(\.path))\n\(children.map(\.output))"
        )
        #expect(requests.filter { $0.path == "/bestbuy" }.count == 1)
        #expect(requests.filter { $0.path == "/walmart" }.count == FeedPushTests.walmartNodes.count)
        #expect(requests.allSatisfy { $0.accepted })
        #expect(
            sent.map { String($0.prefix { $0 != ":" }) }.sorted()
                == (["bestbuy all"] + FeedPushTests.walmartNodes.map { "walmart \($0)" }).sorted(), "\(sent)")
        // Each Walmart node's 846 went once, and holds that node's figures only.
        for node in FeedPushTests.walmartNodes {
            let bodies = requests.filter { $0.path == "/walmart" }.map { String(decoding: $0.bodyBytes, as: UTF8.self) }
            #expect(bodies.filter { $0.contains("*\(node)~") || $0.contains("*\(node)*") }.count == 1, "\(node)")
        }

        // At the same instant nothing is due again: the next due time counts from the runs just built.
        let again = try DropgateCommand.run(
            ["feed", "run-due", "--db", db] + world + IngestCommandTests.clock, environment: FeedPushTests.environment)
        #expect(again.status == 0, "\(again.stdout)\n\(again.stderr)")
        #expect(again.stdout.contains("bestbuy all: not due until 2026-11-24T15:30:00Z"), "\(again.stdout)")
        #expect(again.stdout.contains("walmart EWR1: not due until 2026-11-25T11:00:00Z"), "\(again.stdout)")
        #expect(again.stdout.contains("outbox: delivered 0"), "\(again.stdout)")
        #expect(try server.requests().count == requests.count)
    }

    @Test("two processes running run-due at once on one SQLite file send each due feed once")
    func sqliteSendsOnce() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite")
        try Self.seed(db.path)
        try Self.twoProcessesSendEachFeedOnce(db: db.path, folder: folder)
        let store = StoreInspector(db)
        #expect(try store.integer("SELECT count(*) FROM feed_run") == 1 + FeedPushTests.walmartNodes.count)
        #expect(try store.integer("SELECT count(*) FROM feed_run WHERE state = 'delivered'") == 7)
        #expect(try store.integer("SELECT count(*) FROM feed_slot") == 7)
    }

    @Test("two processes running run-due at once on one PostgreSQL database send each due feed once")
    func postgresSendsOnce() async throws {
        let postgres = try await TemporaryPostgres.shared.database()
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.seed(postgres.url)
        try Self.twoProcessesSendEachFeedOnce(db: postgres.url, folder: folder)
        let store = PostgresInspector(postgres)
        #expect(try store.integer("SELECT count(*) FROM feed_run") == 1 + FeedPushTests.walmartNodes.count)
        #expect(try store.integer("SELECT count(*) FROM feed_run WHERE state = 'delivered'") == 7)
        #expect(try store.integer("SELECT count(*) FROM feed_slot") == 7)
    }

    @Test("a feed the destination refuses for good makes run-due exit 1; the other feeds still go")
    func refusedFeedFails() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite")
        try Self.seed(db.path)
        let server = try ScriptedHTTPServer(scripts: ["/bestbuy": [.status(401)]])
        let result = try DropgateCommand.run(
            ["feed", "run-due", "--feeds-only", "--db", db.path] + Self.world(in: folder, server: server)
                + IngestCommandTests.clock, environment: FeedPushTests.environment)
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("bestbuy all: feed run"), "\(result.stdout)")
        #expect(result.stdout.contains("failed after 1 attempt"), "\(result.stdout)")
        #expect(!result.stdout.contains("outbox:"), "--feeds-only leaves the outbox")
        let requests = try server.requests()
        #expect(requests.filter { $0.path == "/walmart" && $0.accepted }.count == FeedPushTests.walmartNodes.count)
        #expect(
            try StoreInspector(db).lines("SELECT state, count(*) FROM feed_run GROUP BY state ORDER BY state") == [
                "delivered\t\(FeedPushTests.walmartNodes.count)", "failed\t1",
            ])
    }
}
