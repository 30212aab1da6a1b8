import Foundation
import OrderXML
import Orders
import Testing

@Suite("Real cXML and XML documents from the shared corpus")
struct CorpusTests {
    let decoder = OrderXMLDecoder()

    @Test("the cXML.org sample OrderRequest reads into the right canonical order")
    func cxmlOrgSample() throws {
        let results = decoder.decode(try TestFiles.corpusFile("xml/friendsofcxml-cxmlphp_samples-orderrequest.xml"))
        try #require(results.count == 1)
        let order = try results[0].get()
        #expect(order.poNumber == "DO1234")
        #expect(order.purpose == .original)
        #expect(order.dates.ordered == CalendarDate(year: 2000, month: 10, day: 12))
        #expect(order.currency == "EUR")
        #expect(order.statedTotal == Money(Decimal(string: "85.00")!, "EUR"))
        #expect(order.source.format == .cXML)
        #expect(order.source.senderID == PartnerIdentity(qualifier: "NetworkID", id: "inbound@prominate-platform.com"))
        #expect(order.source.receiverID == PartnerIdentity(qualifier: "NetworkID", id: "supplier@supplier.com"))
        #expect(order.source.interchangeControl == "1625586002.193314.7293@dev")
        #expect(order.source.version == "1.2.050")
        let shipTo = try #require(order.shipTo)
        #expect(shipTo.name == "Acme")
        #expect(shipTo.contact?.name == "Joe Smith")
        #expect(shipTo.contact?.phone == "+1 800 5551212")
        #expect(
            shipTo.address
                == Address(
                    lines: ["Mailstop M-543", "123 Anystreet"], city: "Sunnyvale", region: "CA", postalCode: "90489",
                    country: "US"))
        #expect(order.billTo?.address?.country == "DE")
        #expect(order.billTo?.address?.region == nil)
        #expect(order.lines.count == 2)
        #expect(
            order.lines.first
                == OrderLine(
                    lineNumber: "1", sku: "1233244", quantity: 10, unit: .each,
                    unitPrice: Money(Decimal(string: "2.10")!, "EUR"), description: "hello from item 1",
                    requestedDelivery: CalendarDate(year: 2020, month: 2, day: 28)))
        #expect(order.lines.last?.quantity == 20)
        #expect(order.lines.last?.notes == [Note(kind: .general, text: "Test comment")])
        #expect(order.extendedTotal == Money(Decimal(string: "85.00")!, "EUR"))
    }

    @Test("the Ariba-style OrderRequest with declaration and doctype on one line reads, its version from the doctype")
    func aribaStyle() throws {
        let results = decoder.decode(try TestFiles.corpusFile("xml/friendsofcxml-cxmlphp_handling-order_request.xml"))
        let order = try #require(try results.first?.get())
        #expect(order.poNumber == "acme-1-1")
        #expect(order.source.version == "1.2.060")
        #expect(order.source.senderID == PartnerIdentity(qualifier: "NetworkID", id: "AN00000123"))
        #expect(order.dates.requestedDelivery == CalendarDate(year: 2025, month: 1, day: 28))
        #expect(order.shipTo?.contact?.phone == "+49121255566")
        #expect(order.shipTo?.address?.postalCode == "43201-3551")
        #expect(order.lines.map(\.buyerItemID) == ["QA-ACME-AUTOTEST"])
        #expect(order.lines.map(\.sku) == ["QA-ACME-AUTOTEST"])
        #expect(order.statedTotal == Money(10, .usd))
    }

    @Test("the Coupa OrderRequest reads with its end-user contact, empty shipping description and addressID")
    func coupa() throws {
        let results = decoder.decode(try TestFiles.corpusFile("xml/officeluv-cxml_order_request.xml"))
        let order = try #require(try results.first?.get())
        #expect(order.poNumber == "3309")
        #expect(order.source.version == "1.2.014")
        #expect(
            order.source.receiverID == PartnerIdentity(qualifier: "alksjflkasjdfasdf", id: "development@officeluv.com"))
        #expect(order.shipMethod == nil)
        #expect(order.shipTo?.identifier == PartyIdentifier(qualifier: "addressID", value: "21444"))
        #expect(order.shipTo?.contact?.email == "asdfklajsdfkjl@optisconsulting.com")
        #expect(order.party(.soldTo)?.contact?.email == "asdlfkjasdflkj@optisconsulting.com")
        #expect(order.references.isEmpty, "an empty extrinsic is no reference")
        #expect(
            order.lines.map(\.unitPrice) == [
                Money(Decimal(string: "8.1")!, .usd), Money(Decimal(string: "9.29")!, .usd),
            ])
        #expect(order.lines.map(\.quantity) == [1, 9])
        #expect(order.statedTotal == Money(Decimal(string: "91.71")!, .usd))
        #expect(order.extendedTotal == Money(Decimal(string: "91.71")!, .usd))
    }

    @Test(
        "cXML documents that are not purchase orders are reported as such",
        arguments: [
            ("xml/friendsofcxml-cxmlphp_samples-shipnoticerequest.xml", "cXML ShipNoticeRequest"),
            ("xml/friendsofcxml-cxmlphp_samples-statusupdaterequest.xml", "cXML StatusUpdateRequest"),
            ("xml/friendsofcxml-cxmlphp_samples-punchoutordermessage.xml", "cXML Message"),
            // SOURCES.md calls it a ShipNoticeRequest; the document is a ConfirmationRequest.
            ("xml/officeluv-cxml_request_doc.xml", "cXML ConfirmationRequest"),
            ("xml/officeluv-cxml_invoice_taxes_at_line.xml", "cXML InvoiceDetailRequest"),
            ("xml/officeluv-cxml_response_status_400.xml", "cXML Response"),
            ("xml/botsedi-plugins_orders-850_1.xml", "XML document with root <message>"),
        ])
    func notPurchaseOrders(file: String, what: String) throws {
        let results = decoder.decode(try TestFiles.corpusFile(file))
        #expect(results.count == 1)
        let error = try decoder.failure(try TestFiles.corpusFile(file))
        #expect(error.kind == .notAPurchaseOrder(what))
    }

    @Test("a not-a-purchase-order report names the element, its path and its own line")
    func notPurchaseOrderLocation() throws {
        let error = try decoder.failure(
            try TestFiles.corpusFile("xml/friendsofcxml-cxmlphp_samples-punchoutordermessage.xml"))
        #expect(error.elementPath == "/cXML/Message")
        #expect(error.line == 22)
        #expect(error.description == "line 22: /cXML/Message: not a purchase order: cXML Message")
    }

    @Test("every XML file in the corpus is either read as an order or reported, and exactly three are orders")
    func everyFile() throws {
        let directory = TestFiles.corpus.appendingPathComponent("xml")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }
        #expect(names.count >= 10)
        var orders = 0
        for name in names {
            for result in decoder.decode(try TestFiles.corpusFile("xml/" + name)) {
                if case .success = result { orders += 1 }
            }
        }
        #expect(orders == 3)
    }
}
