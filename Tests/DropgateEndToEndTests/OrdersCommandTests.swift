import Foundation
import Testing

@Suite("dropgate orders: the --status filter and stored outcomes it cannot read")
struct OrdersCommandTests {
    static let outcomes = ["ship", "reroute", "split", "backorder", "cancel", "reject"]

    /// A store with the walmart interchange of the sample inbox ingested into it.
    static func ingestedStore(in folder: URL) throws -> URL {
        let db = folder.appendingPathComponent("orders.sqlite")
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db.path]
                + IngestCommandTests.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        let ingest = try DropgateCommand.run(
            [
                "ingest", IngestCommandTests.inbox.appendingPathComponent("walmart-20261124-0600.x12").path, "--db",
                db.path,
            ]
                + IngestCommandTests.world + IngestCommandTests.clock)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    static func decisions(_ result: DropgateCommand.Result) throws -> [String] {
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        return (list ?? []).compactMap { $0["decision"] as? String }
    }

    @Test("--status lists only orders with that outcome, and the outcomes together list every order")
    func statusFilters() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.ingestedStore(in: folder)
        let all = try Self.decisions(try DropgateCommand.run("orders", "--db", db.path, "--json"))
        #expect(!all.isEmpty)
        var listed = 0
        for outcome in Self.outcomes {
            let result = try DropgateCommand.run("orders", "--db", db.path, "--status", outcome, "--json")
            #expect(result.status == 0, "\(outcome): \(result.stderr)")
            let decisions = try Self.decisions(result)
            #expect(decisions.allSatisfy { $0 == outcome }, "--status \(outcome): \(decisions)")
            listed += decisions.count
        }
        #expect(listed == all.count, "\(all)")
    }

    @Test("an unknown --status is a usage error that lists the outcomes, before any store is opened")
    func unknownStatus() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("missing.sqlite")
        for arguments in [["orders"], ["orders", "list"]] {
            let result = try DropgateCommand.run(arguments + ["--status", "bogus", "--db", db.path])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("'bogus'"), "\(result.stderr)")
            #expect(result.stderr.contains("Usage: dropgate orders"), "\(result.stderr)")
            for outcome in Self.outcomes {
                #expect(result.stderr.contains("  - \(outcome)\n"), "\(outcome) not offered: \(result.stderr)")
            }
            #expect(result.stdout.isEmpty)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a stored outcome that is no known outcome makes orders fail naming the order and the text")
    func corruptOutcome() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Self.ingestedStore(in: folder)
        let inspector = StoreInspector(db)
        let (id, po) = try #require(
            inspector.rows("SELECT o.id, o.po_number FROM purchase_order o ORDER BY o.id LIMIT 1").first.map {
                ($0[0], $0[1])
            })
        _ = try StoreInspector.shell([
            "-batch", db.path, "UPDATE decision SET outcome = 'teleport' WHERE order_id = \(id)",
        ])
        for arguments in [["orders"], ["orders", "--json"], ["orders", "show", po]] {
            let result = try DropgateCommand.run(arguments + ["--db", db.path])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("order \(id) (PO \(po)) has decision outcome 'teleport'"),
                "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(Self.outcomes.joined(separator: ", ")), "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
        }
        // Filtering on another outcome never reads the broken row.
        let others = try DropgateCommand.run("orders", "--db", db.path, "--status", "reject", "--json")
        #expect(others.status == 0, "\(others.stderr)")
    }
}
