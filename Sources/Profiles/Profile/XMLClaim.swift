internal import Yams

/// A retailer's own XML order format, claimed in its profile's `identity.xml`: which documents are its own (root
/// element, namespace, a sender test) and the mapping file that reads them. `ProfileSet.load` checks the mapping
/// (it exists and parses) and that no two claims overlap, and makes the `XMLOrderClaim`s the XML decoder uses.
public struct XMLClaim: Hashable, Sendable, Codable {
    /// The root element's local name (`orders`).
    public var root: String?
    /// The root element's namespace URI.
    public var namespace: String?
    public var sender: Sender?
    /// The mapping file as written: relative to the profile's folder, or absolute.
    public var mapping: String

    /// Orders whose sender equals `equals`: the text at `path` (a mapping path from the order element, using the
    /// mapping's namespace prefixes), or at the mapping's own `sender` field.
    public struct Sender: Hashable, Sendable, Codable {
        public var path: String?
        public var equals: String

        public init(path: String? = nil, equals: String) {
            self.path = path
            self.equals = equals
        }
    }

    public init(root: String? = nil, namespace: String? = nil, sender: Sender? = nil, mapping: String) {
        self.root = root
        self.namespace = namespace
        self.sender = sender
        self.mapping = mapping
    }
}

extension XMLClaim: YAMLReadable {
    static let keys = ["root", "namespace", "sender", "mapping"]

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> XMLClaim? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let root: String? = d.optional(f, "root")
        let namespace: String? = d.optional(f, "namespace")
        let sender: Sender? = d.optional(f, "sender")
        guard let mapping: String = d.required(f, "mapping") else { return nil }
        guard root != nil || namespace != nil else {
            d.report(
                "name the root element or the namespace of the documents it claims (a sender alone would claim "
                    + "every XML document, cXML too)", at: node, path: path, kind: .missingKey)
            return nil
        }
        return XMLClaim(root: root, namespace: namespace, sender: sender, mapping: mapping)
    }

    /// `xml:` holds one claim or a list of them.
    static func readList(_ node: Node, path: String, _ d: inout Diagnostics) -> [XMLClaim]? {
        if case .mapping = node { return read(node, path: path, &d).map { [$0] } }
        return [XMLClaim].read(node, path: path, &d)
    }
}

extension XMLClaim.Sender: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> XMLClaim.Sender? {
        guard let f = d.fields(node, path: path, keys: ["path", "equals"]) else { return nil }
        let senderPath: String? = d.optional(f, "path")
        guard let equals: String = d.required(f, "equals") else { return nil }
        return XMLClaim.Sender(path: senderPath, equals: equals)
    }
}
