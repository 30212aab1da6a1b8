import Foundation
import OrderXML
import Orders
import Testing

/// Hostile input: every document here arrives from outside and must be refused with a clear error, without
/// reading anything from disk or network and without unbounded memory.
@Suite("Hostile XML is refused")
struct SafetyTests {
    let decoder = OrderXMLDecoder()

    @Test("an external entity (XXE) is refused and the file it names is never read")
    func externalEntity() throws {
        let hostname = try String(contentsOfFile: "/etc/hostname", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE cXML [<!ENTITY e SYSTEM "file:///etc/hostname">]>
            <cXML payloadID="x"><Request><OrderRequest><OrderRequestHeader orderID="&e;"/></OrderRequest></Request></cXML>
            """
        let results = decoder.decode(Array(document.utf8))
        #expect(results.count == 1)
        let error = try decoder.failure(document)
        // libxml2 may meet the reference in the attribute before the reader hands out the doctype: either way, refused.
        #expect(error.kind == .entityDeclaration || error.kind == .entityReference)
        #expect(error.line == 2 || error.line == 3)
        #expect(!error.debugDescription.contains(hostname) || hostname.isEmpty)
    }

    @Test("an external entity in element content is refused without a doctype check too")
    func externalEntityInContent() throws {
        let document = """
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>
            """
        let reader = try XMLReader(bytes: Array(document.utf8))
        #expect(throws: OrderXMLError(.entityDeclaration, line: 1)) {
            while try reader.read() {}
        }
    }

    @Test("a billion-laughs document is refused quickly")
    func billionLaughs() throws {
        var document = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            document += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        document += "]>\n<lolz a=\"&lol9;\">&lol9;</lolz>\n"
        let clock = ContinuousClock()
        let start = clock.now
        let error = try decoder.failure(document)
        #expect(clock.now - start < .seconds(2))
        #expect(error.kind == .entityDeclaration || error.kind == .entityReference)
    }

    @Test("an undeclared entity reference is refused, not passed through")
    func undeclaredEntity() throws {
        let error = try decoder.failure("<cXML><Header>&nbsp;</Header></cXML>")
        #expect(error.kind == .entityReference || { if case .malformed = error.kind { true } else { false } }())
        #expect(error.line == 1)
    }

    @Test("a deeply nested document stops at the depth limit", arguments: [65, 10_000])
    func deepNesting(levels: Int) throws {
        let document = String(repeating: "<a>", count: levels) + String(repeating: "</a>", count: levels)
        let error = try decoder.failure(document)
        #expect(
            error.kind == .limitExceeded(.depth)
                || error.kind == .malformed("Excessive depth in document: 256 use XML_PARSE_HUGE option"))
        #expect(error.kind == .limitExceeded(.depth))
    }

    @Test(
        "a truncated document is refused as truncated, with its line",
        arguments: [
            "<cXML payloadID=\"1\"><Request><OrderRequest>",
            "<cXML payloadID=\"1\"><Request>\n<OrderRequest><ItemOut quantity=\"1\"></ItemOut>",
        ])
    func truncated(document: String) throws {
        let error = try decoder.failure(document)
        #expect(error.kind == .truncated)
        #expect(error.line != nil)
        #expect(error.description.contains("line "))
    }

    @Test(
        "a document cut inside a tag is refused with libxml2's message and line",
        arguments: [
            ("<cXML payloadID=\"1\">\n<Request></Request></cXM", "expected '>'"),
            ("<cXML payloadID=\"1\">\n<Request><OrderRequestHeader orderID=\"1\"", "attributes construct error"),
        ])
    func cutInsideTag(document: String, message: String) throws {
        let error = try decoder.failure(document)
        #expect(error.kind == .truncated || error.kind == .malformed(message))
        #expect(error.line == 2)
    }

    @Test("a document cut off right after a complete order still reports the cut")
    func truncatedAfterAnOrder() throws {
        let document = """
            <batch><OrderRequest><OrderRequestHeader orderID="1"/><ItemOut quantity="1"/></OrderRequest>
            <OrderRequest><OrderRequestHeader orderID="2"/>
            """
        let results = decoder.decode(Array(document.utf8))
        #expect(results.count == 2)
        #expect((try? results[0].get())?.poNumber == "1")
        guard case .failure(let error) = results[1] else {
            Issue.record("the cut must be reported")
            return
        }
        #expect(error.kind == .truncated)
    }

    @Test(
        "invalid UTF-8 is refused as an encoding error",
        arguments: [
            [0xC3, 0x28],  // a lead byte followed by a non-continuation byte
            [0xED, 0xA0, 0x80],  // an encoded surrogate
            [0xF8, 0x88, 0x80, 0x80, 0x80],  // a five-byte sequence
            [0xC0, 0xAF],  // an overlong '/'
            [0xFF],
        ] as [[UInt8]])
    func invalidUTF8(bad: [UInt8]) throws {
        let bytes =
            Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cXML><x>".utf8) + bad + Array("</x></cXML>".utf8)
        let error = try decoder.failure(bytes)
        guard case .invalidEncoding = error.kind else {
            Issue.record("expected an encoding error, got \(error)")
            return
        }
        #expect(error.line == 2)
        #expect(!error.description.contains("Bytes:"), "the offending bytes are payload")
    }

    @Test("an unknown declared encoding is refused")
    func unknownEncoding() throws {
        let error = try decoder.failure("<?xml version=\"1.0\" encoding=\"X-NOPE-42\"?><cXML/>")
        guard case .invalidEncoding = error.kind else {
            Issue.record("expected an encoding error, got \(error)")
            return
        }
    }

    @Test("a document larger than the size limit is refused before parsing")
    func documentSize() throws {
        let small = OrderXMLDecoder(limits: XMLReader.Limits(maxDocumentBytes: 100))
        let error = try small.failure(String(repeating: " ", count: 101) + "<a/>")
        #expect(error.kind == .limitExceeded(.documentSize))
    }

    @Test("a file larger than the size limit is refused while streaming")
    func fileSize() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-size-\(UUID()).xml").path
        let body = "<batch>" + String(repeating: "<x>padding padding padding</x>\n", count: 20_000) + "</batch>"
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let limited = OrderXMLDecoder(limits: XMLReader.Limits(maxDocumentBytes: 64 << 10))
        let results = Array(try limited.orders(inFile: path))
        guard case .failure(let error)? = results.last else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == .limitExceeded(.documentSize))
    }

    @Test(
        "an over-long attribute and an over-long text are refused",
        arguments: [
            "<cXML payloadID=\"\(String(repeating: "p", count: 70_000))\"/>",
            "<cXML><Request><OrderRequest><X>\(String(repeating: "t", count: 2_000_000))</X></OrderRequest></Request></cXML>",
        ])
    func longValues(document: String) throws {
        let error = try decoder.failure(document)
        #expect(error.kind == .limitExceeded(.attributeLength) || error.kind == .limitExceeded(.textLength))
    }

    @Test("an order with more elements than the per-order limit is refused")
    func elementCount() throws {
        let limited = OrderXMLDecoder(limits: XMLReader.Limits(maxElementsPerOrder: 50))
        let items = String(repeating: "<ItemOut quantity=\"1\"/>", count: 60)
        let error = try limited.failure("<OrderRequest><OrderRequestHeader orderID=\"1\"/>\(items)</OrderRequest>")
        #expect(error.kind == .limitExceeded(.elementCount))
    }

    @Test("empty input and input that is not XML are refused", arguments: ["", "ISA*00*          *00*", "   \n"])
    func notXML(text: String) throws {
        let error = try decoder.failure(text)
        #expect(error.kind == .empty || { if case .malformed = error.kind { true } else { false } }())
    }

    @Test("the error description carries no document text; debugDescription does")
    func descriptionWithoutPayload() throws {
        let document = """
            <cXML><Request><OrderRequest><OrderRequestHeader orderID="1"/>
            <ItemOut quantity="1"/><ItemOut quantity="1"><ItemDetail><UnitPrice><Money currency="USD">SECRET-12</Money>
            </UnitPrice></ItemDetail></ItemOut></OrderRequest></Request></cXML>
            """
        let error = try decoder.failure(document)
        #expect(error.kind == .invalidValue("not a decimal amount"))
        #expect(error.field == "lines[2].unitPrice")
        #expect(error.elementPath == "/cXML/Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money")
        #expect(error.line == 2)
        #expect(!error.description.contains("SECRET"))
        #expect(error.debugDescription.contains("SECRET-12"))
        #expect(
            error.description
                == "line 2: /cXML/Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money: field lines[2].unitPrice: not a decimal amount"
        )
    }
}
