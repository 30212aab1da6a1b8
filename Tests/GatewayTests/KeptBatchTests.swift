import Foundation
import Gateway
import Logging
import Orders
import Store
import Synchronization
import Testing

/// A store that counts the stock reads asked of it: one a batch of decisions.
final class StockReadCountingStore: ForwardingStore {
    let base: SQLiteStore
    let reads = Mutex(0)

    init(_ base: SQLiteStore) { self.base = base }

    func inventory(of skus: Set<SKU>) async throws(StoreError) -> [InventoryPosition] {
        reads.withLock { $0 += 1 }
        return try await base.inventory(of: skus)
    }
}

@Suite("kept documents decided together, as a service receives them")
struct KeptBatchTests {
    /// Every sample inbox document, one received again, and one unreadable, each received three hours after the
    /// one before (so that the batch crosses midnight at every node).
    static func documents() throws -> [(bytes: [UInt8], origin: String, receivedAt: Date)] {
        let inbox = SampleWorld.root.appendingPathComponent("fixtures/inbox")
        var files = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0 != "README.md" }
            .sorted()
        files.insert(files[files.count - 1], at: 2)
        var documents = try files.map { name in
            (bytes: Array(try Data(contentsOf: inbox.appendingPathComponent(name))), origin: name, receivedAt: Date())
        }
        documents.insert(([0x00, 0xFF], "mystery.bin", Date()), at: 4)
        for index in documents.indices {
            documents[index].receivedAt = SampleWorld.clock.addingTimeInterval(Double(index) * 3 * 3600)
        }
        return documents
    }

    /// What a run leaves in the store that does not depend on the order control numbers were drawn in.
    static func record(of store: SQLiteStore) async throws -> (orders: [String], outbox: [String]) {
        let orders = try await store.orders(OrderFilter()).map { order in
            [
                order.retailer.rawValue, order.poNumber.rawValue, "\(order.outcome)",
                order.nodes.map(\.rawValue).joined(separator: "+"), "\(order.acknowledgeBy as Date?)",
                "\(order.shipBy as Date?)", "\(order.receivedAt)", order.explanationJSON,
            ].joined(separator: " | ")
        }
        let outbox = try await store.outbox(state: nil).map { entry in
            // Pick tickets and explanations carry no control number: their bytes must be the same too.
            let bytes =
                [.pickTicket, .explanation].contains(entry.kind) ? String(decoding: entry.bytes, as: UTF8.self) : ""
            return "\(entry.kind) \(entry.partner) \(entry.name) \(bytes)"
        }
        return (orders.sorted(), outbox.sorted())
    }

    @Test("decide and answer exactly what processing them one after another does, with fewer store reads")
    func sameAsOneByOne() async throws {
        let documents = try Self.documents()

        let alone = try SampleWorld()
        _ = try await alone.gateway()
        let aloneStore = StockReadCountingStore(alone.store)
        let oneByOne = Gateway(profiles: alone.profiles, store: aloneStore, logger: Logger(label: "test"))
        var expected: [DocumentReport] = []
        for document in documents {
            expected.append(
                await oneByOne.process(document.bytes, origin: document.origin, receivedAt: document.receivedAt))
        }

        let together = try SampleWorld()
        _ = try await together.gateway()
        let togetherStore = StockReadCountingStore(together.store)
        let batched = Gateway(profiles: together.profiles, store: togetherStore, logger: Logger(label: "test"))
        var kept: [KeptInput] = []
        for document in documents {
            let id = try await together.store.keep(
                InboundDocument(
                    receivedAt: document.receivedAt, origin: document.origin,
                    format: DocumentFormat(detecting: document.bytes), bytes: document.bytes)
            ).id
            kept.append(
                KeptInput(id: id, bytes: document.bytes, origin: document.origin, receivedAt: document.receivedAt))
        }
        let reports = await batched.process(keptBatch: kept)

        #expect(reports.map(\.origin) == expected.map(\.origin))
        #expect(reports.map(\.status) == expected.map(\.status))
        #expect(reports.map(\.problems) == expected.map(\.problems))
        #expect(
            reports.map { $0.orders.map { "\($0.poNumber as PONumber?) \($0.result)" } }
                == expected.map { $0.orders.map { "\($0.poNumber as PONumber?) \($0.result)" } })
        #expect(reports.contains { $0.status == .duplicate } && reports.contains { $0.status == .unreadable })
        let (orders, outbox) = try await Self.record(of: together.store)
        let (expectedOrders, expectedOutbox) = try await Self.record(of: alone.store)
        #expect(orders.count >= 10)
        #expect(orders == expectedOrders)
        #expect(outbox == expectedOutbox)
        #expect(try await together.store.pendingDocuments().isEmpty)
        let (one, batch) = (aloneStore.reads.withLock { $0 }, togetherStore.reads.withLock { $0 })
        #expect(batch < one, "stock was read \(batch) times for the batch, \(one) one document at a time")
    }

    @Test("a service restarted over documents kept and not finished finishes them in batches, as one by one would")
    func resumeInBatches() async throws {
        let documents = try Self.documents()
        var records: [(orders: [String], outbox: [String])] = []
        var stockReads: [Int] = []
        for batch in [nil, 3] as [Int?] {
            let world = try SampleWorld()
            _ = try await world.gateway()
            let store = StockReadCountingStore(world.store)
            let gateway = Gateway(profiles: world.profiles, store: store, logger: Logger(label: "test"))
            for document in documents {
                _ = try await world.store.keep(
                    InboundDocument(
                        receivedAt: document.receivedAt, origin: document.origin,
                        format: DocumentFormat(detecting: document.bytes), bytes: document.bytes))
            }
            let reports: [DocumentReport]
            if let batch {
                reports = await gateway.resume(inBatchesOf: batch)
            } else {
                reports = await gateway.resume()
            }
            #expect(reports.map(\.origin) == documents.map(\.origin))
            #expect(try await world.store.pendingDocuments().isEmpty)
            records.append(try await Self.record(of: world.store))
            stockReads.append(store.reads.withLock { $0 })
        }
        #expect(records[0].orders.count >= 10)
        #expect(records[1].orders == records[0].orders)
        #expect(records[1].outbox == records[0].outbox)
        #expect(stockReads[1] < stockReads[0], "stock read \(stockReads[1]) times in batches, \(stockReads[0]) alone")
    }
}
