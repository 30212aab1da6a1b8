import Foundation
import Testing
import X12

@Suite("Trading partner rules")
struct PartnerRulesTests {
    func report(_ rules: X12PartnerRules, text: String = Sample.purchaseOrder()) throws -> X12ValidationReport {
        X12Validator().validate(try X12Document(bytes: Array(text.utf8)), rules: rules)
    }

    @Test("a segment the partner does not use is IK304 I4 and AK304 2")
    func notUsedSegment() throws {
        let found = try report(X12PartnerRules(notUsedSegments: ["CTT"])).errors
        #expect(found.map(\.kind) == [.segmentNotUsed])
        #expect(found.first?.segmentCode999 == "I4")
        #expect(found.first?.segmentCode997 == "2")
    }

    @Test("a narrowed code list is IK403 I6 and AK403 7")
    func narrowedCodes() throws {
        let found = try report(X12PartnerRules(codeLists: ["BEG02": ["SA"]])).errors
        #expect(found.map(\.kind) == [.codeValueNotUsed("DS")])
        #expect(found.first?.elementCode999 == "I6")
        #expect(found.first?.elementCode997 == "7")
        #expect(try report(X12PartnerRules(codeLists: ["BEG02": ["DS"]])).errors.isEmpty)
    }

    @Test("an element the partner does not use is IK403 I10")
    func notUsedElement() throws {
        let found = try report(X12PartnerRules(notUsedElements: ["BEG05"])).errors
        #expect(found.map(\.kind) == [.elementNotUsed])
        #expect(found.first?.elementCode999 == "I10")
        #expect(found.first?.location.elementPosition == 5)
    }

    @Test("an element or segment the partner requires is reported when absent")
    func required() throws {
        let found = try report(X12PartnerRules(requiredSegments: ["TD5"], requiredElements: ["BEG04", "BEG05"])).errors
        #expect(found.map(\.kind).contains(.mandatorySegmentMissing("TD5")))
        #expect(found.contains { $0.kind == .mandatoryElementMissing && $0.location.elementPosition == 4 })
        #expect(!found.contains { $0.location.elementPosition == 5 })
    }

    @Test("rules for another transaction set do not apply")
    func scoped() throws {
        #expect(try report(X12PartnerRules(notUsedSegments: ["CTT"], transactionSets: ["855"])).errors.isEmpty)
    }
}
