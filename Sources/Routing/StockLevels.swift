import Orders

/// Units available by SKU and node in one flat table, the way routing reads them: a SKU's row (one hash lookup),
/// then a node's slot in it. Rows and slots are assigned as SKUs and nodes first appear. An assignment that anyone
/// else can see (another `Stock` value, or a router that derived something from it: `WorldTables.stockRows(in:)`,
/// `WorldTables.slots(in:)`) is never changed but replaced when it grows, so its identity names it for as long as it
/// lives; one that nobody else holds grows in place, so loading a large inventory costs no copy per SKU.
struct StockLevels: Sendable {
    /// Changed only while uniquely referenced (`row(for:)`), so no holder ever sees it change.
    final class RowTable: @unchecked Sendable {
        fileprivate(set) var index: [SKU: Int]
        init(index: [SKU: Int]) { self.index = index }
    }

    /// Changed only while uniquely referenced (`slot(for:)`), as `RowTable`.
    final class SlotTable: @unchecked Sendable {
        fileprivate(set) var index: [DCID: Int]
        init(index: [DCID: Int]) { self.index = index }
    }

    private(set) var rows = RowTable(index: [:])
    private(set) var slots = SlotTable(index: [:])
    /// Row-major: `levels[row * width + slot]`; slots at or past `slots.index.count` are 0.
    private(set) var levels: [Int] = []
    private(set) var width = 0

    mutating func set(_ quantity: Int, of sku: SKU, at node: DCID) {
        let slot = slot(for: node)
        let row = row(for: sku)
        levels[row * width + slot] = quantity
    }

    private mutating func slot(for node: DCID) -> Int {
        if let slot = slots.index[node] { return slot }
        let slot = slots.index.count
        if !isKnownUniquelyReferenced(&slots) { slots = SlotTable(index: slots.index) }
        slots.index[node] = slot
        if slot >= width { widen(to: max(8, width * 2)) }
        return slot
    }

    private mutating func row(for sku: SKU) -> Int {
        if let row = rows.index[sku] { return row }
        let row = rows.index.count
        if !isKnownUniquelyReferenced(&rows) { rows = RowTable(index: rows.index) }
        rows.index[sku] = row
        levels.append(contentsOf: repeatElement(0, count: width))
        return row
    }

    /// Lays the rows out `newWidth` slots wide.
    private mutating func widen(to newWidth: Int) {
        let count = rows.index.count
        var widened = [Int](repeating: 0, count: count * newWidth)
        for row in 0..<count {
            for slot in 0..<width { widened[row * newWidth + slot] = levels[row * width + slot] }
        }
        levels = widened
        width = newWidth
    }
}
