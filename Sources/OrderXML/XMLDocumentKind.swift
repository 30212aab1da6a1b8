/// What an XML document is, told from its first elements, so that the gateway can route a payload by content
/// rather than by file name.
public enum XMLDocumentKind: Hashable, Sendable {
    /// A cXML `OrderRequest` (or a batch whose first document is one): read it with `OrderXMLDecoder`.
    case cXMLOrderRequest
    /// Another cXML document: the request, message or response element's name (`ShipNoticeRequest`, `Response`).
    case cXML(String)
    /// Well-formed so far, not cXML: the root element's local name (a mapping may read it).
    case xml(rootElement: String)
    /// Not XML at all (an X12 interchange, JSON, empty), or broken before its root element.
    case notXML

    /// Looks at the first elements of `bytes` only; reads no further than the first request's start tag.
    public init(of bytes: some Collection<UInt8>, limits: XMLReader.Limits = XMLReader.Limits()) {
        // Cheap refusal of what cannot be XML: the first byte after a BOM and white space must be '<'.
        var start = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        guard isUTF16 || start.first == UInt8(ascii: "<"), let reader = try? XMLReader(bytes: bytes, limits: limits)
        else {
            self = .notXML
            return
        }
        self = XMLDocumentKind.classify(reader)
    }

    private static func classify(_ reader: XMLReader) -> XMLDocumentKind {
        var root: String?
        var cXMLDepth: Int?
        do {
            while try reader.read() {
                guard reader.kind == .element else { continue }
                let name = reader.localName
                let depth = reader.depth
                if depth == 0 { root = name }
                if name == "OrderRequest", depth <= 1 || depth == (cXMLDepth ?? -9) + 2 { return .cXMLOrderRequest }
                if name == "cXML", depth <= 1 {
                    cXMLDepth = depth
                    continue
                }
                if let cXMLDepth, depth == cXMLDepth + 1 {
                    if name == "Request" { continue }
                    if name == "Header" {
                        try reader.skipSubtree()
                        continue
                    }
                    return .cXML(name)
                }
                if let cXMLDepth, depth == cXMLDepth + 2 { return .cXML(name) }
                if depth == 1, let root { return .xml(rootElement: root) }
            }
        } catch {
            return root.map { .xml(rootElement: $0) } ?? .notXML
        }
        return root.map { .xml(rootElement: $0) } ?? .notXML
    }
}
