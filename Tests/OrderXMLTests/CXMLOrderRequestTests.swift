import Foundation
import OrderXML
import Orders
import Testing

/// A Best Buy–style marketplace order (see fixtures/README.md): the shape the `bestbuy` profile receives.
let marketplaceOrder = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- sent by the marketplace -->
    <cXML version="1.2.050" payloadID="20261124.0001@bestbuy.example" timestamp="2026-11-24T09:12:00-06:00">
      <Header>
        <From><!-- the marketplace --><Credential domain="networkid"><Identity>BESTBUYMKT</Identity></Credential></From>
        <To><Credential domain="duns"><Identity>079123456</Identity></Credential></To>
        <Sender><Credential domain="NetworkID"><Identity>BESTBUYMKT</Identity><SharedSecret>s3cr3t</SharedSecret></Credential>
          <UserAgent>Marketplace 2.0</UserAgent></Sender>
      </Header>
      <Request deploymentMode="production">
        <OrderRequest>
          <OrderRequestHeader orderID="BBY-7734-0001" orderDate="2026-11-24T09:11:40-06:00" type="new">
            <Total><Money currency="usd">129.97</Money></Total>
            <ShipTo>
              <Address addressID="C-88121">
                <Name xml:lang="en">Dana Whitfield</Name>
                <PostalAddress>
                  <DeliverTo>Dana Whitfield</DeliverTo>
                  <Street>4410 Cedar Ridge Dr</Street>
                  <Street>Apt 3B</Street>
                  <City>Plano</City><State>TX</State><PostalCode>75024</PostalCode>
                  <Country isoCountryCode="us">United States</Country>
                </PostalAddress>
                <Email>dana@example.com</Email>
                <Phone><TelephoneNumber><CountryCode isoCountryCode="US">1</CountryCode>
                  <AreaOrCityCode>972</AreaOrCityCode><Number>5550142</Number></TelephoneNumber></Phone>
              </Address>
            </ShipTo>
            <Shipping><Money currency="USD">0.00</Money><Description xml:lang="en">Expedited 2 Day</Description></Shipping>
            <Comments xml:lang="en">Leave at side door</Comments>
            <Extrinsic name="CustomerOrderNumber">BBY-CUST-991</Extrinsic>
            <Extrinsic name="GiftMessage">Happy holidays, Sam!</Extrinsic>
            <Extrinsic name="PackingSlipMessage">Thank you for shopping with us</Extrinsic>
          </OrderRequestHeader>
          <!-- two lines -->
          <ItemOut quantity="2" lineNumber="1" requestedDeliveryDate="2026-11-28">
            <ItemID><SupplierPartID>HP-10042</SupplierPartID><BuyerPartID>6401234</BuyerPartID></ItemID>
            <ItemDetail>
              <UnitPrice><Money currency="USD">39.9900</Money></UnitPrice>
              <Description xml:lang="en">Linen throw pillow, 20 in</Description>
              <UnitOfMeasure>EA</UnitOfMeasure>
              <ManufacturerPartID>TP-20-LIN</ManufacturerPartID>
              <Extrinsic name="UPC">084512100427</Extrinsic>
              <Extrinsic name="GiftWrap">true</Extrinsic>
            </ItemDetail>
          </ItemOut>
          <ItemOut quantity="1" lineNumber="2">
            <ItemID><SupplierPartID>HP-10107</SupplierPartID></ItemID>
            <ItemDetail>
              <UnitPrice><Money currency="USD">49.99</Money></UnitPrice>
              <Description xml:lang="en">Wool rug, 2x3 ft</Description>
              <UnitOfMeasure>ea</UnitOfMeasure>
              <ManufacturerPartID>0084512101073</ManufacturerPartID>
            </ItemDetail>
          </ItemOut>
        </OrderRequest>
      </Request>
    </cXML>
    """

@Suite("cXML OrderRequest to canonical purchase order")
struct CXMLOrderRequestTests {
    let decoder = OrderXMLDecoder()

    @Test("a marketplace OrderRequest fills every canonical field it carries")
    func marketplace() throws {
        let order = try decoder.singleOrder(marketplaceOrder)
        #expect(order.poNumber == "BBY-7734-0001")
        #expect(order.source.senderID == PartnerIdentity(qualifier: "NetworkID", id: "BESTBUYMKT"))
        #expect(order.source.receiverID == PartnerIdentity(qualifier: "DUNS", id: "079123456"))
        #expect(order.source.version == "1.2.050")
        #expect(order.source.interchangeControl == "20261124.0001@bestbuy.example")
        #expect(order.currency == .usd)
        #expect(order.statedTotal == Money(Decimal(string: "129.97")!, .usd))
        #expect(order.dates.ordered == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(order.shipMethod == ShipMethod(routing: "Expedited 2 Day"))
        #expect(
            order.shipTo
                == Party(
                    role: .shipTo, name: "Dana Whitfield",
                    identifier: PartyIdentifier(qualifier: "addressID", value: "C-88121"),
                    address: Address(
                        lines: ["4410 Cedar Ridge Dr", "Apt 3B"], city: "Plano", region: "TX", postalCode: "75024",
                        country: "US"),
                    contact: Contact(name: "Dana Whitfield", phone: "+1 972 5550142", email: "dana@example.com")))
        #expect(
            order.notes == [
                Note(kind: .general, text: "Leave at side door"),
                Note(kind: .giftMessage, text: "Happy holidays, Sam!"),
                Note(kind: .packingSlip, text: "Thank you for shopping with us"),
            ])
        #expect(order.references == [Reference(qualifier: "CustomerOrderNumber", value: "BBY-CUST-991")])
        let first = try #require(order.lines.first)
        #expect(first.sku == "HP-10042")
        #expect(first.buyerItemID == "6401234")
        #expect(first.gtin == "084512100427", "the UPC extrinsic wins over a ManufacturerPartID that is no GTIN")
        #expect(first.unitPrice == Money(Decimal(string: "39.99")!, .usd))
        #expect(first.unitPrice?.amount.description == "39.99")
        #expect(first.giftWrap)
        #expect(first.requestedDelivery == CalendarDate(year: 2026, month: 11, day: 28))
        let second = try #require(order.lines.last)
        #expect(second.gtin == "0084512101073", "a ManufacturerPartID that is a GTIN-13 is taken")
        #expect(second.unit == .each)
        #expect(!second.giftWrap)
        #expect(order.extendedTotal == order.statedTotal)
    }

    @Test("prices keep every decimal the document sends (Decimal, never Double)")
    func exactPrices() throws {
        let text = marketplaceOrder.replacingOccurrences(of: "39.9900", with: "0.1234567")
        let order = try decoder.singleOrder(text)
        #expect(order.lines.first?.unitPrice?.amount == Decimal(string: "0.1234567"))
    }

    @Test("the same order reads the same from a file streamed by libxml2")
    func fromFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-\(UUID()).xml").path
        try marketplaceOrder.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try Array(decoder.orders(inFile: path)).map { try $0.get() }
        var expected = try decoder.singleOrder(marketplaceOrder)
        expected.source.origin = path
        #expect(fromFile == [expected])
    }

    @Test("a missing file is unreadable, not a parse error")
    func missingFile() throws {
        #expect {
            _ = try decoder.orders(inFile: "/nonexistent/dropgate/po.xml")
        } throws: { error in
            guard let error = error as? OrderXMLError, case .unreadable = error.kind else { return false }
            return true
        }
    }

    @Test("a batch of cXML documents under one root yields each order with its own header, in order")
    func batchOfDocuments() throws {
        let body = marketplaceOrder.split(separator: "\n").dropFirst(2).joined(separator: "\n")
        var batch = "<?xml version=\"1.0\"?>\n<batch>\n"
        for number in 1...50 {
            batch +=
                body.replacingOccurrences(of: "BBY-7734-0001", with: "BBY-\(number)")
                .replacingOccurrences(of: "BESTBUYMKT", with: "MKT\(number)") + "\n"
        }
        batch += "</batch>\n"
        let orders = try decoder.decode(Array(batch.utf8)).map { try $0.get() }
        #expect(orders.map(\.poNumber.rawValue) == (1...50).map { "BBY-\($0)" })
        #expect(orders.map { $0.source.senderID?.id } == (1...50).map { "MKT\($0)" })
        #expect(orders.allSatisfy { $0.source.version == "1.2.050" })
    }

    @Test("a batch of bare OrderRequest elements yields each order; a bad one fails alone with its path")
    func batchOfOrderRequests() throws {
        let batch = """
            <orders>
              <OrderRequest><OrderRequestHeader orderID="A1"/><ItemOut quantity="1"><ItemID><SupplierPartID>S1</SupplierPartID></ItemID></ItemOut></OrderRequest>
              <OrderRequest><OrderRequestHeader orderID="A2"/><ItemOut quantity="zero"/></OrderRequest>
              <OrderRequest><OrderRequestHeader orderID="A3"/><ItemOut quantity="3"/></OrderRequest>
            </orders>
            """
        let results = decoder.decode(Array(batch.utf8))
        #expect(results.count == 3)
        #expect((try? results[0].get())?.poNumber == "A1")
        #expect((try? results[2].get())?.lines.first?.quantity == 3)
        guard case .failure(let error) = results[1] else {
            Issue.record("the second order must fail")
            return
        }
        #expect(error.kind == .invalidValue("quantity is not a positive number"))
        #expect(error.elementPath == "/orders/OrderRequest[2]/ItemOut/@quantity")
        #expect(error.field == "lines[1].quantity")
        #expect(error.line == 3)
    }

    @Test("chunked through a file of 2,000 orders, memory holds one order at a time")
    func largeBatchStreams() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-batch-\(UUID()).xml").path
        let body = marketplaceOrder.split(separator: "\n").dropFirst(2).joined(separator: "\n")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data("<batch>\n".utf8))
        for _ in 0..<2_000 { handle.write(Data(body.utf8)) }
        handle.write(Data("</batch>\n".utf8))
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A per-order element limit far below the file's element count proves the file is never held whole.
        let limited = OrderXMLDecoder(limits: XMLReader.Limits(maxElementsPerOrder: 200))
        var count = 0
        for result in try limited.orders(inFile: path) {
            _ = try result.get()
            count += 1
        }
        #expect(count == 2_000)
    }

    @Test(
        "required fields missing or malformed name the canonical field and the element path",
        arguments: [
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader/><ItemOut quantity=\"1\"/></OrderRequest></Request></cXML>",
                OrderXMLError.Kind.missingField, "poNumber", "/cXML/Request/OrderRequest/OrderRequestHeader/@orderID"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\"/></OrderRequest></Request></cXML>",
                .missingField, "lines", "/cXML/Request/OrderRequest/ItemOut"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\" orderDate=\"24/11/2026\"/><ItemOut quantity=\"1\"/></OrderRequest></Request></cXML>",
                .invalidValue("not an ISO 8601 date"), "dates.ordered",
                "/cXML/Request/OrderRequest/OrderRequestHeader/@orderDate"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\"><Total><Money currency=\"USD\">1e3</Money></Total></OrderRequestHeader><ItemOut quantity=\"1\"/></OrderRequest></Request></cXML>",
                .invalidValue("not a decimal amount"), "statedTotal",
                "/cXML/Request/OrderRequest/OrderRequestHeader/Total/Money"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\"><ShipTo/></OrderRequestHeader><ItemOut quantity=\"1\"/></OrderRequest></Request></cXML>",
                .missingField, "shipTo.address", "/cXML/Request/OrderRequest/OrderRequestHeader/ShipTo/Address"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\"/><ItemOut quantity=\"1\"/><ItemOut/></OrderRequest></Request></cXML>",
                .missingField, "lines[2].quantity", "/cXML/Request/OrderRequest/ItemOut[2]/@quantity"
            ),
            (
                "<cXML><Request><OrderRequest><OrderRequestHeader orderID=\"1\"/><ItemOut quantity=\"1\"><ItemDetail><Extrinsic name=\"UPC\">12AB</Extrinsic></ItemDetail></ItemOut></OrderRequest></Request></cXML>",
                .invalidValue("not an 8, 12, 13 or 14 digit GTIN"), "lines[1].gtin",
                "/cXML/Request/OrderRequest/ItemOut/ItemDetail/Extrinsic"
            ),
        ])
    func fieldErrors(document: String, kind: OrderXMLError.Kind, field: String, path: String) throws {
        let error = try decoder.failure(document)
        #expect(error.kind == kind)
        #expect(error.field == field)
        #expect(error.elementPath == path)
        #expect(error.line == 1)
    }

    @Test("type update and delete become replace and cancellation")
    func purposes() throws {
        let update = try decoder.singleOrder(
            marketplaceOrder.replacingOccurrences(of: "type=\"new\"", with: "type=\"update\""))
        #expect(update.purpose == .replace)
        let delete = try decoder.singleOrder(
            marketplaceOrder.replacingOccurrences(of: "type=\"new\"", with: "type=\"delete\""))
        #expect(delete.purpose == .cancellation)
    }

    @Test("a cXML document in UTF-16 reads like its UTF-8 original")
    func utf16() throws {
        let text = marketplaceOrder.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let results = decoder.decode(bytes)
        #expect(try results.map { try $0.get() } == [try decoder.singleOrder(marketplaceOrder)])
    }
}

@Suite("Decimal amounts from XML text")
struct DecimalTextTests {
    @Test(
        "amounts parse exactly, as Foundation's Decimal(string:) would",
        arguments: [
            "0", "-0", "-0.00", "12", "+3.5", "8.1", "39.9900", "0.1234567", "-12.30", "123456789012345678",
            "1234567890123456789.25", ".5", "5.",
        ])
    func exact(text: String) throws {
        let order = try OrderXMLDecoder().singleOrder(
            "<OrderRequest><OrderRequestHeader orderID=\"1\"><Total><Money currency=\"USD\">\(text)</Money></Total></OrderRequestHeader><ItemOut quantity=\"1\"/></OrderRequest>"
        )
        let expected = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(order.statedTotal?.amount == expected)
        #expect(order.statedTotal?.amount.isNaN == false)
    }

    @Test(
        "text that is not a plain decimal is refused",
        arguments: ["1e3", "1,000.00", "12.3.4", "--1", "1-", "", "NaN", "٣"])
    func refused(text: String) throws {
        let error = try OrderXMLDecoder().failure(
            "<OrderRequest><OrderRequestHeader orderID=\"1\"><Total><Money currency=\"USD\">\(text)</Money></Total></OrderRequestHeader><ItemOut quantity=\"1\"/></OrderRequest>"
        )
        #expect(error.kind == .invalidValue("not a decimal amount"))
        #expect(error.field == "statedTotal")
    }
}
