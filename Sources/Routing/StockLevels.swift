import Orders

/// Units available by SKU and node in one flat table, the way routing reads them: a SKU's row (one hash lookup),
/// then a node's slot in it. Rows and slots are assigned as SKUs and nodes first appear; each assignment is an
/// immutable table replaced when it grows, so its identity names it and a router can keep what it derived from it
/// (`RoutingTables.stockRows(in:)`, `RoutingTables.slots(in:)`) for as long as it lives.
struct StockLevels: Sendable {
    final class RowTable: Sendable {
        let index: [SKU: Int]
        init(index: [SKU: Int]) { self.index = index }
    }

    final class SlotTable: Sendable {
        let index: [DCID: Int]
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
        var index = slots.index
        let slot = index.count
        index[node] = slot
        slots = SlotTable(index: index)
        if slot >= width { widen(to: max(8, width * 2)) }
        return slot
    }

    private mutating func row(for sku: SKU) -> Int {
        if let row = rows.index[sku] { return row }
        var index = rows.index
        let row = index.count
        index[sku] = row
        rows = RowTable(index: index)
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
