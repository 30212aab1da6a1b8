public import Orders

/// Stock on its way to the nodes (`InboundRow`), which the store keeps apart from on-hand stock: routing may let a
/// backorder wait for it, but nothing reserves or ships it until it is received.
public protocol InboundStockStore: Sendable {
    /// Sets the stock due at the nodes named in `rows`: each such node is replaced as a whole (what was due there
    /// and is not in `rows` is dropped); rows for the same node, SKU and day add up.
    func importInbound(_ rows: [InboundRow]) async throws(StoreError)

    /// What is due of `skus` at every node, by node, SKU and due day.
    func inbound(of skus: Set<SKU>) async throws(StoreError) -> [InboundRow]

    /// Everything due, of every SKU at every node, by node, SKU and due day: what a feed over the whole catalog
    /// reads.
    func inbound() async throws(StoreError) -> [InboundRow]

    /// Receives stock in one transaction: each receipt's units go on hand at its node (a node and SKU without an
    /// inventory row get one, with no safety stock) and leave what is due there of the SKU, earliest due first
    /// (units beyond what was due simply go on hand).
    func receive(_ receipts: [StockReceipt]) async throws(StoreError)
}

extension InboundStockStore {
    /// Units of `receipts` per node and SKU, in node and SKU order: what a store applies, in an order that two
    /// receipts running at once lock in the same way.
    static func totals(_ receipts: [StockReceipt]) -> [(node: DCID, sku: SKU, quantity: Int)] {
        var totals: [DCID: [SKU: Int]] = [:]
        for receipt in receipts where receipt.quantity > 0 {
            totals[receipt.node, default: [:]][receipt.sku, default: 0] += receipt.quantity
        }
        return totals.keys.sorted().flatMap { node in
            (totals[node] ?? [:]).sorted { $0.key < $1.key }.map { (node, $0.key, $0.value) }
        }
    }

    /// `rows` summed per node, SKU and due day, in that order.
    static func merged(_ rows: [InboundRow]) -> [InboundRow] {
        var merged: [InboundRow] = []
        for row in rows.sorted(by: { ($0.node, $0.sku, $0.due) < ($1.node, $1.sku, $1.due) }) where row.quantity > 0 {
            if let last = merged.last, last.node == row.node, last.sku == row.sku, last.due == row.due {
                merged[merged.count - 1].quantity += row.quantity
            } else {
                merged.append(row)
            }
        }
        return merged
    }
}
