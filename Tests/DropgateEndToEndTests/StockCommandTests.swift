import Foundation
import Testing

/// `dropgate inventory inbound` and `dropgate inventory receive`: stock on its way kept apart from on-hand stock,
/// and received stock put on hand (releasing whatever waits for it).
@Suite("dropgate inventory inbound and receive")
struct StockCommandTests {
    static let world = IngestCommandTests.world

    @Test("the sample inbound file is imported; a receipt goes on hand; rows the world lacks are refused")
    func inboundAndReceive() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("orders.sqlite").path
        let root = DropgateCommand.packageRoot.path
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(root)/fixtures/inventory.csv", "--db", db] + Self.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        let inbound = try DropgateCommand.run(
            ["inventory", "inbound", "\(root)/fixtures/inbound.csv", "--db", db] + Self.world)
        #expect(inbound.status == 0, "\(inbound.stderr)")
        #expect(inbound.stdout.contains("imported 3 inbound rows for 3 nodes"), "\(inbound.stdout)")

        let receipts = folder.appendingPathComponent("receipts.csv")
        try Data("dc,sku,quantity\nORD1,HP-10001,10\n".utf8).write(to: receipts)
        let received = try DropgateCommand.run(
            ["inventory", "receive", receipts.path, "--db", db, "--at", "2026-11-30T09:00:00-05:00"] + Self.world)
        #expect(received.status == 0, "\(received.stderr)")
        #expect(received.stdout.contains("received 10 unit(s) in 1 row(s)"), "\(received.stdout)")
        #expect(
            try StoreInspector(URL(fileURLWithPath: db)).integer(
                "SELECT on_hand FROM inventory WHERE node = 'ORD1' AND sku = 'HP-10001'") == 87)
        #expect(
            try StoreInspector(URL(fileURLWithPath: db)).integer(
                "SELECT quantity FROM inbound_stock WHERE node = 'ORD1' AND sku = 'HP-10001'") == 14)

        let bad = folder.appendingPathComponent("bad.csv")
        try Data("dc,sku,quantity,due\nNOPE1,HP-10001,1,2026-12-01\n".utf8).write(to: bad)
        let refused = try DropgateCommand.run(["inventory", "inbound", bad.path, "--db", db] + Self.world)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("NOPE1"), "\(refused.stderr)")
    }
}
