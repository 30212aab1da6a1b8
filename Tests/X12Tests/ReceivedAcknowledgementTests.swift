import Testing
import X12

/// A partner's 997 or 999 read for what it says of the group and sets it answers.
@Suite("Acknowledgements received")
struct ReceivedAcknowledgementTests {
    static func interchange(_ version: String, _ body: [String]) -> [UInt8] {
        let (isaVersion, repetition) = version.hasPrefix("005010") ? ("00501", "^") : ("00401", "U")
        let segments =
            [
                "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*1200*\(repetition)*\(isaVersion)*000000077*0*P*>",
                "GS*FA*925485US00*HARBORPINE*20261124*1200*77*X*\(version)", "ST*\(body[0])*0001",
            ] + body.dropFirst() + ["SE*\(body.count + 1)*0001", "GE*1*77", "IEA*1*000000077"]
        return Array(segments.map { $0 + "~" }.joined().utf8)
    }

    static func read(_ bytes: [UInt8]) throws -> X12ReceivedAcknowledgement {
        let document = try X12Document(bytes: bytes)
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        let context = try #require(document.transactionSets(id: document.interchanges[0].groups[0].sets[0].id).first)
        return try X12ReceivedAcknowledgement(set: context, in: document)
    }

    @Test("a 997 rejecting one set of an 846 group names the set, its AK3/AK4 errors and the group's codes")
    func rejecting997() throws {
        let read = try Self.read(
            Self.interchange(
                "004010",
                [
                    "997", "AK1*IB*12", "AK2*846*0001", "AK3*LIN*7**8", "AK4*3*235*7*ZZ", "AK5*R*5", "AK2*846*0002",
                    "AK5*A", "AK9*P*2*2*1",
                ]))
        #expect(read.kind == .functional997 && read.controlNumber == "0001")
        #expect(read.functionalID == "IB" && read.groupControl == "12" && read.groupCode == "P")
        #expect(read.groupErrors == ["1 of 2 sets accepted"])
        #expect(
            read.sets == [
                .init(
                    setID: "846", controlNumber: "0001", code: "R",
                    errors: [
                        "segment LIN at position 7: 8: segment has data element errors",
                        "LIN3 (element 235): 7: invalid code value, read 'ZZ'",
                        "set error 5: one or more segments in error",
                    ]),
                .init(setID: "846", controlNumber: "0002", code: "A", errors: []),
            ])
    }

    @Test("a 997 with no AK2 answers the group whole; a 999's IK3/IK4/IK5 read as a 997's")
    func wholeGroupAnd999() throws {
        let whole = try Self.read(Self.interchange("004010", ["997", "AK1*SH*5", "AK9*R*1*1*0*4"]))
        #expect(whole.sets.isEmpty && whole.groupCode == "R")
        #expect(
            whole.groupErrors == [
                "0 of 1 sets accepted",
                "group error 4: group control number in the functional group header and trailer do not agree",
            ])
        let implementation = try Self.read(
            Self.interchange(
                "005010X231A1",
                [
                    "999", "AK1*PR*9*004010", "AK2*855*0003", "IK3*BAK*2**8", "IK4*2*353*7*99", "IK5*R*5",
                    "AK9*R*1*1*0",
                ]))
        #expect(implementation.kind == .implementation999)
        #expect(
            implementation.sets == [
                .init(
                    setID: "855", controlNumber: "0003", code: "R",
                    errors: [
                        "segment BAK at position 2: 8: segment has data element errors",
                        "BAK2 (element 353): 7: invalid code value, read '99'",
                        "set error 5: one or more segments in error",
                    ])
            ])
    }

    @Test("a set that is no acknowledgement, or lacks its AK9, is refused at its segment")
    func refused() throws {
        let document = try X12Document(
            bytes: Self.interchange("004010", ["997", "AK1*IB*12", "AK2*846*0001", "AK5*A"]))
        let context = try #require(document.transactionSets(id: "997").first)
        #expect(throws: X12Error.self) { try X12ReceivedAcknowledgement(set: context, in: document) }
        do {
            _ = try X12ReceivedAcknowledgement(set: context, in: document)
        } catch {
            #expect(error.kind == .mandatorySegmentMissing("AK9"), "\(error)")
        }
    }
}
