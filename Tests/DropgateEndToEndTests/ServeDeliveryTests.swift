import Foundation
import Glibc
import TestSupport
import Testing

/// `dropgate serve --deliver-every`: the service sends what is due by itself, as `dropgate feed run-due` would,
/// to a real local HTTP server standing for the retailer's endpoints, and counts it in `/metrics`.
@Suite("serve: the delivery loop end to end", .serialized)
struct ServeDeliveryTests {
    /// A password in the feed's URL: it must reach the endpoint (as basic authentication) and never the log.
    static let secret = "s3cret-pw"

    /// The sample Walmart profile alone, its documents sent to `server`'s `/walmart/docs/` and its per-node 846s to
    /// `/walmart/feed` (with a user and password in the URL in place of the profile's credential variables), beside
    /// the sample network and items.
    static func world(in folder: URL, server: ScriptedHTTPServer) throws -> [String] {
        let root = DropgateCommand.packageRoot
        let profiles = folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let sample = try String(
            contentsOf: root.appendingPathComponent("retailer-profiles/walmart.yaml"), encoding: .utf8)
        let feedURL = server.url("/walmart/feed").replacingOccurrences(
            of: "://", with: "://walmart:\(secret)@")
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line == "documents:" { return "documents:\n  destination: \(server.url("/walmart/docs/"))" }
            if line.hasPrefix("  destination:") { return "  destination: \(feedURL)" }
            if line.hasPrefix("  credentials:") { return nil }
            return String(line)
        }
        let pointed = lines.joined(separator: "\n")
        #expect(pointed.contains("/walmart/docs/") && pointed.contains("/walmart/feed"), "walmart.yaml not pointed")
        try pointed.write(to: profiles.appendingPathComponent("walmart.yaml"), atomically: true, encoding: .utf8)
        return ["--profiles", profiles.path] + IngestWorld.options.dropFirst(2)
    }

    /// The value of the Prometheus sample `name` whose labels include every one of `labels` (0 when none has).
    static func sample(_ metrics: String, _ name: String, _ labels: [String: String]) -> Double {
        for line in metrics.split(separator: "\n") where line.hasPrefix(name + "{") {
            guard labels.allSatisfy({ line.contains("\($0.key)=\"\($0.value)\"") }),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            return value
        }
        return 0
    }

    @Test("a posted 850's 997 and 855s and the due feeds arrive with no other command; /metrics counts them")
    func deliversWhileServing() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("deliver.sqlite").path
        let server = try ScriptedHTTPServer()
        let options = try Self.world(in: world.folder, server: server)
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, world: options, extra: ["--deliver-every", "1"])
        defer { serve.server.stop() }

        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart,
            body: try ServeTests.fixture("walmart-20261124-0600.x12"))
        #expect(posted.status == 202, "\(posted.text)")
        let document = try #require(posted.json["document"] as? Int)
        #expect(try await serve.finished(document, key: walmart).json["status"] as? String == "accepted")

        // What the outbox holds for Walmart: its 997 and an 855 per PO.
        let store = StoreInspector(URL(fileURLWithPath: database))
        let documents = try store.rows(
            "SELECT name, hex(bytes), kind FROM outbox WHERE partner = 'walmart' AND kind IN ('997', '855')")
        #expect(documents.filter { $0[2] == "997" }.count == 1)
        #expect(documents.filter { $0[2] == "855" }.count == 4)
        let feeds = FeedPushTests.walmartNodes.count

        // Nothing else is run: the service's passes send them all, within a few seconds.
        let deadline = Date().addingTimeInterval(60)
        var requests = try server.requests()
        while Date() < deadline,
            requests.filter({ $0.path == "/walmart/docs/" }).count < documents.count
                || requests.filter({ $0.path == "/walmart/feed" }).count < feeds
        {
            try await Task.sleep(for: .milliseconds(200))
            requests = try server.requests()
        }
        // A few more passes: nothing is sent twice.
        try await Task.sleep(for: .seconds(2.5))
        requests = try server.requests()

        let sent = requests.filter { $0.path == "/walmart/docs/" }
        #expect(sent.count == documents.count, "\(requests.map(\.path))\n\(serve.log)")
        #expect(sent.allSatisfy { $0.accepted })
        for row in documents {
            let arrived = sent.filter { $0.headers["x-document-name"] == row[0] }
            #expect(arrived.count == 1, "\(row[0]) arrived \(arrived.count) times")
            #expect(arrived.first.map { hex($0.bodyBytes) } == row[1], "\(row[0]) arrived with other bytes")
        }
        #expect(
            try store.integer(
                "SELECT count(*) FROM outbox WHERE partner = 'walmart' AND kind IN ('997', '855') AND state = 'sent'")
                == documents.count)

        // Walmart was never sent a feed: each node's 846 was due at once and went once, with the URL's login.
        let pushed = requests.filter { $0.path == "/walmart/feed" }
        #expect(pushed.count == feeds, "\(serve.log)")
        #expect(pushed.allSatisfy { $0.accepted && $0.headers["authorization"]?.hasPrefix("Basic ") == true })
        for node in FeedPushTests.walmartNodes {
            let bodies = pushed.map { String(decoding: $0.bodyBytes, as: UTF8.self) }
            #expect(bodies.filter { $0.contains("*\(node)~") || $0.contains("*\(node)*") }.count == 1, "\(node)")
        }
        #expect(try store.integer("SELECT count(*) FROM feed_run WHERE state = 'delivered'") == feeds)
        #expect(try store.integer("SELECT count(*) FROM feed_run WHERE destination LIKE '%\(Self.secret)%'") == 0)

        let metrics = try await serve.request("GET", "/metrics").text
        #expect(
            Self.sample(metrics, "dropgate_deliveries_total", ["kind": "997", "result": "delivered"]) == 1, "\(metrics)"
        )
        #expect(Self.sample(metrics, "dropgate_deliveries_total", ["kind": "855", "result": "delivered"]) == 4)
        #expect(
            Self.sample(metrics, "dropgate_feeds_sent_total", ["retailer": "walmart", "result": "delivered"])
                == Double(feeds))

        // Each result is in the log, by outbox id or retailer and node; the password is not.
        let log = serve.log
        #expect(log.contains("outbox row delivered"), "\(log)")
        #expect(log.contains("feed delivered"))
        #expect(log.contains("node=EWR1") && log.contains("retailer=walmart") && log.contains("outbox="), "\(log)")
        #expect(!log.contains(Self.secret), "the log shows the feed's password")
    }

    @Test("--deliver-every 0 sends nothing: the outbox waits for dropgate outbox deliver")
    func offSendsNothing() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("off.sqlite").path
        let server = try ScriptedHTTPServer()
        let options = try Self.world(in: world.folder, server: server)
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, world: options, extra: ["--deliver-every", "0"])
        defer { serve.server.stop() }
        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart,
            body: try ServeTests.fixture("walmart-20261124-0600.x12"))
        let document = try #require(posted.json["document"] as? Int)
        _ = try await serve.finished(document, key: walmart)
        try await Task.sleep(for: .seconds(2))
        #expect(try server.requests().isEmpty)
        #expect(
            try StoreInspector(URL(fileURLWithPath: database)).integer(
                "SELECT count(*) FROM outbox WHERE state = 'sent'") == 0)
    }

    @Test(
        "SIGTERM while a feed waits to retry: the service stops without waiting, the run pending and its attempt kept")
    func shutdownDuringBackoff() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("backoff.sqlite").path
        // The first feed is refused for two minutes; the service would wait that long before its next attempt.
        let server = try ScriptedHTTPServer(scripts: ["/walmart/feed": [.status(503, retryAfter: "120")]])
        let options = try Self.world(in: world.folder, server: server)
        let serve = try ServeProcess(
            database: database, folder: world.folder, world: options, extra: ["--deliver-every", "1"])
        defer { serve.server.stop() }
        let deadline = Date().addingTimeInterval(30)
        while try server.requests().isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try server.requests().map(\.outcome) == ["503"], "\(serve.log)")
        let store = StoreInspector(URL(fileURLWithPath: database))
        while try store.integer("SELECT count(*) FROM delivery_attempt") == 0, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))

        let signalled = Date()
        serve.signal(SIGTERM)
        #expect(serve.waitForExit() == 0, "\(serve.log)")
        #expect(Date().timeIntervalSince(signalled) < 20, "shutdown waited out the feed's backoff")
        #expect(try server.requests().count == 1)
        #expect(
            try store.lines("SELECT node, state, attempts FROM feed_run") == ["DEN1\tpending\t1"], "\(serve.log)")
        #expect(try store.lines("SELECT status, outcome FROM delivery_attempt") == ["503\tretry"])
        #expect(serve.log.contains("feed left pending: the service is shutting down"), "\(serve.log)")
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
}
