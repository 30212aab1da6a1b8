/// Why a ship confirmation cannot become the documents it should produce for its order (an ASN, an invoice): the
/// line at fault is named, never a price or an address.
public struct ShipmentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public enum Kind: Hashable, Sendable {
        /// A package holds units of a line number the PO does not have: the retailer could not match it.
        case lineNotOnOrder(String)
        /// A shipped line has no unit price on the PO, so it cannot be invoiced: an invoice line without a price
        /// is wrong in meaning, and a guessed price is a chargeback.
        case lineWithoutPrice(String)
        /// No package holds a unit: there is nothing to notify or invoice.
        case nothingShipped
    }

    public var description: String {
        switch kind {
        case .lineNotOnOrder(let line): "shipped line \(line) is not a line of the purchase order"
        case .lineWithoutPrice(let line): "shipped line \(line) has no unit price on the purchase order to invoice"
        case .nothingShipped: "the ship confirmation holds no shipped units"
        }
    }
}
