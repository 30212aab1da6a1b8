internal import OrderXML
internal import Orders

extension ProfileSet {
    /// Every row of an inventory CSV (`dc,sku,on_hand,safety_stock`) whose DC is not a node of the network or whose
    /// SKU is not in the catalog: stock nobody can route to or from, most likely a typo, so it is refused rather
    /// than silently held. The counts themselves are checked where the stock is read (`Stock.parse`).
    public func inventoryProblems(csv text: String, file: String) -> [ProfileError] {
        let table: CSVTable
        let index: [Int]
        do {
            table = try CSVTable(parsing: text, file: file)
            index = try table.columns(["dc", "sku"], file: file)
        } catch {
            return [error]
        }
        let nodes = network.nodes.map(\.id.rawValue)
        var problems: [ProfileError] = []
        for row in table.rows {
            func field(_ column: Int) -> String {
                index[column] < row.fields.count ? String(row.fields[index[column]].trimmingSpaces) : ""
            }
            let dc = field(0)
            let sku = field(1)
            if !dc.isEmpty, !nodes.contains(dc) {
                var message = "dc '\(dc)' is not a node of the network"
                if let near = nearest(to: dc, in: nodes) { message += "; did you mean '\(near)'?" }
                problems.append(
                    ProfileError(
                        kind: .unknownReference, file: file, line: row.line, column: row.column(ofField: index[0]),
                        keyPath: "dc", message: message))
            }
            if !sku.isEmpty, catalog[SKU(sku)] == nil {
                problems.append(
                    ProfileError(
                        kind: .unknownReference, file: file, line: row.line, column: row.column(ofField: index[1]),
                        keyPath: "sku", message: "sku '\(sku)' is not in the item catalog"))
            }
        }
        return problems.sorted()
    }
}
