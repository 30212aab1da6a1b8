/// One figure of an available-to-sell feed: how many units of one item a retailer may sell, at one node (a feed per
/// node, as a retailer that assigns the ship-from node needs) or over all the nodes that may serve it. Every feed
/// format is written from these: the X12 846 (`OrderX12`) and the CSV, JSON and XML feeds (`Feeds`).
public struct ATSLine: Hashable, Sendable, Codable {
    /// Our item.
    public var sku: SKU
    /// What the retailer knows the item by; `itemIDKind` says where it came from.
    public var itemID: String
    public var itemIDKind: ItemIDKind
    /// The item's GTIN as the catalog holds it, when known.
    public var upc: String?
    /// The item's description, when the feed carries one.
    public var name: String?
    /// The node this figure is for; nil in a feed summed over the nodes.
    public var node: DCID?
    /// Units the retailer may sell; never negative. Stock on its way is never in it.
    public var quantity: Int
    /// Units on their way to the node (or the retailer's nodes, in a summed feed), not yet received: what a
    /// retailer that takes backorders or preorders may sell for later. Nil when none is due.
    public var futureQuantity: Int?
    /// The day the first of `futureQuantity` is due.
    public var availableOn: CalendarDate?

    public init(
        sku: SKU, itemID: String? = nil, itemIDKind: ItemIDKind = .sku, upc: String? = nil, name: String? = nil,
        node: DCID? = nil, quantity: Int
    ) {
        self.sku = sku
        self.itemID = itemID ?? sku.rawValue
        self.itemIDKind = itemIDKind
        self.upc = upc
        self.name = name
        self.node = node
        self.quantity = quantity
    }

    /// Where a line's item id comes from, which decides the qualifier an X12 846 writes it under.
    public enum ItemIDKind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Our own SKU (X12 `VN`, vendor's item number): the retailer has no id of its own for it.
        case sku
        /// The retailer's own item id, from the profile's `item-ids` (X12 `SK` unless the writer is told otherwise).
        case retailer
        /// The item's GTIN from the catalog, for a feed keyed by UPC (X12 `UP`, `EN` or `UK` by its length).
        case gtin
    }

    /// What identifies the line to the retailer: its item id and node. A delta compares feeds line by line on it.
    public var key: Key { Key(itemID: itemID, node: node) }

    public struct Key: Hashable, Sendable, Comparable {
        public var itemID: String
        public var node: DCID?

        public init(itemID: String, node: DCID?) {
            self.itemID = itemID
            self.node = node
        }

        /// Node first (a per-node feed is grouped by node, as an 846 per facility is), then item id, both compared
        /// byte for byte so the order never depends on a locale.
        public static func < (lhs: Key, rhs: Key) -> Bool {
            let (leftNode, rightNode) = (lhs.node?.rawValue ?? "", rhs.node?.rawValue ?? "")
            if leftNode != rightNode { return leftNode.precedesInUTF8(rightNode) }
            return lhs.itemID.precedesInUTF8(rhs.itemID)
        }
    }
}
