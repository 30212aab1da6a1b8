import Foundation
import TestSupport
import Testing

/// `dropgate dcs set` in one process, `dropgate ingest` in another: the next decision reads the switch from the
/// store, does not choose the node, and says why. On a SQLite file and on PostgreSQL.
@Suite("dropgate dcs: node switches in the store steer the next decision")
struct NodeSwitchCommandTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Home Depot's PO 31846519 ships from ORD1, its primary, with every line, when nothing is switched (the golden
    /// pick ticket Tests/GatewayTests/Golden/pick-tickets/ORD1/homedepot-31846519-ORD1.json).
    static let file = DropgateCommand.packageRoot.appendingPathComponent(
        "fixtures/inbox/homedepot-20261123-2200.x12")
    static let po = "31846519"

    /// A new store with the sample stock: a SQLite file in the world's folder, or a new PostgreSQL database.
    func database(_ backend: Backend, in world: IngestWorld) async throws -> String {
        switch backend {
        case .sqlite: return try world.store("orders.sqlite").path
        case .postgres:
            let url = try await TemporaryPostgres.shared.database().url
            try IngestWorld.importInventory(db: url)
            return url
        }
    }

    /// Sets a switch on ORD1, ingests the Home Depot file, and returns the PO's DCs and its `orders show` text.
    func decide(after switchArguments: [String], _ backend: Backend) async throws -> (nodes: [String], shown: String) {
        let world = try IngestWorld()
        defer { world.remove() }
        let db = try await database(backend, in: world)
        let set = try DropgateCommand.run(
            ["dcs", "set", "ORD1"] + switchArguments + ["--db", db] + IngestWorld.options)
        #expect(set.status == 0, "\(set.stderr)")
        let listed = try DropgateCommand.run("dcs", "--db", db)
        #expect(listed.stdout.contains("ORD1"), "\(listed.stdout)")
        let ingest = try DropgateCommand.run(IngestWorld.ingestArguments([Self.file], db: db))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let orders = try DropgateCommand.run("orders", "--db", db, "--retailer", "homedepot", "--json")
        let list = try JSONSerialization.jsonObject(with: Data(orders.stdout.utf8)) as? [[String: Any]] ?? []
        let order = list.first { $0["po"] as? String == Self.po }
        #expect(order != nil, "\(orders.stdout)")
        let nodes = order?["nodes"] as? [String] ?? []
        let shown = try DropgateCommand.run("orders", "show", Self.po, "--db", db)
        return (nodes, shown.stdout)
    }

    @Test(
        "a node switched off in the store is not chosen by the next decision of another process",
        arguments: Backend.allCases)
    func switchedOff(backend: Backend) async throws {
        let (nodes, shown) = try await decide(
            after: ["--off", "--reason", "flooded dock", "--by", "ops", "--at", "2026-11-24T09:00:00-05:00"], backend)
        #expect(!nodes.isEmpty && !nodes.contains("ORD1"), "\(nodes)")
        #expect(
            shown.contains("switched off in the store at 2026-11-24T14:00:00Z by ops (flooded dock)"), "\(shown)")
    }

    @Test("a closed window in the store covering the ship day reroutes", arguments: Backend.allCases)
    func closedWindow(backend: Backend) async throws {
        let (nodes, shown) = try await decide(
            after: [
                "--closed-from", "2026-11-24T00:00:00-06:00", "--closed-until", "2026-12-02T00:00:00-06:00",
                "--reason", "stocktake", "--by", "ops",
            ], backend)
        #expect(!nodes.isEmpty && !nodes.contains("ORD1"), "\(nodes)")
        #expect(shown.contains("closed 2026-11-24…2026-12-01"), "\(shown)")
        #expect(
            shown.contains("closed in the store 2026-11-24T06:00:00Z…2026-12-02T06:00:00Z by ops: stocktake"),
            "\(shown)")
    }

    @Test("a node switched off in the store reads zero in the next feed")
    func feedReadsSwitches() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("orders.sqlite")
        let store = StoreInspector(database)
        // Home Depot is served from ORD1, DFW1 and EWR1 (its profile), with no buffer or cap.
        let all = try store.integer(
            "SELECT sum(max(0, on_hand - reserved - safety_stock)) FROM inventory WHERE sku = 'HP-10180' "
                + "AND node IN ('ORD1', 'DFW1', 'EWR1')")
        let withoutEWR1 = try store.integer(
            "SELECT sum(max(0, on_hand - reserved - safety_stock)) FROM inventory WHERE sku = 'HP-10180' "
                + "AND node IN ('ORD1', 'DFW1')")
        #expect(all > withoutEWR1)
        let feed =
            ["feed", "build", "homedepot", "--format", "csv", "--db", database.path] + IngestWorld.options + [
                "--at", IngestWorld.at,
            ]
        func lines(_ text: String) -> [String] { text.split(whereSeparator: \.isNewline).map(String.init) }
        #expect(lines(try DropgateCommand.run(feed).stdout).contains("HP-10180,\(all)"))
        let set = try DropgateCommand.run(
            ["dcs", "set", "EWR1", "--off", "--db", database.path] + IngestWorld.options)
        #expect(set.status == 0, "\(set.stderr)")
        let built = try DropgateCommand.run(feed)
        #expect(lines(built.stdout).contains("HP-10180,\(withoutEWR1)"), "\(built.stdout.prefix(400))")
    }

    @Test("a bad switch is refused saying what was expected, and nothing is stored")
    func badSwitches() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let db = try world.store("orders.sqlite").path
        let cases: [([String], String)] = [
            (["EWR1", "--on", "--off"], "--on and --off contradict each other"),
            (["EWR1", "--closed-from", "2026-11-24T00:00:00Z"], "needs both --closed-from and --closed-until"),
            (
                ["EWR1", "--closed-from", "2026-11-25T00:00:00Z", "--closed-until", "2026-11-24T00:00:00Z"],
                "--closed-until must be after --closed-from"
            ),
            (["EWR1"], "nothing to set"),
            (["EWR1", "--closed-from", "tomorrow", "--closed-until", "2026-11-24T00:00:00Z"], "not an ISO 8601"),
            (["XYZ9", "--off"], "no node 'XYZ9'"),
        ]
        for (arguments, message) in cases {
            let result = try DropgateCommand.run(["dcs", "set"] + arguments + ["--db", db] + IngestWorld.options)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let listed = try DropgateCommand.run("dcs", "list", "--db", db, "--json")
        #expect(
            listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || listed.stdout.contains("[]"),
            "\(listed.stdout)")
    }
}
