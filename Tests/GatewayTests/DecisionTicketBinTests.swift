import Foundation
import Gateway
import Logging
import Orders
import Store
import Testing

/// Issue 21: the pick tickets a decision writes into the outbox (the DC's drop folder, its WMS endpoint) and the
/// DC's CSV name the bin the node keeps each SKU in, from the inventory rows the decision read its stock from.
@Suite("bins on the pick tickets written when an order is decided")
struct DecisionTicketBinTests {
    /// A gateway on `world`'s store writing into a folder of its own, with `stock` (node, SKU, on hand, bin).
    static func gateway(_ world: KitWorld, stock: [(DCID, SKU, Int, String?)]) async throws -> (Gateway, URL) {
        try await world.store.importInventory(
            stock.map {
                InventoryRow(
                    node: $0.0, sku: $0.1, onHand: $0.2, safetyStock: 0,
                    location: $0.3.flatMap(BinLocation.init(checking:)))
            })
        let output = world.folder.appendingPathComponent("out")
        return (
            Gateway(
                profiles: world.profiles, store: world.store, output: OutputFolder(root: output),
                logger: Logger(label: "test")),
            output
        )
    }

    /// The bytes of the outbox row of the pick ticket `name`: what the drop folder and the WMS endpoint get.
    static func outboxTicket(_ world: KitWorld, name: String) async throws -> [UInt8] {
        let rows = try await world.store.outbox(state: nil).filter { $0.kind == .pickTicket && $0.name == name }
        return try #require(rows.count == 1 ? rows.first?.bytes : nil, "\(rows.count) pick tickets named \(name)")
    }

    /// The ticket's lines as JSON objects, to see which members are written.
    static func jsonLines(_ bytes: [UInt8]) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        return try #require(object["lines"] as? [[String: Any]])
    }

    /// The DC's CSV: its header, and each row's SKU and location fields.
    static func csv(_ output: URL, node: DCID) throws -> (header: String, bins: [String: String]) {
        let text = try String(
            contentsOf: output.appendingPathComponent("pick-tickets/\(node).csv"), encoding: .utf8)
        let header = String(text.prefix { $0 != "\n" && $0 != "\r" })
        let rows = PickTicketTests.parseCSV(text).dropFirst()
        let sku = try #require(PickTicket.csvColumns.firstIndex(of: "sku"))
        let location = try #require(PickTicket.csvColumns.firstIndex(of: "location"))
        var bins: [String: String] = [:]
        for row in rows where row.count == PickTicket.csvColumns.count {
            bins[String(row[sku])] = String(row[location])
        }
        return (header, bins)
    }

    @Test("a line whose SKU has a bin at the node carries it in the JSON and the CSV; a line without has none")
    func ordinaryLines() async throws {
        let world = try KitWorld()
        let (gateway, output) = try await Self.gateway(
            world,
            stock: [("EWR1", "HP-10180", 5, "B-07-2"), ("EWR1", "HP-10002", 5, nil), ("ORD1", "HP-10180", 5, "Z-1")])
        let report = await gateway.process(
            KitWorld.amazonInterchange([(po: "BIN1", lines: [("HP-10180", 1), ("HP-10002", 2)])]), origin: "bins.x12",
            receivedAt: KitWorld.clock)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let bytes = try await Self.outboxTicket(world, name: "amazon-BIN1-EWR1.json")
        let lines = try Self.jsonLines(bytes)
        #expect(lines.map { $0["sku"] as? String } == ["HP-10180", "HP-10002"])
        #expect(lines[0]["location"] as? String == "B-07-2", "EWR1's bin, not ORD1's")
        #expect(lines[1].keys.contains("location") == false, "no bin in the inventory: no member")
        let file = try Data(contentsOf: output.appendingPathComponent("pick-tickets/EWR1/amazon-BIN1-EWR1.json"))
        #expect(Array(file) == bytes, "the drop folder gets the outbox row")
        let ticket = try PickTicket(jsonBytes: bytes)
        #expect(ticket.lines.map(\.location?.rawValue) == ["B-07-2", nil])

        let (header, bins) = try Self.csv(output, node: "EWR1")
        #expect(header == PickTicket.csvHeader, "the header, and the location column's place in it, unchanged")
        #expect(bins == ["HP-10180": "B-07-2", "HP-10002": ""])
    }

    @Test("a kit line has no bin of its own; each component carries its own, on the ticket and its CSV rows")
    func kitComponents() async throws {
        let world = try KitWorld()
        let (gateway, output) = try await Self.gateway(
            world, stock: [("EWR1", "HP-10001", 10, "A-2"), ("EWR1", "HP-10009", 10, "A-10")])
        let report = await gateway.process(
            KitWorld.amazonInterchange([(po: "BIN2", lines: [("HP-KIT-1", 2)])]), origin: "kit.x12",
            receivedAt: KitWorld.clock)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let ticket = try PickTicket(jsonBytes: try await Self.outboxTicket(world, name: "amazon-BIN2-EWR1.json"))
        let line = try #require(ticket.lines.first)
        #expect(line.sku == "HP-KIT-1")
        #expect(line.location == nil)
        #expect(line.components?.map(\.sku) == ["HP-10001", "HP-10009"])
        #expect(line.components?.map(\.location?.rawValue) == ["A-2", "A-10"])
        let (_, bins) = try Self.csv(output, node: "EWR1")
        #expect(bins == ["HP-KIT-1": "", "HP-10001": "A-2", "HP-10009": "A-10"])
    }
}
