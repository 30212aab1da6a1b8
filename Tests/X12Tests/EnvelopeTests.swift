import Foundation
import Testing
import X12

@Suite("Envelope checks")
struct EnvelopeTests {
    static let faults: [(String, String, String, X12Error.Kind)] = [
        ("IEA02 differs from ISA13", "IEA*1*000000905~", "IEA*1*000000999~",
         .interchangeControlMismatch(header: "000000905", trailer: "000000999")),
        ("IEA01 miscounts groups", "IEA*1*000000905~", "IEA*2*000000905~", .groupCountMismatch(declared: "2", counted: 1)),
        ("GE02 differs from GS06", "GE*1*7~", "GE*1*8~", .groupControlMismatch(header: "7", trailer: "8")),
        ("GE01 miscounts sets", "GE*1*7~", "GE*3*7~", .setCountMismatch(declared: "3", counted: 1)),
        ("SE02 differs from ST02", "SE*5*0001~", "SE*5*0002~", .setControlMismatch(header: "0001", trailer: "0002")),
        ("SE01 miscounts segments", "SE*5*0001~", "SE*9*0001~", .segmentCountMismatch(declared: "9", counted: 5)),
        ("SE is missing", "SE*5*0001~", "", .missingSE),
        ("GE is missing", "GE*1*7~", "", .missingGE),
        ("IEA is missing", "IEA*1*000000905~", "", .missingIEA),
        ("GS01 does not fit ST01", "GS*PO*", "GS*IN*", .setDoesNotFitGroup(setID: "850", functionalID: "IN")),
        ("ISA09 is not a date", "*261124*", "*261324*", .isaElement(position: 9, reason: "is not a valid YYMMDD date")),
        ("GS04 is not a date", "*20261124*1000*7*", "*20261131*1000*7*", .groupHeaderElement(position: 4, reason: "is not a valid CCYYMMDD date")),
        ("GS05 is not a time", "*20261124*1000*7*", "*20261124*2500*7*", .groupHeaderElement(position: 5, reason: "is not a valid time")),
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
            .replacingOccurrences(of: "SE*5*0001~", with: "SE*5*0001~ST*850*0001~BEG*00*DS*PO2**20261124~PO1*1*1*EA~CTT*1~SE*5*0001~")
            .replacingOccurrences(of: "GE*1*7~", with: "GE*2*7~")
        let document = try X12Document(bytes: Array(text.utf8))
        let error = try #require(document.envelopeErrors.first)
        #expect(error.kind == .duplicateSetControl("0001"))
        #expect(error.setCode997 == "7")
        #expect(error.setCode999 == "23")
        #expect(error.location.set == 1)
    }

    @Test("GS08 reads as base version plus convention", arguments: [
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
        let text = "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261124*1000*U*00401*000000001*0*P*:~TA1*000000005*261124*1000*A*000~IEA*0*000000001~"
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.isEmpty)
        #expect(document.interchanges[0].looseSegments.count == 1)
    }
}
