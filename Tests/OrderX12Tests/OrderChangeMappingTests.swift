import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

@Suite("860 to canonical order change")
struct OrderChangeMappingTests {
    /// Walmart's `860PC` for the PO of `PurchaseOrderMappingTests` (004010, `~ * >`): line 1 down to 1 (its item
    /// numbers and price restated), line 2 up to 3, line 3 cancelled, line 4 added with its item numbers, price and
    /// description; a new ship-to and a new carrier.
    static let walmart860 = """
        ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261126*0900*U*00401*000000912*0*P*>~
        GS*PC*925485US00*HARBORPINE*20261126*0900*12*X*004010~
        ST*860*0001~
        BCH*04*SA*WM-4471001**3*20261123*****20261126~
        REF*IA*HARBORPINE01~
        DTM*010*20261128~
        TD5*O*2*UPSN*M*UPS GROUND*******GD~
        N1*BY*WALMART.COM*92*0001~
        N1*ST*John Smith~
        N3*48 Oak Ave*Unit 2~
        N4*Portland*OR*97201*USA~
        PER*IC*John Smith*TE*5035550199*EM*john@example.com~
        POC*1*QD*1**EA*12.3456**VN*HP-10001*UP*084512000017*IN*WM-555~
        POC*2*QI*3**EA~
        POC*3*DI~
        POC*4*AI*2**EA*19.99**UP*084512000031*VN*HP-30003*IN*WM-999~
        PID*F****Wool scarf~
        PID*F****charcoal~
        CTT*4~
        SE*18*0001~
        GE*1*12~
        IEA*1*000000912~
        """

    /// A whole-order cancel: BCH01 `01`, no POC.
    static let cancel860 = """
        ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261126*0915*U*00401*000000913*0*P*>~
        GS*PC*925485US00*HARBORPINE*20261126*0915*13*X*004010~
        ST*860*0001~
        BCH*01*SA*WM-4471002**1*20261120~
        SE*3*0001~
        GE*1*13~
        IEA*1*000000913~
        """

    /// A 005010 change (`~ * :`, ISA11 `^`): a price change on line 2 (BCH05 none, BCH11 none), a quantity decrease
    /// with its unit as a composite (`CA:12`), and a buyer-qualified item number.
    static let change005010 = """
        ISA*00*          *00*          *ZZ*AMAZONDS       *ZZ*HARBORPINE     *261126*1200*^*00501*000000044*0*T*:~
        GS*PC*AMAZONDS*HARBORPINE*20261126*1200*44*X*005010~
        ST*860*0044~
        BCH*05*DS*AMZ-90017**7*20261122~
        POC*2*PC*1**EA*44.5**BP*B00TESTSKU~
        POC*5*QD*2**CA:12~
        CTT*2~
        SE*6*0044~
        GE*1*44~
        IEA*1*000000044~
        """

    func changes(_ text: String) throws -> [Result<OrderChange, OrderX12Error>] {
        try X12Document(bytes: Array(text.utf8)).orderChanges(origin: "test.edi")
    }

    /// The one change of `text`'s failure, or nil (recorded) when it mapped.
    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> OrderX12Error? {
        let results = try changes(text)
        guard results.count == 1, case .failure(let error) = results[0] else {
            Issue.record("mapped: \(results)", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }

    @Test("Walmart's 860 maps every field the canonical change has, and validates against the 860 table")
    func walmart() throws {
        let change = try changes(Self.walmart860)[0].get()
        #expect(change.poNumber == "WM-4471001")
        #expect(change.purpose == .change)
        #expect(change.purposeCode == "04")
        #expect(change.orderType == .standAlone)
        #expect(change.changeNumber == "3")
        #expect(change.orderDate == CalendarDate(year: 2026, month: 11, day: 23))
        #expect(change.requestDate == CalendarDate(year: 2026, month: 11, day: 26))
        #expect(change.retailer == nil && change.restated == nil)
        #expect(
            change.shipMethod
                == ShipMethod(carrierSCAC: "UPSN", serviceLevel: "GD", transportMethod: "M", routing: "UPS GROUND"))
        let shipTo = try #require(change.shipTo)
        #expect(shipTo.role == .shipTo)
        #expect(shipTo.name == "John Smith")
        #expect(shipTo.identifier == nil)
        #expect(
            shipTo.address
                == Address(
                    lines: ["48 Oak Ave", "Unit 2"], city: "Portland", region: "OR", postalCode: "97201", country: "US")
        )
        #expect(shipTo.contact == Contact(name: "John Smith", phone: "5035550199", email: "john@example.com"))

        #expect(change.lines.map(\.lineNumber) == ["1", "2", "3", "4"])
        #expect(change.lines.map(\.kind) == [.quantityDecrease, .quantityIncrease, .cancel, .add])
        #expect(change.lines.map(\.code) == ["QD", "QI", "DI", "AI"])
        #expect(change.lines.map(\.quantity) == [1, 3, nil, 2])

        let decreased = try #require(change.lines[0].line, "a change with item numbers and a price carries its line")
        #expect(decreased.lineNumber == "1")
        #expect(decreased.quantity == 1)
        #expect(decreased.unit == .each)
        #expect(decreased.unitPrice == Money(Decimal(string: "12.3456")!, .usd))
        #expect(decreased.sku == "HP-10001" && decreased.gtin == "084512000017" && decreased.buyerItemID == "WM-555")
        #expect(
            decreased.itemQualifiers
                == ItemQualifiers(
                    buyer: .init(code: "IN", position: 10), sku: .init(code: "VN", position: 6),
                    gtin: .init(code: "UP", position: 8)),
            "POC08 is placed as PO106 is")
        #expect(change.lines[1].line == nil, "a bare quantity change carries no line")
        #expect(change.lines[2].line == nil, "a DI needs no quantity and carries no line")

        let added = try #require(change.lines[3].line)
        #expect(
            added
                == OrderLine(
                    lineNumber: "4", buyerItemID: "WM-999", sku: "HP-30003", gtin: "084512000031", quantity: 2,
                    unit: .each, unitPrice: Money(Decimal(string: "19.99")!, .usd), description: "Wool scarf charcoal",
                    itemQualifiers: ItemQualifiers(
                        buyer: .init(code: "IN", position: 10), sku: .init(code: "VN", position: 8),
                        gtin: .init(code: "UP", position: 6))))

        #expect(change.source.format == .x12)
        #expect(change.source.senderID == PartnerIdentity(qualifier: "08", id: "925485US00"))
        #expect(change.source.receiverID == PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"))
        #expect(change.source.senderGroupID == "925485US00" && change.source.receiverGroupID == "HARBORPINE")
        #expect(change.source.interchangeControl == "000000912")
        #expect(change.source.groupControl == "12")
        #expect(change.source.setControl == "0001")
        #expect(change.source.version == "004010")
        #expect(change.source.usage == "P")
        #expect(change.source.origin == "test.edi")

        let report = X12Validator().validate(try X12Document(bytes: Array(Self.walmart860.utf8)))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        #expect(report.skippedChecks.isEmpty, "\(report.skippedChecks)")
        let independent = try IndependentX12Reader.check(Array(Self.walmart860.utf8))
        #expect(independent.passed, "\(independent)")
    }

    @Test("a BCH01 01 change without POC is a whole-order cancel")
    func wholeCancel() throws {
        let change = try changes(Self.cancel860)[0].get()
        #expect(change.poNumber == "WM-4471002")
        #expect(change.purpose == .cancel)
        #expect(change.purposeCode == "01")
        #expect(change.changeNumber == "1")
        #expect(change.orderDate == CalendarDate(year: 2026, month: 11, day: 20))
        #expect(change.requestDate == nil)
        #expect(change.lines.isEmpty && change.shipTo == nil && change.shipMethod == nil)
        let report = X12Validator().validate(try X12Document(bytes: Array(Self.cancel860.utf8)))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        #expect(try IndependentX12Reader.check(Array(Self.cancel860.utf8)).passed)
    }

    @Test("a 005010 change maps the same way: BCH05 replace, a price change, a composite unit")
    func release005010() throws {
        let change = try changes(Self.change005010)[0].get()
        #expect(change.poNumber == "AMZ-90017")
        #expect(change.purpose == .change && change.purposeCode == "05")
        #expect(change.orderType == .dropship)
        #expect(change.changeNumber == "7")
        #expect(change.orderDate == CalendarDate(year: 2026, month: 11, day: 22))
        #expect(change.source.version == "005010")
        #expect(change.source.usage == "T")
        #expect(change.source.setControl == "0044")
        #expect(change.lines.map(\.kind) == [.change, .quantityDecrease])
        let repriced = try #require(change.lines[0].line)
        #expect(change.lines[0].code == "PC" && change.lines[0].quantity == 1)
        #expect(repriced.unitPrice == Money(Decimal(string: "44.5")!, .usd))
        #expect(repriced.buyerItemID == "B00TESTSKU" && repriced.sku == nil && repriced.gtin == nil)
        #expect(repriced.itemQualifiers?.buyer == .init(code: "BP", position: 6))
        #expect(change.lines[1].quantity == 2 && change.lines[1].line == nil)
        let report = X12Validator().validate(try X12Document(bytes: Array(Self.change005010.utf8)))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        #expect(report.skippedChecks.isEmpty, "\(report.skippedChecks)")
        #expect(try IndependentX12Reader.check(Array(Self.change005010.utf8)).passed)
    }

    @Test("a POC05 composite keeps its first component as the unit")
    func compositeUnit() throws {
        let text = Self.change005010.replacingOccurrences(of: "POC*5*QD*2**CA:12~", with: "POC*5*CA*2**CA:12*3.5~")
        let change = try changes(text)[0].get()
        #expect(change.lines[1].line?.unit == UnitOfMeasure(rawValue: "CA"))
        #expect(change.lines[1].line?.unitPrice == Money(Decimal(string: "3.5")!, .usd))
    }

    @Test("a missing BCH03 is an error at BCH03, in file coordinates")
    func missingPONumber() throws {
        let text = Self.walmart860.replacingOccurrences(of: "BCH*04*SA*WM-4471001**", with: "BCH*04*SA***")
        let error = try #require(try failure(text))
        #expect(error.kind == .missingElement(segment: "BCH", position: 3, name: "purchase order number"))
        #expect(error.location.segmentID == "BCH")
        #expect(error.location.segmentIndex == 3)
        #expect(error.location.segmentPosition == 2)
        #expect(error.location.elementPosition == 3)
        #expect(error.location.byteOffset == Self.offset(of: "BCH*04*SA*", in: text) + 10)
        #expect(error.location.interchange == 0 && error.location.group == 0 && error.location.set == 0)
        #expect(error.description == "BCH03 (purchase order number) is missing")
    }

    @Test("a POC02 that names no line change is an error at POC02 listing the codes read")
    func unknownChangeCode() throws {
        let text = Self.walmart860.replacingOccurrences(of: "POC*2*QI*3**EA~", with: "POC*2*ZZ*3**EA~")
        let error = try #require(try failure(text))
        #expect(
            error.kind
                == .unknownCode(
                    segment: "POC", position: 2, name: "change or response type code", accepted: LineChange.Kind.codes)
        )
        #expect(error.location.segmentID == "POC")
        #expect(error.location.segmentPosition == 12)
        #expect(error.location.elementPosition == 2)
        #expect(error.location.byteOffset == Self.offset(of: "POC*2*ZZ", in: text) + 6)
        #expect(error.description.hasPrefix("POC02 (change or response type code) holds a code that is not one of AI"))
        for code in LineChange.Kind.codes { #expect(LineChange.Kind(code: code) != nil, "\(code)") }
    }

    @Test("a POC without POC01 is an error at POC01")
    func missingLineNumber() throws {
        let text = Self.walmart860.replacingOccurrences(of: "POC*3*DI~", with: "POC**DI~")
        let error = try #require(try failure(text))
        #expect(error.kind == .missingElement(segment: "POC", position: 1, name: "assigned identification"))
        #expect(error.location.segmentID == "POC")
        #expect(error.location.segmentPosition == 13)
        #expect(error.location.elementPosition == 1)
        #expect(error.location.byteOffset == Self.offset(of: "POC**DI", in: text) + 4)
    }

    @Test("an added or decreased line without POC03, or a quantity that is not a number, is an error at POC03")
    func quantityProblems() throws {
        let missing = try #require(
            try failure(Self.walmart860.replacingOccurrences(of: "POC*4*AI*2**", with: "POC*4*AI***")))
        #expect(missing.kind == .missingElement(segment: "POC", position: 3, name: "quantity ordered"))
        #expect(missing.location.elementPosition == 3)
        let unreadable = try #require(
            try failure(Self.walmart860.replacingOccurrences(of: "POC*2*QI*3**", with: "POC*2*QI*THREE**")))
        #expect(unreadable.kind == .invalidValue(segment: "POC", position: 3, name: "quantity ordered"))
    }

    @Test("a set that is not an 860 is not mapped as one")
    func notAChange() throws {
        let document = try X12Document(bytes: Array(PurchaseOrderMappingTests.dropship850.utf8))
        #expect(document.orderChanges().isEmpty)
        let context = try #require(document.transactionSets.first)
        #expect(throws: OrderX12Error.self) { try OrderChange(x12: context, in: document) }
        do {
            _ = try OrderChange(x12: context, in: document)
        } catch {
            #expect(error.kind == .notAnOrderChange("850"))
        }
    }

    @Test("changes read through the stream are the document's, failures' file locations included")
    func stream() throws {
        // The cancel, a failing change and the Walmart change in one file: the stream's locations are the file's.
        let bad = Self.walmart860.replacingOccurrences(of: "POC*3*DI~", with: "POC**DI~")
        let text = [Self.cancel860, bad, Self.walmart860, PurchaseOrderMappingTests.dropship850].joined(
            separator: "\n")
        let bytes = Array(text.utf8)
        let whole = try X12Document(bytes: bytes).orderChanges(origin: "file.edi")
        #expect(whole.count == 3)
        for chunkSize in [1, 7, 4096] {
            var streamed: [Result<OrderChange, OrderX12Error>] = []
            var reader = X12StreamReader(
                X12InMemorySource(bytes, chunkSize: chunkSize), options: X12StreamOptions(chunkSize: chunkSize))
            while let event = try reader.next() {
                if case .transactionSet(let set) = event, let change = set.orderChange(origin: "file.edi") {
                    streamed.append(change)
                }
            }
            #expect(streamed == whole, "chunks of \(chunkSize)")
        }
        guard case .failure(let error) = whole[1] else {
            Issue.record("the second change mapped")
            return
        }
        #expect(error.location.interchange == 1)
        #expect(error.location.byteOffset > Self.cancel860.utf8.count)
        #expect(try whole[2].get().lines.count == 4)
    }

    /// The byte offset of the first `needle` in `text`.
    static func offset(of needle: String, in text: String) -> Int {
        guard let range = text.range(of: needle) else { return -1 }
        return text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    }
}
