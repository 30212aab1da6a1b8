import Foundation
import OrderXML
import Testing

@Suite("the cXML Response to a posted document")
struct CXMLResponseTests {
    let cXMLDTD = "friendsofcxml-cxmlphp_1.2.050-cxml.dtd"
    let eastern = TimeZone(identifier: "America/New_York")!
    let at = Date(timeIntervalSince1970: 1_795_532_400)  // 2026-11-24T10:00:00-05:00

    @Test("200 OK for a document taken: valid against the cXML DTD, no Header, our payload ID and time")
    func accepted() throws {
        let xml = CXMLWriter().makeResponse(.ok, payloadID: "1795532400.7@dropgate", timestamp: at, timeZone: eastern)
        #expect(try validate(xml, dtd: cXMLDTD) == "")
        #expect(xml.contains(#"<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd">"#))
        #expect(xml.contains(#"payloadID="1795532400.7@dropgate""#))
        #expect(xml.contains(#"timestamp="2026-11-24T10:00:00-05:00""#))
        #expect(xml.contains(#"<Status code="200" text="OK"/>"#))
        #expect(!xml.contains("<Header>"))
    }

    @Test("400 Bad Request for a document not taken, its problems escaped in the Status content")
    func rejected() throws {
        let problems = ["line 3: <ItemOut> lacks quantity", "the total & the lines disagree"]
        let xml = CXMLWriter().makeResponse(
            .badRequest(problems), payloadID: "1795532400.8@dropgate", timestamp: at, timeZone: eastern)
        #expect(try validate(xml, dtd: cXMLDTD) == "")
        #expect(xml.contains(#"<Status code="400" text="Bad Request">"#))
        #expect(xml.contains("line 3: &lt;ItemOut&gt; lacks quantity\nthe total &amp; the lines disagree</Status>"))
    }
}
