import Orders
import Profiles

/// Available units per item and node, in one flat array (a row an item, a column a node): a million items are a
/// million rows, not a million small arrays. Rows `0 ..< items.count` are the listing's items in its (SKU byte)
/// order, so that no SKU is hashed to find its row; a SKU that only the stock names gets a row after them.
struct ATSFigures {
    let items: ItemListing?
    /// Nodes a row.
    let width: Int
    var values: [Int]
    /// SKUs not in `items`, in the order met, and their rows (after the listing's).
    private var extras: [SKU] = []
    private var extraRows: [SKU: Int] = [:]

    init(items: ItemListing?, width: Int) {
        self.items = items
        self.width = width
        values = [Int](repeating: 0, count: (items?.count ?? 0) * width)
    }

    var listed: Int { items?.count ?? 0 }
    var rows: Int { listed + extras.count }

    subscript(row: Int, column: Int) -> Int { values[row * width + column] }

    func sum(ofRow row: Int) -> Int { values[(row * width)..<(row * width + width)].reduce(0, +) }

    func isListed(_ row: Int) -> Bool { row < listed }

    func sku(ofRow row: Int) -> SKU {
        if let items, row < items.count { return items.sku(at: row) }
        return extras[row - listed]
    }

    /// The row of `sku`, trying `hint` first (stock read in SKU order finds each row at the first try); a SKU not
    /// seen before gets a new row of zeros.
    mutating func row(of sku: SKU, hint: Int) -> Int {
        if let index = items?.index(of: sku, hint: hint) { return index }
        if let row = extraRows[sku] { return row }
        let row = rows
        extraRows[sku] = row
        extras.append(sku)
        values.append(contentsOf: repeatElement(0, count: width))
        return row
    }

    /// The row of `sku` when it has one.
    func existingRow(of sku: SKU) -> Int? { items?.index(of: sku) ?? extraRows[sku] }

    mutating func add(_ units: Int, row: Int, column: Int) { values[row * width + column] += units }

    /// Every row, in byte order of its SKU: the listing's in its own order, with the stock's other SKUs merged in.
    func rowsInSKUOrder() -> [Int] {
        guard !extras.isEmpty else { return Array(0..<listed) }
        let others = extras.indices.sorted { extras[$0].rawValue.precedesInUTF8(extras[$1].rawValue) }
        var order: [Int] = []
        order.reserveCapacity(rows)
        var (item, other) = (0, 0)
        while item < listed || other < others.count {
            let takesItem =
                other == others.count
                || (item < listed && sku(ofRow: item).rawValue.precedesInUTF8(extras[others[other]].rawValue))
            if takesItem {
                order.append(item)
                item += 1
            } else {
                order.append(listed + others[other])
                other += 1
            }
        }
        return order
    }
}
