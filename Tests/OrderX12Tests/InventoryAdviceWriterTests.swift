import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

@Suite("846 inventory advice from ATS lines")
struct InventoryAdviceWriterTests {
    static let instant = Date(timeIntervalSince1970: 1_796_549_400)  // 2026-12-06T09:30:00Z
    static let envelope = InventoryAdvice.Envelope(
        sender: PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"),
        receiver: PartnerIdentity(qualifier: "08", id: "925485US00"))

    static func format(_ version: String) -> X12ReplyFormat {
        X12ReplyFormat(
            version: X12Version(version),
            delimiters: X12Delimiters(
                element: UInt8(ascii: "*"), component: UInt8(ascii: ">"), segment: UInt8(ascii: "~")),
            lineBreak: [0x0A])
    }

    static let perNode: [ATSLine] = [
        ATSLine(sku: "HP-10001", upc: "084512100014", node: "DFW1", quantity: 0),
        ATSLine(sku: "HP-10002", itemID: "WM-555", itemIDKind: .retailer, node: "DFW1", quantity: 7),
        ATSLine(sku: "HP-10001", upc: "084512100014", node: "EWR1", quantity: 108),
        ATSLine(sku: "HP-10002", itemID: "WM-555", itemIDKind: .retailer, node: "EWR1", quantity: 0),
        ATSLine(sku: "HP-10003", itemID: "0084512100038", itemIDKind: .gtin, node: "EWR1", quantity: 3),
    ]

    func write(
        _ lines: [ATSLine], version: String, maxItemsPerSet: Int = 10_000,
        counter: inout X12ControlNumberCounter
    ) throws -> (bytes: [UInt8], document: X12Document) {
        let advice = InventoryAdvice(
            reference: "ATS-20261206-0930", instant: Self.instant,
            nodeNames: ["EWR1": "Edison NJ distribution center", "DFW1": "Fort Worth TX*distribution center"],
            maxItemsPerSet: maxItemsPerSet)
        let bytes = try advice.interchange(
            lines, envelope: Self.envelope, format: Self.format(version), counter: &counter)
        let document = try X12Document(bytes: bytes)
        return (bytes, document)
    }

    func segments(_ document: X12Document, _ id: String) -> [X12Segment] {
        (0..<document.segmentCount).map(document.segment).filter { $0.id == id }
    }

    /// What the 846 says, read back: the quantity of each item id at each node (nil: no N1 in its set).
    static func quantities(_ document: X12Document) -> [ATSLine.Key: Int] {
        var result: [ATSLine.Key: Int] = [:]
        var node: DCID?
        var item: String?
        for index in 0..<document.segmentCount {
            let segment = document.segment(index)
            switch segment.id {
            case "ST": node = nil
            case "N1" where segment.element(1)?.text == "SF": node = segment.element(4).map { DCID($0.text) }
            case "LIN": item = segment.element(3)?.text
            case "QTY" where segment.element(1)?.text == "33":
                if let item, let quantity = segment.element(2).flatMap({ Int($0.text) }) {
                    result[ATSLine.Key(itemID: item, node: node)] = quantity
                }
            default: break
            }
        }
        return result
    }

    @Test(
        "an 846 per facility validates against its release's table and reads back with bots",
        arguments: ["004010", "005010"])
    func validates(_ version: String) throws {
        var counter = X12ControlNumberCounter(interchange: 41, group: 7, transactionSet: 90)
        let (bytes, document) = try write(Self.perNode, version: version, counter: &counter)
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        let independent = try IndependentX12Reader.check(bytes)
        #expect(independent.passed, "\(independent)")
        #expect(
            Self.quantities(document) == Dictionary(uniqueKeysWithValues: Self.perNode.map { ($0.key, $0.quantity) }))
        #expect(document.interchanges[0].groups[0].version.rawValue == version)
    }

    @Test("heading: BIA 00 MB with the reference and UTC instant, DTM 007, N1 SF naming each facility by its id")
    func heading() throws {
        var counter = X12ControlNumberCounter()
        let (_, document) = try write(Self.perNode, version: "004010", counter: &counter)
        let bia = segments(document, "BIA")
        #expect(bia.count == 2, "one set per facility")
        #expect((1...5).map { bia[0].element($0)?.text } == ["00", "MB", "ATS-20261206-0930", "20261206", "093000"])
        let dtm = try #require(segments(document, "DTM").first)
        #expect((1...4).map { dtm.element($0)?.text } == ["007", "20261206", "093000", "UT"])
        let n1 = segments(document, "N1")
        #expect(n1.map { $0.element(4)?.text } == ["DFW1", "EWR1"])
        #expect(n1.map { $0.element(3)?.text } == ["92", "92"])
        #expect(n1[0].element(2)?.text == "Fort Worth TX distribution center", "a delimiter in a name becomes a space")
        #expect(segments(document, "GS").first?.element(1)?.text == "IB")
    }

    @Test("LIN names the item under its kind's qualifier, with our SKU as VN and the UPC as UP; QTY is 33 in EA")
    func qualifiers() throws {
        var counter = X12ControlNumberCounter()
        let (_, document) = try write(Self.perNode, version: "005010", counter: &counter)
        let lin = segments(document, "LIN")
        #expect((1...5).map { lin[0].element($0)?.text } == ["1", "VN", "HP-10001", "UP", "084512100014"])
        #expect((1...5).map { lin[1].element($0)?.text } == ["2", "SK", "WM-555", "VN", "HP-10002"])
        #expect((2...5).map { lin[4].element($0)?.text } == ["EN", "0084512100038", "VN", "HP-10003"])
        let qty = segments(document, "QTY")
        #expect(qty.map { $0.element(1)?.text } == Array(repeating: "33", count: 5))
        #expect(qty.map { $0.element(2)?.text } == ["0", "7", "108", "0", "3"])
        #expect(qty.allSatisfy { $0.element(3)?.text == "EA" })
    }

    @Test("a maximum of LINs per set splits the feed; CTT counts each set's LINs; control numbers run on")
    func splits() throws {
        let lines = (1...7).map { ATSLine(sku: SKU("HP-\(10_000 + $0)"), quantity: $0) }
        var counter = X12ControlNumberCounter(interchange: 5, group: 3, transactionSet: 12)
        let (bytes, document) = try write(lines, version: "004010", maxItemsPerSet: 3, counter: &counter)
        #expect(X12Validator().validate(document).errors.isEmpty)
        #expect(try IndependentX12Reader.check(bytes).passed)
        #expect(segments(document, "CTT").map { $0.element(1)?.text } == ["3", "3", "1"])
        #expect(segments(document, "ST").map { $0.element(2)?.text } == ["0012", "0013", "0014"])
        #expect(segments(document, "SE").map { $0.element(2)?.text } == ["0012", "0013", "0014"])
        #expect(
            segments(document, "SE").map { $0.element(1)?.text } == ["11", "11", "7"],
            "ST, BIA, DTM, a LIN and QTY an item, CTT, SE")
        #expect(segments(document, "GE").first?.element(1)?.text == "3")
        #expect(segments(document, "N1").isEmpty, "a summed feed names no facility")
        #expect(counter == X12ControlNumberCounter(interchange: 6, group: 4, transactionSet: 15), "none drawn unused")
        #expect(Self.quantities(document).count == 7)
    }

    @Test("no lines: an interchange without a group, drawing no group or set number")
    func empty() throws {
        var counter = X12ControlNumberCounter()
        let (_, document) = try write([], version: "004010", counter: &counter)
        #expect(segments(document, "GS").isEmpty)
        #expect(segments(document, "IEA").first?.element(1)?.text == "0")
        #expect(counter == X12ControlNumberCounter(interchange: 2, group: 1, transactionSet: 1))
    }

    @Test("a reference longer than BIA03 allows in 004010, or an id holding a delimiter, is refused")
    func refusals() throws {
        var counter = X12ControlNumberCounter()
        let long = InventoryAdvice(reference: String(repeating: "R", count: 31), instant: Self.instant)
        #expect(throws: X12Error.self) {
            _ = try long.interchange(
                Self.perNode, envelope: Self.envelope, format: Self.format("004010"), counter: &counter)
        }
        _ = try long.interchange(
            Self.perNode, envelope: Self.envelope, format: Self.format("005010"), counter: &counter)
        let advice = InventoryAdvice(reference: "R1", instant: Self.instant)
        #expect(throws: X12Error.self) {
            _ = try advice.interchange(
                [ATSLine(sku: "HP*1", quantity: 1)], envelope: Self.envelope, format: Self.format("004010"),
                counter: &counter)
        }
    }

    @Test("written in chunks to a sink, the bytes are those of the whole interchange")
    func chunks() throws {
        let lines = (0..<5_000).map {
            ATSLine(sku: SKU("SKU-\($0)"), node: $0 < 2_500 ? "EWR1" : "ORD1", quantity: $0 % 9)
        }
        let advice = InventoryAdvice(reference: "R1", instant: Self.instant, maxItemsPerSet: 1_000)
        var first = X12ControlNumberCounter()
        var second = X12ControlNumberCounter()
        var chunks: [[UInt8]] = []
        try advice.write(lines, envelope: Self.envelope, format: Self.format("005010"), counter: &first) {
            chunks.append($0)
        }
        let whole = try advice.interchange(
            lines, envelope: Self.envelope, format: Self.format("005010"), counter: &second)
        #expect(chunks.count > 1)
        #expect(chunks.dropLast().allSatisfy { $0.count < 70_000 })
        #expect(chunks.flatMap { $0 } == whole)
        let document = try X12Document(bytes: whole)
        #expect(X12Validator().validate(document).errors.isEmpty)
        #expect(segments(document, "ST").count == 6, "2,500 a node in sets of at most 1,000")
    }
}
