import Foundation
import OrderXML
import Testing

@Suite("The libxml2 streaming reader")
struct XMLReaderTests {
    @Test("it streams node kinds, depths, names, namespaces, attributes, text and lines")
    func streaming() throws {
        let text = """
            <?xml version="1.0"?>
            <o:order xmlns:o="urn:o" id="7" o:kind="web">
              <!-- note -->
              <item sku="A&amp;B"><![CDATA[x < y]]></item>
              <empty/>
            </o:order>
            """
        let reader = try XMLReader(bytes: Array(text.utf8))
        var events: [String] = []
        while try reader.read() {
            switch reader.kind {
            case .element:
                let attributes = reader.attributes().map { "\($0.namespaceURI ?? "")|\($0.localName)=\($0.value)" }
                events.append(
                    "start \(reader.depth) \(reader.namespaceURI ?? "-") \(reader.localName) line \(reader.line)"
                        + (attributes.isEmpty ? "" : " " + attributes.joined(separator: ","))
                        + (reader.isEmptyElement ? " empty" : ""))
            case .endElement: events.append("end \(reader.depth) \(reader.localName)")
            case .text: events.append("text \(reader.textValue())")
            case .comment: events.append("comment")
            case .processingInstruction, .documentType, .other: continue
            }
        }
        #expect(
            events == [
                "start 0 urn:o order line 2 |id=7,urn:o|kind=web",
                "comment",
                "start 1 - item line 4 |sku=A&B",
                "text x < y",
                "end 1 item",
                "start 1 - empty line 5 empty",
                "end 0 order",
            ])
    }

    @Test("the reader owns a copy of its input: the caller's buffer can go away before reading")
    func ownsItsInput() throws {
        var bytes: [UInt8]? = Array("<a><b>kept</b></a>".utf8)
        let reader = try XMLReader(bytes: bytes!)
        bytes = nil
        var texts: [String] = []
        while try reader.read() {
            if reader.kind == .text { texts.append(reader.textValue()) }
        }
        #expect(texts == ["kept"])
    }

    @Test("after a failure every further read throws the same error")
    func stickyFailure() throws {
        let reader = try XMLReader(bytes: Array("<a><b></a>".utf8))
        var first: OrderXMLError?
        do {
            while try reader.read() {}
        } catch {
            first = error
        }
        let error = try #require(first)
        #expect(error.kind == .malformed("Opening and ending tag mismatch: b line 1 and a"))
        #expect(error.line == 1)
        #expect(error.column == 11)
        #expect(throws: error) { _ = try reader.read() }
    }

    @Test("skipSubtree leaves the reader after the element's end")
    func skip() throws {
        let reader = try XMLReader(bytes: Array("<r><skip><x><y/></x></skip><next/></r>".utf8))
        var names: [String] = []
        while try reader.read() {
            guard reader.kind == .element else { continue }
            names.append(reader.localName)
            if reader.localName == "skip" { try reader.skipSubtree() }
        }
        #expect(names == ["r", "skip", "next"])
    }

    @Test("the doctype's system identifier is read, the DTD it names is never loaded")
    func doctype() throws {
        let reader = try XMLReader(
            bytes: Array(
                "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd\"><cXML/>".utf8))
        while try reader.read() {}
        #expect(reader.doctypeSystemID == "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd")
    }
}
