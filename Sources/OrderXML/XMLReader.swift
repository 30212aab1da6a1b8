internal import CLibXML2

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A streaming pull reader over libxml2's `xmlTextReader`, hardened for documents from outside.
///
/// The only type that touches libxml2: it owns the `xmlTextReaderPtr` (created in `init`, freed in `deinit`) and
/// the input it reads (a private copy of the bytes, or an open file descriptor), so the input always outlives the
/// reader (libxml2 2.9 does not copy a memory buffer). No C pointer leaves this file.
///
/// Safety: parser options are `XML_PARSE_NONET` (plus `NOCDATA` and `COMPACT`, which change no semantics), never
/// `NOENT`, `DTDLOAD`, `DTDATTR` or `HUGE`. A DTD internal subset that declares entities is refused when the
/// doctype is read, any entity reference node is refused, and the limits in `Limits` are checked as nodes arrive.
/// libxml2's own errors are captured with line and column through a structured error handler whose context is
/// this object (no global state).
public final class XMLReader {
    /// Limits for hostile input. Every one is checked while streaming, so memory stays bounded by them.
    public struct Limits: Hashable, Sendable {
        /// Deepest element nesting (the root is depth 1). cXML purchase orders nest about 10 deep.
        public var maxDepth: Int
        /// Most bytes of input consumed before the reader gives up.
        public var maxDocumentBytes: Int
        /// Longest attribute value, in UTF-8 bytes.
        public var maxAttributeBytes: Int
        /// Longest text node, in UTF-8 bytes.
        public var maxTextBytes: Int
        /// Most elements held at once for one order (an order is collected before it is mapped).
        public var maxElementsPerOrder: Int

        public init(
            maxDepth: Int = 64, maxDocumentBytes: Int = 1 << 30, maxAttributeBytes: Int = 64 << 10,
            maxTextBytes: Int = 1 << 20, maxElementsPerOrder: Int = 200_000
        ) {
            self.maxDepth = maxDepth
            self.maxDocumentBytes = maxDocumentBytes
            self.maxAttributeBytes = maxAttributeBytes
            self.maxTextBytes = maxTextBytes
            self.maxElementsPerOrder = maxElementsPerOrder
        }
    }

    /// libxml2's node types that matter here (`xmlReaderTypes`).
    public enum NodeKind: Hashable, Sendable {
        case element, endElement, text, whitespace, comment, processingInstruction, documentType, other
    }

    public let limits: Limits
    private let handle: OpaquePointer
    /// The bytes libxml2 reads from (memory input); freed after the reader.
    private let buffer: UnsafeMutableRawBufferPointer?
    /// The file libxml2 reads from (file input); closed after the reader.
    private let fileDescriptor: Int32?
    /// libxml2 errors reported through the handler since the last `read()`.
    @exclusivity(unchecked) private var diagnostics: [Diagnostic] = []
    @exclusivity(unchecked) private var failure: OrderXMLError?
    @exclusivity(unchecked) private var sawRoot = false
    /// The root element's end was read: after it, "extra content" is extra; before it, the document was cut.
    @exclusivity(unchecked) private var rootClosed = false

    @exclusivity(unchecked) public private(set) var kind: NodeKind = .other
    /// 0 for the root element, as libxml2 counts.
    @exclusivity(unchecked) public private(set) var depth: Int = 0
    /// Element and attribute names and namespace URIs by the address libxml2 interned them at: its strings live in
    /// the reader's dictionary until the reader is freed ("deallocated with the reader", xmlreader.h), so each name
    /// becomes a Swift string once, not per node.
    @exclusivity(unchecked) private var internedNames: [UnsafePointer<xmlChar>: String] = [:]
    /// The `version` from a doctype's system identifier (`…/cXML/1.2.050/cXML.dtd`), once the doctype was read.
    public private(set) var doctypeSystemID: String?

    struct Diagnostic {
        var message: String
        var line: Int
        var column: Int
        var code: Int32
        var isError: Bool
    }

    /// `NOBLANKS` drops whitespace-only text between elements (layout: a pretty-printed order has as many of those
    /// nodes as elements, and every value is trimmed anyway); whitespace inside an otherwise empty element stays.
    private static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_NOBLANKS.rawValue)

    /// Reads from a private copy of `bytes`.
    public init(bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(OrderXMLError) {
        self.limits = limits
        guard bytes.count <= min(limits.maxDocumentBytes, Int(Int32.max)) else {
            throw OrderXMLError(.limitExceeded(.documentSize))
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        _ = storage.initializeMemory(as: UInt8.self, from: bytes)
        let base = storage.baseAddress?.assumingMemoryBound(to: CChar.self)
        cxml_silence_generic_errors()
        guard let reader = xmlReaderForMemory(base, Int32(bytes.count), nil, nil, XMLReader.options) else {
            storage.deallocate()
            throw OrderXMLError(.unreadable("libxml2 could not create a reader"))
        }
        handle = reader
        buffer = storage
        fileDescriptor = nil
        installErrorHandler()
    }

    /// Streams the file at `path` (libxml2 reads it in small chunks, so memory does not grow with its size).
    public init(contentsOfFile path: String, limits: Limits = Limits()) throws(OrderXMLError) {
        self.limits = limits
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OrderXMLError(.unreadable(String(cString: strerror(errno)))) }
        cxml_silence_generic_errors()
        guard let reader = xmlReaderForFd(fd, nil, nil, XMLReader.options) else {
            close(fd)
            throw OrderXMLError(.unreadable("libxml2 could not create a reader"))
        }
        handle = reader
        buffer = nil
        fileDescriptor = fd
        installErrorHandler()
    }

    deinit {
        xmlFreeTextReader(handle)
        buffer?.deallocate()
        if let fileDescriptor { close(fileDescriptor) }
    }

    private func installErrorHandler() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(
            handle,
            { context, error in
                guard let context, let error else { return }
                let reader = Unmanaged<XMLReader>.fromOpaque(context).takeUnretainedValue()
                reader.record(error.pointee)
            }, context)
    }

    private func record(_ error: xmlError) {
        guard diagnostics.count < 16 else { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while message.last?.isNewline == true || message.last == " " { message.removeLast() }
        diagnostics.append(
            Diagnostic(
                message: message, line: Int(error.line), column: Int(error.int2), code: Int32(error.code),
                isError: error.level.rawValue >= XML_ERR_ERROR.rawValue))
    }

    /// Moves to the next node. Returns false at the end of the document; throws on the first problem, and again on
    /// every later call.
    public func read() throws(OrderXMLError) -> Bool {
        if let failure { throw failure }
        let status = xmlTextReaderRead(handle)
        do throws(OrderXMLError) {
            if let error = diagnostics.first(where: \.isError) {
                // A cut inside a tag is first reported as a bad tag; libxml2's later "Premature end" says why.
                var failure = translate(error)
                if diagnostics.contains(where: { $0.isError && $0.message.hasPrefix("Premature end") }) {
                    failure.kind = .truncated
                }
                throw failure
            }
            if status < 0 { throw OrderXMLError(.malformed("libxml2 reader failed")) }
            if status == 0 {
                if !sawRoot { throw OrderXMLError(.empty) }
                return false
            }
            try inspectNode()
            return true
        } catch {
            failure = error
            throw error
        }
    }

    /// Skips the current element's subtree (its end included); the next `read()` goes on after it.
    public func skipSubtree() throws(OrderXMLError) {
        guard kind == .element, !isEmptyElement else { return }
        let start = depth
        while try read() {
            if kind == .endElement && depth == start { return }
        }
        throw OrderXMLError(.truncated)
    }

    private func inspectNode() throws(OrderXMLError) {
        depth = Int(xmlTextReaderDepth(handle))
        let type = xmlTextReaderNodeType(handle)
        switch UInt32(type) {
        case XML_READER_TYPE_ELEMENT.rawValue:
            kind = .element
            sawRoot = true
            if depth == 0 && isEmptyElement { rootClosed = true }
            if depth + 1 > limits.maxDepth { throw OrderXMLError(.limitExceeded(.depth), line: line) }
        case XML_READER_TYPE_END_ELEMENT.rawValue:
            kind = .endElement
            if depth == 0 { rootClosed = true }
        case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue: kind = .text
        case XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue: kind = .whitespace
        case XML_READER_TYPE_COMMENT.rawValue: kind = .comment
        case XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue: kind = .processingInstruction
        case XML_READER_TYPE_DOCUMENT_TYPE.rawValue:
            kind = .documentType
            try inspectDoctype()
        case XML_READER_TYPE_ENTITY_REFERENCE.rawValue, XML_READER_TYPE_ENTITY.rawValue:
            throw OrderXMLError(.entityReference, line: line, value: localName)
        default: kind = .other
        }
        if Int(xmlTextReaderByteConsumed(handle)) > limits.maxDocumentBytes {
            throw OrderXMLError(.limitExceeded(.documentSize), line: line)
        }
    }

    private func inspectDoctype() throws(OrderXMLError) {
        guard let node = xmlTextReaderCurrentNode(handle) else { return }
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self).pointee
        if dtd.entities != nil || dtd.pentities != nil {
            throw OrderXMLError(.entityDeclaration, line: line)
        }
        doctypeSystemID = dtd.SystemID.map { String(cString: $0) }
    }

    private func translate(_ full: Diagnostic) -> OrderXMLError {
        // libxml2 appends the offending bytes on a second line ("Bytes: 0xC3 0x28"): payload, kept for
        // debugDescription only.
        var diagnostic = full
        diagnostic.message = String(full.message.prefix { $0 != "\n" }).trimmingXMLWhitespace()
        let kind: OrderXMLError.Kind
        switch UInt32(diagnostic.code) {
        case XML_ERR_INVALID_CHAR.rawValue, XML_ERR_INVALID_ENCODING.rawValue, XML_ERR_UNSUPPORTED_ENCODING.rawValue,
            XML_ERR_UNKNOWN_ENCODING.rawValue:
            kind = .invalidEncoding(diagnostic.message)
        case XML_ERR_DOCUMENT_EMPTY.rawValue:
            kind = .empty
        case XML_ERR_TAG_NOT_FINISHED.rawValue, XML_ERR_LTSLASH_REQUIRED.rawValue, XML_ERR_GT_REQUIRED.rawValue:
            kind = diagnostic.message.hasPrefix("Premature end") ? .truncated : .malformed(diagnostic.message)
        case XML_ERR_DOCUMENT_END.rawValue where sawRoot && !rootClosed:
            kind = .truncated
        case XML_ERR_UNDECLARED_ENTITY.rawValue, XML_WAR_UNDECLARED_ENTITY.rawValue, XML_ERR_ENTITY_LOOP.rawValue,
            XML_ERR_ENTITY_IS_EXTERNAL.rawValue, XML_ERR_ENTITY_IS_PARAMETER.rawValue, XML_ERR_UNPARSED_ENTITY.rawValue,
            XML_ERR_ENTITY_PE_INTERNAL.rawValue, XML_ERR_ENTITYREF_NO_NAME.rawValue:
            kind = .entityReference
        default:
            kind =
                diagnostic.message.contains("not proper UTF-8")
                ? .invalidEncoding(diagnostic.message) : .malformed(diagnostic.message)
        }
        return OrderXMLError(
            kind, line: diagnostic.line > 0 ? diagnostic.line : nil,
            column: diagnostic.column > 0 ? diagnostic.column : nil,
            value: full.message == diagnostic.message ? nil : full.message)
    }

    // MARK: The current node

    public var localName: String {
        // A namespace declaration's prefix is the one name libxml2 does not intern: it goes with the node.
        if xmlTextReaderIsNamespaceDecl(handle) == 1 {
            return xmlTextReaderConstLocalName(handle).map { String(cString: $0) } ?? ""
        }
        return interned(xmlTextReaderConstLocalName(handle)) ?? ""
    }

    public var namespaceURI: String? { interned(xmlTextReaderConstNamespaceUri(handle)) }

    private func interned(_ name: UnsafePointer<xmlChar>?) -> String? {
        guard let name else { return nil }
        if let known = internedNames[name] { return known }
        let text = String(cString: name)
        // A hostile document can make up names without end: past a few thousand, convert each time.
        if internedNames.count < 4_096 { internedNames[name] = text }
        return text
    }

    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(handle) == 1 }

    /// The text of a text node; checked against `maxTextBytes`.
    public func textValue() throws(OrderXMLError) -> String {
        guard let value = xmlTextReaderConstValue(handle) else { return "" }
        let length = strlen(value)
        if length > limits.maxTextBytes { throw OrderXMLError(.limitExceeded(.textLength), line: line) }
        return String(cString: value)
    }

    /// The current element's attributes (namespace declarations left out); each checked against
    /// `maxAttributeBytes`.
    public func attributes() throws(OrderXMLError) -> [XMLAttribute] {
        guard xmlTextReaderHasAttributes(handle) == 1 else { return [] }
        var result: [XMLAttribute] = []
        defer { xmlTextReaderMoveToElement(handle) }
        var status = xmlTextReaderMoveToFirstAttribute(handle)
        while status == 1 {
            if xmlTextReaderIsNamespaceDecl(handle) != 1 {
                let value = xmlTextReaderConstValue(handle)
                if let value, strlen(value) > limits.maxAttributeBytes {
                    throw OrderXMLError(.limitExceeded(.attributeLength), line: line)
                }
                result.append(
                    XMLAttribute(
                        localName: localName, namespaceURI: namespaceURI,
                        value: value.map { String(cString: $0) } ?? ""))
            }
            status = xmlTextReaderMoveToNextAttribute(handle)
        }
        return result
    }

    /// The current node's line (libxml2 records it on each element), else the parser's line.
    public var line: Int {
        if let node = xmlTextReaderCurrentNode(handle) {
            let number = xmlGetLineNo(node)
            if number > 0 { return Int(number) }
        }
        return Int(xmlTextReaderGetParserLineNumber(handle))
    }

    /// The parser's column: where libxml2 has read to, which is at or after the current node.
    public var parserColumn: Int { Int(xmlTextReaderGetParserColumnNumber(handle)) }
}

/// One attribute of an element, by local name and namespace URI.
public struct XMLAttribute: Hashable, Sendable {
    public var localName: String
    public var namespaceURI: String?
    public var value: String

    public init(localName: String, namespaceURI: String? = nil, value: String) {
        self.localName = localName
        self.namespaceURI = namespaceURI
        self.value = value
    }
}
