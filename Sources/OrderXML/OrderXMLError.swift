/// Why an XML document, or one order in it, could not become a canonical purchase order, and where.
///
/// `description` names the place (line, column, element path) and the canonical field, never the document's
/// text: it goes to logs and to partners. The offending value, when there is one, is in `debugDescription` only.
public struct OrderXMLError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var kind: Kind
    /// 1-based line in the document, from libxml2 (exact for its own errors, the element's line otherwise).
    public var line: Int?
    /// 1-based column, from libxml2's own errors; nil when libxml2 does not know it.
    public var column: Int?
    /// XPath-style path of the element at fault: `/cXML/Request/OrderRequest/ItemOut[2]/ItemDetail/UnitPrice/Money`.
    public var elementPath: String?
    /// The canonical field that could not be filled: `poNumber`, `lines[2].unitPrice`, `shipTo.address.country`.
    public var field: String?
    /// The offending text, kept out of `description`.
    public var value: String?

    public init(
        _ kind: Kind, line: Int? = nil, column: Int? = nil, elementPath: String? = nil, field: String? = nil,
        value: String? = nil
    ) {
        self.kind = kind
        self.line = line
        self.column = column
        self.elementPath = elementPath
        self.field = field
        self.value = value
    }

    public enum Kind: Hashable, Sendable {
        /// libxml2 refused the document as not well-formed; the message is libxml2's own (tag names, no text).
        case malformed(String)
        /// The bytes are not valid in the document's encoding (invalid UTF-8, unknown or unsupported encoding).
        case invalidEncoding(String)
        /// A hostile-input limit from `XMLReader.Limits` was reached.
        case limitExceeded(Limit)
        /// An entity reference other than the five predefined ones (`&e;`): never expanded, always refused.
        case entityReference
        /// A DTD internal subset that declares entities (XXE, billion laughs): refused before any reference.
        case entityDeclaration
        /// The document ended before its root element closed.
        case truncated
        /// Empty input, or no root element.
        case empty
        /// A well-formed document that is not a purchase order (a cXML `ShipNoticeRequest`, a `Response`, an unknown
        /// root): the associated value names what it is.
        case notAPurchaseOrder(String)
        /// A canonical field the order must have is absent from the document.
        case missingField
        /// The document has the field, but its text cannot become the canonical value (a price that is not a
        /// decimal, a date that is not a date, a quantity that is not positive).
        case invalidValue(String)
        /// The file could not be opened or read.
        case unreadable(String)
        /// A declarative mapping file is wrong; `line` is the mapping file's line.
        case invalidMapping(String)
    }

    public enum Limit: String, Hashable, Sendable {
        case depth = "element depth"
        case documentSize = "document size"
        case attributeLength = "attribute length"
        case textLength = "text length"
        case elementCount = "elements in one order"
    }

    public var description: String {
        var parts: [String] = []
        if let line {
            parts.append(column.map { "line \(line), column \($0)" } ?? "line \(line)")
        }
        if let elementPath { parts.append(elementPath) }
        if let field { parts.append("field \(field)") }
        parts.append(summary)
        return parts.joined(separator: ": ")
    }

    public var debugDescription: String {
        value.map { "\(description) (value: \($0.debugDescription))" } ?? description
    }

    private var summary: String {
        switch kind {
        case .malformed(let message): "not well-formed XML: \(message)"
        case .invalidEncoding(let message): "invalid encoding: \(message)"
        case .limitExceeded(let limit): "\(limit.rawValue) limit exceeded"
        case .entityReference: "entity references are refused (no entity expansion)"
        case .entityDeclaration: "DTD entity declarations are refused (external entities, entity expansion)"
        case .truncated: "document ends before its root element is closed"
        case .empty: "no XML root element"
        case .notAPurchaseOrder(let what): "not a purchase order: \(what)"
        case .missingField: "required field is missing"
        case .invalidValue(let why): why
        case .unreadable(let why): "cannot read: \(why)"
        case .invalidMapping(let why): "invalid mapping: \(why)"
        }
    }
}
