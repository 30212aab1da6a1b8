import Foundation
import Orders
import Profiles
import Routing
import TestSupport

/// A random small world: 2–4 nodes (some switched off, some with little capacity), 1–3 lines over 3 SKUs, stock
/// 0–3 per node and SKU, and a random fulfilment policy and strategy. Every node ships `ups-ground` with a late
/// cutoff and the clock sits early on a Tuesday, so deadlines never decide: stock, capacity, the switch and the
/// policy do, which a brute-force search can check independently.
struct RandomWorld {
    var network: Network
    var profile: RetailerProfile
    var catalog: ItemCatalog
    var state: NetworkState
    var order: PurchaseOrder
    let now = SampleWorld.instant("2026-11-24T08:00:00-05:00")

    static let skus: [SKU] = ["S-1", "S-2", "S-3"]

    init(seed: Int) {
        var rng = SplitMix(seed: UInt64(bitPattern: Int64(seed)))
        let zone = TimeZone(identifier: "America/New_York") ?? .gmt
        let nodeCount = Int.random(in: 2...4, using: &rng)
        var nodes: [FulfilmentNode] = []
        var stock = Stock()
        for index in 0..<nodeCount {
            let id = DCID("N\(index + 1)")
            nodes.append(
                FulfilmentNode(
                    id: id, name: "node \(index + 1)",
                    address: Address(lines: [], postalCode: "07102"),
                    coordinates: Coordinates(latitude: 40 + Double(Int.random(in: 0...8, using: &rng)), longitude: -75),
                    timeZone: zone, enabled: Int.random(in: 0..<5, using: &rng) > 0,
                    capacity: DailyCapacity(
                        orders: Int.random(in: 0...3, using: &rng), units: Int.random(in: 1...8, using: &rng)),
                    services: [NodeService(service: "ups-ground", cutoff: TimeOfDay(hour: 20, minute: 0)!)],
                    costs: NodeCosts(
                        perOrder: Money(Decimal(Int.random(in: 1...4, using: &rng)), .usd), perUnit: Money(1, .usd)),
                    priority: Int.random(in: 1...3, using: &rng)))
            for sku in RandomWorld.skus { stock.set(Int.random(in: 0...3, using: &rng), of: sku, at: id) }
        }
        network = Network(
            nodes: nodes,
            services: [
                "ups-ground": CarrierService(
                    id: "ups-ground", carrier: "UPS", transitDays: [2: 1, 8: 3],
                    cost: [2: Money(8, .usd), 8: Money(12, .usd)])
            ],
            zones: [ZoneBand(zone: 2, upToMiles: 300), ZoneBand(zone: 8, upToMiles: 6000)],
            regions: [
                Zip3Region(zip3: 0...999, state: "NJ", coordinates: Coordinates(latitude: 40.7, longitude: -74.2))
            ])
        catalog = ItemCatalog(RandomWorld.skus.enumerated().map { Item(sku: $1, upc: "00000000000\($0)") })

        let fills: [FulfilmentPolicy] = [
            FulfilmentPolicy(fill: .orderFillOrKill),
            FulfilmentPolicy(fill: .lineFillOrKill, maxShipments: 1),
            FulfilmentPolicy(fill: .lineFillOrKill, maxShipments: 2),
            FulfilmentPolicy(fill: .shipComplete, maxShipments: 1),
            FulfilmentPolicy(fill: .shipComplete, maxShipments: 2),
            FulfilmentPolicy(fill: .shipComplete, maxShipments: 3),
        ]
        let strategies: [Sourcing.Strategy] = [.profileOrder, .nearest, .cheapest, .priority, .fastest]
        let listed = nodes.map(\.id).shuffled(using: &rng)
        profile = RetailerProfile(
            id: "random", name: "Random",
            shipSLA: ShipSLA(
                within: .businessDays(2), cutoff: LocalTime(TimeOfDay(hour: 23, minute: 0)!, zone)),
            fulfilment: fills[Int.random(in: 0..<fills.count, using: &rng)],
            sourcing: Sourcing(
                primary: listed.first, alternates: Array(listed.dropFirst()),
                strategy: strategies[Int.random(in: 0..<strategies.count, using: &rng)]),
            carriers: [CarrierMapping(routing: "GROUND", services: ["ups-ground"])])
        var usage: [DCID: DailyUsage] = [:]
        for node in nodes where Bool.random(using: &rng) {
            usage[node.id] = DailyUsage(orders: 0, units: Int.random(in: 0...3, using: &rng))
        }
        state = NetworkState(stock: stock, usage: usage)
        let lineCount = Int.random(in: 1...3, using: &rng)
        order = PurchaseOrder(
            retailer: "random", poNumber: PONumber("R-\(seed)"),
            parties: [
                Party(
                    role: .shipTo,
                    address: Address(lines: ["1 Main St"], city: "Newark", region: "NJ", postalCode: "07102"))
            ],
            shipMethod: ShipMethod(routing: "GROUND"),
            lines: (0..<lineCount).map { index in
                OrderLine(
                    lineNumber: "\(index + 1)", sku: RandomWorld.skus[Int.random(in: 0..<3, using: &rng)],
                    quantity: Decimal(Int.random(in: 1...3, using: &rng)))
            },
            source: OrderSource(format: .x12))
    }

    func decide(network: Network? = nil) -> RoutingDecision {
        route(order, profile: profile, network: network ?? self.network, catalog: catalog, state: state, now: now)
    }

    /// Brute force over every assignment of lines to nodes or to nothing: the most lines any plan the policy allows
    /// can ship, checked directly against the switch, stock and capacity.
    func bruteForceMostShippableLines() -> Int {
        let nodes = network.nodes
        let lines = order.lines.map { (sku: $0.sku ?? "", quantity: NSDecimalNumber(decimal: $0.quantity).intValue) }
        let policy = profile.fulfilment
        let limit = policy.fill == .orderFillOrKill ? 1 : policy.maxShipments
        var best = 0
        var choice = [Int](repeating: -1, count: lines.count)
        func feasible() -> Bool {
            var used: Set<Int> = []
            for (index, node) in choice.enumerated() where node >= 0 {
                used.insert(node)
                _ = index
            }
            guard used.count <= limit else { return false }
            if policy.fill != .lineFillOrKill, choice.contains(-1) { return false }
            for node in used {
                let dc = nodes[node]
                guard dc.enabled else { return false }
                let usage = state.usage(at: dc.id)
                let assigned = choice.indices.filter { choice[$0] == node }
                let units = assigned.reduce(0) { $0 + lines[$1].quantity }
                guard usage.orders < dc.capacity.orders, usage.units + units <= dc.capacity.units else { return false }
                var bySKU: [SKU: Int] = [:]
                for index in assigned { bySKU[lines[index].sku, default: 0] += lines[index].quantity }
                guard bySKU.allSatisfy({ state.stock.available($0.key, at: dc.id) >= $0.value }) else { return false }
            }
            return true
        }
        func visit(_ line: Int) {
            if line == lines.count {
                if feasible() { best = max(best, choice.filter { $0 >= 0 }.count) }
                return
            }
            for node in -1..<nodes.count {
                choice[line] = node
                visit(line + 1)
            }
        }
        visit(0)
        return best
    }
}
