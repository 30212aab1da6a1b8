/// What an inbound document is, by its syntax: an X12 interchange, cXML, another XML, or unknown. Told from the
/// document's content (see `DocumentFormat(detecting:)` in the gateway), never from its name. `OrderSource.Format` is
/// the other half: how an order was mapped (an X12 850, a cXML OrderRequest, a retailer XML through a mapping).
public enum DocumentFormat: String, Hashable, Sendable, Codable {
    case x12
    case cXML = "cxml"
    case xml, unknown
}
