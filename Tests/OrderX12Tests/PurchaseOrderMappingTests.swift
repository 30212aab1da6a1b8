import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

@Suite("850 to canonical purchase order")
struct PurchaseOrderMappingTests {
    static let dropship850 = """
        ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*1000*U*00401*000000905*0*P*>~
        GS*PO*925485US00*HARBORPINE*20261124*1000*7*X*004010VICS~
        ST*850*0001~
        BEG*00*DS*WM-4471001**20261124~
        CUR*BY*USD~
        REF*CO*CUST-889~
        DTM*067*20261125~
        DTM*038*20261127~
        DTM*002*20261201~
        TD5*O*2*FDEG*M*FEDEX HOME DELIVERY*******SG~
        N9*L1*GIFT MESSAGE~
        MSG*Happy Thanksgiving!~
        N1*ST*Jane Doe~
        N3*12 Elm St*Apt 4~
        N4*Springfield*IL*62704*USA~
        PER*IC*Jane Doe*TE*5555550100*EM*jane@example.com~
        N1*SF*Harbor & Pine EWR1*92*EWR1~
        PO1*1*2*EA*12.3456**VN*HP-10001*UP*084512000017*IN*WM-555~
        PID*F****Linen throw blanket~
        SAC*C*H000***500**********GIFT WRAP~
        PO1*2*1*EA*40**SK*WM-777~
        CTT*2~
        AMT*TT*64.69~
        SE*22*0001~
        GE*1*7~
        IEA*1*000000905~
        """

    func orders(_ text: String) throws -> [Result<PurchaseOrder, OrderX12Error>] {
        try X12Document(bytes: Array(text.utf8)).purchaseOrders(origin: "test.edi")
    }

    @Test("a dropship 850 maps every field the canonical order has")
    func fullOrder() throws {
        let results = try orders(Self.dropship850)
        let order = try results[0].get()
        #expect(order.poNumber == "WM-4471001")
        #expect(order.purpose == .original)
        #expect(order.orderType == .dropship)
        #expect(order.dates.ordered == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(order.dates.expectedShip == CalendarDate(year: 2026, month: 11, day: 25))
        #expect(order.dates.requestedShip == CalendarDate(year: 2026, month: 11, day: 27))
        #expect(order.dates.requestedDelivery == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(order.references == [Reference(qualifier: "CO", value: "CUST-889")])
        #expect(
            order.shipMethod
                == ShipMethod(
                    carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX HOME DELIVERY"))
        #expect(order.notes == [Note(kind: .giftMessage, text: "Happy Thanksgiving!")])
        let shipTo = try #require(order.shipTo)
        #expect(shipTo.name == "Jane Doe")
        #expect(
            shipTo.address
                == Address(
                    lines: ["12 Elm St", "Apt 4"], city: "Springfield", region: "IL", postalCode: "62704", country: "US"
                ))
        #expect(shipTo.contact == Contact(name: "Jane Doe", phone: "5555550100", email: "jane@example.com"))
        #expect(order.assignedNode == "EWR1")
        #expect(order.lines.count == 2)
        let first = order.lines[0]
        #expect(first.sku == "HP-10001")
        #expect(first.gtin == "084512000017")
        #expect(first.buyerItemID == "WM-555")
        #expect(first.unitPrice == Money(Decimal(string: "12.3456")!, .usd))
        #expect(first.description == "Linen throw blanket")
        #expect(first.giftWrap)
        #expect(order.lines[1].buyerItemID == "WM-777")
        #expect(!order.lines[1].giftWrap)
        #expect(order.statedTotal == Money(Decimal(string: "64.69")!, .usd))
        #expect(order.source.senderID == PartnerIdentity(qualifier: "08", id: "925485US00"))
        #expect(order.source.interchangeControl == "000000905")
        #expect(order.source.groupControl == "7")
        #expect(order.source.setControl == "0001")
        #expect(order.source.version == "004010VICS")
        let report = X12Validator().validate(try X12Document(bytes: Array(Self.dropship850.utf8)))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
    }

    @Test("a missing BEG03 is an error naming the segment and element")
    func missingPONumber() throws {
        let text = Self.dropship850.replacingOccurrences(of: "BEG*00*DS*WM-4471001**", with: "BEG*00*DS***")
        let results = try orders(text)
        guard case .failure(let error) = results[0] else {
            Issue.record("mapped without a PO number")
            return
        }
        #expect(error.kind == .missingElement(segment: "BEG", position: 3, name: "purchase order number"))
        #expect(error.location.segmentID == "BEG")
        #expect(error.location.segmentPosition == 2)
        #expect(error.location.elementPosition == 3)
    }

    @Test("a quantity that is not a number is an error at PO102")
    func badQuantity() throws {
        let results = try orders(Self.dropship850.replacingOccurrences(of: "PO1*2*1*EA", with: "PO1*2*ONE*EA"))
        guard case .failure(let error) = results[0] else {
            Issue.record("mapped a non-numeric quantity")
            return
        }
        #expect(error.kind == .invalidValue(segment: "PO1", position: 2, name: "quantity ordered"))
    }

    @Test(
        "an 850 maps the same in 003xxx to 006xxx group versions",
        arguments: ["003060", "004010", "004030VICS", "005010", "006020"])
    func versions(_ version: String) throws {
        var text = Self.dropship850.replacingOccurrences(of: "*X*004010VICS~", with: "*X*\(version)~")
        if version.hasPrefix("003") {
            // 003xxx dates are YYMMDD.
            text = text.replacingOccurrences(
                of: "BEG*00*DS*WM-4471001**20261124~", with: "BEG*00*DS*WM-4471001**261124~")
        }
        let order = try orders(text)[0].get()
        #expect(order.source.version == version)
        #expect(order.dates.ordered == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(order.lines.count == 2)
        #expect(order.shipTo?.address?.postalCode == "62704")
        let report = X12Validator().validate(try X12Document(bytes: Array(text.utf8)))
        // The 850 has tables of its own for 004010, 004030 and 005010; 003060 and 006020 have none.
        let exact = ["004010", "004030VICS", "005010"].contains(version)
        #expect(report.skippedChecks.isEmpty == exact, "\(report.skippedChecks)")
    }

    @Test("one mapper maps a document's orders as each is mapped alone: after a long set, a wide segment, a failure")
    func mapperReuse() throws {
        let wide = String(repeating: "LONG DESCRIPTION ", count: 20)
        let references = (1...90).map { "REF*ZZ*R\($0)" }
        let sets: [[String]] = [
            // 90 REFs (more codes than the mapper first has room for) and a PID of 340 bytes (more ranges).
            ["BEG*00*DS*PO-LONG**20261124"] + references + ["PO1*1*2*EA*9.99**VN*SKU-1", "PID*F****\(wide)*X*Y"],
            // Read right after the wide PID: its fields must not leak into this order (FOB and ITD are not read).
            ["BEG*00*SA*PO-SHORT**20261125", "FOB*CC", "ITD*01*3", "PO1*7*1*CA**", "CTT*1"],
            ["BEG*00*DS*PO-FAILS**20261126", "PO1*1**EA*1.00"],
            ["BEG*00*DS*PO-AFTER**20261127", "N1*ST*SOMEONE", "N3*1 MAIN ST", "PO1*2*3*EA*4.50**UP*012345678905"],
        ]
        var text =
            "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*SUPPLIER       *261124*0600*U*00401*000000102*0*P*>~"
            + "GS*PO*RETAILER*SUPPLIER*20261124*0600*102*X*004010~"
        for (index, body) in sets.enumerated() {
            let control = String(format: "%04d", index + 1)
            let segments = ["ST*850*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]
            text += segments.map { $0 + "~" }.joined()
        }
        text += "GE*\(sets.count)*102~IEA*1*000000102~"
        let document = try X12Document(bytes: Array(text.utf8))
        let alone = document.transactionSets(id: "850").map { context in
            Result { () throws(OrderX12Error) in try PurchaseOrder(x12: context, in: document) }
        }
        #expect(document.purchaseOrders() == alone)
        #expect(alone.count == 4)
        #expect(try alone[0].get().references.count == 90)
        #expect(try alone[0].get().lines.first?.description == wide)
        let short = try alone[1].get()
        #expect(short.lines.map(\.lineNumber) == ["7"] && short.lines.first?.unit == UnitOfMeasure(rawValue: "CA"))
        #expect(short.lines.first?.description == nil && short.lines.first?.unitPrice == nil)
        #expect(throws: OrderX12Error.self) { try alone[2].get() }
        #expect(try alone[3].get().shipTo?.address?.lines == ["1 MAIN ST"])
    }

    static let corpus850s: [String] = Corpus.files.filter { name in
        guard let bytes = try? Corpus.bytes(name), let document = try? X12Document(bytes: bytes) else { return false }
        return document.transactionSets.contains { $0.set.id == "850" }
    }

    @Test("every 850 in the corpus maps, one order per set", arguments: corpus850s)
    func corpus(_ name: String) throws {
        let document = try X12Document(bytes: try Corpus.bytes(name))
        let results = document.purchaseOrders(origin: name)
        #expect(results.count == document.transactionSets.filter { $0.set.id == "850" }.count)
        for result in results {
            let order = try result.get()
            #expect(!order.poNumber.rawValue.isEmpty)
            #expect(!order.lines.isEmpty, "\(name) \(order.poNumber)")
            #expect(order.source.setControl != nil)
        }
    }

    @Test("the corpus is present")
    func corpusPresent() {
        #expect(Corpus.isPresent, "expected ../shared/corpus/x12 beside the package (\(Corpus.directory.path))")
        #expect(Self.corpus850s.count >= 14)
    }
}
