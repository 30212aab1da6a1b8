import Orders
import Profiles

extension ATSFigures {
    /// Sets each kit's figures from its components': per node, the least of floor(component figure ÷ quantity per
    /// kit). A component without a row counts zero; a closed node already reads zero for every component.
    mutating func deriveKits() {
        guard let kits = items?.kits else { return }
        for (kit, components) in kits {
            guard let row = existingRow(of: kit) else { continue }
            let componentRows = components.map { existingRow(of: $0.sku) }
            for column in 0..<width {
                var least: Int?
                for (component, componentRow) in zip(components, componentRows) {
                    let available = componentRow.map { self[$0, column] } ?? 0
                    let kits = available / max(1, component.quantity)
                    least = min(least ?? kits, kits)
                }
                values[row * width + column] = least ?? 0
            }
        }
    }
}
