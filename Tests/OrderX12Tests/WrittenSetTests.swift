import Foundation
import Orders
import Testing
import X12

@testable import OrderX12

/// The 856 and 810 go out written straight into bytes (`X12WrittenBody`); tests and checks read them as segment
/// values (`transactionSet(for:)`). Both come from one writer; these hold them to the same bytes.
@Suite("856 and 810 written into bytes or kept as values: the same document")
struct WrittenSetTests {
    typealias F = ShipmentFixtures

    /// A ship-from whose name and street hold the delimiters of every sample format, so free text is cleaned.
    static let shipFrom = ShipNotice.shipFromParty(
        "EWR1", name: "Harbor*Pine | EWR1 ~ >^:",
        address: Address(
            lines: ["400 Distribution Way", "", "Dock 4*5", "Suite ^9", "Gate |2"], city: "Edison~North",
            region: "NJ", postalCode: "08817", country: "US"))

    static func written(_ set: X12OutgoingSet, format: X12ReplyFormat) throws -> [UInt8] {
        var counter = X12ControlNumberCounter(interchange: 7, group: 7, transactionSet: 7)
        return try F.order.replyInterchange(
            functionalID: "SH", set: set, timestamp: .init(date: "20261125", time: "2100"), format: format,
            counter: &counter)
    }

    @Test(
        "the same bytes either way, in every sample format, for both 856 structures and the 810",
        arguments: ShipmentFixtures.formats.map(\.name))
    func sameBytes(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        for structure in ShipNotice.Structure.allCases {
            let notice = ShipNotice(
                shipmentID: "EWR1-SHP-000123", created: F.created, timeZone: .gmt, structure: structure,
                shipFrom: Self.shipFrom, confirmation: F.confirmation)
            let values = try Self.written(notice.transactionSet(for: F.order), format: format)
            let bytes = try Self.written(notice.writtenSet(for: F.order, format: format), format: format)
            #expect(bytes == values, "\(structure)")
            _ = try F.readBack(bytes)
        }
        let invoice = Invoice(
            invoiceNumber: "INV-1", date: CalendarDate(year: 2026, month: 11, day: 25)!, confirmation: F.confirmation,
            remitTo: Self.shipFrom, netDays: 30)
        let values = try Self.written(invoice.transactionSet(for: F.order), format: format)
        #expect(try Self.written(invoice.writtenSet(for: F.order, format: format), format: format) == values)
    }

    @Test("an identifier holding a delimiter is refused either way")
    func refused() throws {
        var confirmation = F.confirmation
        confirmation.packages[0].trackingNumber = "1Z*999"
        let notice = ShipNotice(
            shipmentID: "EWR1-SHP-000123", created: F.created, shipFrom: F.shipFrom, confirmation: confirmation)
        let format = try #require(F.formats.first?.format)
        #expect(throws: X12Error.self) { try Self.written(notice.transactionSet(for: F.order), format: format) }
        #expect(throws: X12Error.self) { try notice.writtenSet(for: F.order, format: format) }
    }
}
