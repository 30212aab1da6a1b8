import Orders
import Profiles

extension ATSCalculator {
    /// Sets each kit's figures (rows of `width` node columns in `figures`, found through `rowOf`) from its
    /// components': per node, the least of floor(component figure ÷ quantity per kit). A component the rows lack
    /// counts zero; a closed node already reads zero for every component.
    static func deriveKits(of catalog: ItemCatalog, in figures: inout [Int], rowOf: [SKU: Int], width: Int) {
        for (kit, components) in catalog.kits {
            guard let row = rowOf[kit] else { continue }
            for column in 0..<width {
                var least: Int?
                for component in components {
                    let available = rowOf[component.sku].map { figures[$0 * width + column] } ?? 0
                    let kits = available / max(1, component.quantity)
                    least = min(least ?? kits, kits)
                }
                figures[row * width + column] = least ?? 0
            }
        }
    }
}
