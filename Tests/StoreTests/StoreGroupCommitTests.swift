import Foundation
import Orders
import Store
import Testing

/// `commit(batch:)` and `recorded(_:)` on each backend: a batch writes what committing its orders one after another
/// writes, a conflict rolls back its own order alone, and the store says in one call which POs it has.
@Suite("Order store: group commit")
struct StoreGroupCommitTests {
    @Test(
        "a batch that fits writes exactly what committing its orders one by one writes",
        arguments: Backend.allCases)
    func batchEqualsOneByOne(backend: Backend) async throws {
        try await expectBatchEqualsOneByOne(backend, GroupCommitScenario.orders(count: 60))
    }

    @Test(
        "a batch in which one order no longer fits writes what one by one writes: that order alone is a conflict",
        arguments: Backend.allCases)
    func batchWithConflictEqualsOneByOne(backend: Backend) async throws {
        var orders = GroupCommitScenario.orders(count: 30)
        // More of B at EWR1 than there is: this order, and it alone, does not fit.
        orders.insert(
            orderCommit(
                "PO-TOO-BIG", reservations: [Reservation(node: "EWR1", sku: "B", quantity: 1_000)],
                capacity: [capacityClaim(units: 1_000)], outbound: [numberedDraft(), numberedDraft(.pickTicket)]),
            at: 11)
        let results = try await expectBatchEqualsOneByOne(backend, orders)
        #expect(results.filter(\.isConflict).count == 1)
        #expect(results[11].isConflict)
        #expect(results.enumerated().allSatisfy { $0.offset == 11 || !$0.element.isConflict })
    }

    @Test(
        "a conflict in a batch rolls back its order alone: the others' stock, capacity and control numbers stay gapless",
        arguments: Backend.allCases)
    func conflictRollsBackOneOrder(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 1)])
            let reserve = { (quantity: Int) in [Reservation(node: "EWR1", sku: "A", quantity: quantity)] }
            let results = try await store.commit(batch: [
                orderCommit("PO-1", reservations: reserve(4), capacity: [capacityClaim(units: 4)]),
                orderCommit("PO-2", reservations: reserve(5), capacity: [capacityClaim(units: 5)]),
                orderCommit("PO-3", reservations: reserve(5), capacity: [capacityClaim(units: 5)]),
            ])
            #expect(results.map(\.isConflict) == [false, false, true])
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 9)
            #expect(try await store.capacityUsed(on: day) == ["EWR1": CapacityUse(orders: 2, units: 9)])
            #expect(try await store.orders(.all).map(\.poNumber) == ["PO-1", "PO-2"])
            #expect(results.flatMap(\.entries).map(interchangeNumber) == [1, 2])
            #expect(try await store.outbox(state: nil).map(interchangeNumber) == [1, 2])
            // The next number is the next one: the conflict used none up.
            let next = try await store.commit(batch: [orderCommit("PO-4")])
            #expect(next.flatMap(\.entries).map(interchangeNumber) == [3])
        }
    }

    @Test(
        "in a batch, a PO recorded before and a PO named twice are duplicates that take nothing",
        arguments: Backend.allCases)
    func duplicatesInBatch(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 100, safetyStock: 0)])
            let first = try await store.keep(document("ISA*one"))
            let second = try await store.keep(document("ISA*two"))
            let reserve = [Reservation(node: "EWR1", sku: "A", quantity: 2)]
            let earlier = try #require(
                try await store.commit(orderCommit("PO-1", document: first.id, reservations: reserve)).orderID)
            let results = try await store.commit(batch: [
                orderCommit("PO-1", document: first.id, reservations: reserve),
                orderCommit("PO-2", document: second.id, reservations: reserve),
                orderCommit("PO-1", document: second.id, reservations: reserve),
                orderCommit("PO-3", document: second.id, reservations: reserve),
            ])
            #expect(results[0] == .duplicate(of: earlier, sameDocument: true))
            #expect(results[2] == .duplicate(of: earlier, sameDocument: false))
            #expect(results[1].orderID != nil && results[3].orderID != nil)
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 6)
            #expect(try await store.outbox(state: nil).count == 3)

            // Named twice in one batch: the second is a duplicate of the first, which alone is written.
            let twice = try await store.commit(batch: [
                orderCommit("PO-9", reservations: reserve), orderCommit("PO-9", reservations: reserve),
            ])
            let id = try #require(twice.first?.orderID)
            #expect(twice.last == .duplicate(of: id, sameDocument: false))
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 8)
        }
    }

    @Test("an empty batch writes nothing", arguments: Backend.allCases)
    func emptyBatch(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            #expect(try await store.commit(batch: []).isEmpty)
            #expect(try await store.orders(.all).isEmpty)
        }
    }

    @Test(
        "a document that cannot be rendered fails the whole batch, which writes nothing", arguments: Backend.allCases)
    func renderFailureWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 10, safetyStock: 0)])
            let broken = OutboundDraft(kind: .pickTicket, partner: "EWR1", name: "broken.json") { _ in
                throw Unrenderable()
            }
            let error = await #expect(throws: StoreError.self) {
                try await store.commit(batch: [
                    orderCommit("PO-1", reservations: [Reservation(node: "EWR1", sku: "A", quantity: 1)]),
                    orderCommit("PO-2", outbound: [numberedDraft(), broken]),
                ])
            }
            #expect(error?.code == .render)
            #expect(try await store.orders(.all).isEmpty)
            #expect(try await store.outbox(state: nil).isEmpty)
            #expect(try await store.inventory(of: ["A"]).first?.reserved == 0)
        }
    }

    @Test("recorded names the POs the store has, by retailer, number and purpose", arguments: Backend.allCases)
    func recordedFindsExactKeys(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let a = try #require(try await store.commit(orderCommit("PO-A")).orderID)
            let b = try #require(try await store.commit(orderCommit("PO-B", retailer: "target")).orderID)
            let c = try #require(try await store.commit(orderCommit("PO-A", purpose: .cancellation)).orderID)
            let keys = [
                OrderKey(retailer: "walmart", poNumber: "PO-A", purpose: "original"),
                OrderKey(retailer: "target", poNumber: "PO-B", purpose: "original"),
                OrderKey(retailer: "walmart", poNumber: "PO-A", purpose: "cancellation"),
                OrderKey(retailer: "walmart", poNumber: "PO-B", purpose: "original"),
                OrderKey(retailer: "target", poNumber: "PO-B", purpose: "change"),
                OrderKey(retailer: "walmart", poNumber: "PO-Z", purpose: "original"),
            ]
            #expect(try await store.recorded(keys) == [keys[0]: a, keys[1]: b, keys[2]: c])
            #expect(try await store.recorded([]).isEmpty)
        }
    }

    /// Commits `orders` as one batch into one new database and one by one into another, and expects both to hold
    /// the same; returns the batch's results.
    @discardableResult
    func expectBatchEqualsOneByOne(_ backend: Backend, _ orders: [OrderCommit]) async throws -> [CommitResult] {
        var batched: [CommitResult] = []
        var oneByOne: [CommitResult] = []
        var batchedStore: StoreContents?
        var oneByOneStore: StoreContents?
        try await withStore(backend) { store, _ async throws in
            try await GroupCommitScenario.prepare(store)
            batched = try await store.commit(batch: orders)
            batchedStore = try await StoreContents(store)
        }
        try await withStore(backend) { store, _ async throws in
            try await GroupCommitScenario.prepare(store)
            for order in orders { oneByOne.append(try await store.commit(order)) }
            oneByOneStore = try await StoreContents(store)
        }
        // Ids are compared by rank: a sequence may skip values (a PostgreSQL `INSERT … ON CONFLICT DO NOTHING`
        // draws one for the PO it does not insert), which says nothing about what was committed.
        let batchedContents = try #require(batchedStore)
        let oneByOneContents = try #require(oneByOneStore)
        #expect(batchedContents.ranked(batched) == oneByOneContents.ranked(oneByOne))
        #expect(batchedContents.ranked == oneByOneContents.ranked)
        #expect(!batchedContents.orders.isEmpty)
        return batched
    }
}

/// A realistic mix of orders for a batch: two retailers, two nodes, several SKUs, orders that split, cancel or
/// have no deadlines, several documents each, POs recorded before the batch.
enum GroupCommitScenario {
    static let skus: [SKU] = ["A", "B", "C"]

    /// Stock, and two POs recorded before the batch (from documents 1 and 2).
    static func prepare(_ store: any OrderStore) async throws {
        try await store.importInventory(
            ["EWR1", "ORD1"].flatMap { node in
                skus.map { InventoryRow(node: node, sku: $0, onHand: 500, safetyStock: 3) }
            })
        let first = try await store.keep(document("ISA*first"))
        let second = try await store.keep(document("ISA*second"))
        _ = try await store.commit(orderCommit("PO-3", document: first.id))
        _ = try await store.commit(orderCommit("PO-7", retailer: "target", document: second.id))
    }

    static func orders(count: Int) -> [OrderCommit] {
        (0..<count).map { index in
            let retailer: RetailerID = index % 3 == 1 ? "target" : "walmart"
            let node: DCID = index % 2 == 0 ? "EWR1" : "ORD1"
            let sku = skus[index % skus.count]
            let at = t0 + Double(index)
            if index % 9 == 4 {
                // Cancelled: no node, no deadlines, no stock, an explanation only.
                var commit = orderCommit(
                    "PO-\(index)", retailer: retailer, document: DocumentID(1), outcome: .cancel, nodes: [],
                    outbound: [numberedDraft(.explanation, partner: retailer.rawValue, name: "why-\(index).txt")],
                    at: at)
                commit.decision.acknowledgeBy = nil
                commit.decision.shipBy = nil
                return commit
            }
            var reservations = [Reservation(node: node, sku: sku, quantity: 1 + index % 4)]
            var capacity = [capacityClaim(node, units: 1 + index % 4, maximumOrders: 1_000)]
            var nodes = [node]
            if index % 5 == 0 {
                // Split across both nodes.
                let other: DCID = node == "EWR1" ? "ORD1" : "EWR1"
                reservations.append(Reservation(node: other, sku: "C", quantity: 2))
                capacity.append(capacityClaim(other, units: 2, maximumOrders: 1_000))
                nodes.append(other)
            }
            var answer = numberedDraft(partner: retailer.rawValue, name: "855-\(index).x12")
            answer.destination = index % 4 == 0 ? nil : "file:outbound/\(retailer)"
            return orderCommit(
                "PO-\(index)", retailer: retailer, document: DocumentID(Int64(1 + index % 2)), nodes: nodes,
                reservations: reservations, capacity: capacity,
                outbound: [answer]
                    + nodes.map { numberedDraft(.pickTicket, partner: "\($0)-wms", name: "ticket-\(index)-\($0).json") }
                    + [numberedDraft(.explanation, partner: retailer.rawValue, name: "why-\(index).txt")],
                at: at)
        }
    }
}

/// Everything a store holds that a commit writes, read through the protocol, to compare two stores.
struct StoreContents: Equatable {
    var orders: [OrderSummary]
    var audits: [[AuditEvent]]
    var outbox: [OutboxEntry]
    var inventory: [InventoryPosition]
    var capacity: [DCID: CapacityUse]

    init(_ store: any OrderStore) async throws {
        orders = try await store.orders(.all)
        var audits: [[AuditEvent]] = []
        for order in orders { audits.append(try await store.audit(of: order.id)) }
        self.audits = audits
        outbox = try await store.outbox(state: nil)
        inventory = try await store.inventory(of: Set(GroupCommitScenario.skus))
        capacity = try await store.capacityUsed(on: day)
    }

    /// The contents with every order and outbox id replaced by its rank (1 for the oldest).
    var ranked: StoreContents {
        var copy = self
        copy.orders = orders.map { order in
            var order = order
            order.id = rank(order.id)
            return order
        }
        copy.outbox = outbox.map(rank)
        return copy
    }

    /// Commit results with their ids ranked as `ranked` ranks them.
    func ranked(_ results: [CommitResult]) -> [CommitResult] {
        results.map { result in
            switch result {
            case .committed(let id, let entries): .committed(rank(id), entries.map(rank))
            case .duplicate(let id, let sameDocument): .duplicate(of: rank(id), sameDocument: sameDocument)
            case .conflict: result
            }
        }
    }

    private func rank(_ id: OrderID) -> OrderID {
        OrderID(Int64((orders.firstIndex { $0.id == id } ?? -2) + 1))
    }

    private func rank(_ entry: OutboxEntry) -> OutboxEntry {
        var entry = entry
        entry.id = OutboxID(Int64((outbox.firstIndex { $0.id == entry.id } ?? -2) + 1))
        entry.orderID = entry.orderID.map(rank)
        return entry
    }
}
