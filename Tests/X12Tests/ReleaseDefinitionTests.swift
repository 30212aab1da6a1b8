import Foundation
import Testing
import X12

/// Each release read with its own definitions: the set tables, segment lists and element dictionaries of 004010
/// and 005010 (and the 850's of 004030), and how a group version finds the release it is read with.
@Suite("Definitions per release")
struct ReleaseDefinitionTests {
    static func interchange(_ id: String, _ functionalID: String, _ body: [String], version: String) -> String {
        SegmentDefinitionTests.interchange(set: id, functionalID: functionalID, body: body, version: version)
    }

    static func report(_ id: String, _ functionalID: String, _ body: [String], version: String) throws
        -> X12ValidationReport
    {
        X12Validator().validate(
            try X12Document(bytes: Array(interchange(id, functionalID, body, version: version).utf8)))
    }

    /// The least each set needs: its mandatory segments and loops, filled as the standard asks.
    static let minimal: [(id: String, functionalID: String, versions: [String], body: [String])] = [
        ("850", "PO", ["004010", "004030", "005010"], ["BEG*00*SA*PO1001**20261124", "PO1*1*2*EA*12.5**VN*SKU-1"]),
        ("855", "PR", ["004010", "005010"], ["BAK*00*AC*PO1001*20261124"]),
        ("856", "SH", ["004010", "005010"], ["BSN*00*SHIP1*20261124*1200", "HL*1**S"]),
        ("810", "IN", ["004010", "005010"], ["BIG*20261124*INV1", "TDS*1000"]),
        ("846", "IB", ["004010", "005010"], ["BIA*00*MM*INV1*20261124", "LIN**VN*SKU-1"]),
        ("860", "PC", ["004010", "005010"], ["BCH*01*SA*PO1001***20261124"]),
        ("865", "CA", ["004010", "005010"], ["BCA*01*AC*PO1001***20261124"]),
        ("997", "FA", ["004010", "005010"], ["AK1*PO*7", "AK9*A*1*1*1"]),
        ("999", "FA", ["005010"], ["AK1*PO*7*005010X220A1", "AK9*A*1*1*1"]),
    ]

    @Test(
        "each set's table for its own release loads and accepts a minimal valid document",
        arguments: minimal.flatMap { set in set.versions.map { (set.id, set.functionalID, $0, set.body) } })
    func minimalDocument(_ id: String, _ functionalID: String, _ version: String, _ body: [String]) throws {
        let definition = try #require(X12Definitions.standard.sets["\(id)/\(version)"])
        #expect(definition.version == version)
        #expect(definition.functionalID == functionalID)
        let report = try Self.report(id, functionalID, body, version: version)
        #expect(report.errors.isEmpty, "\(id) \(version): \(report.errors.map(\.debugDescription))")
        #expect(report.skippedChecks.isEmpty, "\(id) \(version): \(report.skippedChecks)")
    }

    @Test("a MSG directly in an 004010 855's PO1 loop is reported; the N9 loop holds it")
    func messageInAcknowledgementLine() throws {
        let line = ["BAK*00*AC*PO1001*20261124", "PO1*1*2*EA*12.5**VN*SKU-1"]
        let misplaced = try Self.report("855", "PR", line + ["MSG*Ships in two boxes"], version: "004010")
        #expect(misplaced.errors.map(\.location.segmentID) == ["MSG"], "\(misplaced.errors.map(\.debugDescription))")
        #expect(misplaced.errors.first?.segmentCode997 == "2")
        let inNote = try Self.report("855", "PR", line + ["N9*L1*NOTES", "MSG*Ships in two boxes"], version: "004010")
        #expect(inNote.errors.isEmpty, "\(inNote.errors.map(\.debugDescription))")
    }

    @Test("005010's 855 has no MSG at all: MTX takes its place in the N9 loop")
    func acknowledgementTextIn5010() throws {
        let line = ["BAK*00*AC*PO1001*20261124", "PO1*1*2*EA*12.5**VN*SKU-1", "N9*L1*NOTES"]
        let message = try Self.report("855", "PR", line + ["MSG*Ships in two boxes"], version: "005010")
        #expect(message.errors.map(\.kind) == [.segmentNotInDefinedSet], "\(message.errors.map(\.debugDescription))")
        let text = try Self.report("855", "PR", line + ["MTX**Ships in two boxes"], version: "005010")
        #expect(text.errors.isEmpty, "\(text.errors.map(\.debugDescription))")
    }

    @Test(
        "an 850's N9 note is MSG in 004010 and MTX in 004030 and 005010",
        arguments: [
            ("004010", "MSG*Leave at the back door", true), ("004010", "MTX**Leave at the back door", false),
            ("004030", "MSG*Leave at the back door", false), ("004030", "MTX**Leave at the back door", true),
            ("005010", "MSG*Leave at the back door", false), ("005010", "MTX**Leave at the back door", true),
        ])
    func purchaseOrderNote(_ version: String, _ note: String, _ isAllowed: Bool) throws {
        let body = ["BEG*00*SA*PO1001**20261124", "N9*L1*NOTES", note, "PO1*1*2*EA*12.5**VN*SKU-1"]
        let report = try Self.report("850", "PO", body, version: version)
        #expect(report.errors.isEmpty == isAllowed, "\(version) \(note): \(report.errors.map(\.debugDescription))")
        #expect(report.errors.allSatisfy { $0.location.segmentID == String(note.prefix(3)) })
    }

    @Test("an 850 line's LS/LE pair is a loop: LS opens its LDT loops, LE closes them")
    func boundedLoop() throws {
        let line = ["BEG*00*SA*PO1001**20261124", "PO1*1*2*EA*12.5**VN*SKU-1", "LS*0100", "LDT*AE*5*DA"]
        let closed = try Self.report("850", "PO", line + ["LE*0100", "CTT*1"], version: "004010")
        #expect(closed.errors.isEmpty, "\(closed.errors.map(\.debugDescription))")
        let open = try Self.report("850", "PO", line + ["CTT*1"], version: "004010")
        #expect(open.errors.map(\.kind) == [.mandatorySegmentMissing("LE")], "\(open.errors.map(\.debugDescription))")
    }

    @Test(
        "a 997's AK103 and AK203 exist from 005010 on; in 004010 they are too many elements",
        arguments: ["004010", "005010"])
    func acknowledgementVersionElements(_ version: String) throws {
        let body = ["AK1*PO*7*\(version)", "AK2*850*0001*X220", "AK5*A", "AK9*A*1*1*1"]
        let report = try Self.report("997", "FA", body, version: version)
        if version == "004010" {
            #expect(report.errors.map(\.kind) == [.tooManyElements, .tooManyElements])
            #expect(report.errors.map(\.location.segmentID) == ["AK1", "AK2"])
        } else {
            #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        }
    }

    @Test("AK403 I6 is a 005010 code; 004010's 997 lists 1 to 13 only", arguments: ["004010", "005010"])
    func implementationCodeIn997(_ version: String) throws {
        let body = ["AK1*PO*7", "AK2*850*0001", "AK3*PO1*3**8", "AK4*2**I6", "AK5*E*5", "AK9*E*1*1*0"]
        let report = try Self.report("997", "FA", body, version: version)
        #expect(report.errors.map(\.kind) == (version == "004010" ? [.invalidCodeValue("I6")] : []))
    }

    /// A REF02 of 40 characters: 004010's reference identification (127) holds 30, 005010's 50.
    static let longReference = "REF*IA*" + String(repeating: "R", count: 40)

    @Test("a reference of 40 characters is too long in 004010 and fits 005010")
    func referenceLength() throws {
        let body = ["BEG*00*SA*PO1001**20261124", Self.longReference, "PO1*1*2*EA*12.5**VN*SKU-1"]
        let old = try Self.report("850", "PO", body, version: "004010")
        #expect(old.errors.map(\.kind) == [.elementTooLong])
        #expect(try Self.report("850", "PO", body, version: "005010").errors.isEmpty)
    }

    @Test("a segment found clean in a 005010 group is checked again in a 004010 group of the same interchange")
    func cleanSegmentsPerRelease() throws {
        let isa =
            "ISA*00*          *00*          *ZZ*RETAILER       *ZZ*DROPGATE       *261124*0715*U*00401*000000101*0*P*>"
        func group(_ control: String, _ version: String, sets: [String]) -> [String] {
            let bodies = sets.flatMap { number in
                [
                    "ST*850*\(number)", "BEG*00*SA*PO\(number)**20261124", Self.longReference,
                    "PO1*1*2*EA*12.5**VN*SKU-1", "SE*5*\(number)",
                ]
            }
            return ["GS*PO*RETAILER*DROPGATE*20261124*0715*\(control)*X*\(version)"] + bodies
                + ["GE*\(sets.count)*\(control)"]
        }
        let segments =
            [isa] + group("1", "005010", sets: ["0001", "0002"]) + group("2", "004010", sets: ["0003", "0004"])
            + ["IEA*2*000000101"]
        let text = segments.map { $0 + "~\n" }.joined()
        let report = X12Validator().validate(try X12Document(bytes: Array(text.utf8)))
        #expect(
            report.errors.map(\.kind) == [.elementTooLong, .elementTooLong], "\(report.errors.map(\.debugDescription))")
        #expect(report.errors.allSatisfy { $0.location.segmentID == "REF" })
    }

    @Test(
        "a group version reads its own release, else the nearest earlier one of its major version, else none",
        arguments: [
            ("850", "004010", "004010"), ("850", "004010VICS", "004010"), ("850", "004030VICS", "004030"),
            ("850", "004050", "004030"), ("855", "004030VICS", "004010"), ("855", "005010", "005010"),
            ("855", "005020", "005010"), ("997", "005010X231A1", "005010"), ("999", "005050", "005010"),
            ("850", "003050", nil), ("850", "006020", nil), ("855", "004000", nil), ("999", "004010", nil),
            ("850", "4010", nil), ("204", "004010", nil),
        ] as [(String, String, String?)])
    func releasePicked(_ id: String, _ version: String, _ expected: String?) {
        #expect(X12Definitions.standard.definition(for: id, version: X12Version(version))?.version == expected)
    }

    @Test("a set read with an earlier release says so, and its release's rules apply")
    func earlierReleaseNoted() throws {
        let body = ["BAK*00*AC*PO1001*20261124", Self.longReference]
        let report = try Self.report("855", "PR", body, version: "004030VICS")
        #expect(report.skippedChecks.count == 1)
        #expect(report.skippedChecks.first?.contains("004010 definitions") == true, "\(report.skippedChecks)")
        #expect(report.errors.map(\.kind) == [.elementTooLong])
        #expect(X12Definitions.standard.release(for: X12Version("004030VICS"))?.version == "004010")
    }
}
