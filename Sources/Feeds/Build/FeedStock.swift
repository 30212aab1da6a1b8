import Foundation
public import Orders
public import Profiles
public import Store

/// What feeds are computed from: the store's stock of the catalog's items and its node switches (a node switched
/// off or closed in the store reads zero, as it is no candidate for a decision).
public struct FeedStock: Sendable {
    public var positions: [StockRow]
    public var switches: [NodeSwitch]
    /// Stock on its way to the nodes: shown as future availability where a format carries it, never as on hand.
    public var inbound: [InboundRow] = []

    /// `progress` is told what is being read, for a terminal's step line.
    public static func read(
        from store: any OrderStore, catalog: ItemCatalog, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> FeedStock {
        try await read(from: store, items: ItemListing(catalog), progress: progress)
    }

    /// The stock of `items`: every row of the store read in one pass (by node and SKU, the listing's own order, so
    /// each row finds its item at the first try) and those of other SKUs left out.
    public static func read(
        from store: any OrderStore, items: ItemListing, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> FeedStock {
        progress?("reading the stock of \(items.count.formatted()) items")
        var hint = 0
        func isListed(_ sku: SKU) -> Bool {
            guard let index = items.index(of: sku, hint: hint) else { return false }
            hint = index + 1
            return true
        }
        var positions = try await store.inventory()
        positions.removeAll { !isListed($0.sku) }
        hint = 0
        var inbound = try await store.inbound()
        inbound.removeAll { !isListed($0.sku) }
        return FeedStock(positions: positions, switches: try await store.nodeSwitches(), inbound: inbound)
    }
}
