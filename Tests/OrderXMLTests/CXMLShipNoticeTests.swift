import Foundation
import OrderXML
import Orders
import Testing

/// A shipment of the marketplace order (line 1: 2 × HP-10042 at 39.99, buyer part 6401234; line 2: 1 × HP-10107 at
/// 49.99) in two UPS packages, line 1 split across them.
enum CXMLShipmentFixtures {
    static let shippedAt = Date(timeIntervalSince1970: 1_795_637_700)  // 2026-11-25T20:15:00Z
    static let noticeDate = Date(timeIntervalSince1970: 1_795_640_400)  // 2026-11-25T21:00:00Z
    static let eastern = TimeZone(identifier: "America/New_York")!
    static let supplier = PartnerIdentity(qualifier: "DUNS", id: "079123456")

    static let confirmation = ShipConfirmation(
        node: "ORD1", shippedAt: shippedAt,
        method: ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SE", transportMethod: "U", routing: "UPS 2ND DAY AIR"),
        service: "ups-2day",
        packages: [
            .init(
                trackingNumber: "1Z999AA10123456784",
                contents: [
                    .init(lineNumber: "1", sku: "HP-10042", quantity: 1),
                    .init(lineNumber: "2", sku: "HP-10107", quantity: 1),
                ]),
            .init(
                trackingNumber: "1Z879E930346834440", contents: [.init(lineNumber: "1", sku: "HP-10042", quantity: 1)]),
        ])

    static func order() throws -> PurchaseOrder { try OrderXMLDecoder().singleOrder(marketplaceOrder) }

    static func envelope(_ order: PurchaseOrder) -> CXMLEnvelope {
        CXMLEnvelope(
            replyingTo: order, as: supplier, sharedSecret: "abc", payloadID: "20261125210000.7@harborpine.example",
            timestamp: noticeDate, timeZone: eastern)
    }
}

@Suite("cXML ShipNoticeRequest from a ship confirmation")
struct CXMLShipNoticeTests {
    typealias F = CXMLShipmentFixtures

    @Test(
        "the notice of a two-package shipment is valid against the Fulfill DTD and says what shipped",
        arguments: ["friendsofcxml-cxmlphp_1.2.050-fulfill.dtd", "friendsofcxml-cxmlphp_1.2.063-fulfill.dtd"])
    func complete(_ dtd: String) throws {
        let order = try F.order()
        let notice = try ShipmentNotice(
            F.confirmation, for: order, shipmentID: "ORD1-SHP-000042", noticeDate: F.noticeDate, carrierName: "UPS")
        let xml = CXMLWriter().makeShipNoticeRequest(for: order, notice: notice, envelope: F.envelope(order))
        #expect(try validate(xml, dtd: dtd) == "")
        #expect(
            xml.contains(
                "<ShipNoticeHeader shipmentID=\"ORD1-SHP-000042\" noticeDate=\"2026-11-25T16:00:00-05:00\" "
                    + "shipmentDate=\"2026-11-25T15:15:00-05:00\" shipmentType=\"actual\" fulfillmentType=\"complete\">"
            ))
        #expect(xml.contains("<ServiceLevel xml:lang=\"en-US\">UPS 2ND DAY AIR</ServiceLevel>"))
        #expect(xml.contains("<CarrierIdentifier domain=\"SCAC\">UPSN</CarrierIdentifier>"))
        #expect(xml.contains("<CarrierIdentifier domain=\"companyName\">UPS</CarrierIdentifier>"))
        #expect(
            xml.contains(
                "<ShipmentIdentifier>1Z999AA10123456784</ShipmentIdentifier>\n"
                    + "        <ShipmentIdentifier>1Z879E930346834440</ShipmentIdentifier>"))
        #expect(xml.contains("<OrderReference orderID=\"BBY-7734-0001\">"))
        #expect(
            xml.contains("<ShipNoticeItem quantity=\"2\" lineNumber=\"1\">"),
            "line 1's units summed over both packages")
        #expect(xml.contains("<ShipNoticeItem quantity=\"1\" lineNumber=\"2\">"))
        #expect(
            xml.contains("<SupplierPartID>HP-10042</SupplierPartID>\n            <BuyerPartID>6401234</BuyerPartID>"))
        #expect(xml.components(separatedBy: "<ShipNoticeItem ").count - 1 == 2)
        #expect(xml.contains("<Credential domain=\"DUNS\">\n        <Identity>079123456</Identity>"), "From is us")
        #expect(xml.contains("<SharedSecret>abc</SharedSecret>"))
    }

    @Test("a partial shipment says partial and lists only what it carries")
    func partial() throws {
        let order = try F.order()
        var confirmation = F.confirmation
        confirmation.packages.removeFirst()
        let notice = try ShipmentNotice(confirmation, for: order, shipmentID: "S2", noticeDate: F.noticeDate)
        #expect(!notice.isComplete)
        #expect(notice.lines.map(\.lineNumber) == ["1"])
        #expect(notice.lines.map(\.quantity) == [1])
        #expect(notice.trackingNumbers == ["1Z879E930346834440"])
        let xml = CXMLWriter().makeShipNoticeRequest(for: order, notice: notice, envelope: F.envelope(order))
        #expect(try validate(xml, dtd: "friendsofcxml-cxmlphp_1.2.050-fulfill.dtd") == "")
        #expect(xml.contains("fulfillmentType=\"partial\""))
        #expect(xml.contains("<ShipNoticeItem quantity=\"1\" lineNumber=\"1\">"))
        #expect(!xml.contains("lineNumber=\"2\""))
    }

    @Test("a shipped line the order does not have is refused, naming it")
    func unknownLine() throws {
        let order = try F.order()
        var confirmation = F.confirmation
        confirmation.packages[1].contents[0].lineNumber = "5"
        #expect(throws: ShipmentError(.lineNotOnOrder("5"))) {
            _ = try ShipmentNotice(confirmation, for: order, shipmentID: "S3", noticeDate: F.noticeDate)
        }
    }
}
