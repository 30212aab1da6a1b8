import Foundation
import OrderX12
import Orders
import Testing
import X12

@Suite("870 order status report from a floor cancel")
struct OrderStatusReportWriterTests {
    typealias F = ShipmentFixtures

    static let reportDate = CalendarDate(year: 2026, month: 11, day: 25)!
    static let timestamp = X12Acknowledgement.Timestamp(date: "20261125", time: "1530")

    /// One of line 1's two units cancelled for W01 (Dsco's out of stock), all of line 2 for A13 (other), listed
    /// out of the PO's order.
    static let report = OrderStatusReport(
        reportID: "CXL42-1", date: reportDate,
        lines: [
            .init(lineNumber: "2", quantity: 1, statusReason: "A13"),
            .init(lineNumber: "1", quantity: 1, statusReason: "W01"),
        ])

    func write(
        _ report: OrderStatusReport = Self.report, format: X12ReplyFormat = F.formats[0].format,
        counter: inout X12ControlNumberCounter
    ) throws -> [UInt8] {
        let bytes = try F.order.orderStatusInterchange(
            report, timestamp: Self.timestamp, format: format, counter: &counter)
        _ = try F.readBack(bytes)
        return bytes
    }

    func write(_ report: OrderStatusReport = Self.report, format: X12ReplyFormat = F.formats[0].format) throws
        -> X12Document
    {
        var counter = X12ControlNumberCounter(interchange: 870, group: 87, transactionSet: 7)
        return try X12Document(bytes: write(report, format: format, counter: &counter))
    }

    @Test("read back, every element says what it means: the PO, its lines and ids, status, reason and counts")
    func meaning() throws {
        let document = try write()
        let order = F.order
        // The envelope answers the PO's: identities swapped, group RS, control numbers matching their trailers.
        let interchange = document.interchanges[0]
        #expect(interchange.header.senderID == order.source.receiverID?.id)
        #expect(interchange.header.receiverID == order.source.senderID?.id)
        #expect(interchange.header.controlNumber == "000000870")
        #expect(F.segments(document, "IEA").first?.element(2)?.text == "000000870")
        let group = interchange.groups[0]
        #expect(group.functionalID == "RS")
        #expect(group.controlNumber == "87")
        #expect(F.segments(document, "GE").first?.element(2)?.text == "87")
        #expect(F.segments(document, "GE").first?.element(1)?.text == "1")
        #expect(group.sets.count == 1)
        let set = group.sets[0]
        #expect(set.id == "870")
        #expect(set.controlNumber == "0007")
        let se = try #require(F.segments(document, "SE").first)
        #expect(se.element(2)?.text == set.controlNumber, "SE02 is ST02")
        #expect(se.element(1)?.text == String(set.segments.count), "SE01 counts ST to SE")

        let body = F.body(document)
        #expect(
            body.map { $0[0] } == [
                "BSR", "HL", "PRF", "HL", "PO1", "ISR", "QTY", "HL", "PO1", "ISR", "QTY", "CTT",
            ])
        #expect(body[0] == ["BSR", "2", "PP", "CXL42-1", "20261125"], "prearranged, selected items, ours, today")
        let levels = HierarchicalLevel.levels(body)
        #expect(levels.map(\.id) == ["1", "2", "3"])
        #expect(levels.map(\.parent) == ["", "1", "1"])
        #expect(levels.map(\.code) == ["O", "I", "I"])
        #expect(levels.map(\.hasChildren) == ["1", "0", "0"])
        #expect(levels[0].first("PRF") == ["PRF", "WM-4471001", "", "", "20261123"], "the PO number and its date")
        // Item levels in the PO's order, each echoing its PO1: number, ordered quantity, unit, price, item ids.
        #expect(
            levels[1].first("PO1") == [
                "PO1", "1", "2", "EA", "12.3456", "", "VN", "HP-10001", "UP", "084512000017", "IN", "WM-555",
            ])
        #expect(levels[2].first("PO1") == ["PO1", "2", "1", "EA", "40", "", "SK", "WM-777"])
        #expect(levels[1].first("ISR") == ["ISR", "IC", "", "W01"], "item cancelled, the retailer's reason")
        #expect(levels[2].first("ISR") == ["ISR", "IC", "", "A13"])
        #expect(levels[1].first("QTY") == ["QTY", "01", "1", "EA"], "the units cancelled, not the ordered")
        #expect(levels[2].first("QTY") == ["QTY", "01", "1", "EA"])
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "2", "CTT01 counts the PO1 line items")
    }

    @Test("a line the PO does not have is left out, and a line without a reason code has no ISR03")
    func unknownLineAndNoReason() throws {
        let report = OrderStatusReport(
            reportID: "CXL42-2", date: Self.reportDate,
            lines: [
                .init(lineNumber: "9", quantity: 1, statusReason: "W01"),
                .init(lineNumber: "1", quantity: 2, statusReason: nil),
            ])
        let document = try write(report)
        let levels = HierarchicalLevel.levels(F.body(document))
        #expect(levels.map(\.code) == ["O", "I"])
        #expect(levels[1].first("PO1")?[1] == "1")
        #expect(levels[1].first("ISR") == ["ISR", "IC"])
        #expect(levels[1].first("QTY") == ["QTY", "01", "2", "EA"])
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "1")
    }

    @Test(
        "the 870 validates against its release's table and reads back with bots in every sample retailer's format",
        arguments: ShipmentFixtures.formats.map(\.name))
    func formats(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        let document = try write(format: format)
        #expect(document.interchanges[0].groups[0].functionalID == "RS")
        #expect(document.interchanges[0].groups[0].version.rawValue == format.version.rawValue)
        #expect(F.segments(document, "ISR").map { $0.element(3)?.text } == ["W01", "A13"])
    }

    @Test("the golden 870 for Walmart's 004010 format, byte for byte")
    func golden() throws {
        var counter = X12ControlNumberCounter(interchange: 870, group: 87, transactionSet: 7)
        let bytes = try write(counter: &counter)
        try Golden.check(bytes, file: "870-walmart-004010.x12")
    }
}
