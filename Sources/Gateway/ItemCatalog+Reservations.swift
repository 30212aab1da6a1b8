import Orders
import Profiles
import Store

extension ItemCatalog {
    /// The reservations `lines` (units of an item at a node) hold, in what the store stocks: a kit's units are its
    /// components', kits × each component's quantity per kit. One reservation per node and stocked SKU, in the order
    /// first met.
    func stocked(_ lines: [(node: DCID, sku: SKU, quantity: Int)]) -> [Reservation] {
        var reservations: [Reservation] = []
        for line in lines {
            for (sku, units) in expanded(line.sku, quantity: line.quantity) {
                if let index = reservations.firstIndex(where: { $0.node == line.node && $0.sku == sku }) {
                    reservations[index].quantity += units
                } else {
                    reservations.append(Reservation(node: line.node, sku: sku, quantity: units))
                }
            }
        }
        return reservations
    }
}
