public import Orders

extension ATSSnapshot {
    /// The snapshot with stock on its way on its lines, as future availability (`ATSLine.futureQuantity` and
    /// `availableOn`): at a line's node in a per-node feed, at any of the retailer's nodes in a summed one. No
    /// line's `quantity` changes: inbound stock is never on hand. Rows at nodes the retailer is not served from, or
    /// for items the feed has no line for, are not shown.
    public func addingInbound(_ rows: [InboundRow]) -> ATSSnapshot {
        guard !rows.isEmpty else { return self }
        let served = Set(nodes)
        var due: [ATSLine.Key: (quantity: Int, first: CalendarDate)] = [:]
        var keysBySKU: [SKU: [Int]] = [:]
        for (index, line) in lines.enumerated() { keysBySKU[line.sku, default: []].append(index) }
        var copy = self
        for row in rows where row.quantity > 0 && served.contains(row.node) {
            for index in keysBySKU[row.sku] ?? [] where !perNode || lines[index].node == row.node {
                let key = lines[index].key
                let known = due[key]
                due[key] = ((known?.quantity ?? 0) + row.quantity, min(known?.first ?? row.due, row.due))
            }
        }
        for index in copy.lines.indices {
            guard let figure = due[copy.lines[index].key] else { continue }
            copy.lines[index].futureQuantity = figure.quantity
            copy.lines[index].availableOn = figure.first
        }
        return copy
    }
}
