public import Orders

/// A retailer's feed of one node, or of every node (`all`): what a schedule fires for and a slot is claimed for.
public struct FeedKey: Hashable, Sendable, CustomStringConvertible {
    public var retailer: RetailerID
    /// Nil for the feed of every node (a retailer whose profile does not ask for per-node figures).
    public var node: DCID?

    public init(retailer: RetailerID, node: DCID?) {
        self.retailer = retailer
        self.node = node
    }

    public var description: String { "\(retailer.rawValue) \(node?.rawValue ?? "all")" }
}
