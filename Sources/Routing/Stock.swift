import Foundation
public import Orders
import Profiles

/// Units available to promise per node and SKU: on hand − reserved − safety stock, never below zero.
public struct Stock: Hashable, Sendable, Codable {
    private var available: [DCID: [SKU: Int]]
    /// The same numbers as routing reads them (a SKU's row, a node's slot in it). Derived from `available`;
    /// neither compared nor encoded.
    private(set) var levels = StockLevels()

    public init(_ available: [DCID: [SKU: Int]] = [:]) {
        self.init(clamped: available.mapValues { $0.mapValues { max(0, $0) } })
    }

    private init(clamped available: [DCID: [SKU: Int]]) {
        self.available = available
        for node in available.keys.sorted() {
            for (sku, quantity) in available[node] ?? [:] { levels.set(quantity, of: sku, at: node) }
        }
    }

    public func available(_ sku: SKU, at node: DCID) -> Int { available[node]?[sku] ?? 0 }

    public mutating func set(_ quantity: Int, of sku: SKU, at node: DCID) {
        available[node, default: [:]][sku] = max(0, quantity)
        levels.set(max(0, quantity), of: sku, at: node)
    }

    private enum CodingKeys: String, CodingKey { case available }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clamped: try container.decode([DCID: [SKU: Int]].self, forKey: .available))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(available, forKey: .available)
    }

    public static func == (lhs: Stock, rhs: Stock) -> Bool { lhs.available == rhs.available }

    public func hash(into hasher: inout Hasher) { hasher.combine(available) }

    /// Takes `quantity` away (a reservation); never below zero.
    public mutating func take(_ quantity: Int, of sku: SKU, at node: DCID) {
        set(available(sku, at: node) - quantity, of: sku, at: node)
    }

    public var nodes: [DCID] { available.keys.sorted() }

    /// Parses `inventory.csv` (columns `dc,sku,on_hand,safety_stock`, optionally `location`, as fixtures/README.md defines them) into what
    /// is available after safety stock; `reserved` subtracts what the store already holds.
    public static func parse(
        inventoryCSV text: String, file: String = "inventory.csv",
        reserved: [DCID: [SKU: Int]] = [:]
    ) throws(RoutingError) -> Stock {
        var stock = Stock()
        for figure in try figures(inventoryCSV: text, file: file) {
            let held = reserved[figure.node]?[figure.sku] ?? 0
            stock.set(
                stock.available(figure.sku, at: figure.node) + figure.onHand - figure.safetyStock - held,
                of: figure.sku, at: figure.node)
        }
        return stock
    }

    /// The rows of `inventory.csv` as they are written: on hand and safety stock per node and SKU, and the bin
    /// (the optional `location` column; empty for none), for a store that keeps them (and reserves against them)
    /// itself.
    public static func figures(inventoryCSV text: String, file: String = "inventory.csv") throws(RoutingError)
        -> [InventoryRow]
    {
        let table: CSVTable
        let index: [Int]
        do {
            table = try CSVTable(parsing: text, file: file)
            index = try table.columns(["dc", "sku", "on_hand", "safety_stock"], file: file)
        } catch { throw RoutingError(file: file, line: error.line, message: error.message) }
        let locationColumn = table.header.firstIndex(of: "location")
        var figures: [InventoryRow] = []
        for row in table.rows {
            func field(_ column: Int) -> String {
                index[column] < row.fields.count ? row.fields[index[column]].trimmingCharacters(in: .whitespaces) : ""
            }
            guard let onHand = Int(field(2)), onHand >= 0 else {
                throw RoutingError(
                    file: file, line: row.line, message: "on_hand '\(field(2))' is not a whole number ≥ 0")
            }
            let safety = field(3).isEmpty ? 0 : Int(field(3)) ?? -1
            guard safety >= 0 else {
                throw RoutingError(
                    file: file, line: row.line,
                    message: "safety_stock '\(field(3))' is not a whole number ≥ 0")
            }
            let node = DCID(field(0))
            let sku = SKU(field(1))
            guard !node.rawValue.isEmpty, !sku.rawValue.isEmpty else {
                throw RoutingError(file: file, line: row.line, message: "dc and sku must not be empty")
            }
            var location: BinLocation?
            if let locationColumn, locationColumn < row.fields.count {
                let text = row.fields[locationColumn].trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    guard let checked = BinLocation(checking: text) else {
                        throw RoutingError(
                            file: file, line: row.line,
                            message: "location '\(text)' is not a bin: letters, digits, spaces and - . / _ #, "
                                + "at most \(BinLocation.maximumLength) characters")
                    }
                    location = checked
                }
            }
            figures.append(
                InventoryRow(node: node, sku: sku, onHand: onHand, safetyStock: safety, location: location))
        }
        return figures
    }
}

/// What a node has already committed today, against its daily capacity.
public struct DailyUsage: Hashable, Sendable, Codable {
    public var orders: Int
    public var units: Int

    public init(orders: Int = 0, units: Int = 0) {
        self.orders = orders
        self.units = units
    }
}

/// The mutable side of routing: stock, stock on its way and today's capacity use. `route` reads it; `apply` books a
/// decision into it so that the next PO of a run sees what the previous one took.
public struct NetworkState: Hashable, Sendable, Codable {
    public var stock: Stock
    public var usage: [DCID: DailyUsage]
    /// Stock due and not yet received: what a backorder may wait for, never what ships.
    public var inbound: InboundStock

    public init(stock: Stock, usage: [DCID: DailyUsage] = [:], inbound: InboundStock = InboundStock()) {
        self.stock = stock
        self.usage = usage
        self.inbound = inbound
    }

    public func usage(at node: DCID) -> DailyUsage { usage[node] ?? DailyUsage() }

    /// Books every shipment of `decision`: its units leave the stock, one order and its units use capacity. A
    /// backordered line that waits for inbound stock takes those units from what is due (`BackorderedLine.awaiting`).
    public mutating func apply(_ decision: RoutingDecision) {
        for shipment in decision.shipments {
            for line in shipment.lines { stock.take(line.quantity, of: line.sku, at: shipment.node) }
            usage[shipment.node, default: DailyUsage()].orders += 1
            usage[shipment.node, default: DailyUsage()].units += shipment.units
        }
        for line in decision.backorderedLines {
            if let awaiting = line.awaiting { inbound.take(awaiting, of: line.sku, at: line.node) }
        }
    }

    public func applying(_ decision: RoutingDecision) -> NetworkState {
        var copy = self
        copy.apply(decision)
        return copy
    }
}
