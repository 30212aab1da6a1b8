import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing

/// The gateway's floor path on a real store: a cancel tells the retailer on the document its profile names for
/// cancels, and says so when that is one dropgate does not write.
@Suite("The gateway: cancels from the floor")
struct FloorGatewayTests {
    /// The Home Depot sample PO 31846207 decided (lines 1 and 2 at ORD1), with the profiles `edit` makes.
    func homeDepot(_ edit: (inout RetailerProfile) -> Void = { _ in }) async throws -> (Gateway, OrderID, SQLiteStore) {
        let world = try SampleWorld()
        var profile = try #require(world.profiles["homedepot"])
        edit(&profile)
        var profiles = world.profiles.profiles
        profiles["homedepot"] = profile
        let set = ProfileSet(
            profiles: Array(profiles.values), network: world.profiles.network, catalog: world.profiles.catalog)
        try await world.store.importInventory(world.inventory)
        let gateway = Gateway(profiles: set, store: world.store, logger: Logger(label: "test"))
        let file = SampleWorld.root.appendingPathComponent("fixtures/inbox/homedepot-20261123-2200.x12")
        _ = await gateway.process(file: file, receivedAt: SampleWorld.clock)
        let order = try #require(
            try await world.store.orders(OrderFilter(retailer: "homedepot", poNumber: "31846207")).first?.id)
        return (gateway, order, world.store)
    }

    @Test("cancel-on 855: the cancel is answered with an 855 carrying the profile's code for the floor's reason")
    func cancelOn855() async throws {
        let (gateway, order, _) = try await homeDepot()
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.review.cancelled.map(\.lineNumber) == ["1"])
        #expect(outcome.outbox.map(\.kind) == [.purchaseOrderAcknowledgement])
        let text = String(decoding: outcome.outbox.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("ACK|IR|1"), "\(text)")
        #expect(outcome.state == .released, "line 2 still ships")
    }

    @Test("cancel-on 856, which dropgate does not write: recorded, nothing sent, and the review says so")
    func cancelOn856() async throws {
        let (gateway, order, store) = try await homeDepot { $0.documents.cancelOn = .x856 }
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.review.checks.contains { $0.contains("takes cancels on the 856") }, "\(outcome.review.checks)")
        let floor = try #require(try await store.floorOrder(order))
        #expect(floor.cancellations.map(\.quantity) == [1])
        #expect(floor.cancellations.first?.reviewJSON.contains("takes cancels on the 856") == true)
    }
}
