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
            // Every store reads the one schema; a document a live store keeps is pending for no other (its keeper
            // may still finish it), only for its keeper.
            for store in stores.dropFirst() { #expect(try await store.pendingDocuments().isEmpty) }
            #expect(try await stores[0].pendingDocuments().map(\.id) == [kept.id])
            for store in stores { await close(store) }
        }
    }

    @Test(
        "concurrent commits never oversell, record every PO once and number the outbox gaplessly",
        arguments: Backend.allCases)
    func concurrentCommits(backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await withStores(database) { stores async throws in
            try await StoreRace.stock(stores[0])
            let results = try await withThrowingTaskGroup(of: (String, CommitResult).self) { group in
                for task in 0..<Self.taskCount {
                    let store = stores[task % stores.count]
                    // Tasks 32 to 39 deliver POs 0 to 7 again.
                    let po = task % StoreRace.distinctPOs
                    group.addTask { (StoreRace.poNumber(po), try await StoreRace.decide(po, store: store)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await StoreRace.verify(stores[1])
            // Every PO committed once; every redelivery found the one record.
            #expect(results.filter { $0.1.orderID != nil }.count == StoreRace.distinctPOs)
            let orders = try await stores[2].orders(.all)
            for (po, result) in results where result.orderID == nil {
                let recorded = try #require(orders.first { $0.poNumber.rawValue == po })
                #expect(result == .duplicate(of: recorded.id, sameDocument: false))
            }
        }
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
