import Foundation
import OrderXML
import Orders
import TestSupport
import Testing

/// Validates `xml` against a local cXML DTD from the shared corpus with `xmllint --dtdvalid` (our own output
/// only; input is never DTD-validated). Returns xmllint's complaints, empty when valid.
func validate(_ xml: String, dtd: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let xmllint = "/usr/bin/xmllint"
    guard FileManager.default.isExecutableFile(atPath: xmllint) else {
        Issue.record(
            "xmllint is missing: install libxml2-utils to validate cXML output", sourceLocation: sourceLocation)
        throw CocoaError(.fileNoSuchFile)
    }
    let dtdPath = TestFiles.corpus.appendingPathComponent("dtd/" + dtd).path
    guard FileManager.default.fileExists(atPath: dtdPath) else {
        Issue.record("DTD missing: \(dtdPath)", sourceLocation: sourceLocation)
        throw CocoaError(.fileNoSuchFile)
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-out-\(UUID()).xml")
    // The doctype names the DTD by its public URL; xmllint would try to fetch it even with --dtdvalid. Validate the
    // same document without it, against the local file (the doctype line is checked by the tests).
    let withoutDoctype = xml.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("<!DOCTYPE") }.joined(separator: "\n")
    try withoutDoctype.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try ChildProcess.run([xmllint, "--noout", "--nonet", "--dtdvalid", dtdPath, file.path])
    let output = result.errorText
    if result.status != 0 && output.isEmpty { return "xmllint exited \(result.status)" }
    return output
}

@Suite("cXML documents dropgate writes")
struct CXMLWriterTests {
    let fulfillDTD = "friendsofcxml-cxmlphp_1.2.050-fulfill.dtd"
    let noticeDate = Date(timeIntervalSince1970: 1_795_532_400)  // 2026-11-24T10:00:00-05:00
    let eastern = TimeZone(identifier: "America/New_York")!
    let supplier = PartnerIdentity(qualifier: "DUNS", id: "079123456")

    func order() throws -> PurchaseOrder { try OrderXMLDecoder().singleOrder(marketplaceOrder) }

    func envelope(_ order: PurchaseOrder) -> CXMLEnvelope {
        CXMLEnvelope(
            replyingTo: order, as: supplier, sharedSecret: "abc", payloadID: "20261124100000.1@harborpine.example",
            timestamp: noticeDate, timeZone: eastern)
    }

    @Test("an accepting ConfirmationRequest is valid against the cXML 1.2.050 Fulfill DTD")
    func accept() throws {
        let order = try order()
        let confirmation = OrderConfirmation.accepting(order, noticeDate: noticeDate, shipmentDate: noticeDate)
        let xml = CXMLWriter().makeConfirmationRequest(
            for: order, confirmation: confirmation, envelope: envelope(order))
        let problems = try validate(xml, dtd: fulfillDTD)
        #expect(problems == "")
        #expect(xml.contains("<ConfirmationHeader type=\"accept\" noticeDate=\"2026-11-24T10:00:00-05:00\">"))
        #expect(xml.contains("<OrderReference orderID=\"BBY-7734-0001\">"))
        #expect(xml.contains("<DocumentReference payloadID=\"20261124.0001@bestbuy.example\"/>"))
        #expect(xml.contains("<Credential domain=\"NetworkID\">\n        <Identity>BESTBUYMKT</Identity>"))
        #expect(xml.contains("<Money currency=\"USD\">39.99</Money>"))
    }

    @Test("a rejecting ConfirmationRequest with a reason is valid and says reject on every line")
    func reject() throws {
        let order = try order()
        let confirmation = OrderConfirmation.rejecting(
            order, noticeDate: noticeDate, reason: "Out of stock <all DCs> & closed")
        let xml = CXMLWriter().makeConfirmationRequest(
            for: order, confirmation: confirmation, envelope: envelope(order))
        let problems = try validate(xml, dtd: fulfillDTD)
        #expect(problems == "")
        #expect(xml.contains("type=\"reject\" noticeDate"))
        #expect(xml.contains("<Comments>Out of stock &lt;all DCs&gt; &amp; closed</Comments>"))
        #expect(xml.components(separatedBy: "<ConfirmationStatus quantity").count - 1 == order.lines.count)
    }

    @Test("a line-detail ConfirmationRequest (part accepted, part backordered, one line rejected) is valid")
    func detail() throws {
        let order = try order()
        let confirmation = OrderConfirmation(
            confirmID: "C-1", noticeDate: noticeDate,
            lines: [
                .init(
                    lineNumber: "1", ordered: 2, accepted: 1, backordered: 1,
                    unitPrice: Money(Decimal(string: "39.99")!, .usd),
                    shipmentDate: noticeDate, comment: "one more next week"),
                .init(lineNumber: "2", ordered: 1, rejected: 1, comment: "discontinued"),
            ])
        #expect(confirmation.headerType == "detail")
        let xml = CXMLWriter().makeConfirmationRequest(
            for: order, confirmation: confirmation, envelope: envelope(order))
        let problems = try validate(xml, dtd: fulfillDTD)
        #expect(problems == "")
        #expect(xml.contains("<ConfirmationStatus quantity=\"1\" type=\"backordered\">"))
        #expect(xml.contains("<ConfirmationStatus quantity=\"1\" type=\"reject\">"))
    }

    @Test("a ShipNoticeRequest with carrier, tracking and lines is valid against the Fulfill DTD")
    func shipNotice() throws {
        let order = try order()
        let notice = ShipmentNotice(
            shipmentID: "EWR1-000123", noticeDate: noticeDate, shipmentDate: noticeDate, carrierSCAC: "UPSN",
            carrierName: "UPS", trackingNumbers: ["1Z999AA10123456784"], isComplete: true,
            lines: order.lines.map {
                .init(lineNumber: $0.lineNumber, quantity: $0.quantity, sku: $0.sku, buyerItemID: $0.buyerItemID)
            })
        let xml = CXMLWriter().makeShipNoticeRequest(for: order, notice: notice, envelope: envelope(order))
        let problems = try validate(xml, dtd: fulfillDTD)
        #expect(problems == "")
        #expect(xml.contains("<ShipmentIdentifier>1Z999AA10123456784</ShipmentIdentifier>"))
        #expect(xml.contains("fulfillmentType=\"complete\""))
    }

    @Test("what dropgate writes reads back: the ShipNoticeRequest is reported as not a purchase order")
    func readBack() throws {
        let order = try order()
        let notice = ShipmentNotice(
            shipmentID: "S1", noticeDate: noticeDate, shipmentDate: noticeDate, trackingNumbers: [],
            isComplete: false, lines: [])
        let xml = CXMLWriter().makeShipNoticeRequest(for: order, notice: notice, envelope: envelope(order))
        let problems = try validate(xml, dtd: fulfillDTD)
        #expect(problems == "")
        #expect(try OrderXMLDecoder().failure(xml).kind == .notAPurchaseOrder("cXML ShipNoticeRequest"))
    }

    @Test("the validator itself rejects an invalid document, so a passing validation means something")
    func validatorRejects() throws {
        let invalid = "<?xml version=\"1.0\"?>\n<cXML payloadID=\"x\" timestamp=\"t\"><Request/></cXML>\n"
        #expect(try validate(invalid, dtd: fulfillDTD) != "")
    }
}
