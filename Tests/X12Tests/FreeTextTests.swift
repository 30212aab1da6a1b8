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
        #expect(X12OutgoingSegment("REF", "CO", "123").replacingDelimiters(delimiters) == X12OutgoingSegment("REF", "CO", "123"))
    }
}
