import Orders

/// Units available by SKU and node in one flat table, the way routing reads them: a SKU's row (one hash lookup),
/// then a node's slot in it. Rows and slots are assigned as SKUs and nodes first appear. A plain value: its indexes
/// are dictionaries, copied on write like the levels.
///
/// What a caller's `RoutingScratch` works out from an assignment (`WorldTables.slots(in:)`,
/// `WorldTables.stockRows(in:)`) is kept under the assignment's `Layout`, which is replaced whenever an assignment
/// that someone else holds grows; one that nobody else holds grows in place, so loading a large inventory costs no
/// copy and no allocation per SKU.
struct StockLevels: Sendable {
    /// Names one row or slot assignment for as long as it lasts: identity only, no state (so checked `Sendable`).
    final class Layout: Sendable {}

    /// SKU → row.
    private(set) var rows: [SKU: Int] = [:]
    /// Node → slot.
    private(set) var slots: [DCID: Int] = [:]
    private(set) var rowLayout = Layout()
    private(set) var slotLayout = Layout()
    /// Row-major: `levels[row * width + slot]`; slots at or past `slots.count` are 0.
    private(set) var levels: [Int] = []
    private(set) var width = 0

    mutating func set(_ quantity: Int, of sku: SKU, at node: DCID) {
        let slot = slot(for: node)
        let row = row(for: sku)
        levels[row * width + slot] = quantity
    }

    private mutating func slot(for node: DCID) -> Int {
        if let slot = slots[node] { return slot }
        let slot = slots.count
        if !isKnownUniquelyReferenced(&slotLayout) { slotLayout = Layout() }
        slots[node] = slot
        if slot >= width { widen(to: max(8, width * 2)) }
        return slot
    }

    private mutating func row(for sku: SKU) -> Int {
        if let row = rows[sku] { return row }
        let row = rows.count
        if !isKnownUniquelyReferenced(&rowLayout) { rowLayout = Layout() }
        rows[sku] = row
        levels.append(contentsOf: repeatElement(0, count: width))
        return row
    }

    /// Lays the rows out `newWidth` slots wide.
    private mutating func widen(to newWidth: Int) {
        let count = rows.count
        var widened = [Int](repeating: 0, count: count * newWidth)
        for row in 0..<count {
            for slot in 0..<width { widened[row * newWidth + slot] = levels[row * width + slot] }
        }
        levels = widened
        width = newWidth
    }
}
