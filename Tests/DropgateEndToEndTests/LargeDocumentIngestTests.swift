import Foundation
import TestSupport
import Testing

/// `dropgate ingest` over a file larger than a part of the store (4 MiB): kept a part at a time and read from the
/// file, never held whole; every PO decided and reported as it is decided; the parts put together are the file byte
/// for byte; the same file again is a redelivery that changes nothing. Its memory: `BoundedMemoryTests`.
@Suite("Ingest keeps and reads a large file a part at a time")
struct LargeDocumentIngestTests {
    static let partSize = 4 << 20

    @Test("a large file is kept in parts that are the file, every PO decided and reported, a redelivery recognised")
    func largeFileKeptInParts() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        var generator = PurchaseOrderGenerator(seed: 0x1A_46E, catalog: try SampleCatalog.load())
        let interchange = generator.interchange(for: .walmart, orders: 8_000)
        let bytes = interchange.bytes
        try #require(bytes.count > Self.partSize, "the file must be larger than a part: \(bytes.count) bytes")
        let files = try world.write([("large.x12", bytes)], into: "in")
        let database = try world.store("large.sqlite")

        let first = try world.ingest(files, database: database, json: true)
        #expect(first.status <= 1, "\(first.stderr)")
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 1)
        let orders = try #require(reports.first?["orders"] as? [[String: Any]])
        #expect(orders.count == 8_000, "every PO reported once")
        let poNumbers = Set(orders.compactMap { $0["po"] as? String })
        #expect(poNumbers.count == 8_000)
        #expect(orders.allSatisfy { ($0["result"] as? String).map { !$0.hasPrefix("not") } ?? false })
        #expect(reports.first?["status"] as? String == "accepted")

        let store = StoreInspector(database)
        let parts = (bytes.count + Self.partSize - 1) / Self.partSize
        #expect(
            try store.lines("SELECT parts, length(bytes), status FROM inbound_document") == ["\(parts)\t0\taccepted"])
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == 8_000)
        #expect(
            try store.lines("SELECT part, length(bytes) FROM inbound_part ORDER BY part")
                == (0..<parts).map { "\($0)\t\(min(Self.partSize, bytes.count - $0 * Self.partSize))" })
        #expect(try store.keptBytes(of: 1) == bytes, "the parts put together are the file")
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE kind = '997'") == 1)

        // The same file again: kept as a redelivery of the first, answered again, nothing decided twice.
        let outbox = try store.integer("SELECT count(*) FROM outbox")
        let again = try world.ingest(files, database: database)
        #expect(again.status <= 1, "\(again.stderr)")
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == 8_000)
        #expect(try store.integer("SELECT count(*) FROM inbound_document") == 2)
        #expect(try store.lines("SELECT status FROM inbound_document WHERE id = 2") == ["duplicate"])
        #expect(try store.integer("SELECT count(*) FROM outbox") <= outbox + 1, "at most the 997 again")
        // The table lists each PO once, as redelivered.
        let rows = again.stdout.split(separator: "\n").filter { $0.contains("received before") }
        #expect(rows.count == 8_000)
    }
}
