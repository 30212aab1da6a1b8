import Foundation
import Gateway
import Logging
import Orders
import Store
import TestSupport
import Testing

/// The pipeline on PostgreSQL: the same inputs, clock and batches give the same store as on SQLite, whose group
/// commit is the reference (`commit(batch:)`: one transaction, a savepoint per order).
@Suite("The gateway pipeline on PostgreSQL")
struct PostgresGatewayTests {
    @Test(
        "the sample inbox, in batches of 1, 3 and 256 POs, commits on PostgreSQL what it commits on SQLite",
        arguments: [1, 3, 256])
    func sampleInboxAsOnSQLite(batchSize: Int) async throws {
        let world = try SampleWorld()
        defer { try? FileManager.default.removeItem(at: world.folder) }
        let database = try await TemporaryPostgres.shared.database()
        let postgres = try await PostgresStore(
            location: PostgresLocation(
                host: database.host, port: database.port, user: database.user, database: database.name))
        let sqlite = try await ingestSampleInbox(world, store: world.store, batchSize: batchSize)
        let onPostgres = try await ingestSampleInbox(world, store: postgres, batchSize: batchSize)
        await postgres.shutdown()
        #expect(onPostgres.orders.count >= 10, "the sample inbox decided too few POs: \(onPostgres.orders.count)")
        #expect(onPostgres.orders == sqlite.orders)
        #expect(onPostgres.outbox == sqlite.outbox)
        #expect(onPostgres.stock == sqlite.stock)
    }

    /// What the store holds after every file of the sample inbox went through a gateway, in name order: each order
    /// with its decision, every outbox row (kind, partner, name, bytes), and stock.
    struct Outcome: Equatable {
        var orders: [String]
        var outbox: [String]
        var stock: [InventoryPosition]
    }

    func ingestSampleInbox(_ world: SampleWorld, store: any OrderStore, batchSize: Int) async throws -> Outcome {
        try await store.importInventory(world.inventory)
        var gateway = Gateway(profiles: world.profiles, store: store, logger: Logger(label: "test"))
        gateway.batchSize = batchSize
        let inbox = SampleWorld.root.appendingPathComponent("fixtures/inbox")
        for file in try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        where !file.hasSuffix(".md") {
            _ = await gateway.process(file: inbox.appendingPathComponent(file), receivedAt: SampleWorld.clock)
        }
        let orders = try await store.orders(.all).map { order in
            "\(order.retailer) \(order.poNumber) \(order.outcome) \(order.nodes) \(order.explanationJSON)"
        }
        let outbox = try await store.outbox(state: nil).map { entry in
            "\(entry.kind) \(entry.partner) \(entry.name) \(String(decoding: entry.bytes, as: UTF8.self))"
        }
        let skus = Set(world.inventory.map(\.sku))
        return Outcome(orders: orders, outbox: outbox, stock: try await store.inventory(of: skus))
    }
}
