import Foundation
import OrderXML
import Orders
import Testing

@Suite("Declarative mappings for retailers' own XML")
struct XMLOrderMappingTests {
    func mapping(_ name: String) throws -> XMLOrderMapping {
        try XMLOrderMapping(contentsOfFile: TestFiles.fixture("fixtures/xml-mappings/" + name).path)
    }

    @Test("the marketplace <order> export maps into two canonical orders, namespaces and all")
    func marketplace() throws {
        let decoder = OrderXMLDecoder(mapping: try mapping("marketplace-order.mapping"))
        let path = TestFiles.fixture("fixtures/xml-mappings/marketplace-orders.xml").path
        let orders = try Array(decoder.orders(inFile: path)).map { try $0.get() }
        try #require(orders.count == 2)
        let first = orders[0]
        #expect(first.poNumber == "HMK-2026-112401")
        #expect(first.source.format == .mappedXML)
        #expect(first.source.version == "mapping:marketplace-order")
        #expect(first.source.interchangeControl == "hmk-msg-88123")
        #expect(first.source.senderID == PartnerIdentity(qualifier: "ZZ", id: "HARBORMKT"))
        #expect(first.source.receiverID == PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"))
        #expect(first.orderType == .dropship)
        #expect(
            first.dates
                == OrderDates(
                    ordered: CalendarDate(year: 2026, month: 11, day: 23),
                    requestedShip: CalendarDate(year: 2026, month: 11, day: 25),
                    requestedDelivery: CalendarDate(year: 2026, month: 12, day: 1)))
        #expect(first.shipMethod == ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", routing: "Standard Ground"))
        #expect(
            first.shipTo
                == Party(
                    role: .shipTo, name: "Miriam Okafor",
                    address: Address(
                        lines: ["1200 Harbor View Rd", "Unit 14"], city: "Charleston", region: "SC",
                        postalCode: "29412", country: "US"),
                    contact: Contact(name: "Miriam Okafor", phone: "843-555-0188", email: "m.okafor@example.net")))
        #expect(first.billTo?.address?.postalCode == "29413")
        #expect(
            first.references == [
                Reference(qualifier: "CO", value: "C-55120931"),
                Reference(qualifier: "channel", value: "Harbor Marketplace"),
            ])
        #expect(
            first.notes == [
                Note(kind: .giftMessage, text: "Congratulations on the new place!"),
                Note(kind: .packingSlip, text: "Thanks for shopping Harbor Marketplace"),
                Note(kind: .shippingInstructions, text: "Leave with the front desk"),
            ])
        #expect(first.statedTotal == Money(Decimal(string: "94.48")!, .usd))
        #expect(first.extendedTotal == first.statedTotal)
        #expect(first.lines.map(\.sku) == ["HP-10042", "HP-10077"])
        #expect(first.lines.map(\.gtin) == ["084512100427", "084512100779"])
        #expect(
            first.lines.map(\.unitPrice) == [
                Money(Decimal(string: "39.99")!, .usd), Money(Decimal(string: "14.50")!, .usd),
            ])
        #expect(first.lines.map(\.giftWrap) == [true, false])
        #expect(first.lines.first?.buyerItemID == "L-778120")
        let second = orders[1]
        #expect(second.shipTo?.contact?.name == "Reception")
        #expect(second.lines.map(\.quantity) == [3])
        #expect(second.billTo == nil)
        #expect(second.statedTotal == nil)
    }

    @Test("the bots generic XML purchase order from the corpus maps through its mapping file")
    func bots() throws {
        let decoder = OrderXMLDecoder(mapping: try mapping("bots-generic-order.mapping"))
        let results = decoder.decode(try TestFiles.corpusFile("xml/botsedi-plugins_orders-850_1.xml"))
        let order = try #require(try results.first?.get())
        #expect(results.count == 1)
        #expect(order.poNumber == "91333338")
        #expect(order.orderType == .standAlone)
        #expect(order.dates.ordered == CalendarDate(year: 1997, month: 11, day: 7))
        #expect(order.source.senderID == PartnerIdentity(qualifier: "ZZ", id: "PARTNER C"))
        #expect(
            order.shipTo
                == Party(
                    role: .shipTo, identifier: PartyIdentifier(qualifier: "92", value: "333333"),
                    address: Address(
                        lines: ["AAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAA"], city: "GUAYNABO", region: "PR",
                        postalCode: "00928")))
        #expect(order.assignedNode == "222")
        #expect(order.party(.buyer)?.identifier?.value == "33333")
        #expect(order.lines.map(\.lineNumber) == ["1", "2", "3", "4", "5"])
        #expect(order.lines.map(\.quantity) == [6, 12, 60, 2, 6000])
        #expect(order.lines.first?.gtin == "8712345678906")
        #expect(order.lines.first?.unitPrice == Money(12, .usd))
        #expect(order.lines.first?.description == "KAK S/S PRINT CAMP")
        #expect(order.totalUnits == 6080)
    }

    @Test("a mapped field that cannot be filled names the canonical field and the element")
    func fieldError() throws {
        let decoder = OrderXMLDecoder(mapping: try mapping("marketplace-order.mapping"))
        let text = try String(
            contentsOf: TestFiles.fixture("fixtures/xml-mappings/marketplace-orders.xml"), encoding: .utf8
        )
        .replacingOccurrences(of: "<quantity>3</quantity>", with: "<quantity>three</quantity>")
        let results = decoder.decode(Array(text.utf8))
        #expect(results.count == 2)
        #expect((try? results[0].get()) != nil, "the first order is unaffected")
        guard case .failure(let error) = results[1] else {
            Issue.record("the second order must fail")
            return
        }
        #expect(error.kind == .invalidValue("quantity is not a positive number"))
        #expect(error.field == "lines[1].quantity")
        #expect(error.elementPath == "/orders/order[2]/items/item/quantity")
        #expect(!error.description.contains("three"))
    }

    @Test("a document the mapping does not describe is reported as not a purchase order")
    func wrongDocument() throws {
        let decoder = OrderXMLDecoder(mapping: try mapping("marketplace-order.mapping"))
        let error = try decoder.failure(try TestFiles.corpusFile("xml/botsedi-plugins_orders-850_1.xml"))
        #expect(error.kind == .notAPurchaseOrder("XML document with root <message>"))
    }

    @Test("an element in another namespace does not match a prefixed step")
    func namespacesMatter() throws {
        let mapping = try XMLOrderMapping(
            parsing: """
                namespace.o: urn:a
                order: /o:order
                line: o:item
                poNumber: o:id
                line.quantity: o:qty
                """, name: "test")
        let decoder = OrderXMLDecoder(mapping: mapping)
        let right = try decoder.singleOrder("<order xmlns='urn:a'><id>1</id><item><qty>2</qty></item></order>")
        #expect(right.lines.first?.quantity == 2)
        let wrong = try decoder.failure("<order xmlns='urn:b'><id>1</id><item><qty>2</qty></item></order>")
        #expect(wrong.kind == .notAPurchaseOrder("XML document with root <order>"))
    }

    @Test(
        "mapping file mistakes are reported with their line",
        arguments: [
            (
                "order: /o\nline: x\npoNumber: id\nline.quantity: q\ncolour: p", 5,
                "unknown canonical field (`dropgate xml mapping-fields` lists them)"
            ),
            (
                "order: /o\nline: x\npoNumber: id\nline.quantity: q\nshipTo.postcode: p", 5,
                "unknown canonical field; did you mean `shipTo.postalCode`? (`dropgate xml mapping-fields` lists them)"
            ),
            (
                "order: /o\nline: x\npoNumber: id\nline.quantity: q\n\nline.quantiy: q", 6,
                "unknown canonical field; did you mean `line.quantity`? (`dropgate xml mapping-fields` lists them)"
            ),
            (
                "order: /o\nline: x\npoNumber: p:id\nline.quantity: q", 3,
                "undeclared namespace prefix p (declare it with namespace.p: URI)"
            ),
            ("order: o\nline: x\npoNumber: id\nline.quantity: q", 1, "order: must be an absolute path"),
            ("order: /o\nline: x\nthis is not a mapping", 3, "expected `key: path`"),
            ("order: /o\nline: x\npoNumber: a[b=c]\nline.quantity: q", 3, "predicate value must be quoted in a[b=c]"),
        ])
    func mappingErrors(text: String, line: Int, message: String) {
        #expect(throws: OrderXMLError.self) { try XMLOrderMapping(parsing: text, name: "t") }
        do {
            _ = try XMLOrderMapping(parsing: text, name: "t")
        } catch {
            #expect(error.kind == .invalidMapping(message))
            #expect(error.line == line)
        }
    }

    @Test("a mapping without the required fields is refused")
    func requiredFields() {
        #expect(throws: OrderXMLError(.invalidMapping("required field not mapped"), field: "line.quantity")) {
            try XMLOrderMapping(parsing: "order: /o\nline: i\npoNumber: id", name: "t")
        }
    }
}
