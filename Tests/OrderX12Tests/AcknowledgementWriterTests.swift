import Foundation
import OrderX12
import Orders
import Testing
import X12

@Suite("855 from an acknowledgement decision")
struct AcknowledgementWriterTests {
    /// The dropship 850 of `PurchaseOrderMappingTests` with its BEG05 moved to the day before, so that the PO's
    /// date and the acknowledgement's differ.
    static let order: PurchaseOrder = {
        let text = PurchaseOrderMappingTests.dropship850.replacingOccurrences(
            of: "BEG*00*DS*WM-4471001**20261124~", with: "BEG*00*DS*WM-4471001**20261123~")
        // A test fixture that must read: a failure here fails every test of the suite.
        return (try? X12Document(bytes: Array(text.utf8)).purchaseOrders()[0].get())
            ?? PurchaseOrder(poNumber: "unreadable", lines: [], source: OrderSource(format: .x12))
    }()

    static let ackDate = CalendarDate(year: 2026, month: 11, day: 24)!

    func write(_ acknowledgement: POAcknowledgement, format: X12ReplyFormat) throws -> X12Document {
        var counter = X12ControlNumberCounter(interchange: 77)
        let bytes = try Self.order.acknowledgementInterchange(
            acknowledgement, timestamp: .init(date: "20261124", time: "1100"), format: format, counter: &counter)
        let document = try X12Document(bytes: bytes)
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        return document
    }

    func segments(_ document: X12Document, _ id: String) -> [X12Segment] {
        (0..<document.segmentCount).map(document.segment).filter { $0.id == id }
    }

    @Test(
        "BAK carries the PO's date in BAK04 and the acknowledgement's in BAK09, and the kind in BAK02",
        arguments: POAcknowledgement.Kind.allCases)
    func bak(_ kind: POAcknowledgement.Kind) throws {
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [0x0A])
        let document = try write(
            POAcknowledgement(kind: kind, date: Self.ackDate, lines: [.init(lineNumber: "1", status: .accepted)]),
            format: format)
        let bak = try #require(segments(document, "BAK").first)
        #expect(bak.element(1)?.text == "00")
        #expect(bak.element(2)?.text == kind.rawValue)
        #expect(bak.element(3)?.text == "WM-4471001")
        #expect(bak.element(4)?.text == "20261123", "BAK04 is the PO's date (BEG05)")
        #expect(bak.element(9)?.text == "20261124", "BAK09 is the acknowledgement's date")
        #expect(segments(document, "PO1").count == (kind.carriesLines ? 1 : 0))
        #expect(segments(document, "MSG").isEmpty, "no free text goes to a retailer")
    }

    @Test("PO1 echoes each item number under the qualifier the PO gave it, in the PO's order")
    func qualifiersEchoed() throws {
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [])
        let document = try write(
            POAcknowledgement(
                kind: .acceptedWithChanges, date: Self.ackDate,
                lines: [
                    .init(lineNumber: "1", status: .accepted, quantity: 2),
                    .init(lineNumber: "2", status: .rejectedInvalidItem, quantity: 1),
                ]), format: format)
        let po1 = segments(document, "PO1")
        #expect(po1.count == 2)
        #expect((6...11).map { po1[0].element($0)?.text } == ["VN", "HP-10001", "UP", "084512000017", "IN", "WM-555"])
        #expect((6...7).map { po1[1].element($0)?.text } == ["SK", "WM-777"], "SK stays SK, not IN")
        let ack = segments(document, "ACK")
        #expect(ack.map { $0.element(1)?.text } == ["IA", "R2"])
        #expect(ack.map { $0.element(2)?.text } == ["2", "1"])
        #expect(ack.map { $0.element(3)?.text } == ["EA", "EA"])
        #expect(segments(document, "CTT").first?.element(1)?.text == "2")
    }

    @Test("a backordered line says when it ships in ACK04 068 and ACK05")
    func backorderDate() throws {
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [0x0A])
        let document = try write(
            POAcknowledgement(
                kind: .acceptedWithExceptions, date: Self.ackDate,
                lines: [
                    .init(
                        lineNumber: "2", status: .backordered, quantity: 1,
                        date: CalendarDate(year: 2026, month: 12, day: 3))
                ]), format: format)
        let ack = try #require(segments(document, "ACK").first)
        #expect(ack.element(1)?.text == "IB")
        #expect(ack.element(4)?.text == "068")
        #expect(ack.element(5)?.text == "20261203")
        #expect(segments(document, "PO1").map { $0.element(1)?.text } == ["2"], "only the exception line")
        #expect(segments(document, "CTT").first?.element(1)?.text == "1")
    }

    @Test(
        "the envelope answers the PO's: identities swapped, one release in ISA12, ISA11 and GS08",
        arguments: [("004010", "00401", "U"), ("005010", "00501", "^"), ("004010VICS", "00401", "U")])
    func envelope(version: String, isa12: String, isa11: String) throws {
        let format = X12ReplyFormat(version: X12Version(version), delimiters: .standard, lineBreak: [0x0D, 0x0A])
        var counter = X12ControlNumberCounter(interchange: 77)
        let bytes = try Self.order.acknowledgementInterchange(
            POAcknowledgement(kind: .acceptedNoDetail, date: Self.ackDate),
            timestamp: .init(date: "20261124", time: "1100"), format: format, counter: &counter)
        let document = try X12Document(bytes: bytes)
        let header = document.interchanges[0].header
        #expect(header.senderQualifier == "ZZ" && header.senderID == "HARBORPINE")
        #expect(header.receiverQualifier == "08" && header.receiverID == "925485US00")
        #expect(header.version == isa12)
        #expect(header.repetitionOrStandards == isa11)
        #expect(header.usage == "P")
        #expect(header.controlNumber == "000000077")
        let group = document.interchanges[0].groups[0]
        #expect(group.functionalID == "PR")
        #expect(group.senderCode == "HARBORPINE" && group.receiverCode == "925485US00", "GS02/GS03 swapped")
        #expect(group.version.rawValue == version)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "~\r\n").count == document.segmentCount + 1, "CR LF after each segment")
    }
}
