import Foundation
import Testing

/// `dropgate ship` and `dropgate cancel-lines` on a real store: a Home Depot PO ingested from the sample inbox,
/// shipped from the floor, its 856 and 810 read back; a short shipment refused; a cancel answered with an 855.
@Suite("ship and cancel-lines end to end", .serialized)
struct ShipCommandTests {
    static let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")
    static let ups = "1Z999AA10123456784"

    /// A store with the Home Depot sample POs decided; the order id of PO `po` (31846207 ships lines 1 and 2 from
    /// ORD1, line 3 cancelled for stock; 31846519 ships 1, 1 and 2 units) and its pick ticket's node.
    static func homeDepotOrder(_ world: IngestWorld, po: String = "31846207") throws
        -> (database: URL, order: String, node: String)
    {
        let database = try world.store("floor.sqlite")
        let ingested = try world.ingest(
            [inbox.appendingPathComponent("homedepot-20261123-2200.x12")], database: database)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let store = StoreInspector(database)
        let order = try #require(try store.rows("SELECT id FROM purchase_order WHERE po_number = '\(po)'").first)
        let node = try #require(
            try store.rows("SELECT partner FROM outbox WHERE kind = 'pick-ticket' AND order_id = \(order[0])").first)
        return (database, order[0], node[0])
    }

    /// An interchange the store holds (its hex), checked by `dropgate x12 validate` and split into segments by
    /// the delimiters its ISA declares: each segment's elements, the ID first.
    static func interchange(hex: String, in world: IngestWorld, name: String) throws -> X12Readback {
        try interchange(bytes: StoreInspector.bytes(hex: hex), in: world, name: name)
    }

    static func interchange(bytes: [UInt8], in world: IngestWorld, name: String) throws -> X12Readback {
        let file = world.folder.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let validated = try DropgateCommand.run(["x12", "validate", file.path])
        #expect(validated.status == 0, "\(name): \(validated.stderr)")
        return try X12Readback(bytes)
    }

    @Test("a complete shipment: recorded, reservations consumed, the 856 and 810 valid and saying what was entered")
    func shipsAndWritesASN() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let (database, order, node) = try Self.homeDepotOrder(world)
        let store = StoreInspector(database)
        let reservedBefore = try store.rows(
            """
            SELECT i.sku, r.quantity, i.on_hand, i.reserved FROM inventory i JOIN reservation r ON r.node = i.node AND r.sku = i.sku
            WHERE r.order_id = \(order) ORDER BY i.sku
            """)
        #expect(reservedBefore.map(\.[0]) == ["HP-10201", "HP-10212"], "\(reservedBefore)")

        let shipped = try DropgateCommand.run(
            [
                "ship", order, "--service", "ups-ground", "--tracking", Self.ups, "--weight", "14.5",
                "--shipped-at", "2026-11-24T15:30:00-05:00", "--db", database.path, "--at", "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(shipped.status == 0, "\(shipped.stdout) \(shipped.stderr)")
        #expect(shipped.stdout.contains("order \(order) is shipped"), "\(shipped.stdout)")
        #expect(!shipped.stdout.contains("FLAG"), "an on-time shipment with the mapped carrier has no flag")

        // The units left the building: the node's reserved and on hand both down by what the order held.
        let after = try store.rows(
            "SELECT sku, reserved, on_hand FROM inventory WHERE node = '\(node)' AND sku IN ("
                + reservedBefore.map { "'\($0[0])'" }.joined(separator: ",") + ") ORDER BY sku")
        for (before, now) in zip(reservedBefore, after) {
            #expect(Int(now[1]) == Int(before[3])! - Int(before[1])!, "the order's units no longer reserved")
            #expect(Int(now[2]) == Int(before[2])! - Int(before[1])!)
        }
        #expect(try store.rows("SELECT state FROM purchase_order WHERE id = \(order)") == [["shipped"]])
        #expect(try store.rows("SELECT count(*) FROM reservation WHERE order_id = \(order)") == [["0"]])

        // The 856: S-O-P-I, the SCAC the profile maps UPS GROUND to, the tracking number, the quantities.
        let asn = try #require(
            try store.rows("SELECT hex(bytes) FROM outbox WHERE kind = '856' AND order_id = \(order)").first)
        let document = try Self.interchange(hex: asn[0], in: world, name: "856.x12")
        #expect(document.element("BSN", 5) == "0001")
        #expect(document.element("TD5", 3) == "UPSN")
        #expect(document.element("PRF", 1) == "31846207")
        #expect(document.segments("MAN").contains { $0.count > 2 && $0[2] == Self.ups })
        #expect(document.segments("SN1").map { $0[2] } == ["1", "1"], "line 3 was cancelled for stock: not shipped")
        #expect(document.elementSeparator == "|", "in Home Depot's delimiters")

        // The 810 invoices what shipped at the PO's prices: 177.99 + 28.99 = 206.98.
        let invoice = try #require(
            try store.rows("SELECT hex(bytes) FROM outbox WHERE kind = '810' AND order_id = \(order)").first)
        let invoiceDocument = try Self.interchange(hex: invoice[0], in: world, name: "810.x12")
        #expect(invoiceDocument.element("TDS", 1) == "20698")
        #expect(invoiceDocument.segments("IT1").count == 2)

        // Nothing is left to ship: a second shipment is refused.
        let again = try DropgateCommand.run(
            ["ship", order, "--service", "ups-ground", "--tracking", Self.ups, "--db", database.path]
                + IngestWorld.options)
        #expect(again.status == 1)
        #expect(again.stderr.contains("is shipped"), "\(again.stderr)")
    }

    @Test("a short shipment under Home Depot's line fill-or-kill is refused with the reason, and nothing is written")
    func shortRefused() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let (database, order, _) = try Self.homeDepotOrder(world, po: "31846519")
        let store = StoreInspector(database)
        let short = try DropgateCommand.run(
            [
                "ship", order, "--service", "ups-ground", "--tracking", Self.ups, "--line", "1=1", "--line", "3=1",
                "--db", database.path, "--at", "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(short.status == 1)
        #expect(short.stderr.contains("line fill-or-kill"), "\(short.stderr)")
        #expect(short.stderr.contains("line 3 is short by 1"), "\(short.stderr)")
        #expect(try store.rows("SELECT count(*) FROM shipment") == [["0"]])
        #expect(try store.rows("SELECT count(*) FROM outbox WHERE kind IN ('856', '810')") == [["0"]])

        let badTracking = try DropgateCommand.run(
            [
                "ship", order, "--service", "ups-ground", "--tracking", "1Z999AA10123456785", "--db", database.path,
                "--at", "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(badTracking.status == 1)
        #expect(badTracking.stderr.contains("package 1"), "\(badTracking.stderr)")
    }

    @Test("a line cancelled from the floor: the stock is released and Home Depot gets a cancel 855 with its code")
    func cancelLine() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let (database, order, node) = try Self.homeDepotOrder(world)
        let store = StoreInspector(database)
        let cancelled = try DropgateCommand.run(
            [
                "cancel-lines", order, "--line", "2=1", "--reason", "damaged", "--db", database.path, "--at",
                "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("cancelled line 2: 1 × HP-10201 (damaged)"), "\(cancelled.stdout)")
        #expect(cancelled.stdout.contains("cancel-for-stock"), "Home Depot charges a cancel: \(cancelled.stdout)")
        #expect(try store.rows("SELECT reserved FROM inventory WHERE node = '\(node)' AND sku = 'HP-10201'") == [["0"]])
        let answers = try store.rows(
            "SELECT hex(bytes) FROM outbox WHERE kind = '855' AND order_id = \(order) ORDER BY id")
        let last = try #require(answers.last)
        let document = try Self.interchange(hex: last[0], in: world, name: "855.x12")
        let acks = document.segments("ACK").map { Array($0.dropFirst().prefix(2)) }
        #expect(acks.contains(["IR", "1"]), "line 2 cancelled with Home Depot's code: \(acks)")

        // The rest still ships, without line 2.
        let shipped = try DropgateCommand.run(
            [
                "ship", order, "--service", "ups-ground", "--tracking", Self.ups, "--db", database.path, "--at",
                "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(try store.rows("SELECT state FROM purchase_order WHERE id = \(order)") == [["shipped"]])
    }
}

/// An X12 interchange split by the delimiters its ISA declares (the element separator at byte 3, the segment
/// terminator after ISA16), without the product's reader.
struct X12Readback {
    let elementSeparator: Character
    let all: [[String]]

    init(_ bytes: [UInt8]) throws {
        guard bytes.count > 106, bytes.starts(with: Array("ISA".utf8)) else {
            throw StoreInspector.Failure(description: "not an X12 interchange: \(bytes.prefix(40))")
        }
        let element = bytes[3]
        let terminator = bytes[105]
        elementSeparator = Character(UnicodeScalar(element))
        all = bytes.split(separator: terminator).map { segment in
            let text = segment.drop { $0 == 0x0A || $0 == 0x0D }
            return text.split(separator: element, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }.filter { !($0.first ?? "").isEmpty }
    }

    func segments(_ id: String) -> [[String]] { all.filter { $0.first == id } }

    /// Element `index` of the first `id` segment.
    func element(_ id: String, _ index: Int) -> String? {
        segments(id).first.flatMap { index < $0.count ? $0[index] : nil }
    }
}

extension ShipCommandTests {
    @Test("a Best Buy (cXML) order ships with a ShipNoticeRequest valid against the Fulfill DTD, and an invoice")
    func cXMLShipNotice() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("cxml.sqlite")
        let ingested = try world.ingest(
            [Self.inbox.appendingPathComponent("bestbuy-20261124-0905.xml")], database: database)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let store = StoreInspector(database)
        let order = try #require(try store.rows("SELECT id FROM purchase_order WHERE po_number = '8841207-A'").first)
        let shipped = try DropgateCommand.run(
            [
                "ship", order[0], "--service", "ups-2day", "--tracking", Self.ups, "--db", database.path, "--at",
                "2026-11-24T16:00:00-05:00",
            ] + IngestWorld.options)
        #expect(shipped.status == 0, "\(shipped.stderr)")
        let kinds = try store.rows("SELECT kind FROM outbox WHERE order_id = \(order[0]) ORDER BY id").map(\.[0])
        #expect(kinds.suffix(2) == ["cxml-ship-notice", "cxml-invoice"], "\(kinds)")
        let notice = try #require(
            try store.rows("SELECT hex(bytes) FROM outbox WHERE kind = 'cxml-ship-notice' AND order_id = \(order[0])")
                .first)
        let file = world.folder.appendingPathComponent("ship-notice.xml")
        let xml = StoreInspector.bytes(hex: notice[0])
        try Data(xml).write(to: file)
        let dtd = DropgateCommand.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/dtd/friendsofcxml-cxmlphp_1.2.050-fulfill.dtd")
        let valid = try DropgateCommand.run(
            ["xmllint", "--noout", "--nonet", "--dtdvalid", dtd.path, file.path],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(valid.status == 0, "\(valid.stderr)")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(
            text.contains(#"<CarrierIdentifier domain="SCAC">UPSN</CarrierIdentifier>"#), "UPS's SCAC from the network")
        #expect(text.contains("<ShipmentIdentifier>\(Self.ups)</ShipmentIdentifier>"))
        #expect(text.contains(#"<OrderReference orderID="8841207-A">"#))
    }
}
