public import Orders

/// Reads XML purchase orders (cXML `OrderRequest`, batches of them, or a retailer's XML through a mapping) into
/// canonical purchase orders. The gateway's entry point for XML.
public struct OrderXMLDecoder: Sendable {
    public var limits: XMLReader.Limits
    /// When set, documents are read through this mapping instead of as cXML.
    public var mapping: XMLOrderMapping?

    public init(limits: XMLReader.Limits = XMLReader.Limits(), mapping: XMLOrderMapping? = nil) {
        self.limits = limits
        self.mapping = mapping
    }

    /// The orders in `bytes`, streamed. Throws only when no reader can be made (the size limit, say).
    public func orders(in bytes: some Collection<UInt8>, origin: String? = nil) throws(OrderXMLError) -> XMLOrderStream
    {
        XMLOrderStream(reader: try XMLReader(bytes: bytes, limits: limits), mapping: mapping, origin: origin)
    }

    /// The orders in the file at `path`, streamed from disk in bounded memory. Throws `.unreadable` when the file
    /// cannot be opened.
    public func orders(inFile path: String) throws(OrderXMLError) -> XMLOrderStream {
        XMLOrderStream(reader: try XMLReader(contentsOfFile: path, limits: limits), mapping: mapping, origin: path)
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
