import Feeds
import Foundation
import OrderX12
import Orders
import Profiles
import Testing
import X12

/// Stock on its way in the feeds: never in a line's quantity, shown as future availability where the format carries
/// it (the 846's line item schedule, the JSON feed's fields), and nothing changes when none is due.
@Suite("Feeds: future availability from inbound stock")
struct FutureAvailabilityTests {
    static let instant = Date(timeIntervalSince1970: 1_796_549_400)

    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(parsing: text) else { preconditionFailure("bad day \(text)") }
        return day
    }

    static func snapshot(perNode: Bool) -> ATSSnapshot {
        let lines: [ATSLine] =
            perNode
            ? [
                ATSLine(sku: "HP-10001", node: "EWR1", quantity: 3),
                ATSLine(sku: "HP-10001", node: "ORD1", quantity: 0),
                ATSLine(sku: "HP-10002", node: "EWR1", quantity: 1),
            ]
            : [ATSLine(sku: "HP-10001", quantity: 3), ATSLine(sku: "HP-10002", quantity: 1)]
        return ATSSnapshot(
            retailer: "homedepot", instant: instant, perNode: perNode, nodes: ["EWR1", "ORD1"], lines: lines)
    }

    static let inbound = [
        InboundRow(node: "ORD1", sku: "HP-10001", quantity: 4, due: day("2026-12-10")),
        InboundRow(node: "EWR1", sku: "HP-10001", quantity: 2, due: day("2026-12-14")),
        // A node the retailer is not served from: not shown.
        InboundRow(node: "DFW1", sku: "HP-10002", quantity: 9, due: day("2026-12-01")),
    ]

    @Test("per node, each node's inbound; summed, the retailer's nodes' with the first day; quantities unchanged")
    func addingInbound() {
        let perNode = Self.snapshot(perNode: true).addingInbound(Self.inbound)
        #expect(perNode.lines.map(\.quantity) == [3, 0, 1])
        #expect(perNode.lines.map(\.futureQuantity) == [2, 4, nil])
        #expect(perNode.lines.map(\.availableOn) == [Self.day("2026-12-14"), Self.day("2026-12-10"), nil])
        let summed = Self.snapshot(perNode: false).addingInbound(Self.inbound)
        #expect(summed.lines.map(\.quantity) == [3, 1])
        #expect(summed.lines.map(\.futureQuantity) == [6, nil])
        #expect(summed.lines.map(\.availableOn) == [Self.day("2026-12-10"), nil])
        #expect(Self.snapshot(perNode: true).addingInbound([]) == Self.snapshot(perNode: true))
    }

    @Test("the 846 adds SCH (units, 018 available, the day) to the line's QTY loop, and still validates")
    func x12() throws {
        let lines = Self.snapshot(perNode: true).addingInbound(Self.inbound).lines
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [0x0A])
        let envelope = InventoryAdvice.Envelope(
            sender: PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"),
            receiver: PartnerIdentity(qualifier: "ZZ", id: "HOMEDEPOTDS"))
        var counter = X12ControlNumberCounter()
        let bytes = try InventoryAdvice(reference: "ATS1", instant: Self.instant).interchange(
            lines, envelope: envelope, format: format, counter: &counter)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("QTY*33*3*EA~\nSCH*2*EA***018*20261214~"), "\(text)")
        #expect(text.contains("QTY*33*0*EA~\nSCH*4*EA***018*20261210~"), "\(text)")
        #expect(text.contains("QTY*33*1*EA~\nCTT"), "\(text)")
        let report = X12Validator().validate(try X12Document(bytes: bytes))
        #expect(report.errors.isEmpty, "\(report.errors.prefix(5).map(\.debugDescription))")
    }

    @Test("the JSON feed carries futureQuantity and availableOn only where stock is due")
    func json() throws {
        let lines = Self.snapshot(perNode: false).addingInbound(Self.inbound).lines
        var sink = MemoryFeedSink()
        try JSONFeedWriter().write(
            lines, header: FeedHeader(retailer: "bestbuy", instant: Self.instant, mode: .full, perNode: false),
            to: &sink)
        let text = String(decoding: sink.bytes, as: UTF8.self)
        #expect(text.contains(#""quantity":3,"futureQuantity":6,"availableOn":"2026-12-10"}"#), "\(text)")
        #expect(text.contains(#""quantity":1}"#), "\(text)")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }
}
