import Foundation
import Testing

/// `dropgate cancel-lines` for a retailer that takes cancels on the 870: the sample Home Depot profile copied with
/// `cancel-on: "870"` and a status reason, its PO ingested, a line cancelled; the 870 read back from the store.
@Suite("cancel-lines on the 870 end to end", .serialized)
struct CancelOrderStatusTests {
    /// The sample Home Depot profile alone, with its cancels on the 870 and A13 (other) as its status reason.
    static func profiles(in world: IngestWorld) throws -> URL {
        let source = DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles/homedepot.yaml")
        let folder = world.folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("homedepot.yaml")
        var text = try String(contentsOf: source, encoding: .utf8)
        let cancelOn = #"cancel-on: "855""#
        let fallback = "  default: IR\n"
        #expect(text.contains(cancelOn) && text.contains(fallback), "the sample profile changed")
        text = text.replacingOccurrences(of: cancelOn, with: #"cancel-on: "870""#)
        text = text.replacingOccurrences(of: fallback, with: "  default: { code: IR, status-reason: A13 }\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a line cancelled from the floor: the stock is released and Home Depot gets a valid 870 saying so")
    func cancelOn870() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let profiles = try Self.profiles(in: world).path
        let network = "\(DropgateCommand.packageRoot.path)/fixtures/network.yaml"
        let items = "\(DropgateCommand.packageRoot.path)/fixtures/items.csv"
        let options = ["--profiles", profiles, "--network", network, "--items", items]
        let checked = try DropgateCommand.run(["profiles", "check", profiles, "--network", network, "--catalog", items])
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")
        let database = try world.store("floor.sqlite")
        let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")
        let ingested = try DropgateCommand.run(
            [
                "ingest", inbox.appendingPathComponent("homedepot-20261123-2200.x12").path, "--db", database.path,
                "--at", IngestWorld.at,
            ] + options)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let store = StoreInspector(database)
        let order = try #require(try store.rows("SELECT id FROM purchase_order WHERE po_number = '31846207'").first)[0]
        let node = try #require(
            try store.rows("SELECT partner FROM outbox WHERE kind = 'pick-ticket' AND order_id = \(order)").first)[0]
        #expect(try store.rows("SELECT reserved FROM inventory WHERE node = '\(node)' AND sku = 'HP-10201'") == [["1"]])
        let answers = "SELECT count(*) FROM outbox WHERE kind = '855' AND order_id = \(order)"
        let answersBefore = try store.rows(answers)
        let cancelled = try DropgateCommand.run(
            [
                "cancel-lines", order, "--line", "2=1", "--reason", "damaged", "--db", database.path, "--at",
                "2026-11-24T16:00:00-05:00",
            ] + options)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(!cancelled.stdout.contains("nothing was sent"), "\(cancelled.stdout)")
        #expect(try store.rows("SELECT reserved FROM inventory WHERE node = '\(node)' AND sku = 'HP-10201'") == [["0"]])
        let reports = try store.rows(
            "SELECT name, hex(bytes) FROM outbox WHERE kind = '870' AND order_id = \(order) ORDER BY id")
        #expect(reports.map(\.[0]) == ["870-31846207-1.x12"])
        let report = try #require(reports.first)
        let document = try ShipCommandTests.interchange(hex: report[1], in: world, name: "870.x12")
        #expect(document.segments("GS").first?[1] == "RS")
        #expect(document.segments("PRF").first?[1] == "31846207")
        #expect(document.segments("PO1").map { Array($0.prefix(4)) } == [["PO1", "2", "1", "EA"]])
        #expect(document.segments("ISR") == [["ISR", "IC", "", "A13"]], "item cancelled, Home Depot's status reason")
        #expect(document.segments("QTY") == [["QTY", "01", "1", "EA"]])
        #expect(try store.rows(answers) == answersBefore, "the cancel goes on the 870 alone, no 855")
    }
}
