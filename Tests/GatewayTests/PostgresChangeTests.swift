import Foundation
import Gateway
import Logging
import Orders
import Store
import TestSupport
import Testing

/// Retailers' change requests on PostgreSQL, the multi-node store: the same POs and 860s at the same clock leave
/// the same orders, outbox and stock as on SQLite.
@Suite("The gateway: change requests on PostgreSQL")
struct PostgresChangeTests {
    /// Home Depot POs, then 860s that decrease, increase (past the primary's stock), cancel, and name no PO.
    static let documents: [[UInt8]] = [
        RetailerX12.interchange(
            RetailerX12.homeDepot, control: 500, functionalID: "PO", setID: "850",
            sets: [
                RetailerX12.homeDepotPO("PG-1", [("1", "HP-10001", 4), ("2", "HP-10002", 1)]),
                RetailerX12.homeDepotPO("PG-2", [("1", "HP-10001", 2)]),
                RetailerX12.homeDepotPO("PG-3", [("1", "HP-10002", 2)]),
            ]),
        RetailerX12.interchange(
            RetailerX12.homeDepot, control: 501, functionalID: "PC", setID: "860",
            sets: [
                RetailerX12.change("PG-1", ["POC|1|QD|1|4|EA|25.00||VN|HP-10001"]),
                RetailerX12.change("PG-2", ["POC|1|QI|9|2|EA|25.00||VN|HP-10001"]),
                RetailerX12.change("PG-3", purpose: "01"),
                RetailerX12.change("PG-404", ["POC|1|DI||1|EA|25.00||VN|HP-10001"]),
            ]),
    ]

    func run(_ store: any OrderStore) async throws -> (orders: [String], outbox: [String], stock: [InventoryPosition]) {
        let world = try SampleWorld()
        defer { try? FileManager.default.removeItem(at: world.folder) }
        try await store.importInventory(world.inventory)
        try await store.importInventory([
            InventoryRow(node: "ORD1", sku: "HP-10001", onHand: 6, safetyStock: 0),
            InventoryRow(node: "ORD1", sku: "HP-10002", onHand: 6, safetyStock: 0),
        ])
        let gateway = Gateway(profiles: world.profiles, store: store, logger: Logger(label: "test"))
        for (index, document) in Self.documents.enumerated() {
            _ = await gateway.process(
                document, origin: "doc-\(index).x12", receivedAt: SampleWorld.clock + Double(index))
        }
        let orders = try await store.orders(.all).map { "\($0.poNumber) \($0.outcome) \($0.nodes)" }
        let outbox = try await store.outbox(state: nil).map {
            "\($0.kind.rawValue) \($0.partner) \($0.state) \(String(decoding: $0.bytes, as: UTF8.self))"
        }
        let requests = try await store.changeRequests(ChangeRequestFilter()).map {
            "request \($0.poNumber) \($0.verdict) \($0.reason ?? "-") \($0.order.map { "\($0)" } ?? "-")"
        }
        return (orders + requests, outbox, try await store.inventory(of: ["HP-10001", "HP-10002"]))
    }

    @Test("decrease, reroute, cancel and an unknown PO leave on PostgreSQL what they leave on SQLite")
    func asOnSQLite() async throws {
        let world = try SampleWorld()
        defer { try? FileManager.default.removeItem(at: world.folder) }
        let database = try await TemporaryPostgres.shared.database()
        let postgres = try await PostgresStore(
            location: PostgresLocation(
                host: database.host, port: database.port, user: database.user, database: database.name))
        let onSQLite = try await run(world.store)
        let onPostgres = try await run(postgres)
        await postgres.shutdown()
        #expect(onPostgres.orders == onSQLite.orders)
        #expect(onPostgres.outbox == onSQLite.outbox)
        #expect(onPostgres.stock == onSQLite.stock)
        #expect(
            onSQLite.orders.filter { $0.hasPrefix("request") }.map {
                $0.split(separator: " ").prefix(4).joined(separator: " ")
            }
                == [
                    "request PG-1 accepted -", "request PG-2 accepted -", "request PG-3 accepted -",
                    "request PG-404 refused unknown-order",
                ])
        #expect(onSQLite.outbox.filter { $0.hasPrefix("865") }.count == 4)
    }
}
