import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

@Suite("810 invoice from a ship confirmation")
struct InvoiceWriterTests {
    typealias F = ShipmentFixtures

    static let invoiceDate = CalendarDate(year: 2026, month: 11, day: 26)!

    func invoice(_ confirmation: ShipConfirmation = F.confirmation, remitTo: Party? = nil, netDays: Int? = nil)
        -> Invoice
    {
        Invoice(
            invoiceNumber: "INV-000123", date: Self.invoiceDate, confirmation: confirmation, remitTo: remitTo,
            netDays: netDays)
    }

    func write(
        _ invoice: Invoice, order: PurchaseOrder = F.order, format: X12ReplyFormat = F.formats[0].format,
        counter: inout X12ControlNumberCounter
    ) throws -> [UInt8] {
        try order.invoiceInterchange(
            invoice, timestamp: .init(date: "20261126", time: "0800"), format: format, counter: &counter)
    }

    func segments(_ body: [[String]], _ id: String) -> [[String]] { body.filter { $0[0] == id } }

    @Test(
        "an 810 validates against its release's table in every sample retailer's delimiters and reads back",
        arguments: ShipmentFixtures.formats.map(\.name))
    func validates(_ name: String) throws {
        let format = try #require(F.formats.first { $0.name == name }?.format)
        var counter = X12ControlNumberCounter(interchange: 500, group: 50, transactionSet: 5)
        let remitTo = Party(
            role: .remitTo, name: "Harbor & Pine LLC", identifier: PartyIdentifier(qualifier: "1", value: "079123456"),
            address: Address(lines: ["PO Box 1200"], city: "Newark", region: "NJ", postalCode: "07101", country: "US"))
        let document = try F.readBack(
            try write(invoice(remitTo: remitTo, netDays: 30), format: format, counter: &counter))
        #expect(document.interchanges[0].groups[0].functionalID == "IN")
        #expect(F.segments(document, "ST").first?.element(1)?.text == "810")
        #expect(F.segments(document, "ST").first?.element(2)?.text == "0005")
    }

    @Test("BIG, N1, DTM, IT1 per shipped line at the PO's price, TDS the total in cents, CAD, ISS and CTT")
    func everyElement() throws {
        var counter = X12ControlNumberCounter()
        let body = F.body(try F.readBack(try write(invoice(netDays: 30), counter: &counter)))
        #expect(body.first == ["BIG", "20261126", "INV-000123", "20261123", "WM-4471001"])
        #expect(segments(body, "CUR").isEmpty, "US dollars need no CUR")
        #expect(segments(body, "REF").isEmpty, "the PO gave no vendor number; parcel has no bill of lading")
        #expect(segments(body, "N1") == [["N1", "ST", "Jane Doe"]])
        #expect(segments(body, "ITD") == [["ITD", "05", "3", "", "", "", "", "30"]], "net 30 from the invoice date")
        #expect(segments(body, "DTM") == [["DTM", "011", "20261125"]])
        #expect(
            segments(body, "IT1") == [
                ["IT1", "1", "2", "EA", "12.3456", "", "VN", "HP-10001", "UP", "084512000017", "IN", "WM-555"],
                ["IT1", "2", "1", "EA", "40", "", "SK", "WM-777"],
            ])
        // 2 × 12.3456 + 1 × 40 = 64.6912: 6469 hundredths.
        #expect(segments(body, "TDS") == [["TDS", "6469"]])
        #expect(try invoice().total(for: F.order) == Money(Decimal(string: "64.69")!, .usd))
        #expect(segments(body, "CAD") == [["CAD", "M", "", "", "FDEG", "FEDEX HOME DELIVERY"]])
        #expect(segments(body, "ISS") == [["ISS", "3", "EA", "5.75", "LB"]])
        #expect(segments(body, "CTT") == [["CTT", "2"]], "CTT01 counts the IT1 lines")
    }

    @Test("only what shipped is invoiced: a partial shipment bills its units, and TDS rounds the total once")
    func partial() throws {
        var confirmation = F.confirmation
        confirmation.packages.removeFirst()
        var counter = X12ControlNumberCounter()
        let body = F.body(try F.readBack(try write(invoice(confirmation), counter: &counter)))
        #expect(segments(body, "IT1").map { Array($0.prefix(5)) } == [["IT1", "1", "1", "EA", "12.3456"]])
        #expect(segments(body, "TDS") == [["TDS", "1235"]], "12.3456 rounds to 12.35")
        #expect(segments(body, "CTT") == [["CTT", "1"]])
        #expect(segments(body, "ISS") == [["ISS", "1", "EA", "2.25", "LB"]])
    }

    @Test("TDS equals the sum of IT1 quantity × price in cents, whatever the prices", arguments: 0..<20)
    func totals(_ seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        var order = F.order
        for index in order.lines.indices {
            let tenThousandths = Int(random.next() % 9_999_999) + 1
            order.lines[index].unitPrice = Money(Decimal(tenThousandths) / 10_000, .usd)
            order.lines[index].quantity = Decimal(Int(random.next() % 40) + 1)
        }
        let confirmation = ShipConfirmation(
            node: "EWR1", shippedAt: F.shippedAt, method: F.method, service: "fedex-home-delivery",
            packages: order.lines.map {
                .init(
                    trackingNumber: "041441760228964",
                    contents: [.init(lineNumber: $0.lineNumber, sku: "HP-1", quantity: $0.quantity)])
            })
        var counter = X12ControlNumberCounter()
        let body = F.body(try F.readBack(try write(invoice(confirmation), order: order, counter: &counter)))
        let sum = segments(body, "IT1").reduce(Decimal(0)) {
            $0 + (Decimal(string: $1[2]) ?? 0) * (Decimal(string: $1[4]) ?? 0)
        }
        let tds = try #require(segments(body, "TDS").first.flatMap { Decimal(string: $0[1]) })
        #expect(abs(tds - sum * 100) <= Decimal(string: "0.5")!, "TDS \(tds) for a sum of \(sum)")
    }

    @Test("a remit-to and a vendor number are carried; a foreign currency gets CUR")
    func remitToAndCurrency() throws {
        var order = F.order
        order.references.append(Reference(qualifier: "IA", value: "VND-44120"))
        order.currency = CurrencyCode("CAD")
        for index in order.lines.indices { order.lines[index].unitPrice?.currency = CurrencyCode("CAD") }
        var confirmation = F.confirmation
        confirmation.billOfLading = "BOL-1"
        let remitTo = Party(role: .remitTo, name: "Harbor & Pine LLC", address: Address(lines: ["PO Box 1200"]))
        var counter = X12ControlNumberCounter()
        let body = F.body(
            try F.readBack(try write(invoice(confirmation, remitTo: remitTo), order: order, counter: &counter)))
        #expect(segments(body, "CUR") == [["CUR", "SE", "CAD"]])
        #expect(segments(body, "REF") == [["REF", "IA", "VND-44120"], ["REF", "BM", "BOL-1"]])
        #expect(segments(body, "N1") == [["N1", "ST", "Jane Doe"], ["N1", "RI", "Harbor & Pine LLC"]])
        #expect(segments(body, "N3").last == ["N3", "PO Box 1200"])
    }

    @Test("a shipped line without a price on the PO is refused, naming the line")
    func unpriced() throws {
        var order = F.order
        order.lines[1].unitPrice = nil
        var counter = X12ControlNumberCounter()
        let error = try #require(throws: ShipmentError.self) {
            _ = try write(invoice(), order: order, counter: &counter)
        }
        #expect(error.kind == .lineWithoutPrice("2"))
        #expect(error.description.contains("line 2"))
        // Not shipped, not invoiced: an unpriced line that stayed home is no obstacle.
        var confirmation = F.confirmation
        confirmation.packages[0].contents.removeLast()
        _ = try write(invoice(confirmation), order: order, counter: &counter)
    }

    @Test("a shipped line the PO does not have is refused, naming it")
    func unknownLine() throws {
        var confirmation = F.confirmation
        confirmation.packages[0].contents[0].lineNumber = "7"
        #expect(throws: ShipmentError(.lineNotOnOrder("7"))) {
            _ = try invoice(confirmation).transactionSet(for: F.order)
        }
    }

    @Test("the golden 810 for Walmart's format, byte for byte")
    func golden() throws {
        var counter = X12ControlNumberCounter(interchange: 500, group: 50, transactionSet: 5)
        try Golden.check(try write(invoice(netDays: 30), counter: &counter), file: "810-walmart.x12")
    }
}
