import Testing
import X12

@Suite("Free text we compose")
struct FreeTextTests {
    @Test("delimiters in free text are replaced so the writer can send it, and the result re-reads")
    func delimitersAreReplaced() throws {
        let delimiters = X12Delimiters(
            element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), segment: UInt8(ascii: "~"),
            repetition: UInt8(ascii: "^"))
        let segment = X12OutgoingSegment("MSG", "IR line 1: no stock*at EWR1~ORD1^DFW1")
        let clean = segment.replacingDelimiters(delimiters)
        #expect(clean.elements == [[["IR line 1  no stock at EWR1 ORD1 DFW1"]]])
        #expect(
            X12OutgoingSegment("REF", "CO", "123").replacingDelimiters(delimiters)
                == X12OutgoingSegment("REF", "CO", "123"))
    }

    @Test("only the elements named are cleaned; a segment with nothing there to clean gives nil, copying nothing")
    func positions() {
        let segment = X12OutgoingSegment("N1", "ST", "ACME*WEST", "92", "A*1")
        let clean = segment.replacingDelimiters(.standard, inElements: [2])
        #expect(clean?.elements == [[["ST"]], [["ACME WEST"]], [["92"]], [["A*1"]]])
        #expect(X12OutgoingSegment("N1", "ST", "ACME").replacingDelimiters(.standard, inElements: [2]) == nil)
        #expect(segment.replacingDelimiters(.standard, inElements: [1, 3]) == nil)
        let nested = X12OutgoingSegment("N1", elements: [[["ST"]], [["A:B", "C"]]])
        #expect(nested.replacingDelimiters(.standard, inElements: [2])?.elements == [[["ST"]], [["A B", "C"]]])
    }

    @Test("a segment of simple values is the same segment as its elements written out, and is written the same")
    func simpleAndNested() throws {
        let simple = X12OutgoingSegment("REF", "CO", nil, "123", nil)
        let nested = X12OutgoingSegment("REF", elements: [[["CO"]], [[""]], [["123"]], [[""]]])
        #expect(simple.elements == nested.elements)
        #expect(simple == nested)
        #expect(simple == X12OutgoingSegment("REF", "CO", "", "123", ""))
        #expect(simple != X12OutgoingSegment("REF", "CO", nil, "124", nil))
        #expect(simple != X12OutgoingSegment("REF", "CO", nil, "123"), "one element fewer")
        #expect(Set([simple, nested]).count == 1)
        let writer = X12Writer(lineBreak: [])
        var fromSimple: [UInt8] = []
        var fromNested: [UInt8] = []
        try writer.append(simple, to: &fromSimple)
        try writer.append(nested, to: &fromNested)
        #expect(fromSimple == Array("REF*CO**123~".utf8))
        #expect(fromNested == fromSimple)
        var refused: [UInt8] = []
        #expect(throws: X12Error.self) { try writer.append(X12OutgoingSegment("REF", "CO", "1*2"), to: &refused) }
    }
}
