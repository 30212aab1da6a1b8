package import Orders
package import Profiles
package import Routing

/// Kits as routing sees them: ordinary items whose available stock at a node is, over their components, the least of
/// floor(component available ÷ quantity per kit). The store holds and reserves components only (one pool for a
/// component sold alone and in kits); this keeps the kits' derived figures in a routing `Stock` true to them while a
/// batch is decided, so routing itself knows nothing of kits. `package`: a dry run (`dropgate route`) decides against
/// the same figures.
package struct KitStock: Sendable {
    package let catalog: ItemCatalog
    /// The kits whose figures are kept: those the orders being decided ask for.
    package let kits: Set<SKU>

    /// For orders asking for `skus`: the kits among them are kept.
    package init(catalog: ItemCatalog, skus: some Sequence<SKU>) {
        self.catalog = catalog
        kits = Set(skus.filter { catalog.isKit($0) })
    }

    /// What to ask the store for to decide orders for `skus`: each ordinary item, and each kit's components in
    /// place of the kit.
    package static func stockedSKUs(for skus: some Sequence<SKU>, catalog: ItemCatalog) -> Set<SKU> {
        Set(skus.flatMap { sku in catalog.components(of: sku).map { $0.map(\.sku) } ?? [sku] })
    }

    /// A kit's figure at `node` from its components' figures in `stock`.
    package func available(_ kit: SKU, at node: DCID, in stock: Stock) -> Int {
        guard let components = catalog.components(of: kit), !components.isEmpty else { return 0 }
        return components.map { stock.available($0.sku, at: node) / max(1, $0.quantity) }.min() ?? 0
    }

    /// Sets every kept kit's figure at every node `stock` knows from its components'.
    package func derive(in stock: inout Stock) {
        for node in stock.nodes {
            for kit in kits { stock.set(available(kit, at: node, in: stock), of: kit, at: node) }
        }
    }

    /// Books into `stock` what `NetworkState.apply` cannot see of `decision`: a kit line's units leave its
    /// components at the shipment's node; then every kept kit that shares a component that moved (sold in a kit or
    /// alone) is worked out again there.
    package func settle(_ decision: RoutingDecision, in stock: inout Stock) {
        for shipment in decision.shipments { settle(shipment.lines, at: shipment.node, in: &stock) }
    }

    /// `settle` for the lines of one shipment from `node`, once `stock` has had the lines themselves taken.
    package func settle(_ lines: [ShipmentLine], at node: DCID, in stock: inout Stock) {
        var moved: Set<SKU> = []
        for line in lines {
            guard let components = catalog.components(of: line.sku) else {
                moved.insert(line.sku)
                continue
            }
            for component in components {
                stock.take(component.quantity * line.quantity, of: component.sku, at: node)
                moved.insert(component.sku)
            }
        }
        recompute(after: moved, at: node, in: &stock)
    }

    /// Gives `quantity` units of `sku` (a component or an ordinary item: what the store reserves) back at `node`,
    /// and works out again the kept kits that contain it.
    package func giveBack(_ quantity: Int, of sku: SKU, at node: DCID, in stock: inout Stock) {
        stock.set(stock.available(sku, at: node) + quantity, of: sku, at: node)
        recompute(after: [sku], at: node, in: &stock)
    }

    /// Works out again, at `node`, the kept kits containing any of `moved`.
    private func recompute(after moved: Set<SKU>, at node: DCID, in stock: inout Stock) {
        var affected: Set<SKU> = []
        for sku in moved { affected.formUnion(catalog.kits(containing: sku).filter(kits.contains)) }
        for kit in affected { stock.set(available(kit, at: node, in: stock), of: kit, at: node) }
    }
}
