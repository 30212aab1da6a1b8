/// What a node holds of a SKU and how much of it is safety stock: a row of an inventory file, and what a store
/// keeps (and reserves against).
public struct InventoryRow: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var onHand: Int
    public var safetyStock: Int
    /// The bin the node keeps the SKU in, when the file gives one (its optional `location` column): what the pick
    /// list shows and sorts a pick walk by.
    public var location: BinLocation?

    public init(node: DCID, sku: SKU, onHand: Int, safetyStock: Int, location: BinLocation? = nil) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.safetyStock = safetyStock
        self.location = location
    }
}
