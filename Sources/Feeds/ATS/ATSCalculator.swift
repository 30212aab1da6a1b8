public import Foundation
public import Orders
public import Profiles

/// Available to sell, per retailer: a pure function of the stock, the profile, the network, the catalog and an
/// instant (no clock, disk or store is read), so a feed can be rebuilt and explained exactly.
///
/// For each item and each node the retailer may be served from (its sourcing's nodes; every node of the network
/// when it lists none), available = on hand − reserved − safety stock, never below zero. A node counts zero when it
/// is disabled or when the feed's instant falls on a day of one of its closures, read in the node's own time zone,
/// so a node announced as closing reads zero from 00:00 local on the first day of its window, not after it. Then
/// per figure the retailer reads (each node's in a per-node feed, the sum in a summed one): the buffer (units held
/// back, or a per cent of the figure with the result rounded down), the cap, and a floor at zero.
///
/// A kit (`kits.csv`) is stocked as its components: its figure at a node is the least, over its components, of
/// (the component's available ÷ its quantity per kit), rounded down, before the buffer and cap, which then apply to
/// the kit's figure as to any item's. A summed feed sums the kit's per-node figures, as a kit ships from one node.
public struct ATSCalculator: Sendable {
    public var retailer: RetailerID
    public var settings: FeedSettings
    /// The nodes the retailer may be served from, sorted by id, with what the network says of each (nil: the
    /// network does not know it, and it counts zero).
    public var nodes: [(id: DCID, node: FulfilmentNode?)]
    /// The catalog's items (SKU, UPC, description) and kits; nil for figures of the stock's SKUs alone.
    public var items: ItemListing?
    public var itemKey: ItemKey
    /// Whether lines carry the catalog's description (for a CSV `name` or `description` column, and JSON/XML).
    public var includesNames: Bool

    /// What a retailer that has no id of its own for an item (no `item-ids` entry) knows it by.
    public enum ItemKey: String, Hashable, Sendable, CaseIterable {
        /// Our SKU: what every sample profile's retailer uses.
        case sku
        /// The catalog's UPC (GTIN), for a retailer whose guide keys items by it; an item with no UPC is left out
        /// and listed in `ATSSnapshot.itemsWithoutID`. An `item-ids` entry still wins over the UPC.
        case upc
    }

    /// Throws `FeedError.Kind.noFeed` when the profile has no `feed:` settings.
    public init(
        profile: RetailerProfile, network: Network, catalog: ItemCatalog? = nil, itemKey: ItemKey = .sku,
        includesNames: Bool? = nil
    ) throws(FeedError) {
        try self.init(
            profile: profile, network: network, items: catalog.map(ItemListing.init), itemKey: itemKey,
            includesNames: includesNames)
    }

    /// The calculator over a catalog as a feed reads it (`ItemListing`): what a feed of a large catalog is built
    /// with. Throws `FeedError.Kind.noFeed` when the profile has no `feed:` settings.
    public init(
        profile: RetailerProfile, network: Network, items: ItemListing?, itemKey: ItemKey = .sku,
        includesNames: Bool? = nil
    ) throws(FeedError) {
        guard let settings = profile.feed else { throw FeedError(.noFeed, url: profile.id.rawValue) }
        self.retailer = profile.id
        self.settings = settings
        let listed = profile.sourcing.listed.isEmpty ? network.nodes.map(\.id) : profile.sourcing.listed
        self.nodes = Set(listed).sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
            .map { ($0, network.node($0)) }
        self.items = items
        self.itemKey = itemKey
        self.includesNames =
            includesNames ?? settings.columns.contains { $0 == "name" || $0 == "description" }
    }

    /// Whether `node` ships at `instant`: known to the network, enabled, and outside every closure on the day
    /// `instant` falls on in the node's time zone.
    public static func isOpen(_ node: FulfilmentNode?, at instant: Date) -> Bool {
        guard let node, node.enabled else { return false }
        return node.closure(on: CalendarDate.on(instant, in: node.timeZone)) == nil
    }

    /// `quantity` as the retailer may see it: less the buffer (a per cent buffer rounds the result down), no more
    /// than the cap, never below zero.
    public func advertised(_ quantity: Int) -> Int {
        var figure = max(0, quantity)
        switch settings.buffer {
        case .units(let units)?:
            figure -= units
        case .percent(let percent)?:
            var kept = Decimal(figure) * (100 - percent) / 100
            var rounded = Decimal()
            NSDecimalRound(&rounded, &kept, 0, .down)
            figure = NSDecimalNumber(decimal: rounded).intValue
        case nil:
            break
        }
        if let cap = settings.cap { figure = min(figure, cap) }
        return max(0, figure)
    }

    /// Every figure at `instant`, zeros included. Items are the catalog's and any SKU in `stock`; stock at a node
    /// the retailer is not served from is not counted.
    public func snapshot<Stock: Sequence>(of stock: Stock, at instant: Date) -> ATSSnapshot
    where Stock.Element: StockLevel {
        snapshot(of: figures(of: stock, at: instant), at: instant)
    }

    /// Each item's available units at each of the retailer's nodes at `instant`, kits derived: what a snapshot is
    /// made of, taken apart so that the stock it was summed from can be let go before the lines are made.
    func figures<Stock: Sequence>(of stock: Stock, at instant: Date) -> ATSFigures where Stock.Element: StockLevel {
        let open = nodes.map { Self.isOpen($0.node, at: instant) }
        let position = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var figures = ATSFigures(items: items, width: nodes.count)
        var hint = 0
        for level in stock {
            let row = figures.row(of: level.sku, hint: hint)
            hint = row + 1
            if let index = position[level.node], open[index] { figures.add(level.available, row: row, column: index) }
        }
        figures.deriveKits()
        return figures
    }

    /// The lines of `figures`, as the retailer knows its items, sorted by `ATSLine.Key`.
    func snapshot(of figures: ATSFigures, at instant: Date) -> ATSSnapshot {
        let width = nodes.count
        var lines: [ATSLine] = []
        // A per-node feed's lines are made a node at a time, so that they come out grouped by node, as sorted.
        var nodeLines = [[ATSLine]](repeating: [], count: settings.perNode ? width : 0)
        lines.reserveCapacity(settings.perNode ? 0 : figures.rows)
        var withoutID: [SKU] = []
        var duplicates: [SKU] = []
        var seen: Set<String> = []
        let checksIDs = !settings.itemIDs.isEmpty || itemKey == .upc
        for row in figures.rowsInSKUOrder() {
            let item = item(ofRow: row, in: figures)
            let (sku, upc) = (item.sku, item.upc)
            let id: (text: String, kind: ATSLine.ItemIDKind)
            if let mapped = settings.itemIDs[sku] {
                id = (mapped, .retailer)
            } else if itemKey == .upc {
                guard let upc, !upc.isEmpty else {
                    withoutID.append(sku)
                    continue
                }
                id = (upc, .gtin)
            } else {
                id = (sku.rawValue, .sku)
            }
            // SKUs are distinct: only an id from the profile's mapping or the catalog's UPCs can come twice.
            guard checksIDs ? seen.insert(id.text).inserted : true else {
                duplicates.append(sku)
                continue
            }
            let (shownUPC, name) = (item.shownUPC, item.name)
            if settings.perNode {
                for (index, node) in nodes.enumerated() {
                    nodeLines[index].append(
                        ATSLine(
                            sku: sku, itemID: id.text, itemIDKind: id.kind, upc: shownUPC, name: name, node: node.id,
                            quantity: advertised(figures[row, index])))
                }
            } else {
                lines.append(
                    ATSLine(
                        sku: sku, itemID: id.text, itemIDKind: id.kind, upc: shownUPC, name: name,
                        quantity: advertised(figures.sum(ofRow: row))))
            }
        }
        if settings.perNode {
            lines.reserveCapacity(nodeLines.reduce(0) { $0 + $1.count })
            for index in nodeLines.indices {
                lines += nodeLines[index]
                nodeLines[index] = []
            }
        }
        // In SKU order, a feed keyed by SKU is sorted already; one keyed by the retailer's ids or UPCs is not.
        if !lines.indices.dropFirst().allSatisfy({ !(lines[$0].key < lines[$0 - 1].key) }) {
            lines.sort { $0.key < $1.key }
        }
        return ATSSnapshot(
            retailer: retailer, instant: instant, perNode: settings.perNode, nodes: nodes.map(\.id), lines: lines,
            itemsWithoutID: withoutID, duplicateItemIDs: duplicates)
    }

    /// What the lines of a row of `figures` say of its item: its SKU, the catalog's UPC (empty when it has none,
    /// nil for a SKU it does not list) and its description when lines carry one.
    func item(ofRow row: Int, in figures: ATSFigures) -> (sku: SKU, upc: String?, name: String?, shownUPC: String?) {
        let listed = figures.isListed(row)
        let upc = listed ? items?.upc(at: row) : nil
        return (
            figures.sku(ofRow: row), upc, includesNames && listed ? items?.description(at: row) : nil,
            upc.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Whether a full feed's lines come out of the figures in key order with nothing set aside: keyed by our SKU
    /// (no `item-ids`, not by UPC), so SKU order is key order and no two lines share an id (`ATSLineStream`).
    public var streamsInKeyOrder: Bool { settings.itemIDs.isEmpty && itemKey == .sku }

    /// The feed the profile asks for at `instant`: full, or a delta against `previous` (the snapshot of the feed
    /// the retailer last accepted; nil makes a delta profile's feed a full one).
    public func content<Stock: Sequence>(of stock: Stock, at instant: Date, previous: ATSSnapshot? = nil)
        -> FeedContent
    where Stock.Element: StockLevel {
        let snapshot = snapshot(of: stock, at: instant)
        switch settings.mode {
        case .full: return .full(snapshot, unavailable: settings.unavailable)
        case .delta: return .delta(snapshot, since: previous, unavailable: settings.unavailable)
        }
    }
}
