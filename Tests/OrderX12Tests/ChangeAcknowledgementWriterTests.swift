import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

@Suite("865 from a change decision")
struct ChangeAcknowledgementWriterTests {
    typealias F = ShipmentFixtures

    /// The changes of `OrderChangeMappingTests`: Walmart's 004010 change (lines 1 QD, 2 QI, 3 DI, 4 AI) and
    /// whole-order cancel, and the 005010 one. A fixture that must read: a failure here fails every test.
    static let walmart = change(OrderChangeMappingTests.walmart860)
    static let cancel = change(OrderChangeMappingTests.cancel860)
    static let amazon = change(OrderChangeMappingTests.change005010)

    static func change(_ text: String) -> OrderChange {
        (try? X12Document(bytes: Array(text.utf8)).orderChanges()[0].get())
            ?? OrderChange(poNumber: "unreadable", purpose: .change, source: OrderSource(format: .x12))
    }

    static let ackDate = CalendarDate(year: 2026, month: 11, day: 27)!
    static let timestamp = X12Acknowledgement.Timestamp(date: "20261127", time: "0830")

    /// The line the PO had as line 1 (`VN HP-10001 UP 084512000017 IN WM-555`), for echoing its item numbers.
    static var poLine1: OrderLine { AcknowledgementWriterTests.order.lines[0] }

    /// Every line of the Walmart change accepted: 1 down to 1, 2 up to 3, 3 deleted, 4 added.
    static var allAccepted: ChangeAcknowledgement {
        ChangeAcknowledgement(
            kind: .accepted, date: ackDate,
            lines: [
                .init(lineNumber: "1", changeCode: "QD", quantity: 1, status: "IQ", echoing: poLine1),
                .init(lineNumber: "2", changeCode: "QI", quantity: 3, status: "IQ"),
                .init(lineNumber: "3", changeCode: "DI", quantity: 0, status: "ID"),
                .init(
                    lineNumber: "4", changeCode: "AI", quantity: 2, status: "IA",
                    echoing: walmart.lines[3].line ?? poLine1),
            ])
    }

    /// The increase and the added line refused (standing quantities 1 and 0), the rest accepted.
    static var partlyRefused: ChangeAcknowledgement {
        ChangeAcknowledgement(
            kind: .acceptedWithChanges, date: ackDate,
            lines: [
                .init(lineNumber: "1", changeCode: "QD", quantity: 1, status: "IQ", echoing: poLine1),
                .init(lineNumber: "2", changeCode: "QI", quantity: 1, status: "IR", statusQuantity: 3),
                .init(lineNumber: "3", changeCode: "DI", quantity: 0, status: "ID"),
                .init(
                    lineNumber: "4", changeCode: "AI", quantity: 0, status: "R2", statusQuantity: 2,
                    echoing: walmart.lines[3].line ?? poLine1),
            ])
    }

    /// Nothing taken: every line at its standing quantity.
    static var allRefused: ChangeAcknowledgement {
        ChangeAcknowledgement(
            kind: .rejectedWithDetail, date: ackDate,
            lines: [
                .init(lineNumber: "1", changeCode: "QD", quantity: 2, status: "IR", statusQuantity: 1),
                .init(lineNumber: "2", changeCode: "QI", quantity: 1, status: "IR", statusQuantity: 3),
                .init(lineNumber: "3", changeCode: "DI", quantity: 1, status: "IR", statusQuantity: 0),
                .init(
                    lineNumber: "4", changeCode: "AI", quantity: 0, unit: .each, status: "R4", statusQuantity: 2),
            ])
    }

    /// The whole-order cancel accepted, with no line detail.
    static var cancelAccepted: ChangeAcknowledgement { ChangeAcknowledgement(kind: .accepted, date: ackDate) }

    /// The 005010 change: the price change accepted, the decrease refused.
    static var amazonAnswer: ChangeAcknowledgement {
        ChangeAcknowledgement(
            kind: .acceptedWithChanges, date: ackDate,
            lines: [
                .init(
                    lineNumber: "2", changeCode: "PC", quantity: 1, status: "IC",
                    echoing: amazon.lines[0].line ?? poLine1),
                .init(
                    lineNumber: "5", changeCode: "QD", quantity: 4, unit: UnitOfMeasure(rawValue: "CA"),
                    status: "IR", statusQuantity: 2),
            ])
    }

    static let walmartFormat = F.format("004010", "*", ">", "~", nil, [0x0A])
    static let amazonFormat = F.format("005010", "*", ":", "~", "^", [])

    /// The acknowledgement written, read back, validated against the 865 table and read by bots.
    func write(
        _ acknowledgement: ChangeAcknowledgement, for change: OrderChange, format: X12ReplyFormat,
        counter: inout X12ControlNumberCounter
    ) throws -> [UInt8] {
        let bytes = try change.changeAcknowledgementInterchange(
            acknowledgement, timestamp: Self.timestamp, format: format, counter: &counter)
        _ = try F.readBack(bytes)
        return bytes
    }

    func write(_ acknowledgement: ChangeAcknowledgement, for change: OrderChange, format: X12ReplyFormat) throws
        -> X12Document
    {
        var counter = X12ControlNumberCounter(interchange: 501, group: 51, transactionSet: 5)
        return try X12Document(bytes: write(acknowledgement, for: change, format: format, counter: &counter))
    }

    /// The document's segments with ID `id`, as element texts from element 1.
    func elements(_ document: X12Document, _ id: String) -> [[String]] {
        F.segments(document, id).map { segment in
            (1...max(1, segment.elementCount)).map { segment.element($0)?.text ?? "" }
        }
    }

    /// What every 865 written here says the same way: one set, its SE count, CTT, the envelope answering `change`.
    func expectEnvelope(
        _ document: X12Document, answering change: OrderChange, version: String, pocs: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let interchange = document.interchanges[0]
        let header = interchange.header
        #expect(
            header.senderQualifier == change.source.receiverID?.qualifier
                && header.senderID == change.source.receiverID?.id, "ISA06 is the 860's ISA08",
            sourceLocation: sourceLocation)
        #expect(
            header.receiverQualifier == change.source.senderID?.qualifier
                && header.receiverID == change.source.senderID?.id, "ISA08 is the 860's ISA06",
            sourceLocation: sourceLocation)
        #expect(header.usage == change.source.usage, "ISA15 as the 860's", sourceLocation: sourceLocation)
        #expect(header.controlNumber == "000000501", sourceLocation: sourceLocation)
        let group = interchange.groups[0]
        #expect(group.functionalID == "CA", sourceLocation: sourceLocation)
        #expect(group.senderCode == change.source.receiverGroupID, sourceLocation: sourceLocation)
        #expect(group.receiverCode == change.source.senderGroupID, sourceLocation: sourceLocation)
        #expect(group.version.rawValue == version, sourceLocation: sourceLocation)
        #expect(group.controlNumber == "51", sourceLocation: sourceLocation)
        #expect(group.sets.count == 1 && group.sets[0].id == "865", sourceLocation: sourceLocation)
        let set = group.sets[0]
        let se = elements(document, "SE")
        #expect(se.first?[0] == String(set.segments.count), "SE01 counts ST to SE", sourceLocation: sourceLocation)
        #expect(se.first?[1] == set.controlNumber, sourceLocation: sourceLocation)
        #expect(elements(document, "POC").count == pocs, sourceLocation: sourceLocation)
        #expect(
            elements(document, "CTT").map { $0[0] } == (pocs == 0 ? [] : [String(pocs)]), "CTT01 counts the POCs",
            sourceLocation: sourceLocation)
    }

    @Test("every line accepted: BCA echoes the change, each POC the line after the change, each ACK its status")
    func allAcceptedWalmart() throws {
        let document = try write(Self.allAccepted, for: Self.walmart, format: Self.walmartFormat)
        expectEnvelope(document, answering: Self.walmart, version: "004010", pocs: 4)
        let bca = try #require(elements(document, "BCA").first)
        #expect(bca[0] == "04", "BCA01 is BCH01")
        #expect(bca[1] == "AT")
        #expect(bca[2] == "WM-4471001")
        #expect(bca[3] == "")
        #expect(bca[4] == "3", "BCA05 is BCH05")
        #expect(bca[5] == "20261123", "BCA06 is the PO's date (BCH06)")
        #expect(bca[6...8].allSatisfy { $0.isEmpty })
        #expect(bca[9] == "20261127", "BCA10 is the acknowledgement's date")
        #expect(bca.count == 10)
        let poc = elements(document, "POC")
        #expect(poc.map { $0[0] } == ["1", "2", "3", "4"])
        #expect(poc.map { $0[1] } == ["QD", "QI", "DI", "AI"])
        #expect(poc.map { $0[2] } == ["1", "3", "0", "2"])
        #expect(poc.map { $0[3] } == ["", "", "", ""])
        #expect(poc.map { $0[4] } == ["EA", "EA", "EA", "EA"])
        #expect(Array(poc[0][7...]) == ["VN", "HP-10001", "UP", "084512000017", "IN", "WM-555"], "as the 850 had")
        #expect(Array(poc[3][7...]) == ["UP", "084512000031", "VN", "HP-30003", "IN", "WM-999"], "as the 860 had")
        #expect(poc[1].count == 5 && poc[2].count == 5, "no item numbers to echo")
        let ack = elements(document, "ACK")
        #expect(ack.map { $0[0] } == ["IQ", "IQ", "ID", "IA"])
        #expect(ack.map { $0[1] } == ["1", "3", "0", "2"], "ACK02 is POC03 when no status quantity is given")
        #expect(ack.map { $0[2] } == ["EA", "EA", "EA", "EA"])
        #expect(ack.allSatisfy { $0.count == 3 })
        let body = F.body(document).map { $0[0] }
        #expect(
            body == ["BCA", "POC", "ACK", "POC", "ACK", "POC", "ACK", "POC", "ACK", "CTT"], "each POC then its ACK")
    }

    @Test("some lines refused: AC, the refused lines at their standing quantity, ACK02 what was asked")
    func partlyRefusedWalmart() throws {
        let document = try write(Self.partlyRefused, for: Self.walmart, format: Self.walmartFormat)
        expectEnvelope(document, answering: Self.walmart, version: "004010", pocs: 4)
        #expect(elements(document, "BCA").first?[1] == "AC")
        #expect(elements(document, "POC").map { $0[2] } == ["1", "1", "0", "0"])
        let ack = elements(document, "ACK")
        #expect(ack.map { $0[0] } == ["IQ", "IR", "ID", "R2"])
        #expect(ack.map { $0[1] } == ["1", "3", "0", "2"])
        #expect(ack.map { $0[2] } == ["EA", "EA", "EA", "EA"])
        #expect(
            Array(elements(document, "POC")[3][7...]) == ["UP", "084512000031", "VN", "HP-30003", "IN", "WM-999"],
            "a refused added line still names its item")
    }

    @Test("nothing accepted: RD, every line at its standing quantity")
    func allRefusedWalmart() throws {
        let document = try write(Self.allRefused, for: Self.walmart, format: Self.walmartFormat)
        expectEnvelope(document, answering: Self.walmart, version: "004010", pocs: 4)
        #expect(elements(document, "BCA").first?[1] == "RD")
        #expect(elements(document, "POC").map { $0[2] } == ["2", "1", "1", "0"])
        #expect(elements(document, "ACK").map { $0[0] } == ["IR", "IR", "IR", "R4"])
        #expect(elements(document, "ACK").map { $0[1] } == ["1", "3", "0", "2"])
    }

    @Test("a whole-order cancel accepted: BCA01 01, no POC and no CTT", arguments: ["004010", "005010"])
    func cancelAccepted(version: String) throws {
        let format = version == "004010" ? Self.walmartFormat : Self.amazonFormat
        let document = try write(Self.cancelAccepted, for: Self.cancel, format: format)
        expectEnvelope(document, answering: Self.cancel, version: version, pocs: 0)
        let bca = try #require(elements(document, "BCA").first)
        #expect(bca == ["01", "AT", "WM-4471002", "", "1", "20261120", "", "", "", "20261127"])
        #expect(F.body(document).map { $0[0] } == ["BCA"])
        // A cancel that came without BCH01 (another format) is still answered as one.
        var bare = Self.cancel
        bare.purposeCode = nil
        let answered = try write(Self.cancelAccepted, for: bare, format: format)
        #expect(elements(answered, "BCA").first?[0] == "01")
    }

    @Test(
        "every kind of answer validates in 004010 and 005010 with each sample retailer's delimiters",
        arguments: ShipmentFixtures.formats.map(\.name))
    func formats(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        for answer in [Self.allAccepted, Self.partlyRefused, Self.allRefused] {
            let document = try write(answer, for: Self.walmart, format: format)
            expectEnvelope(document, answering: Self.walmart, version: format.version.rawValue, pocs: 4)
            #expect(elements(document, "BCA").first?[1] == answer.kind.rawValue)
        }
    }

    @Test("the 005010 change answered: BCA01 05, the buyer's BP number echoed, each line's own unit")
    func amazon005010() throws {
        let document = try write(Self.amazonAnswer, for: Self.amazon, format: Self.amazonFormat)
        expectEnvelope(document, answering: Self.amazon, version: "005010", pocs: 2)
        let header = document.interchanges[0].header
        #expect(header.version == "00501" && header.repetitionOrStandards == "^")
        #expect(header.senderID == "HARBORPINE" && header.receiverID == "AMAZONDS" && header.usage == "T")
        let bca = try #require(elements(document, "BCA").first)
        #expect(bca == ["05", "AC", "AMZ-90017", "", "7", "20261122", "", "", "", "20261127"])
        let poc = elements(document, "POC")
        #expect(poc[0] == ["2", "PC", "1", "", "EA", "", "", "BP", "B00TESTSKU"])
        #expect(poc[1] == ["5", "QD", "4", "", "CA"])
        #expect(elements(document, "ACK") == [["IC", "1", "EA"], ["IR", "2", "CA"]])
    }

    @Test("a change without a PO date answers with the acknowledgement's date in the mandatory BCA06")
    func noOrderDate() throws {
        var change = Self.walmart
        change.orderDate = nil
        change.changeNumber = nil
        let document = try write(Self.cancelAccepted, for: change, format: Self.walmartFormat)
        #expect(
            elements(document, "BCA").first == ["04", "AT", "WM-4471001", "", "", "20261127", "", "", "", "20261127"])
    }

    @Test("the golden 865 for Walmart's 004010 format, byte for byte")
    func golden004010() throws {
        var counter = X12ControlNumberCounter(interchange: 865, group: 86, transactionSet: 5)
        let bytes = try write(Self.partlyRefused, for: Self.walmart, format: Self.walmartFormat, counter: &counter)
        try Golden.check(bytes, file: "865-walmart-004010.x12")
    }

    @Test("the golden 865 for a 005010 format, byte for byte")
    func golden005010() throws {
        var counter = X12ControlNumberCounter(interchange: 866, group: 87, transactionSet: 6)
        let bytes = try write(Self.amazonAnswer, for: Self.amazon, format: Self.amazonFormat, counter: &counter)
        try Golden.check(bytes, file: "865-005010.x12")
    }
}
