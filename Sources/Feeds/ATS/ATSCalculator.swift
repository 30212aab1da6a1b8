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
    public var catalog: ItemCatalog?
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
        guard let settings = profile.feed else { throw FeedError(.noFeed, url: profile.id.rawValue) }
        self.retailer = profile.id
        self.settings = settings
        let listed = profile.sourcing.listed.isEmpty ? network.nodes.map(\.id) : profile.sourcing.listed
        self.nodes = Set(listed).sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
            .map { ($0, network.node($0)) }
        self.catalog = catalog
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
        let open = nodes.map { Self.isOpen($0.node, at: instant) }
        let position = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // One row of figures a SKU, a column a node, in one flat array: a million items are a million rows, not a
        // million small arrays.
        let width = nodes.count
        var rowOf: [SKU: Int] = [:]
        var skus: [SKU] = []
        if let catalog {
            rowOf.reserveCapacity(catalog.items.count)
            skus.reserveCapacity(catalog.items.count)
            for sku in catalog.items.keys {
                rowOf[sku] = skus.count
                skus.append(sku)
            }
        }
        var figures = [Int](repeating: 0, count: skus.count * width)
        for level in stock {
            let row: Int
            if let known = rowOf[level.sku] {
                row = known
            } else {
                row = skus.count
                rowOf[level.sku] = row
                skus.append(level.sku)
                figures.append(contentsOf: repeatElement(0, count: width))
            }
            if let index = position[level.node], open[index] { figures[row * width + index] += level.available }
        }
        if let catalog { Self.deriveKits(of: catalog, in: &figures, rowOf: rowOf, width: width) }
        rowOf = [:]
        var lines: [ATSLine] = []
        lines.reserveCapacity(skus.count * (settings.perNode ? width : 1))
        var withoutID: [SKU] = []
        var duplicates: [SKU] = []
        var seen: Set<String> = []
        let checksIDs = !settings.itemIDs.isEmpty || itemKey == .upc
        // SKUs in UTF-8 byte order. For ASCII, String's own `<` is that order, and compares with one memcmp.
        let ascii = skus.allSatisfy { $0.rawValue.utf8.allSatisfy { $0 < 0x80 } }
        let order =
            ascii
            ? skus.indices.sorted { skus[$0].rawValue < skus[$1].rawValue }
            : skus.indices.sorted { skus[$0].rawValue.precedesInUTF8(skus[$1].rawValue) }
        for row in order {
            let sku = skus[row]
            let cells = figures[(row * width)..<(row * width + width)]
            let item = catalog?[sku]
            let id: (text: String, kind: ATSLine.ItemIDKind)
            if let mapped = settings.itemIDs[sku] {
                id = (mapped, .retailer)
            } else if itemKey == .upc {
                guard let upc = item?.upc, !upc.isEmpty else {
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
            let upc = item.flatMap { $0.upc.isEmpty ? nil : $0.upc }
            let name = includesNames ? item?.description : nil
            if settings.perNode {
                for (index, node) in nodes.enumerated() {
                    lines.append(
                        ATSLine(
                            sku: sku, itemID: id.text, itemIDKind: id.kind, upc: upc, name: name, node: node.id,
                            quantity: advertised(cells[cells.startIndex + index])))
                }
            } else {
                lines.append(
                    ATSLine(
                        sku: sku, itemID: id.text, itemIDKind: id.kind, upc: upc, name: name,
                        quantity: advertised(cells.reduce(0, +))))
            }
        }
        lines.sort { $0.key < $1.key }
        return ATSSnapshot(
            retailer: retailer, instant: instant, perNode: settings.perNode, nodes: nodes.map(\.id), lines: lines,
            itemsWithoutID: withoutID, duplicateItemIDs: duplicates)
    }

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
