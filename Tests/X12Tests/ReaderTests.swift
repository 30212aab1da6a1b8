import Foundation
import Testing
import X12

@Suite("Reading interchanges")
struct ReaderTests {
    struct DelimiterCase: CustomStringConvertible, Sendable {
        var element: String
        var component: String
        var segment: String
        var lineBreak: String
        var description: String { "elem \(element.utf8.first ?? 0) comp \(component.utf8.first ?? 0) seg \(segment.utf8.first ?? 0) + \(lineBreak.utf8.count)" }
    }

    static let delimiterCases: [DelimiterCase] = [
        .init(element: "*", component: ">", segment: "~", lineBreak: ""),
        .init(element: "*", component: ":", segment: "~", lineBreak: "\n"),
        .init(element: "*", component: ":", segment: "~", lineBreak: "\r\n"),
        .init(element: "|", component: "^", segment: "~", lineBreak: "\r\n"),
        .init(element: "\u{7F}", component: ":", segment: "\u{15}", lineBreak: ""),
        .init(element: "~", component: ":", segment: "\n", lineBreak: ""),
        .init(element: "*", component: "{", segment: "\u{15}", lineBreak: "\r\n"),
        .init(element: "*", component: "}", segment: "'", lineBreak: ""),
        .init(element: "*", component: "@", segment: "\n", lineBreak: ""),
        .init(element: "*", component: "+", segment: "~", lineBreak: "\n"),
        .init(element: "*", component: "`", segment: "~", lineBreak: "\n"),
    ]

    @Test("delimiters come from the ISA, whatever bytes they are", arguments: delimiterCases)
    func delimiters(_ sample: DelimiterCase) throws {
        let text = Sample.purchaseOrder(
            element: sample.element, component: sample.component, segment: sample.segment, lineBreak: sample.lineBreak)
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.isEmpty, "\(document.envelopeErrors)")
        #expect(document.interchanges.count == 1)
        let delimiters = try #require(document.interchanges.first?.delimiters)
        #expect(delimiters.element == sample.element.utf8.first)
        #expect(delimiters.component == sample.component.utf8.first)
        #expect(delimiters.segment == sample.segment.utf8.first)
        let set = try #require(document.transactionSets.first)
        #expect(set.set.id == "850")
        #expect(document.segment(set.set.segments.lowerBound + 2)[7] == "HP-10001")
        #expect(X12Validator().validate(document).errors.isEmpty)
    }

    @Test("a BOM, leading whitespace and trailing blank lines and 0x1A are tolerated")
    func padding() throws {
        let text = "\u{FEFF}  \r\n" + Sample.purchaseOrder(lineBreak: "\n") + "\n\n \u{1A}"
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.isEmpty)
        #expect(document.transactionSets.count == 1)
    }

    @Test("several interchanges in one file each keep their own delimiters")
    func mailbag() throws {
        let text = Sample.purchaseOrder(lineBreak: "\n")
            + Sample.purchaseOrder(element: "|", component: "^", segment: "\u{15}", lineBreak: "\r\n", controlNumber: "000000906")
            + Sample.purchaseOrder(element: "*", component: ":", segment: "~", repetition: "^", version: "00501", controlNumber: "000000907")
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.envelopeErrors.isEmpty, "\(document.envelopeErrors)")
        #expect(document.interchanges.map(\.header.controlNumber) == ["000000905", "000000906", "000000907"])
        #expect(document.interchanges[1].delimiters.element == UInt8(ascii: "|"))
        #expect(document.interchanges[2].delimiters.repetition == UInt8(ascii: "^"))
        #expect(document.interchanges[0].delimiters.repetition == nil)
    }

    @Test("the repetition separator exists from ISA12 00402 on and splits elements")
    func repetition() throws {
        var text = Sample.purchaseOrder(repetition: "^", version: "00501")
        text = text.replacingOccurrences(of: "CTT*1~", with: "CTT*1~")
        let document = try X12Document(bytes: Array(text.utf8))
        #expect(document.interchanges[0].delimiters.repetition == UInt8(ascii: "^"))
        let older = try X12Document(bytes: Array(Sample.purchaseOrder(repetition: "^", version: "00401").utf8))
        #expect(older.interchanges[0].delimiters.repetition == nil)
        let segmentText = "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261124*1000*^*00501*000000001*0*P*:~GS*FA*A*B*20261124*1000*1*X*005010~ST*997*0001~AK1*PO*1^2~AK9*A*1*1*1~SE*4*0001~GE*1*1~IEA*1*000000001~"
        let repeated = try X12Document(bytes: Array(segmentText.utf8))
        let ak1 = repeated.segment(3)
        #expect(ak1.element(2)?.repetitionRanges.count == 2)
        let report = X12Validator().validate(repeated)
        #expect(report.errors.map(\.kind) == [.tooManyRepetitions])
    }

    @Test("empty trailing elements are kept as empty, absent ones are nil")
    func emptyElements() throws {
        let text = Sample.purchaseOrder().replacingOccurrences(of: "CTT*1~", with: "CTT*1**~")
        let document = try X12Document(bytes: Array(text.utf8))
        let ctt = try #require((0..<document.segmentCount).map { document.segment($0) }.first { $0.hasID("CTT") })
        #expect(ctt.elementCount == 3)
        #expect(ctt.element(3)?.isEmpty == true)
        #expect(ctt[3] == nil)
        #expect(ctt.element(4) == nil)
    }

    static let notInterchanges: [(String, X12Error.NotAnInterchangeReason)] = [
        ("", .empty),
        ("   \n", .empty),
        ("Dear supplier, please find our order attached.", .noISA),
        ("\u{0}\u{1}\u{2}\u{3}binary", .noISA),
        ("ISA*00*   *00*", .shortISA),
        ("ISA 00 is not X12", .badElementSeparator),
        ("ISA*00*          *00*          *ZZ*A              *ZZ*B              *261124*1000*U*00401*000000001*0*P*~~", .clashingDelimiters),
    ]

    @Test("input that cannot be an interchange throws a clear error", arguments: notInterchanges)
    func notAnInterchange(_ text: String, _ reason: X12Error.NotAnInterchangeReason) {
        do {
            _ = try X12Document(bytes: Array(text.utf8))
            Issue.record("read as an interchange")
        } catch {
            #expect(error.kind == .notAnInterchange(reason))
            #expect(error.level == .input)
        }
    }

    @Test("a truncated interchange is an error at every cut, never a crash")
    func truncation() throws {
        let bytes = Array(Sample.purchaseOrder(lineBreak: "\n").utf8)
        for length in 0..<(bytes.count - 1) {
            let cut = Array(bytes[0..<length])
            do {
                let document = try X12Document(bytes: cut)
                let report = X12Validator().validate(document)
                #expect(!report.errors.isEmpty, "cut at \(length) read as clean")
                _ = X12Acknowledgement(document: document, report: report, timestamp: .init(date: "20261125", time: "1200"))
                    .reply(to: 0, kind: .functional997)
            } catch {
                #expect(error.level == .input)
            }
        }
    }
}

