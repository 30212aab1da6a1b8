public import Orders

/// A full feed's lines made one at a time from the figures as a renderer reads them, in `ATSLine.Key` order
/// without a sort, never all held at once: what a preview of a million-item feed is written from (a million lines
/// held together are some 130 MB). Only for a feed whose lines come out of the figures in key order with nothing
/// set aside (`ATSCalculator.streamsInKeyOrder`): node by node, then SKU by SKU.
public struct ATSLineStream: Sequence, IteratorProtocol {
    let calculator: ATSCalculator
    let figures: ATSFigures
    /// Rows in SKU byte order; nil when that is their own order (every row an item of the listing).
    let order: [Int]?
    let rows: Int
    /// The node columns of a per-node feed, in node order; `[nil]` for one summed figure a row.
    let columns: [Int?]
    let omitsZeros: Bool
    private var position = 0

    init(calculator: ATSCalculator, figures: ATSFigures, columns: [Int?], omitsZeros: Bool) {
        self.calculator = calculator
        self.figures = figures
        self.order = figures.rows == figures.listed ? nil : figures.rowsInSKUOrder()
        self.rows = figures.rows
        self.columns = columns
        self.omitsZeros = omitsZeros
    }

    public mutating func next() -> ATSLine? {
        while position < columns.count * rows {
            let column = columns[position / rows]
            let row = order?[position % rows] ?? position % rows
            position += 1
            let quantity = calculator.advertised(column.map { figures[row, $0] } ?? figures.sum(ofRow: row))
            if omitsZeros, quantity == 0 { continue }
            let item = calculator.item(ofRow: row, in: figures)
            return ATSLine(
                sku: item.sku, itemID: item.sku.rawValue, itemIDKind: .sku, upc: item.shownUPC, name: item.name,
                node: column.map { calculator.nodes[$0].id }, quantity: quantity)
        }
        return nil
    }
}
