import Foundation
import Testing

@Suite("idempotency: the sample inbox delivered twice, the second time in another order", .serialized)
struct IdempotencyTests {
    /// What a second delivery must leave exactly as the first left it, row for row (`.dump`, blobs in hex).
    static let unchanged = [
        "purchase_order", "decision", "reservation", "inventory", "capacity_used", "control_number", "interchange",
        "audit",
    ]

    @Test(
        "a second delivery changes no order, decision, reservation, stock, control number or first answer; it adds only its documents and copies of acknowledgements"
    )
    func secondDeliveryChangesNothing() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")
        let files = try FileManager.default.contentsOfDirectory(at: inbox, includingPropertiesForKeys: nil)
            .filter { ["x12", "xml"].contains($0.pathExtension) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count == 7)
        let database = try world.store("inbox.sqlite")
        let store = StoreInspector(database)

        let first = try world.ingest(files, database: database, json: true)
        // Exit 1: the broken interchange's rejected set is not processed (fixtures/inbox/README.md).
        #expect(first.status == 1, "\(first.stderr)")
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == 14)
        var before: [String: [String]] = [:]
        for table in Self.unchanged + ["outbox", "inbound_document"] { before[table] = try store.dump(table) }
        let interchanges = try store.integer("SELECT count(*) FROM interchange")
        #expect(interchanges == 4)

        // Again, every file, in another order: last first, the XML ones in between.
        let again = [files[6], files[0], files[4], files[2], files[5], files[1], files[3]]
        let second = try world.ingest(again, database: database, json: true)
        #expect(second.status == 1, "\(second.stderr)")
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]])
        let results = reports.flatMap { ($0["orders"] as? [[String: Any]]) ?? [] }.map {
            "\($0["po"] ?? "?") \($0["result"] ?? "?")"
        }
        let decidedAgain = results.filter {
            !$0.hasSuffix(" redelivered") && !$0.hasSuffix(" duplicate") && $0 != "4792230086 not-processed"
        }
        #expect(decidedAgain.isEmpty, "decided again: \(decidedAgain)")

        for table in Self.unchanged {
            let after = try store.dump(table)
            #expect(after == before[table], "\(table) changed:\n\(differences(after, before[table] ?? []))")
        }
        // The first delivery's documents and answers stay as they were; the second adds its 7 documents and, per
        // X12 interchange, a byte copy of its acknowledgement; nothing else.
        let documents = try store.dump("inbound_document")
        #expect(Array(documents.prefix(7)) == before["inbound_document"])
        #expect(documents.count == 14)
        let outbox = try store.dump("outbox")
        let firstAnswers = before["outbox"] ?? []
        #expect(Array(outbox.prefix(firstAnswers.count)) == firstAnswers, "the first delivery's outbox rows changed")
        #expect(outbox.count == firstAnswers.count + interchanges)
        #expect(
            try store.integer("SELECT count(*) FROM outbox WHERE \(StoreInspector.againCopies)") == interchanges)
        let unfaithful = try store.unfaithfulCopies()
        #expect(unfaithful.isEmpty, "\(unfaithful)")
        #expect(try store.brokenInvariants().isEmpty)
    }
}
