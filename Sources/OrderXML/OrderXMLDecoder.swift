public import Orders

/// Reads XML purchase orders (cXML `OrderRequest`, batches of them, or a retailer's XML through a mapping) into
/// canonical purchase orders. The gateway's entry point for XML.
public struct OrderXMLDecoder: Sendable {
    public var limits: XMLReader.Limits
    /// When set, documents are read through this mapping instead of as cXML (and `claims` are not looked at).
    public var mapping: XMLOrderMapping?
    /// The retailer profiles' claims: a document whose root one of them claims is read through its mapping, each
    /// order by the first claim whose sender test it passes; any other document is read as cXML.
    public var claims: [XMLOrderClaim]

    public init(
        limits: XMLReader.Limits = XMLReader.Limits(), mapping: XMLOrderMapping? = nil, claims: [XMLOrderClaim] = []
    ) {
        self.limits = limits
        self.mapping = mapping
        self.claims = claims
    }

    /// The claims that may read a document whose root element `reader` finds, in order; none for cXML.
    private func claims(reading reader: () throws(OrderXMLError) -> XMLReader) -> [XMLOrderClaim] {
        if let mapping { return [XMLOrderClaim(mapping: mapping)] }
        guard !claims.isEmpty, let peek = try? reader() else { return [] }
        do {
            while try peek.read() {
                guard peek.kind == .element else { continue }
                let name = peek.localName
                let uri = peek.namespaceURI
                return claims.filter { $0.claimsRoot(localName: name, namespaceURI: uri) }
            }
        } catch {
            return []
        }
        return []
    }

    /// The orders in `bytes`, streamed. Throws only when no reader can be made (the size limit, say).
    public func orders(in bytes: some Collection<UInt8>, origin: String? = nil) throws(OrderXMLError) -> XMLOrderStream
    {
        let limits = limits
        let chosen = claims { () throws(OrderXMLError) in try XMLReader(bytes: bytes, limits: limits) }
        return XMLOrderStream(reader: try XMLReader(bytes: bytes, limits: limits), claims: chosen, origin: origin)
    }

    /// The orders in the file at `path`, streamed from disk in bounded memory, each naming `origin` (the path when
    /// nil). Throws `.unreadable` when the file cannot be opened.
    public func orders(inFile path: String, origin: String? = nil) throws(OrderXMLError) -> XMLOrderStream {
        let limits = limits
        let chosen = claims { () throws(OrderXMLError) in try XMLReader(contentsOfFile: path, limits: limits) }
        return XMLOrderStream(
            reader: try XMLReader(contentsOfFile: path, limits: limits), claims: chosen, origin: origin ?? path)
    }

    /// Every order in `bytes`, each mapped or failed; a reader that cannot be made is one failure.
    public func decode(_ bytes: some Collection<UInt8>, origin: String? = nil) -> [Result<PurchaseOrder, OrderXMLError>]
    {
        do {
            return Array(try orders(in: bytes, origin: origin))
        } catch {
            return [.failure(error)]
        }
    }
}
