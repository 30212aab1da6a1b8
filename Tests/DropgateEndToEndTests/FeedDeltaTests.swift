import Foundation
import TestSupport
import Testing

/// Delta feeds against what the retailer last accepted, and node switches, through the real commands: stock
/// reserved by an ingested PO, and a node switched off with `dropgate dcs`, show in the next feed.
@Suite("dropgate feed: deltas and node switches")
struct FeedDeltaTests {
    /// The items of a JSON feed: item id (and node, where per node) → quantity.
    static func items(_ body: [UInt8]) throws -> [String: Int] {
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let items = try #require(feed["items"] as? [[String: Any]])
        var figures: [String: Int] = [:]
        for item in items {
            let id = try #require(item["itemId"] as? String)
            let key = (item["node"] as? String).map { "\($0) \(id)" } ?? id
            figures[key] = try #require(item["quantity"] as? Int)
        }
        return figures
    }

    /// A store holding the sample inventory and nothing else.
    static func stockedStore(in folder: URL) throws -> URL {
        let db = folder.appendingPathComponent("orders.sqlite")
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db.path]
                + FeedCommandTests.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        return db
    }

    static func push(_ arguments: [String], db: URL, server: ScriptedHTTPServer) throws {
        let pushed = try DropgateCommand.run(
            ["feed", "push"] + arguments + ["--to", server.url("/feed"), "--db", db.path] + FeedCommandTests.world
                + IngestCommandTests.clock,
            environment: FeedPushTests.environment)
        #expect(pushed.status == 0, "\(pushed.stdout)\n\(pushed.stderr)")
    }

    @Test("a full feed with no line is still sent; a delta in which nothing changed is recorded, not sent")
    func emptyFeeds() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite")
        let inventory = folder.appendingPathComponent("none.csv")
        try "dc,sku,on_hand,safety_stock\nEWR1,HP-10001,0,0\n".write(to: inventory, atomically: true, encoding: .utf8)
        let imported = try DropgateCommand.run(
            ["inventory", "import", inventory.path, "--db", db.path] + FeedCommandTests.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        let server = try ScriptedHTTPServer()
        func push(_ mode: String) throws {
            let pushed = try DropgateCommand.run(
                ["feed", "push", "amazon", mode, "--format", "json", "--to", server.url("/feed"), "--db", db.path]
                    + FeedCommandTests.world + IngestCommandTests.clock,
                environment: ["AMAZON_VDF_TOKEN": "t0ken"])
            #expect(pushed.status == 0, "\(pushed.stdout)\n\(pushed.stderr)")
        }
        // Amazon leaves zeros out of a full feed: with no stock anywhere, each node's feed has no line, and is sent.
        try push("--full")
        try push("--delta")
        let requests = try server.requests()
        let nodes = ["DFW1", "EWR1", "ONT1", "ORD1"]
        try #require(requests.count == nodes.count)
        for request in requests { #expect(try Self.items(request.bodyBytes).isEmpty) }
        #expect(
            try StoreInspector(db).lines("SELECT node, mode, state FROM feed_run ORDER BY id")
                == nodes.map { "\($0)\tfull\tdelivered" } + nodes.map { "\($0)\tdelta\tnothing-to-send" })
    }

    @Test("an order that reserves stock changes Best Buy's next delta for exactly its items")
    func reservationMakesDelta() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.stockedStore(in: folder)
        let server = try ScriptedHTTPServer()
        // Nothing accepted yet: Best Buy's delta profile sends everything.
        try Self.push(["bestbuy"], db: db, server: server)
        let ingested = try DropgateCommand.run(
            [
                "ingest", IngestCommandTests.inbox.appendingPathComponent("bestbuy-20261124-0905.xml").path, "--db",
                db.path,
            ] + FeedCommandTests.world + IngestCommandTests.clock)
        #expect(ingested.status == 0, "\(ingested.stdout)\n\(ingested.stderr)")
        try Self.push(["bestbuy"], db: db, server: server)

        let requests = try server.requests()
        try #require(requests.count == 2)
        let full = try Self.items(requests[0].bodyBytes)
        let delta = try Self.items(requests[1].bodyBytes)
        let store = StoreInspector(db)
        #expect(try store.lines("SELECT mode FROM feed_run ORDER BY id") == ["full", "delta"])
        #expect(full.count == 300, "every catalog item")
        // Best Buy is served from ONT1, PHX1, DEN1 and DFW1, summed.
        let reserved = try store.rows(
            """
            SELECT sku, sum(quantity) FROM reservation WHERE node IN ('ONT1', 'PHX1', 'DEN1', 'DFW1') GROUP BY sku
            """)
        try #require(!reserved.isEmpty, "the PO reserved stock at Best Buy's nodes")
        #expect(Set(delta.keys) == Set(reserved.map { $0[0] }), "\(delta)")
        for row in reserved {
            let units = try #require(Int(row[1]))
            #expect(delta[row[0]] == full[row[0]].map { max(0, $0 - units) }, "\(row[0])")
        }
    }

    @Test(
        "a node switched off with dcs reads 0 in the next feed; only its delta is sent, the others say nothing to send")
    func switchedOffNodeReadsZero() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.stockedStore(in: folder)
        let server = try ScriptedHTTPServer()
        try Self.push(["walmart", "--format", "json"], db: db, server: server)
        let switched = try DropgateCommand.run(
            ["dcs", "set", "EWR1", "--off", "--reason", "flooded dock", "--db", db.path] + FeedCommandTests.world)
        #expect(switched.status == 0, "\(switched.stderr)")

        let built = try DropgateCommand.run(
            ["feed", "build", "walmart", "--node", "EWR1", "--format", "json", "--full", "--db", db.path]
                + FeedCommandTests.world + IngestCommandTests.clock)
        #expect(built.status == 0, "\(built.stderr)")
        let ewr1 = try Self.items(Array(built.stdout.utf8))
        #expect(ewr1.count == 300 && ewr1.values.allSatisfy { $0 == 0 }, "\(ewr1.filter { $0.value != 0 })")

        try Self.push(["walmart", "--format", "json", "--delta"], db: db, server: server)
        let requests = try server.requests()
        let nodes = FeedPushTests.walmartNodes
        // Only EWR1's picture changed: the other nodes' deltas say nothing, so they are recorded and not sent.
        try #require(requests.count == nodes.count + 1)
        let before = try requests.prefix(nodes.count).map { try Self.items($0.bodyBytes) }
        let held = before[try #require(nodes.firstIndex(of: "EWR1"))].filter { $0.value > 0 }
        #expect(!held.isEmpty)
        #expect(
            try Self.items(requests[nodes.count].bodyBytes) == held.mapValues { _ in 0 },
            "EWR1's delta zeroes what it held")
        let runs = try StoreInspector(db).rows("SELECT node, state FROM feed_run WHERE mode = 'delta' ORDER BY node")
        #expect(
            runs.map { $0.joined(separator: " ") }
                == nodes.map { $0 == "EWR1" ? "EWR1 delivered" : "\($0) nothing-to-send" })
    }
}
