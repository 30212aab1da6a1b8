import Foundation
import Testing

/// The same PO number from the same retailer in a new interchange, through `dropgate ingest`: Walmart's profile
/// refuses it, Home Depot's replaces the first order with it. Never shipped twice either way.
@Suite("dropgate ingest: a PO sent again in a new interchange follows the profile's duplicate policy")
struct DuplicatePolicyTests {
    static let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")

    /// A sample file sent again as a new interchange: its ISA13 and IEA02 changed, and `edits` applied.
    static func resent(_ name: String, control: String, as newControl: String, edits: [(String, String)] = [])
        throws -> [UInt8]
    {
        var text = String(decoding: try Data(contentsOf: inbox.appendingPathComponent(name)), as: UTF8.self)
        #expect(text.components(separatedBy: control).count == 3, "ISA13 and IEA02 are \(control)")
        text = text.replacingOccurrences(of: control, with: newControl)
        for (old, new) in edits {
            #expect(text.contains(old))
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Array(text.utf8)
    }

    @Test("under reject, the repeat is kept, recorded against the first order, unanswered, and reserves nothing")
    func rejectPolicy() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("orders.sqlite")
        let store = StoreInspector(database)
        let first = try world.ingest(
            [Self.inbox.appendingPathComponent("walmart-20261124-0600.x12")], database: database)
        #expect(first.status == 0, "\(first.stderr)")
        let reserved = try store.integer("SELECT sum(reserved) FROM inventory")
        let answers = try store.integer("SELECT count(*) FROM outbox WHERE kind = '855'")
        #expect(reserved > 0)
        #expect(answers == 4)

        let files = try world.write(
            [
                (
                    "walmart-again.x12",
                    try Self.resent("walmart-20261124-0600.x12", control: "000018233", as: "000018299")
                )
            ],
            into: "again")
        let again = try world.ingest(files, database: database, json: true)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == 4)
        #expect(try store.integer("SELECT count(*) FROM inbound_document") == 2)
        #expect(try store.integer("SELECT count(*) FROM repeated_order WHERE outcome = 'refused'") == 4)
        #expect(try store.integer("SELECT count(*) FROM audit WHERE event = 'duplicate'") == 4)
        #expect(
            try store.lines("SELECT detail FROM audit WHERE event = 'duplicate' ORDER BY id").allSatisfy {
                $0.contains("refused as a duplicate (policy reject); not answered")
            })
        #expect(try store.integer("SELECT sum(reserved) FROM inventory") == reserved)
        // Walmart maps no duplicate-order code: no 855 for the repeats. Its 997 is answered as for any interchange.
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE kind = '855'") == answers)
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE kind = '997'") == 2)
        let shown = try DropgateCommand.run("orders", "show", "4792183650", "--db", database.path)
        #expect(shown.stdout.contains("duplicate"), "\(shown.stdout)")

        // The repeat delivered once more is a redelivery of its interchange: nothing new.
        let thrice = try world.ingest(files, database: database)
        #expect(thrice.status == 0, "\(thrice.stderr)")
        #expect(try store.integer("SELECT count(*) FROM audit WHERE event = 'duplicate'") == 4)
        let broken = try store.brokenInvariants()
        #expect(broken.isEmpty, "\(broken)")
    }

    @Test("under replace, the repeat gives back the first order's stock and is decided afresh in its place")
    func replacePolicy() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("orders.sqlite")
        let store = StoreInspector(database)
        let first = try world.ingest(
            [Self.inbox.appendingPathComponent("homedepot-20261123-2200.x12")], database: database)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try store.integer("SELECT sum(reserved) FROM inventory WHERE sku = 'HP-10212'") == 1)
        let tickets = try store.integer("SELECT count(*) FROM outbox WHERE kind = 'pick-ticket'")

        // PO 31846207 sent again with 2 of its first line instead of 1.
        let files = try world.write(
            [
                (
                    "homedepot-again.x12",
                    try Self.resent(
                        "homedepot-20261123-2200.x12", control: "000007301", as: "000007399",
                        edits: [("PO1|1|1|EA|177.99||VN|HP-10212", "PO1|1|2|EA|177.99||VN|HP-10212")])
                )
            ], into: "again")
        let again = try world.ingest(files, database: database)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == 3)
        // The first version's unit is given back: 2 reserved, not 3.
        #expect(try store.integer("SELECT sum(reserved) FROM inventory WHERE sku = 'HP-10212'") == 2)
        #expect(try store.integer("SELECT sum(quantity) FROM reservation WHERE sku = 'HP-10212'") == 2)
        #expect(try store.integer("SELECT count(*) FROM order_version") == 3)
        #expect(try store.integer("SELECT count(*) FROM purchase_order WHERE version = 2") == 3)
        // Every pick ticket of the first versions is withdrawn; the new versions have their own.
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE state = 'withdrawn'") == tickets)
        #expect(
            try store.integer("SELECT count(*) FROM outbox WHERE kind = 'pick-ticket' AND state = 'pending'")
                == tickets)
        let shown = try DropgateCommand.run("orders", "show", "31846207", "--db", database.path)
        #expect(shown.stdout.contains("replaced"), "\(shown.stdout)")
        let broken = try store.brokenInvariants()
        #expect(broken.isEmpty, "\(broken)")
    }
}
