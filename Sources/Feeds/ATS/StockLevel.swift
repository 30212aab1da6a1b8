public import Orders

/// What a node holds of a SKU, as ATS is computed from it: on hand, reserved for promised orders, and safety stock.
/// The store's `InventoryPosition` has exactly these members (the gateway declares its conformance, so that `Feeds`
/// needs no store), and an inventory file's `InventoryRow` conforms with nothing reserved.
public protocol StockLevel {
    var node: DCID { get }
    var sku: SKU { get }
    var onHand: Int { get }
    var safetyStock: Int { get }
    var reserved: Int { get }
}

extension StockLevel {
    /// On hand − reserved − safety stock, never below zero.
    public var available: Int { max(0, onHand - reserved - safetyStock) }
}

extension InventoryRow: StockLevel {
    /// A row of an inventory file promises nothing yet.
    public var reserved: Int { 0 }
}
