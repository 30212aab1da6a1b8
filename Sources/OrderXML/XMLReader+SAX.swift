internal import CLibXML2

/// The SAX2 callbacks behind `XMLReader`: each turns what the parser reports into a queued `Event`. They run inside
/// `xmlParseChunk`, on the reader's thread; libxml2's pointers are read here and never kept, except names it
/// interned in its dictionary (see `internedNames`).
extension XMLReader {
    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { user, localName, _, uri, _, _, count, _, attributes in
            XMLReader.from(user)?.startElement(localName, uri, count: Int(count), attributes)
        }
        handler.endElementNs = { user, localName, _, _ in XMLReader.from(user)?.endElement(localName) }
        handler.characters = { user, text, length in XMLReader.from(user)?.characters(text, Int(length)) }
        handler.cdataBlock = { user, text, length in XMLReader.from(user)?.characters(text, Int(length)) }
        handler.comment = { user, text in XMLReader.from(user)?.comment(text) }
        handler.processingInstruction = { user, target, _ in XMLReader.from(user)?.processingInstruction(target) }
        handler.internalSubset = { user, _, _, systemID in XMLReader.from(user)?.doctype(systemID) }
        // Entities are refused where they are declared or referenced: nothing is expanded, loaded or resolved.
        handler.entityDecl = { user, _, _, _, _, _ in XMLReader.from(user)?.refuse(.entityDeclaration) }
        handler.unparsedEntityDecl = { user, _, _, _, _ in XMLReader.from(user)?.refuse(.entityDeclaration) }
        handler.reference = { user, _ in XMLReader.from(user)?.refuse(.entityReference) }
        handler.serror = { user, error in
            guard let error else { return }
            XMLReader.from(user)?.record(error.pointee)
        }
        return handler
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> XMLReader? {
        user.map { Unmanaged<XMLReader>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The line the parser has reached.
    private var parserLine: Int { Int(context?.pointee.input?.pointee.line ?? 0) }

    private func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let depth = openElements
        openElements += 1
        if depth + 1 > limits.maxDepth { return refuse(.limitExceeded(.depth)) }
        var event = Event(
            kind: .element, depth: depth, line: parserLine, name: interned(localName) ?? "",
            namespaceURI: interned(uri))
        if count > 0, let attributes {
            event.attributes.reserveCapacity(count)
            // Five pointers an attribute: local name, prefix, URI, value start, value end (not terminated).
            for index in 0..<count {
                let fields = attributes + 5 * index
                guard let start = fields[3], let end = fields[4] else { continue }
                let length = end - start
                if length > limits.maxAttributeBytes { return refuse(.limitExceeded(.attributeLength)) }
                var value = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
                // Without entity substitution libxml2 hands an escaped '&' (`&amp;`, `&#38;`) on as "&#38;", for a
                // tree builder to decode; no other '&' can be in a value (entities are refused).
                if UnsafeBufferPointer(start: start, count: length).contains(0x26) {
                    value = value.replacing("&#38;", with: "&")
                }
                event.attributes.append(
                    XMLAttribute(localName: interned(fields[0]) ?? "", namespaceURI: interned(fields[2]), value: value))
            }
        }
        events.append(event)
    }

    private func endElement(_ localName: UnsafePointer<xmlChar>?) {
        openElements -= 1
        // `<a/>` ends right after it starts, and the parser stands just past its "/>": one empty element, no end.
        if let last = events.indices.last, events[last].kind == .element, events[last].failure == nil,
            events[last].depth == openElements, let input = context?.pointee.input?.pointee,
            let cursor = input.cur, let base = input.base, cursor - base >= 2, cursor[-2] == 0x2F, cursor[-1] == 0x3E
        {
            events[last].isEmptyElement = true
            return
        }
        events.append(Event(kind: .endElement, depth: openElements, line: parserLine, name: interned(localName) ?? ""))
    }

    /// Text arrives in pieces (long runs, CDATA, references to the predefined entities): adjacent pieces are one node.
    private func characters(_ text: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let text, length > 0 else { return }
        let piece = UnsafeBufferPointer(start: text, count: length)
        var blank = true
        for byte in piece where !byte.isXMLWhitespace {
            blank = false
            break
        }
        if let last = events.indices.last, events[last].kind == .text, events[last].failure == nil {
            if events[last].text.utf8.count + length > limits.maxTextBytes {
                return refuse(.limitExceeded(.textLength))
            }
            events[last].text += String(decoding: piece, as: UTF8.self)
            return
        }
        // Whitespace that starts no text is layout between elements (without a tree, libxml2 cannot tell it from
        // content, so NOBLANKS does not drop it here): no node, as every value is trimmed anyway.
        if blank { return }
        if length > limits.maxTextBytes { return refuse(.limitExceeded(.textLength)) }
        events.append(
            Event(kind: .text, depth: openElements, line: parserLine, text: String(decoding: piece, as: UTF8.self)))
    }

    private func comment(_ text: UnsafePointer<xmlChar>?) {
        events.append(
            Event(
                kind: .comment, depth: openElements, line: parserLine,
                text: text.map { String(cString: $0) } ?? ""))
    }

    private func processingInstruction(_ target: UnsafePointer<xmlChar>?) {
        events.append(
            Event(
                kind: .processingInstruction, depth: openElements, line: parserLine,
                name: target.map { String(cString: $0) } ?? ""))
    }

    private func doctype(_ systemID: UnsafePointer<xmlChar>?) {
        events.append(
            Event(
                kind: .documentType, depth: 0, line: parserLine, text: systemID.map { String(cString: $0) } ?? ""))
    }

    /// Queues the refusal where it happened and stops the parser: nothing after it is read.
    private func refuse(_ kind: OrderXMLError.Kind) {
        guard !stopped else { return }
        stopped = true
        var event = Event(kind: .other, depth: openElements, line: parserLine)
        event.failure = .refused(OrderXMLError(kind, line: parserLine))
        events.append(event)
        if let context { xmlStopParser(context) }
    }

    private func record(_ error: xmlError) {
        guard diagnostics.count < 16 else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last?.isNewline == true || message.last == " " { message.removeLast() }
        let isError = error.level.rawValue >= XML_ERR_ERROR.rawValue
        diagnostics.append(
            Diagnostic(
                message: message, line: Int(error.line), column: Int(error.int2), code: Int32(error.code),
                isError: isError))
        guard isError, !stopped else { return }
        var event = Event(kind: .other, depth: openElements, line: Int(error.line))
        event.failure = .parser(diagnostics.count - 1)
        events.append(event)
    }

    private func interned(_ name: UnsafePointer<xmlChar>?) -> String? {
        guard let name else { return nil }
        // A direct-mapped cache: a slot holds the last name whose address maps to it. Two names sharing a slot cost
        // a conversion, never a wrong name, and a hostile document inventing names cannot make it grow.
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: name) >> 3) & (XMLReader.internedSlots - 1)
        if internedNames[slot].address == name { return internedNames[slot].name }
        let text = String(cString: name)
        internedNames[slot] = (name, text)
        return text
    }
}
