internal import CLibXML2

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A streaming pull reader over libxml2's SAX2 push parser, hardened for documents from outside.
///
/// One of the two types that touch libxml2 (with its SAX callbacks in `XMLReader+SAX.swift`): it owns the parser
/// context (created in `init`, freed in `deinit`) and the input (a private copy of the bytes, or an open file
/// descriptor). Input goes to the parser a chunk at a time; the parser's callbacks queue the nodes of that chunk,
/// and `read()` hands them out one by one, feeding the next chunk when the queue is empty, so memory is bounded by
/// the chunk and the nodes in it, whatever the document's size. This is the pull interface `xmlTextReader` offers,
/// without the tree of nodes it builds and frees behind it: twice as fast on the same parser. No C pointer leaves
/// these files.
///
/// Safety: parser options are `XML_PARSE_NONET` (plus `NOCDATA`, which changes no values), never
/// `NOENT`, `DTDLOAD`, `DTDATTR` or `HUGE`; the handler loads no external subset and resolves no entity. Any entity
/// declaration in an internal subset and any entity reference is refused where it stands, and the limits in
/// `Limits` are checked as nodes arrive, stopping the parser. libxml2's own errors come with line and column through
/// the handler's structured error callback, whose context is this object (no global state), and are handed out in
/// document order: every node before the error is read first.
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

    /// The kinds of node the reader hands out (libxml2's `xmlReaderTypes`, as far as they matter here).
    /// Whitespace-only text is layout and is not handed out (see the SAX `characters` callback).
    public enum NodeKind: Hashable, Sendable {
        case element, endElement, text, comment, processingInstruction, documentType, other
    }

    /// One node the parser produced, or the place where it failed.
    struct Event {
        var kind: NodeKind
        var depth: Int
        var line: Int
        /// Element local name, processing-instruction target.
        var name = ""
        var namespaceURI: String?
        var attributes: [XMLAttribute] = []
        /// Text, comment, the doctype's system identifier.
        var text = ""
        var isEmptyElement = false
        var failure: Failure?
    }

    enum Failure {
        /// A check of ours (a limit, an entity).
        case refused(OrderXMLError)
        /// libxml2's error at this index of `diagnostics`.
        case parser(Int)
    }

    struct Diagnostic {
        var message: String
        var line: Int
        var column: Int
        var code: Int32
        var isError: Bool
    }

    enum Input {
        case memory(UnsafeMutableRawBufferPointer, count: Int)
        /// The descriptor and the buffer each chunk is read into.
        case file(Int32, UnsafeMutableRawBufferPointer)
    }

    public let limits: Limits
    let input: Input
    /// Bytes handed to the parser so far.
    @exclusivity(unchecked) var fed = 0
    @exclusivity(unchecked) var inputEnded = false
    /// The byte read past a full chunk of a file to learn whether more follows: the next chunk's first.
    @exclusivity(unchecked) var carried: UInt8?
    @exclusivity(unchecked) var context: xmlParserCtxtPtr?
    /// Nodes of the chunk last parsed; `next` is the first not yet handed out.
    @exclusivity(unchecked) var events: [Event] = []
    @exclusivity(unchecked) var next = 0
    /// Elements open at the parser's position (the depth the next start tag gets).
    @exclusivity(unchecked) var openElements = 0
    /// The parser stopped (an error, a refused node): what it queued before that is all there is.
    @exclusivity(unchecked) var stopped = false
    @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
    /// Element and attribute names and namespace URIs by the address libxml2 interned them at: SAX2 hands them out
    /// from the parser's dictionary, which lives until the parser is freed, so a name becomes a Swift string once.
    @exclusivity(unchecked) var internedNames = [(address: UnsafePointer<xmlChar>?, name: String)](
        repeating: (nil, ""), count: XMLReader.internedSlots)
    static let internedSlots = 512

    /// Where the current node is in `events`; -1 before the first.
    @exclusivity(unchecked) private var position = -1
    @exclusivity(unchecked) private var failure: OrderXMLError?
    @exclusivity(unchecked) private var sawRoot = false
    /// The root element's end was read: after it, "extra content" is extra; before it, the document was cut.
    @exclusivity(unchecked) private var rootClosed = false

    /// The kind of the current node.
    public var kind: NodeKind { position < 0 ? .other : events[position].kind }
    /// 0 for the root element, as libxml2 counts.
    public var depth: Int { position < 0 ? 0 : events[position].depth }
    /// The `version` from a doctype's system identifier (`…/cXML/1.2.050/cXML.dtd`), once the doctype was read.
    public private(set) var doctypeSystemID: String?

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
    /// Bytes given to the parser at a time.
    static let chunkSize = 64 << 10

    /// Reads from a private copy of `bytes`.
    public init(bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(OrderXMLError) {
        self.limits = limits
        guard bytes.count <= min(limits.maxDocumentBytes, Int(Int32.max)) else {
            throw OrderXMLError(.limitExceeded(.documentSize))
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        _ = storage.initializeMemory(as: UInt8.self, from: bytes)
        input = .memory(storage, count: bytes.count)
        try start()
    }

    /// Streams the file at `path` a chunk at a time, so memory does not grow with its size.
    public init(contentsOfFile path: String, limits: Limits = Limits()) throws(OrderXMLError) {
        self.limits = limits
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OrderXMLError(.unreadable(String(cString: strerror(errno)))) }
        input = .file(fd, UnsafeMutableRawBufferPointer.allocate(byteCount: XMLReader.chunkSize, alignment: 1))
        try start()
    }

    private func start() throws(OrderXMLError) {
        cxml_silence_generic_errors()
        var handler = XMLReader.makeHandler()
        let user = Unmanaged.passUnretained(self).toOpaque()
        // The parser keeps a copy of the handler; encoding is detected from the first bytes it is given.
        guard let context = xmlCreatePushParserCtxt(&handler, user, nil, 0, nil) else {
            throw OrderXMLError(.unreadable("libxml2 could not create a parser"))
        }
        xmlCtxtUseOptions(context, XMLReader.options)
        self.context = context
    }

    deinit {
        if let context {
            // An entity declaration makes libxml2 keep a document of its own for it, even in SAX mode ("expat
            // compatibility"); the context does not free it.
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        switch input {
        case .memory(let storage, _): storage.deallocate()
        case .file(let fd, let buffer):
            close(fd)
            buffer.deallocate()
        }
    }

    /// Moves to the next node. Returns false at the end of the document; throws on the first problem, and again on
    /// every later call.
    public func read() throws(OrderXMLError) -> Bool {
        if let failure { throw failure }
        do throws(OrderXMLError) {
            while next == events.count {
                if inputEnded || stopped {
                    if !sawRoot { throw OrderXMLError(.empty) }
                    return false
                }
                events.removeAll(keepingCapacity: true)
                next = 0
                position = -1
                try feed()
            }
            position = next
            next += 1
            switch events[position].failure {
            case .refused(let error)?: throw error
            case .parser(let index)?:
                var error = translate(diagnostics[index])
                // A cut inside a tag is first reported as a bad tag; libxml2's later "Premature end" says why.
                if diagnostics.contains(where: { $0.isError && $0.message.hasPrefix("Premature end") }) {
                    error.kind = .truncated
                }
                throw error
            case nil: break
            }
            switch events[position].kind {
            case .element:
                sawRoot = true
                if events[position].depth == 0 && events[position].isEmptyElement { rootClosed = true }
            case .endElement:
                if events[position].depth == 0 { rootClosed = true }
            case .documentType:
                doctypeSystemID = events[position].text.isEmpty ? nil : events[position].text
            case .text, .comment, .processingInstruction, .other:
                break
            }
            return true
        } catch {
            failure = error
            throw error
        }
    }

    /// Gives the parser the next chunk of input (or tells it the input has ended), which queues its nodes.
    private func feed() throws(OrderXMLError) {
        guard let context else { throw OrderXMLError(.unreadable("no parser")) }
        switch input {
        case .memory(let storage, let count):
            let size = min(XMLReader.chunkSize, count - fed)
            let base = storage.baseAddress.map { $0.advanced(by: fed).assumingMemoryBound(to: CChar.self) }
            fed += size
            inputEnded = fed == count
            xmlParseChunk(context, base, Int32(size), inputEnded ? 1 : 0)
        case .file(let fd, let buffer):
            // The parser gets the file in the chunks it gets bytes in memory in, and is told the input ends with the
            // last of them, not by an empty chunk after it: libxml2 reports some problems (a byte its declared
            // encoding cannot convert) only on the chunk that ends the input, and a file must read as its bytes do.
            var size = 0
            if let byte = carried {
                buffer[0] = byte
                size = 1
                carried = nil
            }
            while size < XMLReader.chunkSize {
                let got = readFile(fd, buffer.baseAddress?.advanced(by: size), XMLReader.chunkSize - size)
                guard got >= 0 else { throw OrderXMLError(.unreadable(String(cString: strerror(errno)))) }
                if got == 0 { break }
                size += got
            }
            var ended = size < XMLReader.chunkSize
            if !ended {
                // A full chunk: one byte more says whether another follows; it starts the next chunk.
                var byte: UInt8 = 0
                let got = readFile(fd, &byte, 1)
                guard got >= 0 else { throw OrderXMLError(.unreadable(String(cString: strerror(errno)))) }
                if got == 0 { ended = true } else { carried = byte }
            }
            fed += size
            if fed > limits.maxDocumentBytes {
                throw OrderXMLError(.limitExceeded(.documentSize), line: Int(context.pointee.input?.pointee.line ?? 0))
            }
            inputEnded = ended
            xmlParseChunk(
                context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(size), ended ? 1 : 0)
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

    public var localName: String { position < 0 ? "" : events[position].name }

    public var namespaceURI: String? { position < 0 ? nil : events[position].namespaceURI }

    /// `<a/>`: an element without content, for which no end element follows.
    public var isEmptyElement: Bool { position < 0 ? false : events[position].isEmptyElement }

    /// The text of a text node (checked against `maxTextBytes` as it arrived).
    public func textValue() -> String { position < 0 ? "" : events[position].text }

    /// The current element's attributes (namespace declarations left out), each checked against
    /// `maxAttributeBytes` as it arrived.
    public func attributes() -> [XMLAttribute] {
        position < 0 ? [] : events[position].attributes
    }

    /// Moves the current element's name, namespace and attributes out of the queue, for a tree that keeps them:
    /// the reader reports them as empty afterwards.
    func takeElement() -> (name: String, namespaceURI: String?, attributes: [XMLAttribute]) {
        guard position >= 0 else { return ("", nil, []) }
        var name = ""
        var attributes: [XMLAttribute] = []
        swap(&name, &events[position].name)
        swap(&attributes, &events[position].attributes)
        return (name, events[position].namespaceURI, attributes)
    }

    /// Moves the current text out of the queue: the reader reports it as empty afterwards.
    func takeText() -> String {
        guard position >= 0 else { return "" }
        var text = ""
        swap(&text, &events[position].text)
        return text
    }

    /// The line libxml2 had reached when it produced the current node: an element's is the line its start tag ends
    /// on.
    public var line: Int { position < 0 ? 0 : events[position].line }
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

/// `read(2)`, by another name: inside `XMLReader`, `read` is the reader's own.
private func readFile(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

extension UInt8 {
    /// Space, tab, CR or LF: XML's whitespace.
    var isXMLWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
