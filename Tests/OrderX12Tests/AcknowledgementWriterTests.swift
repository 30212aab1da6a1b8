import Foundation
import OrderX12
import Orders
import Testing
import X12

@Suite("855 from an acknowledgement decision")
struct AcknowledgementWriterTests {
    @Test(
        "the 855 answers the PO's envelope and carries one ACK per line",
        arguments: [
            POAcknowledgement.Kind.acceptedWithChanges, .acceptedWithDetail, .rejectedWithDetail,
        ])
    func write(_ kind: POAcknowledgement.Kind) throws {
        let document = try X12Document(bytes: Array(PurchaseOrderMappingTests.dropship850.utf8))
        let order = try document.purchaseOrders()[0].get()
        let decision = POAcknowledgement(
            kind: kind, date: CalendarDate(year: 2026, month: 11, day: 24)!,
            lines: [
                .init(
                    lineNumber: "2", status: .backordered, quantity: 1, reason: "out of stock",
                    date: CalendarDate(year: 2026, month: 12, day: 3))
            ])
        var counter = X12ControlNumberCounter(interchange: 77)
        let bytes = try order.acknowledgementInterchange(
            decision, timestamp: .init(date: "20261124", time: "1100"), ourGroupID: "HARBORPINE",
            theirGroupID: "925485US00", counter: &counter)
        let answer = try X12Document(bytes: bytes)
        let report = X12Validator().validate(answer)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("*ZZ*HARBORPINE     *08*925485US00     *"))
        #expect(text.contains("GS*PR*HARBORPINE*925485US00*20261124*1100*1*X*004010VICS~"))
        #expect(text.contains("BAK*00*\(kind.rawValue)*WM-4471001*20261124*****20261124~"))
        let expectedFirst = kind == .rejectedWithDetail ? "ACK*IR*2*EA~" : "ACK*IA*2*EA~"
        #expect(text.contains(expectedFirst), "\(text)")
        #expect(text.contains("MSG*out of stock~\nACK*IB*1*EA*068*20261203~"))
        #expect(text.contains("CTT*2~"))
        #expect(answer.interchanges[0].header.controlNumber == "000000077")
    }

    @Test("an acknowledgement without detail carries no lines")
    func noDetail() throws {
        let document = try X12Document(bytes: Array(PurchaseOrderMappingTests.dropship850.utf8))
        let order = try document.purchaseOrders()[0].get()
        let set = POAcknowledgement(kind: .acceptedNoDetail, date: CalendarDate(year: 2026, month: 11, day: 24)!)
            .transactionSet(for: order)
        #expect(set.body.map(\.id) == ["BAK"])
    }
}
