import Testing

@testable import X12

@Suite("A set's body written straight into bytes")
struct WrittenBodyTests {
    static let delimiters = X12Delimiters(
        element: UInt8(ascii: "*"), component: UInt8(ascii: ">"), segment: UInt8(ascii: "~"),
        repetition: UInt8(ascii: "^"))

    /// `segments` written the way an interchange writes a set's body: by `X12Writer.append`, one segment value each.
    static func appended(_ segments: [X12OutgoingSegment], lineBreak: [UInt8]) throws -> [UInt8] {
        let writer = X12Writer(delimiters: delimiters, lineBreak: lineBreak)
        var bytes: [UInt8] = []
        for segment in segments { try writer.append(segment, to: &bytes) }
        return bytes
    }

    @Test("empty elements inside a segment are kept, trailing ones dropped, as the segment writer does")
    func emptyElements() throws {
        var body = X12WrittenBody(delimiters: Self.delimiters, lineBreak: [0x0A])
        body.begin("TD1", freeText: nil)
        for value in ["CTN25", "2", nil, "", nil, "G", "12.5", "LB", nil, ""] { body.element(value) }
        body.end()
        body.begin("CTT", freeText: nil)
        body.element("3")
        body.element(nil)
        body.end()
        let written = try body.finished()
        #expect(String(decoding: written.bytes, as: UTF8.self) == "TD1*CTN25*2****G*12.5*LB~\nCTT*3~\n")
        #expect(written.segmentCount == 2)
        let same = try Self.appended(
            [
                X12OutgoingSegment("TD1", "CTN25", "2", nil, "", nil, "G", "12.5", "LB", nil, ""),
                X12OutgoingSegment("CTT", "3", nil),
            ], lineBreak: [0x0A])
        #expect(written.bytes == same)
    }

    @Test("free text has the delimiters made spaces; a code holding one is refused where it would start")
    func delimiters() throws {
        var body = X12WrittenBody(delimiters: Self.delimiters, lineBreak: [])
        body.begin("N1", freeText: [2])
        body.element("ST")
        body.element("Jane*Doe~ > ^ & Co")
        body.end()
        #expect(String(decoding: try body.finished().bytes, as: UTF8.self) == "N1*ST*Jane Doe      & Co~")
        body.begin("REF", freeText: nil)
        body.element("CN")
        body.element("1Z*99")
        body.end()
        #expect(throws: X12Error(.invalidCharacter, at: 32)) { try body.finished() }
    }

    @Test("an element written in place (a number's digits) is written as a value; nothing written is an empty one")
    func writtenInPlace() throws {
        var body = X12WrittenBody(delimiters: Self.delimiters, lineBreak: [0x0D, 0x0A])
        body.begin("SN1", freeText: nil)
        body.element(nil)
        body.element { $0 += Array("12".utf8) }
        body.element("EA")
        body.element { _ in }
        body.element { $0 += Array("12".utf8) }
        body.element { _ in }
        body.end()
        #expect(String(decoding: try body.finished().bytes, as: UTF8.self) == "SN1**12*EA**12~\r\n")
        body.begin("MEA", freeText: nil)
        body.element { $0 += Array("1*5".utf8) }
        body.end()
        #expect(throws: X12Error.self) { try body.finished() }
    }

    @Test("a set written already goes into the interchange as it is, SE counting its segments")
    func inInterchange() throws {
        var body = X12WrittenBody(delimiters: Self.delimiters, lineBreak: [0x0A])
        body.begin("BSN", freeText: nil)
        body.element("00")
        body.end()
        body.begin("CTT", freeText: nil)
        body.element("0")
        body.end()
        let written = X12OutgoingSet(id: "856", controlNumber: "0001", written: try body.finished())
        let values = X12OutgoingSet(
            id: "856", controlNumber: "0001", body: [X12OutgoingSegment("BSN", "00"), X12OutgoingSegment("CTT", "0")])
        func interchange(_ set: X12OutgoingSet) -> X12OutgoingInterchange {
            X12OutgoingInterchange(
                header: ISAHeader(
                    senderQualifier: "ZZ", senderID: "US", receiverQualifier: "ZZ", receiverID: "THEM", date: "261124",
                    time: "1100", version: "00401", controlNumber: "000000001", usage: "T"),
                groups: [
                    X12OutgoingGroup(
                        functionalID: "SH", senderCode: "US", receiverCode: "THEM", date: "20261124", time: "1100",
                        controlNumber: "1", version: "004010", sets: [set])
                ])
        }
        let writer = X12Writer(delimiters: Self.delimiters, lineBreak: [0x0A])
        let bytes = try writer.write(interchange(written))
        #expect(bytes == (try writer.write(interchange(values))))
        #expect(String(decoding: bytes, as: UTF8.self).contains("SE*4*0001~"))
    }
}
