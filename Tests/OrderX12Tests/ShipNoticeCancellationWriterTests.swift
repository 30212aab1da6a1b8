import Foundation
import OrderX12
import Orders
import Testing
import X12

@Suite("856 that ships nothing, from a floor cancel (cancel-on: 856)")
struct ShipNoticeCancellationWriterTests {
    typealias F = ShipmentFixtures

    static let timestamp = X12Acknowledgement.Timestamp(date: "20261125", time: "2100")

    /// One of line 1's two units cancelled (the other still ships: IQ), all of line 2 (ID), listed out of the PO's
    /// order; line 2 has no vendor number on the PO, so our SKU goes on its LIN as VN, as a shipment's does.
    static let cancellation = ShipNotice.Cancellation(
        shipmentID: "ASN42-C1", created: F.created, shipFrom: F.shipFrom,
        lines: [
            .init(lineNumber: "2", sku: "HP-20002", status: .deleted),
            .init(lineNumber: "1", sku: "HP-10001", status: .quantityChanged),
        ])

    func write(
        _ cancellation: ShipNotice.Cancellation = Self.cancellation, format: X12ReplyFormat = F.formats[0].format,
        counter: inout X12ControlNumberCounter
    ) throws -> [UInt8] {
        let bytes = try F.order.shipNoticeInterchange(
            cancellation, timestamp: Self.timestamp, format: format, counter: &counter)
        _ = try F.readBack(bytes)
        return bytes
    }

    func write(
        _ cancellation: ShipNotice.Cancellation = Self.cancellation, format: X12ReplyFormat = F.formats[0].format
    ) throws -> X12Document {
        var counter = X12ControlNumberCounter(interchange: 856, group: 85, transactionSet: 6)
        return try X12Document(bytes: write(cancellation, format: format, counter: &counter))
    }

    @Test("read back, every element says what it means: original, S-O-I, the PO, each line shipping none, its status")
    func meaning() throws {
        let document = try write()
        let order = F.order
        // The envelope answers the PO's as a shipment's 856 does: identities swapped, group SH, numbers matching.
        let interchange = document.interchanges[0]
        #expect(interchange.header.senderID == order.source.receiverID?.id)
        #expect(interchange.header.receiverID == order.source.senderID?.id)
        #expect(interchange.header.controlNumber == "000000856")
        let group = interchange.groups[0]
        #expect(group.functionalID == "SH")
        #expect(group.controlNumber == "85")
        #expect(group.sets.map(\.id) == ["856"])
        #expect(group.sets[0].controlNumber == "0006")
        let se = try #require(F.segments(document, "SE").first)
        #expect(se.element(1)?.text == String(group.sets[0].segments.count), "SE01 counts ST to SE")

        let body = F.body(document)
        #expect(
            body.map { $0[0] } == [
                "BSN", "HL", "N1", "N3", "N4", "N1", "N3", "N4", "HL", "PRF", "HL", "LIN", "SN1", "HL", "LIN", "SN1",
                "CTT",
            ], "no TD1, TD5, REF or DTM: nothing shipped")
        // BSN01 00 original; BSN02 our id; BSN03/04 when the cancel was made (GMT); BSN05 0004 Shipment, Order, Item.
        #expect(body[0] == ["BSN", "00", "ASN42-C1", "20261125", "2100", "0004"])
        let levels = HierarchicalLevel.levels(body)
        #expect(levels.map(\.id) == ["1", "2", "3", "4"])
        #expect(levels.map(\.parent) == ["", "1", "2", "2"])
        #expect(levels.map(\.code) == ["S", "O", "I", "I"])
        #expect(levels.map(\.hasChildren) == ["1", "1", "0", "0"])
        #expect(levels[0].first("N1", "ST") == ["N1", "ST", "Jane Doe"], "the PO's ship-to, as the shipment's 856")
        #expect(levels[0].first("N1", "SF") == ["N1", "SF", "Harbor & Pine EWR1", "92", "EWR1"], "the node")
        #expect(levels[1].first("PRF") == ["PRF", "WM-4471001", "", "", "20261123"], "the PO number and its date")
        // Items in the PO's order; LIN as the shipment's 856 writes it.
        #expect(levels[2].first("LIN") == ["LIN", "1", "VN", "HP-10001", "UP", "084512000017", "IN", "WM-555"])
        #expect(levels[3].first("LIN") == ["LIN", "2", "SK", "WM-777", "VN", "HP-20002"])
        // SN101 the PO line; SN102 0 shipped in SN103's unit; SN105/SN106 ordered and its unit; SN108 the status.
        #expect(levels[2].first("SN1") == ["SN1", "1", "0", "EA", "", "2", "EA", "", "IQ"], "partly cancelled")
        #expect(levels[3].first("SN1") == ["SN1", "2", "0", "EA", "", "1", "EA", "", "ID"], "cancelled whole")
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "4", "CTT01 counts the HLs, as a shipment's")
    }

    @Test("a line the PO does not have is left out")
    func unknownLine() throws {
        var cancellation = Self.cancellation
        cancellation.lines = [.init(lineNumber: "9", sku: nil, status: .deleted), cancellation.lines[0]]
        let levels = HierarchicalLevel.levels(F.body(try write(cancellation)))
        #expect(levels.map(\.code) == ["S", "O", "I"])
        #expect(levels[2].first("SN1")?[1] == "2")
    }

    @Test(
        "the cancel 856 validates against its release's 856 table and reads back with bots in every sample format",
        arguments: ShipmentFixtures.formats.map(\.name))
    func formats(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        let document = try write(format: format)
        #expect(document.interchanges[0].groups[0].functionalID == "SH")
        #expect(document.interchanges[0].groups[0].version.rawValue == format.version.rawValue)
        #expect(F.segments(document, "SN1").map { $0.element(8)?.text } == ["IQ", "ID"])
    }

    @Test("the golden cancel 856 for Walmart's 004010 format, byte for byte")
    func golden() throws {
        var counter = X12ControlNumberCounter(interchange: 856, group: 85, transactionSet: 6)
        let bytes = try write(counter: &counter)
        try Golden.check(bytes, file: "856-cancel-walmart-004010.x12")
    }
}
