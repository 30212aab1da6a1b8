import Foundation

/// The sample world's items and stock as the fixtures give them (`fixtures/items.csv`, `fixtures/inventory.csv`),
/// read here without the product's modules: the end-to-end target depends on none of them.
struct SampleCatalog {
    struct Item {
        var sku: String
        var upc: String
        var description: String
        var unitCostCents: Int
        var isOversize: Bool
        var isHazmat: Bool
    }

    var items: [Item]
    /// Available to sell (on hand − safety stock, never below 0) per SKU and node, as imported.
    var available: [String: [String: Int]]

    static let itemsFile = DropgateCommand.packageRoot.appendingPathComponent("fixtures/items.csv")
    static let inventoryFile = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inventory.csv")

    static func load() throws -> SampleCatalog {
        var items: [Item] = []
        for row in try rows(of: itemsFile) {
            // sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
            guard row.count == 11 else { throw Malformed(description: "items.csv row \(row)") }
            let cost = row[10].split(separator: ".")
            let cents = (Int(cost[0]) ?? 0) * 100 + (cost.count > 1 ? Int(cost[1].prefix(2)) ?? 0 : 0)
            items.append(
                Item(
                    sku: row[0], upc: row[1], description: row[2], unitCostCents: cents,
                    isOversize: row[7] == "true", isHazmat: row[8] == "true"))
        }
        var available: [String: [String: Int]] = [:]
        for row in try rows(of: inventoryFile) {
            // dc,sku,on_hand,safety_stock
            guard row.count == 4, let onHand = Int(row[2]), let safety = Int(row[3]) else {
                throw Malformed(description: "inventory.csv row \(row)")
            }
            available[row[1], default: [:]][row[0]] = max(0, onHand - safety)
        }
        return SampleCatalog(items: items, available: available)
    }

    /// Units available at every node together.
    func totalAvailable(of sku: String) -> Int { available[sku]?.values.reduce(0, +) ?? 0 }

    /// The nodes that list `sku` at all (with or without stock).
    func nodes(stocking sku: String) -> [String] { (available[sku] ?? [:]).keys.sorted() }

    /// SKUs of which the whole network has at most `units` available: a few POs exhaust them.
    func scarceItems(atMost units: Int) -> [Item] { items.filter { totalAvailable(of: $0.sku) <= units } }

    /// The data rows of a CSV without quoted fields (the sample files have none).
    private static func rows(of file: URL) throws -> [[String]] {
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    struct Malformed: Error, CustomStringConvertible { var description: String }
}
