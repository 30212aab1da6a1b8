import Foundation
import Orders
import TestSupport
import Testing
import X12

@testable import OrderX12

/// The memo changes where an order's texts and numbers are stored, never what they are.
@Suite("850 mapping memo")
struct PurchaseOrderMemoTests {
    /// Orders whose long texts and prices repeat (descriptions, ship-from, carrier routing), whose consumers differ,
    /// and whose values collide in a memo of one slot: texts of one length, decimals differing in a byte.
    static let interchange: String = {
        var text =
            "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*SUPPLIER       *261124*0600*U*00401*000000101*0*P*>~"
            + "GS*PO*RETAILER*SUPPLIER*20261124*0600*101*X*004010~"
        let descriptions = ["COTTON PERCALE SHEET SET QUEEN", "COTTON PERCALE SHEET SET KING!", "THROW BLANKET"]
        let prices = ["18.99", "18.9", "189", "1.899", "0.50", "12", "120", "1200.00"]
        for number in 1...24 {
            let st = String(format: "%04d", number)
            var segments = [
                "ST*850*\(st)", "BEG*00*DS*PO\(number)**20261124", "TD5*O*2*FDEG*M*FEDEX HOME DELIVERY",
                "N1*ST*CONSUMER NUMBER \(number) OF MANY", "N3*\(number) LONG STREET NAME AVENUE",
                "N4*SPRINGFIELD*IL*62704*US", "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
            ]
            for line in 1...3 {
                let price = prices[(number + line) % prices.count]
                segments.append("PO1*\(line)*\(line + number % 3)*EA*\(price)**VN*SKU-\(line)")
                segments.append("PID*F****\(descriptions[(number * line) % descriptions.count])")
            }
            segments.append("SE*\(segments.count + 1)*\(st)")
            text += segments.map { $0 + "~" }.joined()
        }
        return text + "GE*24*101~IEA*1*000000101~"
    }()

    /// Each 850 of `document` mapped on its own, with no memo.
    static func unmemoized(_ document: X12Document) throws -> [PurchaseOrder] {
        try document.transactionSets(id: "850").map { context throws(OrderX12Error) in
            try PurchaseOrder(x12: context, in: document)
        }
    }

    @Test("a document's orders are the orders mapped one by one without a memo, with a memo of any size")
    func sameOrders() throws {
        let document = try X12Document(bytes: Array(Self.interchange.utf8))
        let expected = try Self.unmemoized(document)
        #expect(expected.count == 24)
        #expect(try document.purchaseOrders().map { try $0.get() } == expected)
        for (textBits, numberBits) in [(0, 0), (1, 0), (0, 1), (3, 3)] {
            let memo = PurchaseOrderMemo(textBits: textBits, numberBits: numberBits)
            let orders = try document.transactionSets(id: "850").map { context throws(OrderX12Error) in
                try PurchaseOrder(x12: context, in: document, memo: memo)
            }
            #expect(orders == expected, "memo of 2^\(textBits) texts, 2^\(numberBits) numbers")
        }
    }

    @Test("every 850 of the corpus maps the same with a memo of one slot as without one")
    func corpus() throws {
        for name in PurchaseOrderMappingTests.corpus850s {
            let document = try X12Document(bytes: try Corpus.bytes(name))
            let memo = PurchaseOrderMemo(textBits: 0, numberBits: 0)
            for context in document.transactionSets(id: "850") {
                let plain = Result { () throws(OrderX12Error) in try PurchaseOrder(x12: context, in: document) }
                let memoized = Result { () throws(OrderX12Error) in
                    try PurchaseOrder(x12: context, in: document, memo: memo)
                }
                #expect(plain == memoized, "\(name) set \(context.set.controlNumber)")
            }
        }
    }

    @Test("a long text that comes again is the same storage, not a copy")
    func sharedStorage() throws {
        let document = try X12Document(bytes: Array(Self.interchange.utf8))
        // The memo serves the orders after the first (a lone order has nothing to share).
        let orders = try document.purchaseOrders().map { try $0.get() }.dropFirst()
        /// A string's two words: equal for two strings only when they share their storage (or are the same small
        /// string).
        func words(_ text: String?) -> [UInt64] {
            guard let text else { return [] }
            let (first, second) = unsafeBitCast(text, to: (UInt64, UInt64).self)
            return [first, second]
        }
        let routings = Set(orders.map { words($0.shipMethod?.routing) })
        #expect(routings.count == 1)
        let shipFrom = Set(orders.map { words($0.party(.shipFrom)?.name) })
        #expect(shipFrom.count == 1)
        // Three descriptions, three storages; the consumers' names are each their own.
        #expect(Set(orders.flatMap { $0.lines.map { words($0.description) } }).count == 3)
        #expect(Set(orders.map { words($0.shipTo?.name) }).count == 23)
        // Without a memo, each order has its own copy.
        let plain = try Self.unmemoized(document)
        #expect(Set(plain.map { words($0.shipMethod?.routing) }).count == 24)
    }

    @Test("a consumer's texts are made for the order; a contact named as its party shares the party's name")
    func consumerTexts() throws {
        // The same consumer orders three times, as ship-to and as sold-to; the ship-from comes with every order.
        var text =
            "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*SUPPLIER       *261124*0600*U*00401*000000102*0*P*>~"
            + "GS*PO*RETAILER*SUPPLIER*20261124*0600*102*X*004010~"
        for number in 1...3 {
            let st = String(format: "%04d", number)
            let segments = [
                "ST*850*\(st)", "BEG*00*DS*PO\(number)**20261124",
                "N1*ST*CHRISTOPHER B RODRIGUEZ", "N3*4455 RIVERSIDE DR APT 4B", "N4*AUSTIN*TX*78701*US",
                "PER*IC*CHRISTOPHER B RODRIGUEZ*TE*5125550100", "N1*SO*CHRISTOPHER B RODRIGUEZ",
                "PER*IC*SOMEONE ELSE ENTIRELY", "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
                "PER*IC*HARBOR AND PINE HOME CO EDISON NJ", "PO1*1*1*EA*18.99**VN*SKU-1", "SE*13*\(st)",
            ]
            text += segments.map { $0 + "~" }.joined()
        }
        text += "GE*3*102~IEA*1*000000102~"
        let document = try X12Document(bytes: Array(text.utf8))
        let orders = try document.purchaseOrders().map { try $0.get() }
        #expect(orders == (try Self.unmemoized(document)))
        func storage(_ text: String?) -> UInt64? { text.map { unsafeBitCast($0, to: (UInt64, UInt64).self).1 } }
        let served = orders.dropFirst()
        // The ship-from's name is the memo's, in every order it serves; the consumer's is each order's own.
        #expect(Set(served.map { storage($0.party(.shipFrom)?.name) }).count == 1)
        #expect(Set(served.map { storage($0.shipTo?.name) }).count == 2)
        #expect(Set(served.map { storage($0.shipTo?.address?.lines.first) }).count == 2)
        #expect(Set(served.map { storage($0.party(.soldTo)?.name) }).count == 2)
        for order in orders {
            for party in order.parties {
                let contact = try #require(party.contact?.name)
                if contact == party.name {
                    #expect(storage(contact) == storage(party.name), "\(party.role) contact shares the name")
                } else {
                    #expect(storage(contact) != storage(party.name))
                }
            }
        }
    }

    @Test("the memo serves an order from the second on")
    func fromTheSecondOrder() {
        let memo = PurchaseOrderMemo()
        #expect(!memo.startOrder())
        #expect(memo.startOrder())
        #expect(memo.startOrder())
    }
}
