public import Orders

/// The purchase orders of one XML document, one at a time, in document order.
///
/// A document is a single cXML `OrderRequest`, a batch (any root wrapping many `cXML` documents or many
/// `OrderRequest` elements), or a retailer's own XML read through an `XMLOrderMapping`. Only the order being mapped
/// is held in memory. Each element is `.success(order)` or `.failure(error)`: an order that cannot be mapped fails
/// alone and the stream goes on to the next; a document-level failure (not well-formed, a limit, an entity) is the
/// last element. A document with no order at all yields one `.notAPurchaseOrder` failure.
public struct XMLOrderStream: Sequence, IteratorProtocol {
    private let reader: XMLReader
    /// The mappings that may read this document (its root matched their claims), first claim first; empty: cXML.
    private let claims: [XMLOrderClaim]
    private let origin: String?
    /// The current element and its ancestors: local name, namespace URI, 1-based index among same-named siblings.
    private var ancestors: [(name: String, namespaceURI: String?, index: Int)] = []
    /// Per depth, how many children of each name the open element at that depth has had so far.
    private var siblingCounts: [[String: Int]] = [[:]]
    private var envelope = CXMLEnvelopeInfo()
    private var cXMLDepth: Int?
    private var rootName: String?
    private var producedAny = false
    private var finished = false

    init(reader: XMLReader, claims: [XMLOrderClaim], origin: String?) {
        self.reader = reader
        self.claims = claims
        self.origin = origin
    }

    public mutating func next() -> Result<PurchaseOrder, OrderXMLError>? {
        guard !finished else { return nil }
        do throws(OrderXMLError) {
            while try reader.read() {
                guard reader.kind == .element else { continue }
                enter(name: reader.localName, namespaceURI: reader.namespaceURI, depth: reader.depth)
                if let result = try visitElement() {
                    producedAny = true
                    return result
                }
            }
            finished = true
            if producedAny { return nil }
            let what = rootName.map { "XML document with root <\($0)>" } ?? "XML document without a root element"
            return .failure(OrderXMLError(.notAPurchaseOrder(what)))
        } catch {
            finished = true
            var located = error
            if located.elementPath == nil, !ancestors.isEmpty { located.elementPath = currentPath }
            return .failure(located)
        }
    }

    private mutating func enter(name: String, namespaceURI: String?, depth: Int) {
        ancestors.removeSubrange(Swift.min(depth, ancestors.count)...)
        if siblingCounts.count <= depth {
            siblingCounts.append(contentsOf: repeatElement([:], count: depth + 1 - siblingCounts.count))
        }
        let index = (siblingCounts[depth][name] ?? 0) + 1
        siblingCounts[depth][name] = index
        if siblingCounts.count > depth + 1 { siblingCounts[depth + 1] = [:] }
        ancestors.append((name, namespaceURI, index))
    }

    private var currentPath: String {
        ancestors.map { "/" + $0.name + ($0.index > 1 ? "[\($0.index)]" : "") }.joined()
    }

    /// Decides what to do with the element the reader is on: returns a result when it was an order (or a document
    /// that is not one), nil to read on.
    private mutating func visitElement() throws(OrderXMLError) -> Result<PurchaseOrder, OrderXMLError>? {
        let depth = reader.depth
        let name = ancestors[depth].name
        if depth == 0 { rootName = name }

        if !claims.isEmpty {
            let path = ancestors.map { ($0.name, $0.namespaceURI) }
            guard claims.contains(where: { $0.mapping.isRecord(path) }) else { return nil }
            let line = reader.line
            let record = LocatedElement(try reader.readElementTree(path: currentPath))
            guard let claim = claims.first(where: { $0.mapping.isRecord(path) && $0.claims(record) }) else {
                let tests = claims.compactMap(\.sender).map { "\($0.pathSource) = '\($0.text)'" }
                return .failure(
                    OrderXMLError(
                        .notAPurchaseOrder("an order no profile claims (none of \(tests.joined(separator: ", ")))"),
                        line: line, elementPath: currentPath))
            }
            let origin = origin
            return Result { () throws(OrderXMLError) in
                var order = try claim.mapping.purchaseOrder(from: record, origin: origin)
                if let retailer = claim.retailer { order.retailer = retailer }
                return order
            }
        }

        if name == "cXML", depth <= 1 {
            cXMLDepth = depth
            envelope = CXMLEnvelopeInfo()
            envelope.payloadID = reader.attribute("payloadID")
            envelope.version =
                reader.attribute("version")
                ?? (depth == 0 ? reader.doctypeSystemID.flatMap(CXMLEnvelopeInfo.version(fromSystemID:)) : nil)
            return nil
        }
        if let cXMLDepth, depth == cXMLDepth + 1 {
            switch name {
            case "Header":
                envelope.readHeader(LocatedElement(try reader.readElementTree(path: currentPath)))
                return nil
            case "Request":
                return nil
            default:
                let line = reader.line
                try reader.skipSubtree()
                return .failure(OrderXMLError(.notAPurchaseOrder("cXML \(name)"), line: line, elementPath: currentPath))
            }
        }
        if let cXMLDepth, depth == cXMLDepth + 2, ancestors[depth - 1].name == "Request" {
            guard name == "OrderRequest" else {
                let line = reader.line
                try reader.skipSubtree()
                return .failure(OrderXMLError(.notAPurchaseOrder("cXML \(name)"), line: line, elementPath: currentPath))
            }
            return try mapOrderRequest()
        }
        if name == "OrderRequest", depth <= 1 {
            if depth == 1 { envelope = CXMLEnvelopeInfo() }
            return try mapOrderRequest()
        }
        // Anything else below the root (a wrapper's other children, a signature): not ours to read.
        if depth >= 1 { try reader.skipSubtree() }
        return nil
    }

    private mutating func mapOrderRequest() throws(OrderXMLError) -> Result<PurchaseOrder, OrderXMLError> {
        let request = LocatedElement(try reader.readElementTree(path: currentPath))
        let mapper = CXMLOrderRequestMapper(envelope: envelope, origin: origin)
        return Result { () throws(OrderXMLError) in try mapper.purchaseOrder(from: request) }
    }
}

extension XMLReader {
    /// The current element's attribute `name` (no namespace), or nil.
    func attribute(_ name: String) -> String? {
        attributes().first { $0.localName == name && $0.namespaceURI == nil }?.value
    }
}
