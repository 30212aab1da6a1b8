import Foundation
public import Orders
public import Profiles
public import Store

/// What feeds are computed from: the store's stock of the catalog's items and its node switches (a node switched
/// off or closed in the store reads zero, as it is no candidate for a decision).
public struct FeedStock: Sendable {
    public var positions: [InventoryPosition]
    public var switches: [NodeSwitch]
    /// Stock on its way to the nodes: shown as future availability where a format carries it, never as on hand.
    public var inbound: [InboundRow] = []

    /// `progress` is told what is being read, for a terminal's step line.
    public static func read(
        from store: any OrderStore, catalog: ItemCatalog, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> FeedStock {
        progress?("reading the stock of \(catalog.items.count.formatted()) items")
        let skus = Set(catalog.items.keys)
        return FeedStock(
            positions: try await store.inventory(of: skus), switches: try await store.nodeSwitches(),
            inbound: try await store.inbound(of: skus))
    }
}
