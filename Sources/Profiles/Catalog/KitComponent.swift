public import Orders

/// One SKU a kit is made of, and how many of it go into one kit: a row of `kits.csv`.
public struct KitComponent: Hashable, Sendable, Codable {
    public var sku: SKU
    /// Units of `sku` in one kit; at least 1.
    public var quantity: Int

    public init(sku: SKU, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }
}
