/// What a node holds of a SKU and how much of it is safety stock: a row of an inventory file, and what a store
/// keeps (and reserves against).
public struct InventoryRow: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var onHand: Int
    public var safetyStock: Int

    public init(node: DCID, sku: SKU, onHand: Int, safetyStock: Int) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.safetyStock = safetyStock
    }
}
