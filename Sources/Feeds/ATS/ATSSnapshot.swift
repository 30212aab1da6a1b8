public import Foundation
public import Orders

/// Every figure a retailer's feed could carry at one instant, zeros included: what a full feed sends (less the zeros
/// where the profile omits them), and what a delta is computed against. It is the value to keep for the next delta
/// (the store keeps the one of the feed the retailer last *accepted*), so it is `Codable`.
public struct ATSSnapshot: Hashable, Sendable, Codable {
    public var retailer: RetailerID
    public var instant: Date
    /// One figure per node (`true`) or one per item over the nodes.
    public var perNode: Bool
    /// The nodes the retailer may be served from, sorted; the figures of a per-node feed are for these.
    public var nodes: [DCID]
    /// Sorted by `ATSLine.Key`: node, then item id.
    public var lines: [ATSLine]
    /// Items left out of a feed keyed by UPC because the catalog has no UPC for them.
    public var itemsWithoutID: [SKU]
    /// Items left out because an earlier SKU (in byte order) maps to the same retailer item id: the retailer could
    /// not tell them apart.
    public var duplicateItemIDs: [SKU]

    public init(
        retailer: RetailerID, instant: Date, perNode: Bool, nodes: [DCID], lines: [ATSLine],
        itemsWithoutID: [SKU] = [], duplicateItemIDs: [SKU] = []
    ) {
        self.retailer = retailer
        self.instant = instant
        self.perNode = perNode
        self.nodes = nodes
        self.lines = lines
        self.itemsWithoutID = itemsWithoutID
        self.duplicateItemIDs = duplicateItemIDs
    }

    /// The figure of each line, by what the retailer knows it by.
    public var quantities: [ATSLine.Key: Int] {
        Dictionary(lines.map { ($0.key, $0.quantity) }, uniquingKeysWith: { first, _ in first })
    }
}
