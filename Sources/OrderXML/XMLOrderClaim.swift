public import Orders

/// Which XML documents a retailer calls its own, and the mapping that reads them: a retailer profile's
/// `identity.xml` entry, so that a retailer's XML is read without naming the mapping on each run.
///
/// A claim names the document's root element, its namespace, or both; a sender test narrows it to the orders whose
/// sender (a mapping path from each order element, the mapping's own `sender` field when no path is given) has a
/// given text, so that two marketplaces sharing one export format can each claim their own orders.
public struct XMLOrderClaim: Hashable, Sendable {
    /// The profile that claims the documents: set on every order read through the claim.
    public var retailer: RetailerID?
    /// The root element's local name (`orders`); nil: any.
    public var rootElement: String?
    /// The root element's namespace URI; nil: any.
    public var namespaceURI: String?
    public var sender: SenderTest?
    public var mapping: XMLOrderMapping

    /// An order is claimed when the text at `path`, from its order element, equals `text`.
    public struct SenderTest: Hashable, Sendable {
        var path: MappingPath
        public var text: String
        /// The path as written (or the mapping's `sender` field's).
        public var pathSource: String { path.source }
    }

    /// A mapping given on its own (`--mapping FILE`): it reads every document.
    public init(mapping: XMLOrderMapping) {
        self.mapping = mapping
    }

    /// `senderPath` uses the mapping's namespace prefixes; without one, the mapping's `sender` field is the path.
    /// Throws `.invalidMapping` when the sender path does not parse, or there is none to take.
    public init(
        retailer: RetailerID?, rootElement: String?, namespaceURI: String?, senderPath: String? = nil,
        senderEquals: String? = nil, mapping: XMLOrderMapping
    ) throws(OrderXMLError) {
        self.retailer = retailer
        self.rootElement = rootElement
        self.namespaceURI = namespaceURI
        self.mapping = mapping
        if let senderEquals {
            let path: MappingPath
            if let senderPath {
                do {
                    path = try MappingPath(parsing: senderPath, namespaces: mapping.namespaces)
                } catch {
                    throw OrderXMLError(.invalidMapping("sender path: \(error.message)"), field: "sender")
                }
            } else if let own = mapping.fields["sender"] {
                path = own
            } else {
                throw OrderXMLError(
                    .invalidMapping("the sender test needs a path: mapping \(mapping.name) maps no `sender`"),
                    field: "sender")
            }
            sender = SenderTest(path: path, text: senderEquals)
        } else if senderPath != nil {
            throw OrderXMLError(.invalidMapping("a sender path needs the text it must equal"), field: "sender")
        }
    }

    /// Whether a document whose root element is this may be claimed (its orders still face the sender test).
    public func claimsRoot(localName: String, namespaceURI uri: String?) -> Bool {
        (rootElement.map { $0 == localName } ?? true) && (namespaceURI.map { $0 == (uri ?? "") } ?? true)
    }

    /// Whether the order element `record` (one the mapping's `order:` path found) passes the sender test.
    func claims(_ record: LocatedElement) -> Bool {
        guard let sender else { return true }
        return sender.path.first(in: record)?.text == sender.text
    }

    /// Whether some document could be claimed by both: neither root, namespace nor sender tells them apart.
    public func overlaps(_ other: XMLOrderClaim) -> Bool {
        func differ(_ a: String?, _ b: String?) -> Bool {
            if let a, let b { return a != b }
            return false
        }
        if differ(rootElement, other.rootElement) || differ(namespaceURI, other.namespaceURI) { return false }
        if let mine = sender, let theirs = other.sender, mine.path.source == theirs.path.source,
            mine.text != theirs.text
        {
            return false
        }
        return true
    }

    /// `root <orders> in urn:…, sender o:marketplace/@id = 'HARBORMKT'`, for messages.
    public var summary: String {
        var parts: [String] = []
        if let rootElement { parts.append("root <\(rootElement)>") }
        if let namespaceURI { parts.append("namespace \(namespaceURI)") }
        if let sender { parts.append("sender \(sender.path.source) = '\(sender.text)'") }
        return parts.isEmpty ? "every XML document" : parts.joined(separator: ", ")
    }
}
