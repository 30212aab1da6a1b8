import Foundation
import OrderXML
import Orders
import Testing

@Suite("Retailer XML claimed by profiles: root, namespace, sender")
struct XMLOrderClaimTests {
    static let mappingText = """
        namespace.o: urn:a
        order: /o:orders/o:order
        line: o:item
        poNumber: @id
        sender: o:from
        line.quantity: o:qty
        """

    static func document(root: String = "orders", namespace: String = "urn:a", senders: [String]) -> String {
        let orders = senders.enumerated().map { index, sender in
            "<order id='P\(index + 1)'><from>\(sender)</from><item><qty>1</qty></item></order>"
        }
        return "<\(root) xmlns='\(namespace)'>\(orders.joined())</\(root)>"
    }

    func claim(
        _ retailer: String, root: String? = "orders", namespace: String? = "urn:a", senderPath: String? = nil,
        equals: String? = nil
    ) throws -> XMLOrderClaim {
        try XMLOrderClaim(
            retailer: RetailerID(retailer), rootElement: root, namespaceURI: namespace, senderPath: senderPath,
            senderEquals: equals, mapping: try XMLOrderMapping(parsing: Self.mappingText, name: "a"))
    }

    @Test("a document whose root a claim names is read through its mapping, each order tagged with the retailer")
    func claimedByRoot() throws {
        let decoder = OrderXMLDecoder(claims: [try claim("mkt")])
        let orders = try decoder.decode(Array(Self.document(senders: ["X", "Y"]).utf8)).map { try $0.get() }
        #expect(orders.map(\.poNumber) == ["P1", "P2"])
        #expect(orders.map(\.retailer) == [RetailerID("mkt"), RetailerID("mkt")])
        #expect(orders.first?.source.version == "mapping:a")
    }

    @Test("two retailers sharing one format are told apart by the sender, order by order")
    func claimedBySender() throws {
        let decoder = OrderXMLDecoder(claims: [
            try claim("north", equals: "NORTH"), try claim("south", senderPath: "o:from", equals: "SOUTH"),
        ])
        let results = decoder.decode(Array(Self.document(senders: ["SOUTH", "NORTH", "EAST"]).utf8))
        #expect(results.count == 3)
        #expect((try? results[0].get())?.retailer == RetailerID("south"))
        #expect((try? results[1].get())?.retailer == RetailerID("north"))
        guard case .failure(let error) = results[2] else {
            Issue.record("an order no claim's sender test passes is not read")
            return
        }
        #expect(
            error.kind == .notAPurchaseOrder("an order no profile claims (none of o:from = 'NORTH', o:from = 'SOUTH')"))
        #expect(error.line == 1)
    }

    @Test("a document of another root or namespace is not claimed and reads as before (cXML or not an order)")
    func notClaimed() throws {
        let decoder = OrderXMLDecoder(claims: [try claim("mkt")])
        let otherNamespace = try decoder.failure(Self.document(namespace: "urn:b", senders: ["X"]))
        #expect(otherNamespace.kind == .notAPurchaseOrder("XML document with root <orders>"))
        let otherRoot = try decoder.failure(Self.document(root: "batch", senders: ["X"]))
        #expect(otherRoot.kind == .notAPurchaseOrder("XML document with root <batch>"))
    }

    @Test("an explicit mapping reads the document whatever the claims say")
    func explicitMappingWins() throws {
        var decoder = OrderXMLDecoder(claims: [try claim("mkt", root: "batch")])
        decoder.mapping = try XMLOrderMapping(parsing: Self.mappingText, name: "a")
        let order = try decoder.singleOrder(Self.document(senders: ["X"]))
        #expect(order.retailer == nil)
    }

    @Test("claims overlap unless root, namespace or a sender test on the same path tells them apart")
    func overlaps() throws {
        #expect(try claim("a").overlaps(try claim("b")))
        #expect(try claim("a", root: nil).overlaps(try claim("b")))
        #expect(try !claim("a", root: "x").overlaps(try claim("b", root: "y")))
        #expect(try !claim("a", equals: "A").overlaps(try claim("b", equals: "B")))
        #expect(try claim("a", equals: "A").overlaps(try claim("b")))
        #expect(try claim("a", equals: "A").overlaps(try claim("b", equals: "A")))
    }

    @Test("a sender test without a path needs the mapping's own sender field")
    func senderNeedsAPath() throws {
        let mapping = try XMLOrderMapping(
            parsing: "order: /orders/order\nline: item\npoNumber: @id\nline.quantity: qty", name: "plain")
        #expect(throws: OrderXMLError.self) {
            try XMLOrderClaim(
                retailer: nil, rootElement: "orders", namespaceURI: nil, senderEquals: "X", mapping: mapping)
        }
    }

    @Test("every field a mapping accepts is documented, and nothing else")
    func fieldsDocumented() {
        let documented = Set(XMLOrderMapping.fieldHelp.map(\.key))
        let accepted = XMLOrderMapping.orderKeys.union(XMLOrderMapping.lineKeys)
        #expect(accepted.subtracting(documented).isEmpty)
        #expect(
            documented.subtracting(accepted) == ["namespace.PREFIX", "order", "line", "reference.QUALIFIER"])
    }
}
