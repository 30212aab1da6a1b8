import Foundation
import TestSupport
import Testing

/// `dropgate outbox deliver` as a user runs it: the sample inbox ingested into a fresh SQLite store, then the outbox
/// delivered to a local HTTP server (the retailers' document endpoints) and a drop folder (one DC's pick tickets),
/// as copies of the sample profiles and network name them.
@Suite("dropgate outbox deliver")
struct OutboxDeliverTests {
    static let clock = ["--at", "2026-11-24T10:00:00-05:00"]

    /// The sample profiles with a `documents:` destination on the local server (per retailer path, bearer token
    /// from E2E_DOCS_TOKEN), and the sample network with EWR1's pick tickets going to `drop`.
    func pointedWorld(in folder: URL, server: ScriptedHTTPServer, drop: URL) throws -> [String] {
        let root = DropgateCommand.packageRoot
        let profiles = folder.appendingPathComponent("retailer-profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        // Profiles name XML mapping files relative to themselves.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("fixtures"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("fixtures/xml-mappings"),
            to: folder.appendingPathComponent("fixtures/xml-mappings"))
        for name in try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("retailer-profiles").path)
        where name.hasSuffix(".yaml") {
            let id = String(name.dropLast(".yaml".count))
            let text = try String(contentsOf: root.appendingPathComponent("retailer-profiles/\(name)"), encoding: .utf8)
            let pointed = text.replacingOccurrences(
                of: "\ndocuments:\n",
                with:
                    "\ndocuments:\n  destination: \(server.url("/\(id)/"))\n  credentials: { token: E2E_DOCS_TOKEN }\n")
            #expect(pointed != text, "\(name) has no documents: section to point")
            try pointed.write(to: profiles.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let network = try String(contentsOf: root.appendingPathComponent("fixtures/network.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "  - id: EWR1\n",
                with: "  - id: EWR1\n    pick-tickets: { destination: \"\(drop.absoluteString)\" }\n")
        let networkFile = folder.appendingPathComponent("network.yaml")
        try network.write(to: networkFile, atomically: true, encoding: .utf8)
        return [
            "--profiles", profiles.path, "--network", networkFile.path, "--items",
            root.appendingPathComponent("fixtures/items.csv").path,
        ]
    }

    @Test("the server receives every acknowledgement and 855 with the token; the rows are sent, the rest stay queued")
    func deliversSampleOutbox() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Walmart's endpoint is down for its first request: that row waits for its next attempt.
        let server = try ScriptedHTTPServer(scripts: ["/walmart/": [.status(503)]])
        let drop = folder.appendingPathComponent("drop/EWR1/", isDirectory: true)
        let world = try pointedWorld(in: folder, server: server, drop: drop)
        let db = folder.appendingPathComponent("orders.sqlite")
        let store = StoreInspector(db)

        let root = DropgateCommand.packageRoot
        let imported = try DropgateCommand.run(
            ["inventory", "import", root.appendingPathComponent("fixtures/inventory.csv").path, "--db", db.path] + world
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        let inbox = root.appendingPathComponent("fixtures/inbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { !$0.hasSuffix(".md") }
            .sorted().map { inbox.appendingPathComponent($0).path }
        let ingest = try DropgateCommand.run(["ingest"] + files + ["--db", db.path] + world + Self.clock)
        #expect(ingest.status == 1, "\(ingest.stderr)")  // the broken interchange

        let forRetailers = """
            SELECT count(*) FROM outbox WHERE kind IN ('997', '999', 'TA1', '855', 'cxml-confirmation')
                AND partner IN ('amazon', 'bestbuy', 'harbormkt', 'homedepot', 'walmart')
            """
        let retailerRows = try store.integer(forRetailers)
        let ewr1Tickets = try store.integer(
            "SELECT count(*) FROM outbox WHERE kind = 'pick-ticket' AND partner = 'EWR1'")
        let unrouted =
            try store.integer("SELECT count(*) FROM outbox WHERE state = 'pending'") - retailerRows - ewr1Tickets
        #expect(retailerRows > 5 && ewr1Tickets > 0 && unrouted > 0)

        let environment = ["E2E_DOCS_TOKEN": "docs-s3cret"]
        let first = try DropgateCommand.run(
            ["outbox", "deliver", "--db", db.path, "--backoff", "0.2"] + world, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.contains(
                "delivered \(retailerRows + ewr1Tickets - 1), retried later 1, failed 0, waiting without a destination \(unrouted)"
            ), "\(first.stdout)")
        #expect(first.stdout.contains("stays queued: explanations are kept for people to read, not sent"))
        #expect(!first.stdout.contains("docs-s3cret"))

        Thread.sleep(forTimeInterval: 0.5)
        let second = try DropgateCommand.run(["outbox", "deliver", "--db", db.path] + world, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("delivered 1, retried later 0, failed 0"), "\(second.stdout)")

        // Every retailer document arrived once, byte for byte, at its retailer's path, with the token.
        let requests = try server.requests()
        let accepted = requests.filter(\.accepted)
        #expect(accepted.count == retailerRows)
        #expect(requests.count == retailerRows + 1)
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer docs-s3cret" })
        for request in accepted {
            let name = try #require(request.headers["x-document-name"])
            let row = try store.rows(
                "SELECT partner, hex(bytes), state FROM outbox WHERE name = '\(name)' AND state = 'sent'")
            #expect(
                row.contains { "/\($0[0])/" == request.path && $0[1] == hex(request.bodyBytes) && $0[2] == "sent" },
                "\(name) arrived at \(request.path) but no sent row has its bytes")
        }
        #expect(Set(accepted.map(\.path)).isSuperset(of: ["/walmart/", "/bestbuy/", "/amazon/"]))

        // EWR1's pick tickets are in its drop folder, each under its row's name, and nothing else is.
        let dropped = try FileManager.default.contentsOfDirectory(atPath: drop.path).sorted()
        let ticketNames = try store.rows("SELECT name FROM outbox WHERE kind = 'pick-ticket' AND partner = 'EWR1'")
            .map { $0[0] }.sorted()
        #expect(dropped == ticketNames)

        #expect(try store.integer("SELECT count(*) FROM outbox WHERE state = 'sent'") == retailerRows + ewr1Tickets)
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE state = 'pending'") == unrouted)
        #expect(try store.integer("SELECT count(*) FROM delivery_attempt") == retailerRows + ewr1Tickets + 1)
        #expect(
            try store.integer(
                "SELECT count(*) FROM delivery_attempt WHERE outcome = 'retry' AND status = 503 AND url LIKE '%/walmart/'"
            )
                == 1)
        // Nothing is due any more.
        let third = try DropgateCommand.run(["outbox", "deliver", "--db", db.path] + world, environment: environment)
        #expect(third.stdout.contains("delivered 0, retried later 0, failed 0"), "\(third.stdout)")
    }

    @Test("a missing store is a usage error, exit 2")
    func missingStore() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try DropgateCommand.run(
            ["outbox", "deliver", "--db", folder.appendingPathComponent("none.sqlite").path]
                + Array(DropgateCommand.sampleWorld.prefix(6)))
        #expect(result.status == 2)
        #expect(result.stderr.contains("no dropgate store here"))
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
}
