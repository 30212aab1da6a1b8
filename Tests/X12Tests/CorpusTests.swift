import Foundation
import TestSupport
import Testing

@testable import X12

/// Every file in ../shared/corpus/x12 with the codes we expect from it. Files SOURCES.md calls valid expect no
/// envelope error; where our stricter checks find a real fault the standard names (a duplicate ST02, a six-digit
/// GS04 in a 004010 group, a PO1 qualifier in the basis-of-price slot) the code is listed and explained.
@Suite("The shared corpus")
struct CorpusTests {
    static let expected: [String: Set<String>] = [
        // Known broken, as SOURCES.md says.
        "kputnam-stupidedi_004010-fa997-pass-1.edi": ["TA1-024", "TA1-006"],  // ISA 103 bytes, ISA06 12 wide
        "kputnam-stupidedi_004010-pr855-fail-2.edi": [
            "TA1-024", "TA1-011", "TA1-013", "TA1-006", "TA1-008", "TA1-015", "AK403-5",
        ],
        // SE01 25, counted 22; the N1 that swallowed N3/N4/HL (mixed terminators) also fails element checks.
        "kputnam-stupidedi_004010-sh856-fail-2.edi": ["AK502-4", "AK403-5", "AK403-3", "AK403-6", "AK304-7"],
        "gtlogistics-edix12_no-matching-segment-count.edi": ["AK502-4"],  // SE01 3, counted 2
        "imsweb-x12parser_x12_999_accepted.txt": ["TA1-001", "AK905-1"],  // IEA02 ≠ ISA13; GS05 102497 has 97 s
        // ISA 107 bytes, wrapped; GS08 is "004\n010", a version no release is placed for: envelope checks only.
        "botsedi-plugins_850-004010-08.x12": ["TA1-024", "TA1-015", "AK304-1"],
        "xlate-staedi_empty997.edi": ["AK304-3"],  // AK1 and AK9 missing
        "xlate-staedi_invalid997.edi": ["AK403-7", "AK403-6"],  // bad code, non-numeric
        "xlate-staedi_extradelimiter997.edi": ["AK403-12"],  // repetition in simple elements
        // Valid per SOURCES.md, but the standard finds a fault.
        "botsedi-plugins_850-004010-01.x12": ["AK905-1"],  // GS04 971107: six digits in a 004010 group
        "botsedi-plugins_850-004010-02.x12": ["AK905-1", "AK905-19", "AK502-7"],  // YYMMDD GS04, GS06 and ST02 repeat
        "aaronhuggins-nodex12_856.edi": ["AK403-12"],  // ISA11 is '-', and REF02/N403 hold '-' as data
        "kputnam-stupidedi_004010-in810-pass-1.edi": ["AK403-2"],  // IT102 and IT104 without IT103 (P020304)
        "ballerina-edi_x12-sender.edi": ["AK403-5", "AK403-2"],  // PO105 holds BP, PO106 the SKU, PO107 absent
        "botsedi-plugins_850-004010-05.x12": ["AK403-2"],  // DTM05 holds a 003xxx century (19), P0506 wants DTM06
    ]

    @Test("the corpus is present beside the repository")
    func present() {
        #expect(Corpus.isPresent, "expected ../shared/corpus/x12 next to the package root (\(Corpus.directory.path))")
        #expect(Corpus.files.count >= 40)
    }

    @Test("every corpus file reads and reports exactly the expected codes", arguments: Corpus.files)
    func validate(_ name: String) throws {
        let document = try X12Document(bytes: try Corpus.bytes(name))
        let report = X12Validator().validate(document)
        let codes = Set(report.errors.map(\.code))
        #expect(codes == (Self.expected[name] ?? []), "\(name): \(report.errors.map(\.debugDescription))")
    }

    @Test("every corpus file round-trips through the writer with the same segments", arguments: Corpus.files)
    func roundTrip(_ name: String) throws {
        let document = try X12Document(bytes: try Corpus.bytes(name))
        for index in document.interchanges.indices {
            let interchange = document.interchanges[index]
            let outgoing = document.outgoing(interchange: index)
            var delimiters = interchange.delimiters
            if outgoing.header.version < "00402" { delimiters.repetition = nil }
            let interchangeRejected =
                Self.expected[name]?.contains { $0.hasPrefix("TA1-0") && $0 != "TA1-001" } ?? false
            guard !interchangeRejected else {
                // An ISA that is not fixed width is padded when too narrow and refused when too wide.
                if let bytes = try? X12Writer(delimiters: delimiters).write(outgoing) {
                    let reread = try X12Document(bytes: bytes)
                    #expect(!reread.envelopeErrors.contains { if case .isaLength = $0.kind { true } else { false } })
                } else {
                    #expect(interchange.header.time.count > 4 || interchange.header.senderID.count > 15)
                }
                continue
            }
            let bytes = try X12Writer(delimiters: delimiters, lineBreak: [0x0A]).write(outgoing)
            let reread = try X12Document(bytes: bytes)
            let original = interchange.segments.map { document.segment($0) }
            let copied = reread.interchanges[0].segments.map { reread.segment($0) }
            // Counts and trailers are recomputed, so a file with a wrong count comes back corrected.
            let broken = Self.expected[name].map { !$0.isEmpty } ?? false
            if !broken {
                #expect(original.count == copied.count, "\(name)")
                for (before, after) in zip(original.dropFirst(), copied.dropFirst()) {
                    var expected = before.elementTexts.map { $0.trimmingTrailingSpaces }
                    // Counts are written without leading zeros (SE01 `0000000031` comes back as `31`).
                    if ["SE", "GE", "IEA"].contains(before.id), let count = Int(expected[0]) {
                        expected[0] = String(count)
                    }
                    #expect(expected == after.elementTexts, "\(name) \(before.id)")
                }
                #expect(reread.envelopeErrors.isEmpty, "\(name): \(reread.envelopeErrors)")
            }
            #expect(reread.interchanges[0].header == interchange.header || broken)
        }
    }

    @Test("every corpus file gets a 997 and a 999 that read back as valid", arguments: Corpus.files)
    func acknowledge(_ name: String) throws {
        let document = try X12Document(bytes: try Corpus.bytes(name))
        let report = X12Validator().validate(document)
        var counter = X12ControlNumberCounter()
        for kind in X12Acknowledgement.Kind.allCases {
            for index in document.interchanges.indices {
                var reply = X12Acknowledgement(
                    document: document, report: report, timestamp: .init(date: "20261125", time: "1200")
                ).reply(to: index, kind: kind)
                reply.assignControlNumbers(from: &counter)
                let bytes = try X12Writer(delimiters: .standard).write(reply)
                let answer = try X12Document(bytes: bytes)
                let answerReport = X12Validator().validate(answer)
                #expect(answerReport.errors.isEmpty, "\(name) \(kind): \(answerReport.errors.map(\.debugDescription))")
                let inbound = document.interchanges[index].header
                #expect(answer.interchanges[0].header.receiverID == inbound.senderID)
                #expect(answer.interchanges[0].header.senderID == inbound.receiverID)
            }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
