import Foundation
import Orders
import Profiles
import Routing

/// Routing decisions per second on one core, for 10-line orders against 20 nodes and 100,000 SKUs, and how the
/// rate changes with nodes and lines. The world is generated from the sample world's files (services, zones,
/// the Amazon profile) so that every rule the samples use is exercised.
enum RoutingBenchmarks {
    struct World {
        var profiles: ProfileSet
        var state: NetworkState
        var skus: [SKU]
    }

    /// A deterministic pseudo-random sequence (SplitMix64): the same world and orders in every run.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static func world(nodes: Int, skus skuCount: Int) throws -> World {
        let network = try String(contentsOfFile: "fixtures/network.yaml", encoding: .utf8)
        let header = network.components(separatedBy: "\nnodes:")[0]
        var random = SplitMix(state: 2026)
        var yaml = header + "\nnodes:\n"
        let ids = (1...nodes).map { String(format: "N%02d", $0) }
        for (index, id) in ids.enumerated() {
            let latitude = 30.0 + Double(random.below(1500)) / 100
            let longitude = -120.0 + Double(random.below(4500)) / 100
            yaml += """
                  - id: \(id)
                    name: Node \(id)
                    address: { lines: [\(100 + index) Main St], city: Springfield, region: IL, postal-code: "62701" }
                    coordinates: [\(latitude), \(longitude)]
                    time-zone: America/Chicago
                    calendar: *carrier-calendar
                    capacity: { orders: 1000000, units: 10000000 }
                    services:
                      - { service: ups-ground, cutoff: "16:00" }
                      - { service: ups-2day, cutoff: "16:00" }
                    costs: { per-order: 2.00 USD, per-unit: 0.40 USD }
                    priority: \(index + 1)

                """
        }
        var items = "sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost\n"
        let skus = (0..<skuCount).map { SKU("B-\(100_000 + $0)") }
        for sku in skus {
            items += "\(sku),\(upc(for: sku)),Item \(sku),1.0,10,8,4,false,false,false,5.00\n"
        }
        var profile = try String(contentsOfFile: "retailer-profiles/amazon.yaml", encoding: .utf8)
        profile = profile.replacingOccurrences(of: "primary: EWR1", with: "primary: \(ids[0])")
        profile = profile.replacingOccurrences(
            of: "alternates: [ORD1, DFW1, ONT1]", with: "alternates: [\(ids.dropFirst().joined(separator: ", "))]")
        let profiles = try ProfileSet.load(
            profiles: [SourceFile(name: "amazon.yaml", text: profile)],
            network: SourceFile(name: "network.yaml", text: yaml), catalog: SourceFile(name: "items.csv", text: items))
        var stock = Stock()
        for id in ids {
            for sku in skus where random.below(10) < 6 { stock.set(1 + random.below(50), of: sku, at: DCID(id)) }
        }
        return World(profiles: profiles, state: NetworkState(stock: stock), skus: skus)
    }

    /// A UPC-A for a bench SKU: its six digits, zeros, and the GS1 mod-10 check digit the catalog checks.
    static func upc(for sku: SKU) -> String {
        let body = "0" + sku.rawValue.suffix(6) + "0000"
        let digits = body.compactMap(\.wholeNumberValue)
        let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        return body + String((10 - sum % 10) % 10)
    }

    static let zips = ["15217", "60614", "75201", "80202", "85004", "90012", "98101", "10001", "30303", "33101"]

    static func orders(_ count: Int, lines: Int, world: World) -> [PurchaseOrder] {
        var random = SplitMix(state: 1124)
        return (0..<count).map { number in
            PurchaseOrder(
                retailer: "amazon", poNumber: PONumber("BENCH\(number)"),
                dates: OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24)),
                parties: [
                    Party(
                        role: .shipTo, name: "Consumer \(number)",
                        address: Address(
                            lines: ["\(number) Elm St"], city: "Town", region: "PA",
                            postalCode: zips[random.below(zips.count)], country: "US"))
                ],
                shipMethod: ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", routing: "UPS GROUND"),
                lines: (1...lines).map { line in
                    OrderLine(
                        lineNumber: String(line), sku: world.skus[random.below(world.skus.count)], quantity: 1,
                        unitPrice: Money(Decimal(19), .usd))
                },
                source: OrderSource(format: .x12, senderID: PartnerIdentity(qualifier: "ZZ", id: "AMAZONDS")))
        }
    }

    static func decisionsPerSecond(nodes: Int, lines: Int, skus: Int, orders count: Int) throws -> Double {
        let world = try world(nodes: nodes, skus: skus)
        let batch = orders(count, lines: lines, world: world)
        guard let profile = world.profiles[RetailerID("amazon")] else { return .nan }
        let now = ISO8601DateFormatter().date(from: "2026-11-24T15:00:00Z") ?? Date()
        // Made once, as a run makes one per profile.
        let router = Router(profile: profile, network: world.profiles.network, catalog: world.profiles.catalog)
        var shipped = 0
        // Kept across the batch, as `dropgate route` and the gateway keep one per profile.
        var scratch = RoutingScratch()
        // `DROPGATE_ROUTING_RUNS=N`: best of N runs instead of 5 (as the other figures), so that a profile is mostly
        // decisions.
        let runs = ProcessInfo.processInfo.environment["DROPGATE_ROUTING_RUNS"].flatMap { Int($0) } ?? 5
        let seconds = Measure.bestSeconds(runs: max(1, runs)) {
            shipped = 0
            // By index: a `for order in batch` loop copies each order before routing it, which is not the router's
            // time.
            for index in batch.indices {
                let decision = router.route(batch[index], state: world.state, now: now, scratch: &scratch)
                if decision.isCompliantShipment { shipped += 1 }
            }
        }
        precondition(shipped > 0, "no generated order could ship: the benchmark world is wrong")
        if let folder = ProcessInfo.processInfo.environment["DROPGATE_ROUTING_DUMP"] {
            // Every decision as text and JSON, so a change meant to be faster can be shown to decide the same.
            var dump = ""
            var scratch = RoutingScratch()
            for order in batch {
                let decision = router.route(order, state: world.state, now: now, scratch: &scratch)
                dump += decision.renderText(verbose: true) + "\n" + ((try? decision.renderJSON()) ?? "") + "\n"
            }
            try dump.write(toFile: "\(folder)/routing-\(lines)x\(nodes).txt", atomically: true, encoding: .utf8)
        }
        return Double(count) / seconds
    }

    static func run(into table: inout BenchmarkTable, quick: Bool) throws {
        let skus = quick ? 10_000 : 100_000
        let count = quick ? 500 : 5_000
        print("Routing: \(skus) SKUs")
        // `DROPGATE_ROUTING_ONLY=LINESxNODES` (`10x20`): that shape alone, for profiling it.
        if let only = ProcessInfo.processInfo.environment["DROPGATE_ROUTING_ONLY"] {
            let shape = only.split(separator: "x").compactMap { Int($0) }
            guard shape.count == 2 else { return }
            let rate = try decisionsPerSecond(nodes: shape[1], lines: shape[0], skus: skus, orders: count)
            table.add(Figure(name: "routing, \(shape[0]) lines × \(shape[1]) nodes", value: rate, unit: "decisions/s"))
            return
        }
        let main = try decisionsPerSecond(nodes: 20, lines: 10, skus: skus, orders: count)
        table.add(Figure(name: "routing, 10 lines × 20 nodes", value: main, unit: "decisions/s", target: 200_000))
        let others = [(5, 10), (20, 1), (20, 20)]
        for (nodes, lines) in others {
            let rate = try decisionsPerSecond(nodes: nodes, lines: lines, skus: skus, orders: count)
            table.add(
                Figure(
                    name: "routing, \(lines) lines × \(nodes) nodes", value: rate, unit: "decisions/s",
                    reference: .init(name: "10 lines × 20 nodes", value: main)))
        }
    }
}
