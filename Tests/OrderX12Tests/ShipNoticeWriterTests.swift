import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

/// What the 856 and 810 tests share: the order, a shipment of it in two packages with line 1 split across them,
/// the sample retailers' formats, and reading an interchange back.
enum ShipmentFixtures {
    /// The dropship 850 of `PurchaseOrderMappingTests` (PO date 2026-11-23): line 1, 2 EA at 12.3456, `VN HP-10001
    /// UP 084512000017 IN WM-555`; line 2, 1 EA at 40, `SK WM-777` and no SKU of ours.
    static var order: PurchaseOrder { AcknowledgementWriterTests.order }

    /// 2026-11-25T20:15:00Z.
    static let shippedAt = Date(timeIntervalSince1970: 1_795_637_700)
    /// 2026-11-25T21:00:00Z.
    static let created = Date(timeIntervalSince1970: 1_795_640_400)

    static let method = ShipMethod(
        carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX HOME DELIVERY")

    /// Package 1: a FedEx Ground number, an SSCC, weight and size, one of line 1 and line 2. Package 2: another
    /// Ground number, weight only, the other unit of line 1.
    static let confirmation = ShipConfirmation(
        node: "EWR1", shippedAt: shippedAt, method: method, service: "fedex-home-delivery",
        packages: [
            .init(
                trackingNumber: "041441760228964", sscc: "00008451200000000017", weight: Decimal(string: "3.5"),
                dimensions: .init(length: 12, width: 10, height: Decimal(string: "4.5")!),
                contents: [
                    .init(lineNumber: "1", sku: "HP-10001", quantity: 1),
                    .init(lineNumber: "2", sku: "HP-20002", quantity: 1),
                ]),
            .init(
                trackingNumber: "012345612345671", weight: Decimal(string: "2.25"),
                contents: [.init(lineNumber: "1", sku: "HP-10001", quantity: 1)]),
        ])

    static let shipFrom = ShipNotice.shipFromParty(
        "EWR1", name: "Harbor & Pine EWR1",
        address: Address(
            lines: ["400 Distribution Way"], city: "Edison", region: "NJ", postalCode: "08817", country: "US"))

    /// The sample retailers' delimiters and releases (`retailer-profiles/*.yaml`), and each release with the other's
    /// delimiters, so that every table is exercised with unusual separators.
    static let formats: [(name: String, format: X12ReplyFormat)] = [
        ("walmart 004010 * > ~ LF", format("004010", "*", ">", "~", nil, [0x0A])),
        ("homedepot 004010 | ^ ~ CRLF", format("004010", "|", "^", "~", nil, [0x0D, 0x0A])),
        ("amazon 005010 * : ~ ^", format("005010", "*", ":", "~", "^", [])),
        ("homedepot delimiters in 005010", format("005010", "|", "^", "~", nil, [0x0D, 0x0A])),
        ("walmart delimiters in 005010", format("005010", "*", ">", "~", nil, [0x0A])),
    ]

    static func format(
        _ version: String, _ element: Character, _ component: Character, _ segment: Character, _ repetition: Character?,
        _ lineBreak: [UInt8]
    ) -> X12ReplyFormat {
        X12ReplyFormat(
            version: X12Version(version),
            delimiters: X12Delimiters(
                element: element.asciiValue ?? 0, component: component.asciiValue ?? 0,
                segment: segment.asciiValue ?? 0, repetition: repetition?.asciiValue),
            lineBreak: lineBreak)
    }

    /// Reads `bytes` back, validates it against its release's table and has bots read it too; every check is a
    /// test expectation.
    static func readBack(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> X12Document {
        let document = try X12Document(bytes: bytes)
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))", sourceLocation: sourceLocation)
        #expect(report.skippedChecks.isEmpty, "\(report.skippedChecks)", sourceLocation: sourceLocation)
        let independent = try IndependentX12Reader.check(bytes)
        #expect(independent.passed, "\(independent)", sourceLocation: sourceLocation)
        return document
    }

    static func segments(_ document: X12Document, _ id: String) -> [X12Segment] {
        (0..<document.segmentCount).map(document.segment).filter { $0.id == id }
    }

    /// The body of the first set, ST to SE excluded, as element texts (`["BSN", "00", …]`).
    static func body(_ document: X12Document) -> [[String]] {
        let all = (0..<document.segmentCount).map(document.segment)
        guard let st = all.firstIndex(where: { $0.id == "ST" }), let se = all.firstIndex(where: { $0.id == "SE" })
        else { return [] }
        return all[(st + 1)..<se].map { segment in
            [segment.id] + (1...max(1, segment.elementCount)).map { segment.element($0)?.text ?? "" }
        }
    }
}

/// One HL level as read back: its numbers, code and the segments up to the next HL.
struct HierarchicalLevel: Equatable, CustomStringConvertible {
    var id: String
    var parent: String
    var code: String
    var hasChildren: String
    var segments: [[String]]

    var description: String { "HL \(id)/\(parent) \(code)" }

    func first(_ id: String, _ qualifier: String? = nil) -> [String]? {
        segments.first { $0[0] == id && (qualifier == nil || $0.count > 1 && $0[1] == qualifier) }
    }

    /// The levels of an 856 body, in order.
    static func levels(_ body: [[String]]) -> [HierarchicalLevel] {
        var levels: [HierarchicalLevel] = []
        for segment in body {
            if segment[0] == "HL" {
                let value = { (index: Int) in index < segment.count ? segment[index] : "" }
                levels.append(
                    .init(id: value(1), parent: value(2), code: value(3), hasChildren: value(4), segments: []))
            } else if segment[0] != "CTT", !levels.isEmpty {
                levels[levels.count - 1].segments.append(segment)
            }
        }
        return levels
    }
}

@Suite("856 ship notice from a ship confirmation")
struct ShipNoticeWriterTests {
    typealias F = ShipmentFixtures

    func notice(_ structure: ShipNotice.Structure = .shipmentOrderPackItem, confirmation: ShipConfirmation? = nil)
        -> ShipNotice
    {
        ShipNotice(
            shipmentID: "EWR1-SHP-000123", created: F.created, timeZone: .gmt, structure: structure,
            shipFrom: F.shipFrom, confirmation: confirmation ?? F.confirmation)
    }

    func write(_ notice: ShipNotice, format: X12ReplyFormat, counter: inout X12ControlNumberCounter) throws
        -> [UInt8]
    {
        try F.order.shipNoticeInterchange(
            notice, timestamp: .init(date: "20261125", time: "2100"), format: format, counter: &counter)
    }

    @Test(
        "an S-O-P-I 856 validates against its release's table in every sample retailer's delimiters and reads back",
        arguments: ShipmentFixtures.formats.map(\.name))
    func validates(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        var counter = X12ControlNumberCounter(interchange: 300, group: 30, transactionSet: 3)
        let bytes = try write(notice(), format: format, counter: &counter)
        let document = try F.readBack(bytes)
        #expect(document.interchanges[0].groups[0].functionalID == "SH")
        #expect(document.interchanges[0].groups[0].version.rawValue == format.version.rawValue)
        #expect(F.segments(document, "ST").first?.element(1)?.text == "856")
        let expectedBreak = String(decoding: [format.delimiters.segment] + format.lineBreak, as: UTF8.self)
        #expect(
            String(decoding: bytes, as: UTF8.self).components(separatedBy: expectedBreak).count
                == document.segmentCount + 1)
        // The Ship-from name holds `&` and no delimiter: it goes unchanged; the routing too.
        #expect(F.segments(document, "N1").map { $0.element(2)?.text } == ["Jane Doe", "Harbor & Pine EWR1"])
    }

    @Test(
        "an S-O-I-P 856 validates in every sample retailer's delimiters",
        arguments: ShipmentFixtures.formats.map(\.name))
    func validatesItemPack(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(try write(notice(.shipmentOrderItemPack), format: format, counter: &counter))
        #expect(F.segments(document, "BSN").first?.element(5)?.text == "0002")
    }

    @Test("S-O-P-I: HL numbering, parents and child codes, a pack per package and an item per packed line")
    func packItemHierarchy() throws {
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(try write(notice(), format: F.formats[0].format, counter: &counter))
        let levels = HierarchicalLevel.levels(F.body(document))
        #expect(levels.map(\.id) == ["1", "2", "3", "4", "5", "6", "7"])
        #expect(levels.map(\.parent) == ["", "1", "2", "3", "3", "2", "6"])
        #expect(levels.map(\.code) == ["S", "O", "P", "I", "I", "P", "I"])
        #expect(levels.map(\.hasChildren) == ["1", "1", "1", "0", "0", "1", "0"])
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "7", "CTT01 counts the HL segments")

        // Packs: SSCC and tracking, weight, size.
        let first = levels[2]
        let second = levels[5]
        #expect(first.first("MAN", "GM") == ["MAN", "GM", "00008451200000000017"])
        #expect(first.first("MAN", "CP") == ["MAN", "CP", "041441760228964"])
        #expect(second.first("MAN", "GM") == nil, "no SSCC, no MAN*GM")
        #expect(second.first("MAN", "CP") == ["MAN", "CP", "012345612345671"])
        #expect(first.first("TD1") == ["TD1", "CTN25", "1", "", "", "", "G", "3.5", "LB"])
        #expect(second.first("TD1") == ["TD1", "CTN25", "1", "", "", "", "G", "2.25", "LB"])
        #expect(
            first.segments.filter { $0[0] == "MEA" } == [
                ["MEA", "PD", "LN", "12", "IN"], ["MEA", "PD", "WD", "10", "IN"], ["MEA", "PD", "HT", "4.5", "IN"],
            ])
        #expect(second.first("MEA") == nil)

        // Items: the PO's line number and ids; SN1 what that package holds, then what was ordered.
        #expect(levels[3].first("LIN") == ["LIN", "1", "VN", "HP-10001", "UP", "084512000017", "IN", "WM-555"])
        #expect(levels[3].first("SN1") == ["SN1", "", "1", "EA", "", "2", "EA"])
        #expect(levels[4].first("LIN") == ["LIN", "2", "SK", "WM-777", "VN", "HP-20002"], "our SKU added as VN")
        #expect(levels[4].first("SN1") == ["SN1", "", "1", "EA", "", "1", "EA"])
        #expect(levels[6].first("LIN")?.prefix(3) == ["LIN", "1", "VN"])
        #expect(levels[6].first("SN1") == ["SN1", "", "1", "EA", "", "2", "EA"])

        // What the SN1s of line 1 add up to is what was packed of it.
        let line1 = levels.filter { $0.first("LIN")?[1] == "1" }.compactMap {
            $0.first("SN1").flatMap { Decimal(string: $0[2]) }
        }
        #expect(line1.reduce(0, +) == F.confirmation.shipped(line: "1"))
    }

    @Test("S-O-I-P: an item per shipped line with the total units, and under it a pack per package holding it")
    func itemPackHierarchy() throws {
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(
            try write(notice(.shipmentOrderItemPack), format: F.formats[2].format, counter: &counter))
        let levels = HierarchicalLevel.levels(F.body(document))
        #expect(levels.map(\.code) == ["S", "O", "I", "P", "P", "I", "P"])
        #expect(levels.map(\.parent) == ["", "1", "2", "3", "3", "2", "6"])
        #expect(levels.map(\.hasChildren) == ["1", "1", "1", "0", "0", "1", "0"])
        #expect(levels[2].first("SN1") == ["SN1", "", "2", "EA", "", "2", "EA"], "both units of line 1")
        #expect(levels[3].first("MAN", "CP")?[2] == "041441760228964")
        #expect(levels[4].first("MAN", "CP")?[2] == "012345612345671")
        #expect(levels[5].first("SN1") == ["SN1", "", "1", "EA", "", "1", "EA"])
        #expect(levels[6].first("MAN", "CP")?[2] == "041441760228964", "package 1 carries line 2 too")
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "7")
    }

    @Test("BSN, the shipment level (TD1, TD5, REF, DTM, N1 ST and SF) and the order level (PRF) say what happened")
    func heading() throws {
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(try write(notice(), format: F.formats[0].format, counter: &counter))
        let body = F.body(document)
        #expect(body.first == ["BSN", "00", "EWR1-SHP-000123", "20261125", "2100", "0001"])
        let levels = HierarchicalLevel.levels(body)
        let shipment = levels[0]
        #expect(shipment.first("TD1") == ["TD1", "CTN25", "2", "", "", "", "G", "5.75", "LB"], "2 cartons, 5.75 lb")
        #expect(
            shipment.first("TD5")
                == ["TD5", "", "2", "FDEG", "M", "FEDEX HOME DELIVERY", "", "", "", "", "", "", "SG"])
        #expect(shipment.first("REF", "CN") == ["REF", "CN", "041441760228964"], "the master tracking number")
        #expect(shipment.first("REF", "BM") == nil, "no bill of lading for parcel")
        #expect(shipment.first("DTM") == ["DTM", "011", "20261125", "2015", "UT"], "GMT: the clock named UT")
        #expect(shipment.first("N1", "ST") == ["N1", "ST", "Jane Doe"])
        #expect(shipment.segments.contains(["N3", "12 Elm St", "Apt 4"]))
        #expect(shipment.segments.contains(["N4", "Springfield", "IL", "62704", "US"]))
        #expect(shipment.first("N1", "SF") == ["N1", "SF", "Harbor & Pine EWR1", "92", "EWR1"])
        #expect(shipment.segments.contains(["N4", "Edison", "NJ", "08817", "US"]))
        #expect(levels[1].segments == [["PRF", "WM-4471001", "", "", "20261123"]], "the PO number and the PO's date")
    }

    @Test("times are written on the notice's clock: BSN and DTM*011 in America/New_York")
    func timeZone() throws {
        var notice = notice()
        notice.timeZone = try #require(TimeZone(identifier: "America/New_York"))
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(try write(notice, format: F.formats[0].format, counter: &counter))
        #expect(
            F.segments(document, "BSN").first.map { [$0.element(3)?.text, $0.element(4)?.text] } == [
                "20261125", "1600",
            ])
        #expect(
            F.segments(document, "DTM").first.map {
                [$0.element(2)?.text, $0.element(3)?.text, $0.element(4)?.text]
            } == ["20261125", "1515", "ES"], "Eastern standard time")
        // A zone X12 names no clock for is written in UTC, and says so.
        notice.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let berlin = try F.readBack(try write(notice, format: F.formats[0].format, counter: &counter))
        #expect(
            F.segments(berlin, "DTM").first.map { [$0.element(3)?.text, $0.element(4)?.text] } == ["2015", "UT"])
    }

    @Test("a freight shipment writes REF*BM; free text with the partner's delimiters is cleaned, not refused")
    func freight() throws {
        var confirmation = F.confirmation
        confirmation.billOfLading = "BOL-778812"
        confirmation.method.routing = "FEDEX|FREIGHT^PRIORITY"
        var notice = notice(confirmation: confirmation)
        notice.shipFrom.name = "Harbor|Pine"
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(try write(notice, format: F.formats[1].format, counter: &counter))
        let shipment = HierarchicalLevel.levels(F.body(document))[0]
        #expect(shipment.first("REF", "BM") == ["REF", "BM", "BOL-778812"])
        #expect(shipment.first("TD5")?[5] == "FEDEX FREIGHT PRIORITY")
        #expect(shipment.first("N1", "SF")?[2] == "Harbor Pine")
    }

    @Test("a packed line entered with no units writes no item; a package left holding nothing has no children")
    func emptyEntries() throws {
        var confirmation = F.confirmation
        confirmation.packages[1].contents[0].quantity = 0
        var counter = X12ControlNumberCounter()
        let document = try F.readBack(
            try write(notice(confirmation: confirmation), format: F.formats[0].format, counter: &counter))
        let levels = HierarchicalLevel.levels(F.body(document))
        #expect(levels.map(\.code) == ["S", "O", "P", "I", "I", "P"])
        #expect(levels.map(\.hasChildren) == ["1", "1", "1", "0", "0", "0"])
        #expect(levels[3].first("SN1")?[2] == "1")
        #expect(F.segments(document, "CTT").first?.element(1)?.text == "6")
        #expect(F.segments(document, "TD1").first?.element(2)?.text == "2", "the empty carton still shipped")
    }

    @Test("a tracking number holding a delimiter is refused, not changed")
    func delimiterInIdentifier() throws {
        var confirmation = F.confirmation
        confirmation.packages[1].trackingNumber = "0123|45"
        var counter = X12ControlNumberCounter()
        #expect(throws: X12Error.self) {
            _ = try write(notice(confirmation: confirmation), format: F.formats[1].format, counter: &counter)
        }
    }

    @Test("a shipped line the PO does not have is an error naming it; so is a shipment of nothing")
    func unknownLine() throws {
        var confirmation = F.confirmation
        confirmation.packages[1].contents.append(.init(lineNumber: "9", sku: "HP-99999", quantity: 1))
        var counter = X12ControlNumberCounter()
        let error = try #require(throws: ShipmentError.self) {
            _ = try write(notice(confirmation: confirmation), format: F.formats[0].format, counter: &counter)
        }
        #expect(error.kind == .lineNotOnOrder("9"))
        #expect(error.description.contains("line 9"))
        #expect(counter == X12ControlNumberCounter(), "no control number drawn for a refused notice")

        var empty = F.confirmation
        empty.packages = []
        #expect(throws: ShipmentError(.nothingShipped)) {
            _ = try notice(confirmation: empty).transactionSet(for: F.order)
        }
    }

    @Test("the envelope answers the PO's, as the 855's does: identities swapped, GS01 SH")
    func envelope() throws {
        var counter = X12ControlNumberCounter(interchange: 88)
        let document = try F.readBack(try write(notice(), format: F.formats[0].format, counter: &counter))
        let header = document.interchanges[0].header
        #expect(header.senderQualifier == "ZZ" && header.senderID == "HARBORPINE")
        #expect(header.receiverQualifier == "08" && header.receiverID == "925485US00")
        #expect(header.controlNumber == "000000088")
        let group = document.interchanges[0].groups[0]
        #expect(group.senderCode == "HARBORPINE" && group.receiverCode == "925485US00")
    }

    @Test("the golden S-O-P-I 856 for Walmart's format, byte for byte")
    func golden() throws {
        var counter = X12ControlNumberCounter(interchange: 300, group: 30, transactionSet: 3)
        let bytes = try write(notice(), format: F.formats[0].format, counter: &counter)
        try Golden.check(bytes, file: "856-walmart-0001.x12")
    }
}

/// Golden files beside the tests (`Tests/OrderX12Tests/Golden/`). Re-record with
/// `DROPGATE_RECORD_GOLDEN=1 swift test --filter OrderX12Tests`; a recording run fails, so that it is never
/// mistaken for a pass.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ bytes: [UInt8], file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["DROPGATE_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            Issue.record("recorded \(url.path); run again without the switch", sourceLocation: sourceLocation)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: url.path), "no golden file \(url.path)", sourceLocation: sourceLocation
        )
        #expect(
            bytes == Array(expected),
            """
            \(file) differs from its golden file:
            expected: \(String(decoding: expected, as: UTF8.self))
            actual:   \(String(decoding: bytes, as: UTF8.self))
            """, sourceLocation: sourceLocation)
    }
}
