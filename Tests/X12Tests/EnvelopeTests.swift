import Foundation
import Testing
import X12

@Suite("Envelope checks")
struct EnvelopeTests {
    static let faults: [(String, String, String, X12Error.Kind)] = [
        (
            "IEA02 differs from ISA13", "IEA*1*000000905~", "IEA*1*000000999~",
            .interchangeControlMismatch(header: "000000905", trailer: "000000999")
        ),
        (
            "IEA01 miscounts groups", "IEA*1*000000905~", "IEA*2*000000905~",
            .groupCountMismatch(declared: "2", counted: 1)
        ),
        ("GE02 differs from GS06", "GE*1*7~", "GE*1*8~", .groupControlMismatch(header: "7", trailer: "8")),
        ("GE01 miscounts sets", "GE*1*7~", "GE*3*7~", .setCountMismatch(declared: "3", counted: 1)),
        ("SE02 differs from ST02", "SE*5*0001~", "SE*5*0002~", .setControlMismatch(header: "0001", trailer: "0002")),
        ("SE01 miscounts segments", "SE*5*0001~", "SE*9*0001~", .segmentCountMismatch(declared: "9", counted: 5)),
        ("SE is missing", "SE*5*0001~", "", .missingSE),
        ("GE is missing", "GE*1*7~", "", .missingGE),
        ("IEA is missing", "IEA*1*000000905~", "", .missingIEA),
        ("GS01 does not fit ST01", "GS*PO*", "GS*IN*", .setDoesNotFitGroup(setID: "850", functionalID: "IN")),
        ("ISA09 is not a date", "*261124*", "*261324*", .isaElement(position: 9, reason: "is not a valid YYMMDD date")),
        (
            "GS04 is not a date", "*20261124*1000*7*", "*20261131*1000*7*",
            .groupHeaderElement(position: 4, reason: "is not a valid CCYYMMDD date")
        ),
        (
            "GS05 is not a time", "*20261124*1000*7*", "*20261124*2500*7*",
            .groupHeaderElement(position: 5, reason: "is not a valid time")
        ),
    ]

    @Test("each envelope mismatch is reported with its code", arguments: faults)
    func fault(_ name: String, _ original: String, _ replacement: String, _ expected: X12Error.Kind) throws {
        let text = Sample.purchaseOrder().replacingOccurrences(of: original, with: replacement)
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.map(\.kind).contains(expected), "\(name): \(document.envelopeErrors)")
    }

    @Test("a duplicate ST02 in one group is AK502 7 in a 997 and 23 in a 999")
    func duplicateSetControl() throws {
        let text = Sample.purchaseOrder()
            .replacingOccurrences(
                of: "SE*5*0001~", with: "SE*5*0001~ST*850*0001~BEG*00*DS*PO2**20261124~PO1*1*1*EA~CTT*1~SE*5*0001~"
            )
            .replacingOccurrences(of: "GE*1*7~", with: "GE*2*7~")
        let document = try X12Document(bytes: Array(text.utf8))
        let error = try #require(document.envelopeErrors.first)
        #expect(error.kind == .duplicateSetControl("0001"))
        #expect(error.setCode997 == "7")
        #expect(error.setCode999 == "23")
        #expect(error.location.set == 1)
    }

    /// ST02, SE01 and SE02 as senders write them, right and wrong: digits, letters, spaces, long numbers, a sign,
    /// and text that is only canonically equal (KELVIN SIGN for K, E with a combining accent for É).
    static let controlPieces = ["0", "1", "7", "9", "A", "K", " ", "\u{212A}", "É", "E\u{301}", "+", "-"]

    @Test(
        "ST01–ST03, SE01 and SE02 are read and checked as String and Int compare them, for 2,000 random sets, read and streamed"
    )
    func trailerChecksAsStrings() throws {
        var generator = SystemRandomNumberGenerator()
        func randomText(_ maximum: Int) -> String {
            let length = Int.random(in: 0...maximum, using: &generator)
            let asciiOnly = Int.random(in: 0..<4, using: &generator) > 0
            let pieces = asciiOnly ? ["0", "1", "7", "9", "A", "K", " "] : Self.controlPieces
            return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "0" }.joined()
        }
        for _ in 0..<100 {
            var sets: [String] = []
            var expected: [X12Error.Kind] = []
            var seen = Set<String>()
            var outline: [String] = []
            for _ in 0..<20 {
                // Mostly a right SE, sometimes a near miss, sometimes anything.
                let st02 = randomText(9)
                let roll = Int.random(in: 0..<6, using: &generator)
                let se02 = roll < 3 ? st02 : roll == 3 ? st02 + " " : randomText(9)
                let se01 = roll < 4 ? (roll == 1 ? "+4" : roll == 2 ? "04" : "4") : randomText(3)
                // ST01 and ST03 mostly as the set before them, which reading keeps (an 855 does not fit a PO group).
                let id = roll == 0 ? ["855", "8500", "850 "].randomElement(using: &generator) ?? "850" : "850"
                let reference = roll == 5 ? nil : roll == 4 ? randomText(9) : "004010VICS"
                // An empty ST03 reads as none.
                outline.append("\(id)|\(st02)|\(reference.flatMap { $0.isEmpty ? nil : $0 } ?? "nil")")
                let st03 = reference.map { "*\($0)" } ?? ""
                sets.append("ST*\(id)*\(st02)\(st03)~BEG*00*DS*PO1**20261124~CTT*1~SE*\(se01)*\(se02)~")
                if !seen.insert(st02).inserted { expected.append(.duplicateSetControl(st02)) }
                if id == "855" { expected.append(.setDoesNotFitGroup(setID: id, functionalID: "PO")) }
                if Int(se01) != 4 { expected.append(.segmentCountMismatch(declared: se01, counted: 4)) }
                if se02 != st02 { expected.append(.setControlMismatch(header: st02, trailer: se02)) }
            }
            let text =
                "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261124*1000*U*00401*"
                + "000000001*0*P*:~GS*PO*A*B*20261124*1000*7*X*004010~" + sets.joined()
                + "GE*20*7~IEA*1*000000001~"
            let bytes = Array(text.utf8)
            let document = try X12Document(bytes: bytes)
            #expect(document.envelopeErrors.map(\.kind) == expected, "\(text)")
            let read = document.interchanges[0].groups[0].sets.map {
                "\($0.id)|\($0.controlNumber)|\($0.implementationReference ?? "nil")"
            }
            #expect(read == outline, "\(text)")
            var reader = X12StreamReader(X12InMemorySource(bytes, chunkSize: 97))
            var streamed: [X12Error.Kind] = []
            while let event = try reader.next() {
                switch event {
                case .transactionSet(let set): streamed += set.envelopeErrors.map(\.kind)
                case .interchangeEnd(let interchange): streamed += interchange.envelopeErrors.map(\.kind)
                }
            }
            #expect(streamed == expected, "\(text)")
        }
    }

    @Test(
        "GS08 reads as base version plus convention",
        arguments: [
            ("004010VICS", "004010", "VICS"), ("005010X231A1", "005010", "X231A1"), ("004010", "004010", nil),
            ("004010UCS", "004010", "UCS"), ("003060", "003060", nil),
        ])
    func version(_ raw: String, _ base: String, _ convention: String?) {
        let version = X12Version(raw)
        #expect(version.base == base)
        #expect(version.convention == convention)
    }

    @Test("an interchange holding only a TA1 reads with no groups")
    func ta1Only() throws {
        let text =
            "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261124*1000*U*00401*000000001*0*P*:~TA1*000000005*261124*1000*A*000~IEA*0*000000001~"
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.isEmpty)
        #expect(document.interchanges[0].looseSegments.count == 1)
    }
}

@Suite("Set definitions")
struct DefinitionTests {
    static let elementFaults: [(String, String, String, X12Error.Kind)] = [
        ("an unpaired PO1 qualifier", "VN*HP-10001*UP*084512000017", "VN*HP-10001*UP", .conditionalElementMissing),
        ("a PO1 quantity that is not numeric", "PO1*1*2*EA", "PO1*1*A2*EA", .invalidCharacter),
        ("a BEG date that is not a date", "**20261124~", "**20261332~", .invalidDate),
        ("a BEG01 code outside the list", "BEG*00*DS", "BEG*0*DS", .elementTooShort),
        ("a BEG03 longer than 22", "PO1001", "PO1001PO1001PO1001PO1001", .elementTooLong),
        ("a mandatory BEG05 missing", "**20261124~", "~", .mandatoryElementMissing),
        ("too many elements in CTT", "CTT*1~", "CTT*1*2*3*4*5*6*7*8~", .tooManyElements),
        ("a component in a simple element", "PO1*1*2*EA", "PO1*1*2>3*EA", .tooManyComponents),
    ]

    @Test("element faults carry their AK403 codes", arguments: elementFaults)
    func elementFault(_ name: String, _ original: String, _ replacement: String, _ expected: X12Error.Kind) throws {
        let text = Sample.purchaseOrder().replacingOccurrences(of: original, with: replacement)
        let report = X12Validator().validate(try X12Document(bytes: Array(text.utf8)))
        #expect(report.errors.map(\.kind).contains(expected), "\(name): \(report.errors.map(\.debugDescription))")
    }

    static let structureFaults: [(String, String, String, X12Error.Kind)] = [
        ("a segment out of order", "CTT*1~", "CTT*1~BEG*00*DS*X**20261124~", .segmentOutOfOrder),
        ("a segment no 850 has", "CTT*1~", "CTT*1~BIG*20261124*1~", .segmentNotInDefinedSet),
        ("a second BEG", "PO1*1", "BEG*00*DS*PO2**20261124~PO1*1", .segmentOverMaximumUse),
        ("a lower-case segment ID", "CTT*1~", "ctt*1~", .unrecognizedSegmentID),
        ("a missing PO1 loop", "PO1*1*2*EA*12.5**VN*HP-10001*UP*084512000017~", "", .mandatorySegmentMissing("PO1")),
    ]

    @Test("structure faults carry their AK304 codes", arguments: structureFaults)
    func structureFault(_ name: String, _ original: String, _ replacement: String, _ expected: X12Error.Kind) throws {
        let text = Sample.purchaseOrder().replacingOccurrences(of: original, with: replacement)
        let report = X12Validator().validate(try X12Document(bytes: Array(text.utf8)))
        #expect(report.errors.map(\.kind).contains(expected), "\(name): \(report.errors.map(\.debugDescription))")
    }

    @Test("every declared table and segment parses into something")
    func tablesParse() {
        let definitions = X12Definitions.standard
        for key in [
            "850/004010", "850/005010", "855/004010", "855/005010", "856/004010", "810/004010", "997/004010",
            "997/005010", "999/005010",
        ] {
            #expect((definitions.sets[key]?.body.count ?? 0) > 3, "\(key)")
        }
        for release in definitions.releases {
            #expect(release.segments["PO1"]?.elements.count == 25)
            #expect(release.segments["PO1"]?.syntaxNotes.count == 12)
        }
        #expect(definitions.definition(for: "850", version: X12Version("004030VICS"))?.version == "004030")
        #expect(definitions.definition(for: "855", version: X12Version("004030VICS"))?.version == "004010")
        #expect(definitions.definition(for: "850", version: X12Version("003060")) == nil)
        #expect(definitions.definition(for: "846", version: X12Version("004010"))?.functionalID == "IB")
        #expect(definitions.definition(for: "204", version: X12Version("004010")) == nil)
    }
}
