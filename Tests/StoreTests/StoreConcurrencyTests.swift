import Foundation
import Orders
import Store
import Testing

/// Several stores on one database at once, as several gateway processes have: they open it together (migrating a new
/// database), then race for the same stock, capacity, POs, bytes, interchanges and outbox keys.
@Suite("Order store: concurrency")
struct StoreConcurrencyTests {
    static let storeCount = 4
    static let taskCount = 40
    static let distinctPOs = 32

    /// Opens `storeCount` stores on `database` at once, runs `body`, closes them.
    func withStores(
        _ database: TestDatabase, _ body: ([any OrderStore]) async throws -> Void
    ) async throws {
        defer { database.remove() }
        let stores = try await withThrowingTaskGroup(of: (any OrderStore).self) { group in
            for _ in 0..<Self.storeCount { group.addTask { try await database.open(maximumConnections: 6) } }
            return try await group.reduce(into: [any OrderStore]()) { $0.append($1) }
        }
        do { try await body(stores) } catch {
            for store in stores { await close(store) }
            throw error
        }
        for store in stores { await close(store) }
    }

    @Test("several stores opening a new database at once all open it, migrated once", arguments: Backend.allCases)
    func concurrentOpens(backend: Backend) async throws {
        for _ in 0..<5 {
            let database = try await TestDatabase.make(backend)
            defer { database.remove() }
            // SQLite opens block: give each its own thread, so that they really run at once.
            let stores = try await withThrowingTaskGroup(of: (any OrderStore).self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        guard case .file(let path) = database.place else { return try await database.open() }
                        return try await withCheckedThrowingContinuation { continuation in
                            Thread { continuation.resume(with: Result { try SQLiteStore(path: path) }) }.start()
                        }
                    }
                }
                return try await group.reduce(into: [any OrderStore]()) { $0.append($1) }
            }
            let kept = try await stores[0].keep(document("ISA*one"))
            for store in stores {
                #expect(try await store.pendingDocuments().map(\.id) == [kept.id])
                await close(store)
            }
        }
    }

    @Test(
        "concurrent commits never oversell, record every PO once and number the outbox gaplessly",
        arguments: Backend.allCases)
    func concurrentCommits(backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await withStores(database) { stores async throws in
            // 40 units can be promised in all (25 at EWR1, 8 at ORD1 beyond safety stock; EWR1 takes 12 orders a
            // day), for 32 POs of 1 to 3 units: 64 units asked for.
            try await stores[0].importInventory([
                InventoryRow(node: "EWR1", sku: "A", onHand: 30, safetyStock: 5),
                InventoryRow(node: "ORD1", sku: "A", onHand: 10, safetyStock: 2),
            ])
            let limits: [DCID: Int] = ["EWR1": 12, "ORD1": 100]
            let results = try await withThrowingTaskGroup(of: (String, Int, CommitResult).self) { group in
                for task in 0..<Self.taskCount {
                    let store = stores[task % stores.count]
                    // Tasks 32 to 39 deliver POs 0 to 7 again.
                    let po = "PO-\(task % Self.distinctPOs)"
                    let quantity = 1 + (task % Self.distinctPOs) % 3
                    group.addTask {
                        (po, quantity, try await Self.decide(po, quantity: quantity, limits: limits, store: store))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let store = stores[1]

            // Stock: never promised beyond on hand − safety, and exactly what the committed orders reserved.
            let committed = results.filter { $0.2.orderID != nil }
            let positions = try await store.inventory(of: ["A"])
            for position in positions {
                #expect(position.reserved <= position.onHand - position.safetyStock)
            }
            let orders = try await store.orders(.all)
            var reservedByNode: [DCID: Int] = [:]
            for order in orders where order.outcome == "ship" {
                let quantity = try #require(committed.first { $0.0 == order.poNumber.rawValue }?.1)
                reservedByNode[order.nodes[0], default: 0] += quantity
            }
            #expect(Dictionary(uniqueKeysWithValues: positions.map { ($0.node, $0.reserved) }) == reservedByNode)
            let used = try await store.capacityUsed(on: day)
            #expect((used["EWR1"]?.orders ?? 0) <= 12)
            #expect((used["EWR1"]?.orders ?? 0) == orders.filter { $0.nodes == ["EWR1"] }.count)
            // A PO cancelled had nowhere to go: stock only goes down, so no node with capacity left can take it now.
            for order in orders where order.outcome == "cancel" {
                let quantity = try #require(committed.first { $0.0 == order.poNumber.rawValue }?.1)
                for position in positions where (used[position.node]?.orders ?? 0) < limits[position.node] ?? 0 {
                    #expect(position.available < quantity)
                }
            }

            // POs: each recorded once; every redelivery found the one record.
            #expect(orders.count == Self.distinctPOs)
            #expect(Set(orders.map(\.poNumber)).count == Self.distinctPOs)
            #expect(committed.count == Self.distinctPOs)
            for (po, _, result) in results where result.orderID == nil {
                let recorded = try #require(orders.first { $0.poNumber.rawValue == po })
                #expect(result == .duplicate(of: recorded.id, sameDocument: false))
            }

            // Control numbers: one per committed order, unique and gapless.
            let numbers = try await store.outbox(state: nil).compactMap(interchangeNumber)
            #expect(numbers.sorted() == Array(1...Self.distinctPOs))
        }
    }

    /// Decides a PO against the figures as committed, and commits; a plan that lost its race is decided again with
    /// fresh figures. A PO that fits nowhere is cancelled (committed with no reservation).
    static func decide(_ po: String, quantity: Int, limits: [DCID: Int], store: any OrderStore) async throws
        -> CommitResult
    {
        for _ in 0..<200 {
            let positions = try await store.inventory(of: ["A"])
            let used = try await store.capacityUsed(on: day)
            let node = positions.first { position in
                position.available >= quantity && (used[position.node]?.orders ?? 0) < limits[position.node] ?? 0
            }?.node
            let commit =
                if let node {
                    orderCommit(
                        po, nodes: [node], reservations: [Reservation(node: node, sku: "A", quantity: quantity)],
                        capacity: [capacityClaim(node, units: quantity, maximumOrders: limits[node] ?? 0)])
                } else {
                    orderCommit(po, outcome: "cancel", nodes: [])
                }
            let result = try await store.commit(commit)
            if !result.isConflict { return result }
        }
        Issue.record("\(po) was still losing its race after 200 decisions")
        return .conflict("gave up")
    }

    @Test(
        "concurrent redeliveries are recognised once: same bytes, interchange claims and outbox keys",
        arguments: Backend.allCases)
    func concurrentRedeliveries(backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await withStores(database) { stores async throws in
            let key = InterchangeKey(senderQualifier: "ZZ", senderID: "WALMART", controlNumber: "000000777")
            let results = try await withThrowingTaskGroup(of: (KeptDocument, InterchangeClaim, [OutboxEntry]).self) {
                group in
                for task in 0..<Self.taskCount {
                    let store = stores[task % stores.count]
                    group.addTask {
                        let kept = try await store.keep(document("ISA*00*the same interchange", origin: "task-\(task)"))
                        let claim = try await store.claim(key, for: kept.id)
                        let acknowledgement = try await store.enqueue(
                            [numberedDraft(.functionalAcknowledgement)], inReplyTo: kept.id, key: "997-\(key)")
                        return (kept, claim, acknowledgement)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let firsts = results.filter { $0.0.sameBytesAs == nil }.map(\.0.id)
            #expect(firsts.count == 1)
            let first = try #require(firsts.first)
            #expect(results.allSatisfy { $0.0.id == first || $0.0.sameBytesAs == first })

            let owners = results.filter { $0.1 == .first }.map(\.0.id)
            #expect(owners.count == 1)
            let owner = try #require(owners.first)
            #expect(results.allSatisfy { $0.0.id == owner || $0.1 == .repeated(of: owner) })

            let outbox = try await stores[0].outbox(state: nil)
            #expect(outbox.count == 1)
            #expect(results.allSatisfy { $0.2 == outbox })
            #expect(outbox.map(interchangeNumber) == [1])
        }
    }
}
