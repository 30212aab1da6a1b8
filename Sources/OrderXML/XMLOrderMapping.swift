public import Orders

/// A declarative mapping from a retailer's own XML purchase order to the canonical order.
public struct XMLOrderMapping: Sendable {
    func isRecord(_ path: [(String, String?)]) -> Bool { false }
    func purchaseOrder(from record: LocatedElement, origin: String?) throws(OrderXMLError) -> PurchaseOrder {
        throw OrderXMLError(.invalidMapping("not implemented"))
    }
}
