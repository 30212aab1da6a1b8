import Foundation
import Orders
import Store
import Testing

/// A race for too little stock and capacity, as several gateway processes (or tasks) run it, and what must hold
/// after it, read from the store alone.
///
/// 33 units can be promised in all (25 at EWR1 and 8 at ORD1 beyond safety stock; EWR1 takes 12 orders a day), for
/// 32 POs of 1 to 3 units (64 units asked for).
enum StoreRace {
    static let distinctPOs = 32
    static let limits: [DCID: Int] = ["EWR1": 12, "ORD1": 100]

    static func poNumber(_ po: Int) -> String { "PO-\(po)" }
    static func quantity(_ po: Int) -> Int { 1 + po % 3 }

    static func stock(_ store: any OrderStore) async throws {
        try await store.importInventory([
            InventoryRow(node: "EWR1", sku: "A", onHand: 30, safetyStock: 5),
            InventoryRow(node: "ORD1", sku: "A", onHand: 10, safetyStock: 2),
        ])
    }

    /// Decides PO `po` against the figures as committed, and commits; a plan that lost its race is decided again
    /// with fresh figures. A PO that fits nowhere is cancelled (committed with no reservation).
    static func decide(_ po: Int, store: any OrderStore) async throws -> CommitResult {
        let quantity = quantity(po)
        for _ in 0..<200 {
            let positions = try await store.inventory(of: ["A"])
            let used = try await store.capacityUsed(on: day)
            let node = positions.first { position in
                position.available >= quantity && (used[position.node]?.orders ?? 0) < limits[position.node] ?? 0
            }?.node
            let commit =
                if let node {
                    orderCommit(
                        poNumber(po), nodes: [node],
                        reservations: [Reservation(node: node, sku: "A", quantity: quantity)],
                        capacity: [capacityClaim(node, units: quantity, maximumOrders: limits[node] ?? 0)])
                } else {
                    orderCommit(poNumber(po), outcome: .cancel, nodes: [])
                }
            let result = try await store.commit(commit)
            if !result.isConflict { return result }
        }
        Issue.record("\(poNumber(po)) was still losing its race after 200 decisions")
        return .conflict("gave up")
    }

    /// What must hold once every PO was decided: no unit or slot promised twice, every PO recorded once, one
    /// control number per order, unique and gapless.
    static func verify(_ store: any OrderStore) async throws {
        let positions = try await store.inventory(of: ["A"])
        let orders = try await store.orders(.all)
        #expect(orders.count == distinctPOs)
        #expect(Set(orders.map(\.poNumber)) == Set((0..<distinctPOs).map { PONumber(poNumber($0)) }))

        // Stock: never promised beyond on hand − safety, and exactly what the shipped orders reserved.
        var reservedByNode: [DCID: Int] = ["EWR1": 0, "ORD1": 0]
        for order in orders where order.outcome == .ship {
            reservedByNode[order.nodes[0], default: 0] += quantity(try number(of: order))
        }
        for position in positions {
            #expect(position.reserved <= position.onHand - position.safetyStock)
        }
        #expect(Dictionary(uniqueKeysWithValues: positions.map { ($0.node, $0.reserved) }) == reservedByNode)

        // Capacity: never beyond the limit, and exactly the orders shipped from the node.
        let used = try await store.capacityUsed(on: day)
        #expect((used["EWR1"]?.orders ?? 0) <= limits["EWR1"] ?? 0)
        for node in limits.keys {
            #expect((used[node]?.orders ?? 0) == orders.filter { $0.nodes == [node] }.count)
        }

        // A PO cancelled had nowhere to go: stock only goes down, so no node with capacity left could take it now.
        for order in orders where order.outcome == .cancel {
            let quantity = quantity(try number(of: order))
            for position in positions where (used[position.node]?.orders ?? 0) < limits[position.node] ?? 0 {
                #expect(position.available < quantity)
            }
        }

        // Control numbers: one per order, unique and gapless.
        let numbers = try await store.outbox(state: nil).compactMap(interchangeNumber)
        #expect(numbers.sorted() == Array(1...distinctPOs))
    }

    private static func number(of order: OrderSummary) throws -> Int {
        try #require(Int(order.poNumber.rawValue.dropFirst("PO-".count)))
    }
}
