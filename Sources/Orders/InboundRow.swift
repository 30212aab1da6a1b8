/// Stock on its way to a node: `quantity` units of `sku` due at `node` on `due` (a row of an inbound file, and what
/// a store keeps until the stock is received). Inbound stock is never on hand: routing may promise it only to an
/// order that waits for it (a backorder or preorder), never ship it.
public struct InboundRow: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var quantity: Int
    /// The calendar day the stock is due (in the node's own calendar).
    public var due: CalendarDate

    public init(node: DCID, sku: SKU, quantity: Int, due: CalendarDate) {
        self.node = node
        self.sku = sku
        self.quantity = quantity
        self.due = due
    }
}

/// Units of a SKU a node has received: they go on hand, and leave the node's inbound stock (earliest due first).
public struct StockReceipt: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var quantity: Int

    public init(node: DCID, sku: SKU, quantity: Int) {
        self.node = node
        self.sku = sku
        self.quantity = quantity
    }
}
