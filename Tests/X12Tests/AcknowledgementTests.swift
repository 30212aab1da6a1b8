import Foundation
import Testing
import X12

@Suite("Acknowledgements")
struct AcknowledgementTests {
    let timestamp = X12Acknowledgement.Timestamp(date: "20261125", time: "1200")

    func reply(_ text: String, _ kind: X12Acknowledgement.Kind) throws -> String {
        let document = try X12Document(bytes: Array(text.utf8))
        let report = X12Validator().validate(document)
        var reply = X12Acknowledgement(document: document, report: report, timestamp: timestamp).reply(to: 0, kind: kind)
        var counter = X12ControlNumberCounter(interchange: 42)
        reply.assignControlNumbers(from: &counter)
        return String(decoding: try X12Writer(delimiters: .standard, lineBreak: []).write(reply), as: UTF8.self)
    }

    @Test("a clean 850 gets AK5 A and AK9 A in its own version, IDs swapped")
    func accepted() throws {
        let text = try reply(Sample.purchaseOrder(), .functional997)
        #expect(text.contains("*ZZ*HARBORPINE     *ZZ*WALMART        *"))
        #expect(text.contains("GS*FA*HARBORPINE*925485US00*20261125*1200*1*X*004010~"))
        #expect(text.contains("AK1*PO*7~AK2*850*0001~AK5*A~AK9*A*1*1*1~"))
        #expect(text.contains("*000000042*"))
    }

    @Test("a bad element value gives AK3/AK4 and AK5 E")
    func elementError() throws {
        let bad = Sample.purchaseOrder().replacingOccurrences(of: "PO1*1*2*EA*12.5", with: "PO1*1*X*EA*12.5")
        let text = try reply(bad, .functional997)
        #expect(text.contains("AK3*PO1*3**8~AK4*2**6~AK5*E*5~AK9*E*1*1*1~"), "\(text)")
        let text999 = try reply(bad, .implementation999)
        #expect(text999.contains("IK3*PO1*3**8~IK4*2**6~IK5*E*5~"), "\(text999)")
        #expect(text999.contains("ST*999*0001*005010X231A1~"))
    }

    @Test("a segment count mismatch rejects the set with AK502 4")
    func countMismatch() throws {
        let bad = Sample.purchaseOrder().replacingOccurrences(of: "SE*5*0001~", with: "SE*6*0001~")
        let text = try reply(bad, .functional997)
        #expect(text.contains("AK5*R*4~AK9*R*1*1*0~"), "\(text)")
    }

    @Test("a missing mandatory segment is AK304 3")
    func missingSegment() throws {
        let bad = Sample.purchaseOrder().replacingOccurrences(of: "BEG*00*DS*PO1001**20261124~", with: "")
            .replacingOccurrences(of: "SE*5*0001~", with: "SE*4*0001~")
        let text = try reply(bad, .functional997)
        #expect(text.contains("AK3*PO1*2**3~"), "\(text)")
        #expect(text.contains("AK5*R*5~"))
    }

    @Test("an unreadable segment ID is answered with a valid AK301 and code 1")
    func badSegmentID() throws {
        let bad = Sample.purchaseOrder().replacingOccurrences(of: "CTT*1~", with: "c-t*1~")
        let text = try reply(bad, .functional997)
        #expect(text.contains("AK3*CT*4**1~"), "\(text)")
        let answer = try X12Document(bytes: Array(text.utf8))
        #expect(X12Validator().validate(answer).errors.isEmpty)
    }

    @Test("an interchange control mismatch is answered with a TA1 R 001 and no 997")
    func ta1() throws {
        let bad = Sample.purchaseOrder().replacingOccurrences(of: "IEA*1*000000905~", with: "IEA*1*000000906~")
        let text = try reply(bad, .functional997)
        #expect(text.contains("TA1*000000905*261124*1000*R*001~IEA*0*000000042~"), "\(text)")
        #expect(!text.contains("ST*997"))
    }
}
