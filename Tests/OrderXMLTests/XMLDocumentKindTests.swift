import OrderXML
import Testing

@Suite("Telling XML documents apart by content")
struct XMLDocumentKindTests {
    @Test(
        "each corpus document is recognised for what it is",
        arguments: [
            ("xml/friendsofcxml-cxmlphp_samples-orderrequest.xml", XMLDocumentKind.cXMLOrderRequest),
            ("xml/friendsofcxml-cxmlphp_handling-order_request.xml", .cXMLOrderRequest),
            ("xml/officeluv-cxml_order_request.xml", .cXMLOrderRequest),
            ("xml/friendsofcxml-cxmlphp_samples-shipnoticerequest.xml", .cXML("ShipNoticeRequest")),
            ("xml/officeluv-cxml_response_status_400.xml", .cXML("Response")),
            ("xml/friendsofcxml-cxmlphp_samples-punchoutordermessage.xml", .cXML("Message")),
            ("xml/botsedi-plugins_orders-850_1.xml", .xml(rootElement: "message")),
            ("x12/aaronhuggins-nodex12_850.edi", .notXML),
        ])
    func corpus(file: String, kind: XMLDocumentKind) throws {
        #expect(XMLDocumentKind(of: try TestFiles.corpusFile(file)) == kind)
    }

    @Test(
        "a batch of OrderRequests, empty input and JSON are told apart",
        arguments: [
            ("<orders><OrderRequest/></orders>", XMLDocumentKind.cXMLOrderRequest),
            ("<batch><cXML><Header/><Request><OrderRequest/></Request></cXML></batch>", .cXMLOrderRequest),
            ("", .notXML),
            ("{\"po\": 1}", .notXML),
            ("\u{FEFF}<order><id>1</id></order>", .xml(rootElement: "order")),
        ])
    func inline(text: String, kind: XMLDocumentKind) {
        #expect(XMLDocumentKind(of: Array(text.utf8)) == kind)
    }
}
