import Foundation
import Orders
import Profiles

/// An assignment of lines to candidate nodes (indexes into the ranked candidates); lines absent are not shipped.
struct Plan: Equatable {
    /// Candidate index → line indexes, ascending.
    var shipments: [(node: Int, lines: [Int])]
    /// The landed cost of a split, which decides between splits; 0 for one shipment, where it decides nothing (and
    /// `Decimal` arithmetic is slow).
    var cost: Decimal

    var shippedLines: Int { shipments.reduce(0) { $0 + $1.lines.count } }

    static func == (lhs: Plan, rhs: Plan) -> Bool {
        lhs.shipments.map(\.node) == rhs.shipments.map(\.node)
            && lhs.shipments.map(\.lines) == rhs.shipments.map(\.lines)
    }

    /// Better = more lines shipped, then fewer shipments, then (for splits) cheaper, then higher-ranked nodes.
    func isBetter(than other: Plan) -> Bool {
        if shippedLines != other.shippedLines { return shippedLines > other.shippedLines }
        if shipments.count != other.shipments.count { return shipments.count < other.shipments.count }
        if shipments.count > 1, cost != other.cost { return cost < other.cost }
        return shipments.map(\.node).lexicographicallyPrecedes(other.shipments.map(\.node))
    }
}

/// Finds the best plan the fulfilment policy allows over the ranked candidates. Exhaustive over node combinations of
/// up to `maxShipments` nodes and over line assignments within each (bounded by `budget`), so it finds a plan
/// whenever one exists on orders of ordinary size.
enum PlanSearch {
    static func best(
        candidates: ArraySlice<NodeAssessment>, table: LineTable, policy: FulfilmentPolicy, world: WorldTables,
        budget: Int = 200_000
    ) -> Plan? {
        let lines = table.lines
        let mayDropLines = policy.fill == .lineFillOrKill
        let maxNodes = min(policy.fill == .orderFillOrKill ? 1 : policy.maxShipments, candidates.count)
        guard !lines.isEmpty, maxNodes >= 1 else { return nil }

        // One node shipping everything, in rank order: the answer whenever it exists.
        if let index = candidates.indices.first(where: { candidates[$0].shipsAll }) {
            return Plan(shipments: [(index, Array(lines.indices))], cost: 0)
        }
        // With one node and no line dropped, a plan is that node shipping everything, which none can.
        if maxNodes == 1, !mayDropLines { return nil }
        var best: Plan?
        var spent = 0
        for size in 1...maxNodes {
            for combination in combinations(of: Array(candidates.indices), size: size) {
                let members = combination.filter { candidates[$0].generalOK }
                guard members.count == size else { continue }
                var choice = [Int](repeating: -1, count: lines.count)
                let search = Search(
                    members: members, candidates: candidates, table: table, world: world, mayDrop: mayDropLines,
                    budget: budget)
                search.run(0, &choice, &best, &spent)
            }
            if !mayDropLines, best != nil { break }  // fewer shipments win; no need to look at more nodes
        }
        return best
    }

    /// One node combination's line assignments, depth first.
    private struct Search {
        var members: [Int]
        var candidates: ArraySlice<NodeAssessment>
        var table: LineTable
        var world: WorldTables
        var mayDrop: Bool
        var budget: Int

        func run(_ line: Int, _ choice: inout [Int], _ best: inout Plan?, _ spent: inout Int) {
            guard spent < budget else { return }
            if line == table.lines.count {
                spent += 1
                var shipments: [(node: Int, lines: [Int])] = []
                var cost: Decimal = 0
                for member in members {
                    let assigned = choice.indices.filter { choice[$0] == member }
                    guard candidates[member].canShip(assigned, table) else { return }
                    shipments.append((member, assigned))
                    if members.count > 1 {
                        cost += candidates[member].landedCost(units: PlanSearch.units(assigned, table.lines), world)
                    }
                }
                let plan = Plan(shipments: shipments, cost: cost)
                if best.map({ plan.isBetter(than: $0) }) ?? true { best = plan }
                return
            }
            for member in members where candidates[member].lineOK(line, table) {
                choice[line] = member
                run(line + 1, &choice, &best, &spent)
            }
            if mayDrop {
                choice[line] = -1
                run(line + 1, &choice, &best, &spent)
            }
        }
    }

    static func units(_ indexes: [Int], _ lines: [ResolvedLine]) -> Int {
        indexes.reduce(0) { $0 + lines[$1].quantity }
    }

    /// All `size`-element subsets of `items`, each in the order of `items`, in lexicographic order.
    static func combinations(of items: [Int], size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        if size == 1 { return items.map { [$0] } }
        var result: [[Int]] = []
        for (offset, first) in items.enumerated() {
            for rest in combinations(of: Array(items[(offset + 1)...]), size: size - 1) {
                result.append([first] + rest)
            }
        }
        return result
    }
}
