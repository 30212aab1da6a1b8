import Foundation
import TestSupport
import Testing

@Suite("dropgate ingest, inventory, orders and outbox on a SQLite store")
struct IngestCommandTests {
    static let world = Array(DropgateCommand.sampleWorld.prefix(6))
    static let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")
    static let clock = ["--at", "2026-11-24T10:00:00-05:00"]

    static var inboxFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []).filter { !$0.hasSuffix(".md") }
            .sorted().map { inbox.appendingPathComponent($0).path }
    }

    func sqlite(_ db: URL, _ query: String) throws -> String {
        try ChildProcess.run(["/usr/bin/sqlite3", "-readonly", db.path, query]).text
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the sample inbox ingested into a store decides what the demo decides and fills the outbox")
    func ingestSampleInbox() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite")
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db.path]
                + Self.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        let ingest = try DropgateCommand.run(
            ["ingest"] + Self.inboxFiles + ["--db", db.path] + Self.world + Self.clock)
        // The broken interchange's rejected set makes the run exit 1; every other PO is decided.
        #expect(ingest.status == 1, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("4792183650  walmart    ship           EWR1"), "\(ingest.stdout)")
        #expect(try sqlite(db, "SELECT count(*) FROM purchase_order") == "14")
        #expect(try sqlite(db, "SELECT count(*) FROM inbound_document WHERE finished = 1") == "7")
        let orders = try DropgateCommand.run("orders", "--db", db.path, "--retailer", "walmart", "--json")
        #expect(orders.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(orders.stdout.utf8)) as? [[String: Any]]
        #expect(list?.count == 5)
        let shown = try DropgateCommand.run("orders", "show", "4792183650", "--db", db.path)
        #expect(shown.stdout.contains("\"decided\""), "\(shown.stdout)")
        #expect(shown.stdout.contains("855-4792183650.x12"))
        let outbox = try DropgateCommand.run("outbox", "--db", db.path, "--state", "pending")
        #expect(outbox.stdout.contains("997-000018233.x12"))
        // Reserved stock is the sum of the reservations, and never more than what can be promised.
        #expect(
            try sqlite(
                db,
                """
                SELECT count(*) FROM inventory i WHERE reserved > max(0, on_hand - safety_stock) OR reserved !=
                  (SELECT coalesce(sum(quantity), 0) FROM reservation r WHERE r.node = i.node AND r.sku = i.sku)
                """) == "0")
    }

    @Test("the same files delivered again, in another order, change no order, reservation or control number")
    func redeliveryChangesNothing() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite")
        _ = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db.path]
                + Self.world)
        _ = try DropgateCommand.run(["ingest"] + Self.inboxFiles + ["--db", db.path] + Self.world + Self.clock)
        let state = """
            SELECT group_concat(x, '|') FROM (
              SELECT retailer || po_number || d.outcome || d.nodes AS x FROM purchase_order o JOIN decision d
                ON d.order_id = o.id
              UNION ALL SELECT node || sku || reserved FROM inventory
              UNION ALL SELECT partner || kind || value FROM control_number
              UNION ALL SELECT name || hex(bytes) FROM outbox WHERE key IS NULL OR key NOT LIKE '% again for %')
            """
        let before = try sqlite(db, state)
        let again = try DropgateCommand.run(
            ["ingest"] + Self.inboxFiles.reversed() + ["--db", db.path] + Self.world + Self.clock)
        #expect(again.stdout.components(separatedBy: "  duplicate  ").count - 1 == 14, "\(again.stdout)")
        #expect(try sqlite(db, state) == before)
        // Each interchange delivered again got its acknowledgement again, byte for byte.
        #expect(
            try sqlite(
                db,
                """
                SELECT count(*) FROM outbox a JOIN outbox b ON b.key = a.key || ' again for ' || (
                  SELECT max(id) FROM inbound_document) WHERE a.bytes = b.bytes
                """) != "0")
    }

    @Test("a --db file that is someone else's (not SQLite, or a SQLite database of other tables) is left untouched")
    func foreignDatabase() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.txt")
        try Data("not a database\n".utf8).write(to: text)
        let theirs = folder.appendingPathComponent("theirs.db")
        _ = try ChildProcess.run([
            "/usr/bin/sqlite3", theirs.path, "CREATE TABLE ledger (amount INTEGER); INSERT INTO ledger VALUES (42);",
        ])
        for file in [text, theirs] {
            let before = try Data(contentsOf: file)
            for arguments in [
                ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv"] + Self.world,
                ["ingest", Self.inboxFiles[0]] + Self.world, ["orders"], ["outbox"],
            ] {
                let result = try DropgateCommand.run(arguments + ["--db", file.path])
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("left as it is"), "\(result.stderr)")
                #expect(try Data(contentsOf: file) == before, "\(arguments) changed \(file.lastPathComponent)")
            }
            let companions = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(Set(companions) == ["notes.txt", "theirs.db"], "\(companions)")
        }
    }

    @Test("a command that only reads (orders, outbox, feed build) makes no store where there is none")
    func readersMakeNoStore() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("missing.sqlite")
        for arguments in [["orders"], ["outbox"], ["feed", "build", "walmart"] + Self.world] {
            let result = try DropgateCommand.run(arguments + ["--db", db.path])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("no dropgate store here"), "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
