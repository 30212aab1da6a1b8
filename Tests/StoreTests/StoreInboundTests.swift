import Foundation
import Orders
import Store
import Testing

/// Stock on its way: kept apart from on-hand stock, replaced per node, and moved on hand when received (earliest due
/// first). The same contract on both backends.
@Suite("Order store: inbound stock")
struct StoreInboundTests {
    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(parsing: text) else { preconditionFailure("bad day \(text)") }
        return day
    }

    @Test("inbound rows are kept per node, replaced per node, and never counted on hand", arguments: Backend.allCases)
    func importReplacesPerNode(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 2, safetyStock: 0)])
            try await store.importInbound([
                InboundRow(node: "EWR1", sku: "A", quantity: 3, due: Self.day("2026-12-10")),
                InboundRow(node: "EWR1", sku: "A", quantity: 1, due: Self.day("2026-12-10")),
                InboundRow(node: "EWR1", sku: "B", quantity: 5, due: Self.day("2026-12-01")),
                InboundRow(node: "ORD1", sku: "A", quantity: 7, due: Self.day("2026-12-05")),
            ])
            #expect(
                try await store.inbound(of: ["A"]) == [
                    InboundRow(node: "EWR1", sku: "A", quantity: 4, due: Self.day("2026-12-10")),
                    InboundRow(node: "ORD1", sku: "A", quantity: 7, due: Self.day("2026-12-05")),
                ])
            #expect(try await store.inventory(of: ["A"]).map(\.onHand) == [2], "inbound is not on hand")
            // A second file for EWR1 replaces what was due there; ORD1's rows stay.
            try await store.importInbound([InboundRow(node: "EWR1", sku: "A", quantity: 2, due: Self.day("2026-12-12"))]
            )
            #expect(
                try await store.inbound(of: ["A", "B"]) == [
                    InboundRow(node: "EWR1", sku: "A", quantity: 2, due: Self.day("2026-12-12")),
                    InboundRow(node: "ORD1", sku: "A", quantity: 7, due: Self.day("2026-12-05")),
                ])
        }
    }

    @Test(
        "every inventory and inbound row is read at once, by node and SKU, as the SKU-wise reads give them",
        arguments: Backend.allCases)
    func readsEveryRow(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([
                InventoryRow(node: "ORD1", sku: "B", onHand: 4, safetyStock: 1),
                InventoryRow(node: "EWR1", sku: "B", onHand: 3, safetyStock: 0),
                InventoryRow(node: "EWR1", sku: "A", onHand: 2, safetyStock: 0),
            ])
            try await store.importInbound([
                InboundRow(node: "ORD1", sku: "A", quantity: 7, due: Self.day("2026-12-05")),
                InboundRow(node: "EWR1", sku: "B", quantity: 5, due: Self.day("2026-12-09")),
                InboundRow(node: "EWR1", sku: "B", quantity: 1, due: Self.day("2026-12-01")),
            ])
            let positions = try await store.inventory()
            #expect(positions.map { "\($0.node) \($0.sku) \($0.onHand)" } == ["EWR1 A 2", "EWR1 B 3", "ORD1 B 4"])
            #expect(
                positions
                    == (try await store.inventory(of: ["A", "B"])).map {
                        StockRow(
                            node: $0.node, sku: $0.sku, onHand: $0.onHand, safetyStock: $0.safetyStock,
                            reserved: $0.reserved)
                    })
            let inbound = try await store.inbound()
            #expect(
                inbound.map { "\($0.node) \($0.sku) \($0.due)" } == [
                    "EWR1 B 2026-12-01", "EWR1 B 2026-12-09", "ORD1 A 2026-12-05",
                ])
            #expect(inbound == (try await store.inbound(of: ["A", "B"])))
        }
    }

    @Test("a receipt moves units on hand and out of what was due, earliest due first", arguments: Backend.allCases)
    func receiveMovesOnHand(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 1, safetyStock: 1)])
            try await store.importInbound([
                InboundRow(node: "EWR1", sku: "A", quantity: 2, due: Self.day("2026-12-01")),
                InboundRow(node: "EWR1", sku: "A", quantity: 5, due: Self.day("2026-12-08")),
                InboundRow(node: "ORD1", sku: "B", quantity: 1, due: Self.day("2026-12-03")),
            ])
            try await store.receive([
                StockReceipt(node: "EWR1", sku: "A", quantity: 3), StockReceipt(node: "EWR1", sku: "A", quantity: 1),
                // Stock nobody said was coming, at a node with no row for it: on hand all the same.
                StockReceipt(node: "ORD1", sku: "C", quantity: 2),
            ])
            let positions = try await store.inventory(of: ["A", "C"])
            #expect(positions.map(\.node) == ["EWR1", "ORD1"])
            #expect(positions.map(\.onHand) == [5, 2])
            #expect(positions.map(\.safetyStock) == [1, 0])
            #expect(
                try await store.inbound(of: ["A", "B"]) == [
                    InboundRow(node: "EWR1", sku: "A", quantity: 3, due: Self.day("2026-12-08")),
                    InboundRow(node: "ORD1", sku: "B", quantity: 1, due: Self.day("2026-12-03")),
                ])
            // More than was due: the rest simply goes on hand.
            try await store.receive([StockReceipt(node: "EWR1", sku: "A", quantity: 10)])
            #expect(try await store.inbound(of: ["A"]).isEmpty)
            #expect(try await store.inventory(of: ["A"]).map(\.onHand) == [15])
        }
    }
}
