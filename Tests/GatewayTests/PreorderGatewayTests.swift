import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing
import X12

/// Preorders and backorders through the whole pipeline on a real store: an order for stock not yet on hand waits
/// for its inbound stock where the profile allows it (answered IB with the day), is cancelled where it does not, and
/// is released to the warehouse, in ship-by order, when the stock is received.
@Suite("The gateway: preorders, backorders and receipts")
struct PreorderGatewayTests {
    static let now = SampleWorld.clock

    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(parsing: text) else { preconditionFailure("bad day \(text)") }
        return day
    }

    /// Home Depot's sample profile made to allow backorders of up to 10 days (ship complete, from one node) and to
    /// acknowledge every line, accepts and backorders included; or the sample profile itself (line fill-or-kill, no
    /// backorders) when `backorders` is false.
    static func profiles(_ world: SampleWorld, backorders: Bool) throws -> ProfileSet {
        var profile = try #require(world.profiles["homedepot"])
        if backorders {
            profile.fulfilment = FulfilmentPolicy(
                fill: .shipComplete, maxShipments: 1, backorder: ProfileDuration(10, .days))
            profile.documents.acknowledgement.scope = .everyLine
            profile.documents.acknowledgement.kinds = [.accept, .cancel, .backorder]
        }
        return ProfileSet(
            profiles: world.profiles.sortedProfiles.map { $0.id == profile.id ? profile : $0 },
            network: world.profiles.network, catalog: world.profiles.catalog, xmlClaims: world.profiles.xmlClaims)
    }

    /// A gateway over the sample world's store with none of HP-10001 on hand (and no safety stock of it) anywhere.
    func world(backorders: Bool) async throws -> (Gateway, SQLiteStore) {
        let world = try SampleWorld()
        try await world.store.importInventory(
            world.inventory.map {
                var row = $0
                if row.sku == "HP-10001" { (row.onHand, row.safetyStock) = (0, 0) }
                return row
            })
        let gateway = Gateway(
            profiles: try Self.profiles(world, backorders: backorders), store: world.store,
            output: OutputFolder(root: world.folder), logger: Logger(label: "test"))
        return (gateway, world.store)
    }

    func place(_ gateway: Gateway, _ po: String, quantity: Int, at: Date = now, control: Int) async
        -> DocumentReport
    {
        await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: control, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO(po, [("1", "HP-10001", quantity)])]), origin: "\(po).x12",
            receivedAt: at)
    }

    func order(_ store: SQLiteStore, _ po: String) async throws -> OrderSummary {
        try #require(try await store.orders(OrderFilter(retailer: "homedepot", poNumber: PONumber(po))).first)
    }

    /// The ACK segments of the order's latest 855.
    func acks(_ store: SQLiteStore, _ id: OrderID) async throws -> [X12Segment] {
        let answers = try await store.outbox(order: id).filter { $0.kind == .purchaseOrderAcknowledgement }
        let document = try X12Document(bytes: try #require(answers.last).bytes)
        return (0..<document.segmentCount).map(document.segment).filter { $0.id == "ACK" }
    }

    func tickets(_ store: SQLiteStore, _ id: OrderID) async throws -> [OutboxEntry] {
        try await store.outbox(order: id).filter { $0.kind == .pickTicket && $0.state != .withdrawn }
    }

    func reserved(_ store: SQLiteStore) async throws -> [DCID: Int] {
        var found: [DCID: Int] = [:]
        for position in try await store.inventory(of: ["HP-10001"]) where position.reserved > 0 {
            found[position.node] = position.reserved
        }
        return found
    }

    @Test("a preorder is accepted with its date under a profile that allows it, and cancelled under one that does not")
    func preorderByProfile() async throws {
        let inbound = [
            InboundRow(node: "DFW1", sku: "HP-10001", quantity: 5, due: Self.day("2026-11-30")),
            InboundRow(node: "ORD1", sku: "HP-10001", quantity: 5, due: Self.day("2026-12-02")),
        ]
        // Allowed: it waits at DFW1, whose stock comes first, with no reservation and no pick ticket.
        let (gateway, store) = try await world(backorders: true)
        try await store.importInbound(inbound)
        let report = await place(gateway, "PRE-1", quantity: 2, control: 700)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let waiting = try await order(store, "PRE-1")
        #expect(waiting.outcome == .backorder)
        #expect(try await store.floorOrder(waiting.id)?.state == .open)
        #expect(try await reserved(store).isEmpty)
        #expect(try await tickets(store, waiting.id).isEmpty)
        let ack = try #require(try await acks(store, waiting.id).first)
        #expect(ack.element(1)?.text == "IB")
        #expect(ack.element(2)?.text == "2")
        #expect(ack.element(4)?.text == "068")
        #expect(ack.element(5)?.text == "20261130")
        // Ship-by: the SLA (2 business days) counted from the day the stock is due.
        let shipBy = try #require(waiting.shipBy)
        #expect(
            CalendarDate(shipBy, in: try #require(TimeZone(identifier: "America/New_York"))) == Self.day("2026-12-02"))
        #expect(waiting.explanationJSON.contains("\"awaiting\":2"), "\(waiting.explanationJSON)")

        // Forbidden (the sample profile): cancelled as out of stock, as before.
        let (strict, strictStore) = try await world(backorders: false)
        try await strictStore.importInbound(inbound)
        _ = await place(strict, "PRE-1", quantity: 2, control: 700)
        let cancelled = try await order(strictStore, "PRE-1")
        #expect(cancelled.outcome == .cancel)
        #expect(try await acks(strictStore, cancelled.id).map { $0.element(1)?.text } == ["IR"])
        #expect(try await reserved(strictStore).isEmpty)
    }

    @Test("stock promised to a waiting order is not promised again: the next preorder waits for later stock")
    func promisedInboundIsNotPromisedTwice() async throws {
        let (gateway, store) = try await world(backorders: true)
        try await store.importInbound([
            InboundRow(node: "DFW1", sku: "HP-10001", quantity: 2, due: Self.day("2026-11-30")),
            InboundRow(node: "ORD1", sku: "HP-10001", quantity: 5, due: Self.day("2026-12-02")),
        ])
        _ = await place(gateway, "PRE-1", quantity: 2, control: 710)
        _ = await place(gateway, "PRE-2", quantity: 2, control: 711)
        let first = try await order(store, "PRE-1")
        let second = try await order(store, "PRE-2")
        #expect(try await acks(store, first.id).map { $0.element(5)?.text } == ["20261130"])
        #expect(try await acks(store, second.id).map { $0.element(5)?.text } == ["20261202"])
    }

    @Test("a waiting order changed by the retailer keeps what it was promised of the stock due")
    func changeKeepsItsPromise() async throws {
        let (gateway, store) = try await world(backorders: true)
        try await store.importInbound([
            InboundRow(node: "DFW1", sku: "HP-10001", quantity: 2, due: Self.day("2026-11-30")),
            InboundRow(node: "ORD1", sku: "HP-10001", quantity: 5, due: Self.day("2026-12-02")),
        ])
        _ = await place(gateway, "PRE-1", quantity: 2, control: 720)
        let report = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: 721, functionalID: "PC", setID: "860",
                sets: [RetailerX12.change("PRE-1", ["POC|1|QD|1|2|EA|25.00||VN|HP-10001"])]), origin: "860.x12",
            receivedAt: Self.now + 600)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let waiting = try await order(store, "PRE-1")
        #expect(waiting.outcome == .backorder)
        #expect(waiting.nodes.isEmpty || waiting.nodes == ["DFW1"], "\(waiting.nodes)")
        #expect(waiting.explanationJSON.contains("2026-11-30"), "still waits for DFW1's stock of 11-30")
        #expect(waiting.explanationJSON.contains("\"awaiting\":1"), "\(waiting.explanationJSON)")
        #expect(try await reserved(store).isEmpty)
    }

    @Test("receiving stock releases waiting orders in ship-by order; the one it does not cover keeps waiting")
    func receiptReleasesInDeadlineOrder() async throws {
        let (gateway, store) = try await world(backorders: true)
        // No stock known to be coming: each waits out the window, its ship-by counted from its own receipt. Sent so
        // that the store's order (A, B, C) is not the deadline order (B, C, A).
        _ = await place(gateway, "BO-A", quantity: 2, at: Self.now + 2 * 86400, control: 801)
        _ = await place(gateway, "BO-B", quantity: 2, at: Self.now, control: 802)
        _ = await place(gateway, "BO-C", quantity: 2, at: Self.now + 86400, control: 803)
        let (a, b, c) = (try await order(store, "BO-A"), try await order(store, "BO-B"), try await order(store, "BO-C"))
        #expect([a, b, c].map(\.outcome) == [.backorder, .backorder, .backorder])
        #expect(try #require(b.shipBy) < (try #require(c.shipBy)))
        #expect(try #require(c.shipBy) < (try #require(a.shipBy)))
        #expect(try await reserved(store).isEmpty)

        let receipt = try await gateway.receive(
            [StockReceipt(node: "ORD1", sku: "HP-10001", quantity: 4)], at: Self.now + 3 * 86400)
        #expect(receipt.released.map(\.order) == [b.id, c.id])
        #expect(receipt.released.map(\.nodes) == [["ORD1"], ["ORD1"]])
        #expect(receipt.waiting == [a.id])
        #expect(try await reserved(store) == ["ORD1": 4])
        for released in [b, c] {
            let now = try await order(store, released.poNumber.rawValue)
            #expect(now.outcome == .ship)
            #expect(try await tickets(store, released.id).count == 1)
            #expect(try await acks(store, released.id).map { $0.element(1)?.text } == ["IA"])
        }
        let still = try await order(store, "BO-A")
        #expect(still.outcome == .backorder)
        #expect(try await tickets(store, a.id).isEmpty)
        #expect(try await store.inventory(of: ["HP-10001"]).first { $0.node == "ORD1" }?.onHand == 4)

        // The rest of the stock releases the last one.
        let more = try await gateway.receive(
            [StockReceipt(node: "ORD1", sku: "HP-10001", quantity: 2)], at: Self.now + 3 * 86400 + 60)
        #expect(more.released.map(\.order) == [a.id])
        #expect(more.waiting.isEmpty)
        #expect(try await reserved(store) == ["ORD1": 6])
    }
}
