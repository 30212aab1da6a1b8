import Orders
import Profiles
import Routing
import Store

extension Gateway {
    /// A pick ticket per shipment of `decision`, each line and kit component with the bin its node keeps the SKU
    /// in, from `positions`: the inventory rows the decision's stock was read from (`stockedSnapshot`), so that a
    /// ticket names the bins of the same read, with no query of its own.
    func pickTickets(
        _ order: PurchaseOrder, _ decision: RoutingDecision, profile: RetailerProfile,
        positions: [DCID: [SKU: InventoryPosition]]
    ) -> [PickTicket] {
        decision.shipments.map { shipment in
            let stocked = positions[shipment.node]
            return PickTicket(order: order, shipment: shipment, profile: profile, catalog: profiles.catalog) {
                stocked?[$0]?.location
            }
        }
    }
}
