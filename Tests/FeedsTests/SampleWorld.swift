import Feeds
import Foundation
import Orders
import Profiles

/// The repository's sample world: retailer profiles, network, catalog and `fixtures/inventory.csv`, loaded once.
struct SampleWorld: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let profiles: ProfileSet
    let inventory: [InventoryRow]

    static func load() throws -> SampleWorld {
        let profiles = try ProfileSet.load(
            profiles: root.appendingPathComponent("retailer-profiles"),
            network: root.appendingPathComponent("fixtures/network.yaml"),
            catalog: root.appendingPathComponent("fixtures/items.csv"))
        let csv = try String(contentsOf: root.appendingPathComponent("fixtures/inventory.csv"), encoding: .utf8)
        var rows: [InventoryRow] = []
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 4, let onHand = Int(fields[2]), let safety = Int(fields[3]) else { continue }
            rows.append(InventoryRow(node: DCID(fields[0]), sku: SKU(fields[1]), onHand: onHand, safetyStock: safety))
        }
        return SampleWorld(profiles: profiles, inventory: rows)
    }
}

/// Stock with reservations, as the store commits it.
struct Position: StockLevel {
    var node: DCID
    var sku: SKU
    var onHand: Int
    var safetyStock: Int
    var reserved: Int

    init(_ node: DCID, _ sku: SKU, onHand: Int, safety: Int = 0, reserved: Int = 0) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.safetyStock = safety
        self.reserved = reserved
    }
}
