import Foundation
import FoundationXML
import OrderXML
import Orders
import Testing

/// An element tree read back with Foundation's parser (not our writer's code): names, attributes, text, children.
final class ReadElement {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [ReadElement] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func child(_ name: String) -> ReadElement? { children.first { $0.name == name } }
    func all(_ name: String) -> [ReadElement] { children.filter { $0.name == name } }
    var childNames: [String] { children.map(\.name) }
    /// The text of `Money` below `name`.
    func money(_ name: String) -> String? { child(name)?.child("Money")?.text }

    static func parse(_ xml: String) throws -> ReadElement {
        let builder = Builder()
        // The doctype names the public DTD by URL: leave it out, as the parser needs no DTD to build the tree.
        let body = xml.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("<!DOCTYPE") }
        let parser = XMLParser(data: Data(body.joined(separator: "\n").utf8))
        parser.delegate = builder
        try #require(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        return try #require(builder.root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ReadElement?
        var open: [ReadElement] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let element = ReadElement(name: name, attributes: attributes)
            if let parent = open.last { parent.children.append(element) } else { root = element }
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open.last?.text += string.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

/// The corpus holds no cXML InvoiceDetail DTD (`ls ../shared/corpus/dtd`: cXML.dtd and Fulfill.dtd only), so the
/// invoice is not DTD-validated; these tests read it back and check each element's place against the content models
/// of cXML 1.2.050's InvoiceDetail.dtd (InvoiceDetailRequest, …RequestHeader, …Order, …Item, …Summary) and each
/// amount's meaning.
@Suite("cXML InvoiceDetailRequest from a ship confirmation")
struct CXMLInvoiceTests {
    typealias F = CXMLShipmentFixtures

    func invoiceXML(_ confirmation: ShipConfirmation = F.confirmation, tax: Decimal = 0) throws -> (
        xml: String, root: ReadElement
    ) {
        let order = try F.order()
        let invoice = try InvoiceDetail(
            confirmation, for: order, invoiceID: "INV-000042", invoiceDate: F.noticeDate, tax: tax)
        let xml = CXMLWriter().makeInvoiceDetailRequest(for: order, invoice: invoice, envelope: F.envelope(order))
        return (xml, try ReadElement.parse(xml))
    }

    @Test("the request's elements come in the order the InvoiceDetail DTD's content models give")
    func structure() throws {
        let (xml, root) = try invoiceXML()
        #expect(
            xml.contains(
                "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.050/InvoiceDetail.dtd\">"))
        #expect(root.name == "cXML")
        #expect(root.childNames == ["Header", "Request"])
        #expect(root.child("Header")?.childNames == ["From", "To", "Sender"])
        let request = try #require(root.child("Request")?.child("InvoiceDetailRequest"))
        #expect(request.childNames == ["InvoiceDetailRequestHeader", "InvoiceDetailOrder", "InvoiceDetailSummary"])
        let header = try #require(request.child("InvoiceDetailRequestHeader"))
        #expect(header.childNames == ["InvoiceDetailHeaderIndicator", "InvoiceDetailLineIndicator"])
        let order = try #require(request.child("InvoiceDetailOrder"))
        #expect(order.childNames == ["InvoiceDetailOrderInfo", "InvoiceDetailItem", "InvoiceDetailItem"])
        #expect(order.child("InvoiceDetailOrderInfo")?.childNames == ["OrderReference"])
        for item in order.all("InvoiceDetailItem") {
            #expect(
                item.childNames == ["UnitOfMeasure", "UnitPrice", "InvoiceDetailItemReference", "SubtotalAmount"])
            #expect(item.child("InvoiceDetailItemReference")?.childNames == ["ItemID"])
        }
        let summary = try #require(request.child("InvoiceDetailSummary"))
        #expect(summary.childNames == ["SubtotalAmount", "Tax", "NetAmount", "DueAmount"])
        #expect(summary.child("Tax")?.childNames == ["Money", "Description"])
        #expect(summary.child("Tax")?.child("Description")?.attributes["xml:lang"] == "en-US")
    }

    @Test("the header, each shipped line at the order's price, and a summary that adds up")
    func meaning() throws {
        let (_, root) = try invoiceXML()
        let request = try #require(root.child("Request")?.child("InvoiceDetailRequest"))
        let header = try #require(request.child("InvoiceDetailRequestHeader"))
        #expect(header.attributes["invoiceID"] == "INV-000042")
        #expect(header.attributes["purpose"] == "standard")
        #expect(header.attributes["operation"] == "new")
        #expect(header.attributes["invoiceDate"] == "2026-11-25T16:00:00-05:00")
        let reference = request.child("InvoiceDetailOrder")?.child("InvoiceDetailOrderInfo")?.child("OrderReference")
        #expect(reference?.attributes["orderID"] == "BBY-7734-0001")
        #expect(reference?.child("DocumentReference")?.attributes["payloadID"] == "20261124.0001@bestbuy.example")
        let items = request.child("InvoiceDetailOrder")?.all("InvoiceDetailItem") ?? []
        #expect(items.map { $0.attributes["quantity"] } == ["2", "1"], "line 1's two packages summed")
        #expect(items.map { $0.attributes["invoiceLineNumber"] } == ["1", "2"])
        #expect(items.map { $0.child("InvoiceDetailItemReference")?.attributes["lineNumber"] } == ["1", "2"])
        #expect(items.map { $0.child("UnitOfMeasure")?.text } == ["EA", "EA"])
        #expect(items.map { $0.money("UnitPrice") } == ["39.99", "49.99"])
        #expect(items.map { $0.money("SubtotalAmount") } == ["79.98", "49.99"])
        #expect(items[0].child("UnitPrice")?.child("Money")?.attributes["currency"] == "USD")
        #expect(
            items[0].child("InvoiceDetailItemReference")?.child("ItemID")?.childNames == [
                "SupplierPartID", "BuyerPartID",
            ])
        #expect(items[0].child("InvoiceDetailItemReference")?.child("ItemID")?.child("BuyerPartID")?.text == "6401234")
        let summary = try #require(request.child("InvoiceDetailSummary"))
        #expect(summary.money("SubtotalAmount") == "129.97")
        #expect(summary.money("Tax") == "0")
        #expect(summary.money("NetAmount") == "129.97")
        #expect(summary.money("DueAmount") == "129.97")
    }

    @Test("tax is added to the net and due amounts; a partial shipment invoices only its units")
    func taxAndPartial() throws {
        var confirmation = F.confirmation
        confirmation.packages.removeFirst()
        let (_, root) = try invoiceXML(confirmation, tax: Decimal(string: "3.30")!)
        let request = try #require(root.child("Request")?.child("InvoiceDetailRequest"))
        let items = request.child("InvoiceDetailOrder")?.all("InvoiceDetailItem") ?? []
        #expect(items.map { $0.attributes["quantity"] } == ["1"])
        let summary = try #require(request.child("InvoiceDetailSummary"))
        #expect(summary.money("SubtotalAmount") == "39.99")
        #expect(summary.money("Tax") == "3.3")
        #expect(summary.money("NetAmount") == "43.29")
        #expect(summary.money("DueAmount") == "43.29")
    }

    @Test("a shipped line without a price is refused, naming it")
    func unpriced() throws {
        var order = try F.order()
        order.lines[1].unitPrice = nil
        #expect(throws: ShipmentError(.lineWithoutPrice("2"))) {
            _ = try InvoiceDetail(F.confirmation, for: order, invoiceID: "I", invoiceDate: F.noticeDate)
        }
    }

    @Test("line subtotals round to the cent and the summary is their sum")
    func rounding() {
        let invoice = InvoiceDetail(
            invoiceID: "I", invoiceDate: F.noticeDate, currency: .usd,
            lines: [
                .init(lineNumber: "1", quantity: 3, unitPrice: Decimal(string: "12.3456")!),
                .init(lineNumber: "2", quantity: 1, unitPrice: Decimal(string: "0.005")!),
            ])
        #expect(invoice.lines.map(\.subtotal) == [Decimal(string: "37.04")!, Decimal(string: "0.01")!])
        #expect(invoice.subtotal == Decimal(string: "37.05")!)
    }
}
