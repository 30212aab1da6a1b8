import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing
import X12

/// X12 interchanges from the sample retailers, written the way they send them: Home Depot (`|`, `^`, `~`,
/// HOMEDEPOTDS) and Walmart (`*`, `>`, `~`, 925485US00), in 004010.
enum RetailerX12 {
    struct Sender {
        var qualifier: String
        var id: String
        var element: String
        var component: String
    }

    static let homeDepot = Sender(qualifier: "ZZ", id: "HOMEDEPOTDS", element: "|", component: "^")
    static let walmart = Sender(qualifier: "08", id: "925485US00", element: "*", component: ">")

    /// One interchange of `sets` (segments between ST and SE, written with `|` and put in the sender's separator)
    /// in a group of `functionalID` (`PO` for 850s, `PC` for 860s).
    static func interchange(_ sender: Sender, control: Int, functionalID: String, setID: String, sets: [[String]])
        -> [UInt8]
    {
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        let number = String(format: "%09d", control)
        var segments = [
            "ISA|00|\(pad("", 10))|00|\(pad("", 10))|\(sender.qualifier)|\(pad(sender.id, 15))|ZZ|\(pad("HARBORPINE", 15))"
                + "|261124|1200|U|00401|\(number)|0|P|\(sender.component)",
            "GS|\(functionalID)|\(sender.id)|HARBORPINE|20261124|1200|\(control)|X|004010",
        ]
        for (index, body) in sets.enumerated() {
            let st = String(format: "%04d", index + 1)
            segments.append("ST|\(setID)|\(st)")
            segments += body
            segments.append("SE|\(body.count + 2)|\(st)")
        }
        segments += ["GE|\(sets.count)|\(control)", "IEA|1|\(number)"]
        let text = segments.map { $0.replacingOccurrences(of: "|", with: sender.element) + "~\n" }.joined()
        return Array(text.utf8)
    }

    /// A Home Depot 850: UPS Ground to Atlanta, each line `(line, SKU, quantity)` at $25.
    static func homeDepotPO(_ po: String, _ lines: [(String, String, Int)]) -> [String] {
        [
            "BEG|00|DS|\(po)||20261123", "TD5|O|2|UPSN|M|UPS GROUND|||||||SG", "N1|ST|ANGELA WHITFIELD",
            "N3|864 CLIFTON RD NE", "N4|ATLANTA|GA|30307|US",
        ]
            + lines.flatMap { ["PO1|\($0.0)|\($0.2)|EA|25.00||VN|\($0.1)"] } + ["CTT|\(lines.count)"]
    }

    /// An 860: BCH01 `04` (change) or `01` (cancel), and the segments after it (POC lines, an N1 loop).
    static func change(_ po: String, purpose: String = "04", sequence: Int = 1, _ body: [String] = []) -> [String] {
        ["BCH|\(purpose)|DS|\(po)||\(sequence)|20261123"] + body
            + (body.contains { $0.hasPrefix("POC") } ? ["CTT|\(body.filter { $0.hasPrefix("POC") }.count)"] : [])
    }
}

/// Retailers' change and cancel requests through the whole pipeline on a real store: the 860 (or the 850 that
/// cancels) is kept, answered, matched to its order, reviewed, and its effect and answer committed.
@Suite("The gateway: retailers' changes and cancels")
struct ChangeRequestTests {
    static let now = SampleWorld.clock
    static let later = SampleWorld.clock + 3600

    /// The sample world with its stock replaced by `stock` at the nodes it names.
    func world(_ stock: [(DCID, SKU, Int)]) async throws -> (Gateway, SQLiteStore) {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        try await world.store.importInventory(
            stock.map { InventoryRow(node: $0.0, sku: $0.1, onHand: $0.2, safetyStock: 0) })
        return (gateway, world.store)
    }

    func send(_ gateway: Gateway, _ bytes: [UInt8], at: Date = later, name: String = "change.x12") async
        -> DocumentReport
    {
        await gateway.process(bytes, origin: name, receivedAt: at)
    }

    func reserved(_ store: SQLiteStore, _ sku: SKU) async throws -> [DCID: Int] {
        var found: [DCID: Int] = [:]
        for position in try await store.inventory(of: [sku]) where position.reserved > 0 {
            found[position.node] = position.reserved
        }
        return found
    }

    /// The order's 865s, read back.
    func acknowledgements(_ store: SQLiteStore, order: OrderID?) async throws -> [X12Document] {
        let rows: [OutboxEntry]
        if let order { rows = try await store.outbox(order: order) } else { rows = try await store.outbox(state: nil) }
        return try rows.filter { $0.kind == .changeAcknowledgement }.map { try X12Document(bytes: $0.bytes) }
    }

    func orderID(_ store: SQLiteStore, _ po: String, retailer: RetailerID = "homedepot") async throws -> OrderID {
        try #require(try await store.orders(OrderFilter(retailer: retailer, poNumber: PONumber(po))).first?.id)
    }

    func placeOrder(_ gateway: Gateway, _ po: String, _ lines: [(String, String, Int)], control: Int = 900)
        async -> DocumentReport
    {
        await send(
            gateway,
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: control, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO(po, lines)]), at: Self.now, name: "po.x12")
    }

    func sendChange(_ gateway: Gateway, _ body: [String], control: Int = 901) async -> DocumentReport {
        await send(
            gateway,
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: control, functionalID: "PC", setID: "860", sets: [body]))
    }

    func verdict(_ report: DocumentReport) -> ChangeReview.Verdict? {
        for order in report.orders {
            if case .changeRequest(let outcome) = order.result { return outcome.review.verdict }
        }
        return nil
    }

    @Test("cancel before release: the order is cancelled, its stock released, its pick ticket withdrawn, 865 AT/ID")
    func cancelBeforeRelease() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 10), ("ORD1", "HP-10002", 10)])
        _ = await placeOrder(gateway, "CXL-1", [("1", "HP-10001", 2), ("2", "HP-10002", 1)])
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 2])
        let report = await sendChange(gateway, RetailerX12.change("CXL-1", purpose: "01"))
        #expect(verdict(report) == .accepted, "\(report.problems) \(report.notes)")
        let id = try await orderID(store, "CXL-1")
        #expect(try await store.floorOrder(id)?.state == .cancelled)
        #expect(try await reserved(store, "HP-10001").isEmpty)
        #expect(try await reserved(store, "HP-10002").isEmpty)
        let tickets = try await store.outbox(order: id).filter { $0.kind == .pickTicket }
        #expect(tickets.allSatisfy { $0.state == .withdrawn }, "\(tickets.map(\.state))")
        let ack = try #require(try await acknowledgements(store, order: id).first)
        #expect(X12Validator().validate(ack).errors.isEmpty)
        #expect(ack.first("BCA")?.text(1) == "01")
        #expect(ack.first("BCA")?.text(2) == "AT")
        #expect(ack.first("BCA")?.text(3) == "CXL-1")
        #expect(ack.all("ACK").map { $0.text(1) } == ["ID", "ID"])
    }

    @Test("cancel after release refused (Home Depot refuses by default): 865 RD, the order ships as released")
    func cancelAfterReleaseRefused() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 10)])
        _ = await placeOrder(gateway, "CXL-2", [("1", "HP-10001", 2)])
        let id = try await orderID(store, "CXL-2")
        #expect(try await store.mark(id, as: .released, at: Self.now, detail: "picked"))
        let report = await sendChange(gateway, RetailerX12.change("CXL-2", purpose: "01"))
        #expect(verdict(report) == .refused)
        #expect(try await store.floorOrder(id)?.state == .released)
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 2])
        let ack = try #require(try await acknowledgements(store, order: id).first)
        #expect(ack.first("BCA")?.text(2) == "RD")
        #expect(ack.all("ACK").map { $0.text(1) } == ["IR"])
        let changes = try await store.changeRequests(ChangeRequestFilter(refusedOnly: true))
        #expect(changes.map(\.reason) == ["change-after-release"])
    }

    @Test("quantity decrease under line-level fill-or-kill: decided again at the new quantity, stock given back")
    func decreaseUnderLineFillOrKill() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 10), ("ORD1", "HP-10002", 10)])
        _ = await placeOrder(gateway, "QD-1", [("1", "HP-10001", 4), ("2", "HP-10002", 1)])
        let report = await sendChange(
            gateway, RetailerX12.change("QD-1", ["POC|1|QD|1|4|EA|25.00||VN|HP-10001"]))
        #expect(verdict(report) == .accepted, "\(report.notes)")
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 1])
        #expect(try await reserved(store, "HP-10002") == ["ORD1": 1])
        let id = try await orderID(store, "QD-1")
        let floor = try #require(try await store.floorOrder(id))
        #expect(floor.order.lines.map(\.quantity) == [1, 1])
        #expect(floor.version == 2)
        let ack = try #require(try await acknowledgements(store, order: id).first)
        #expect(ack.first("BCA")?.text(2) == "AT")
        #expect(ack.first("POC")?.text(3) == "1")
        #expect(ack.first("ACK")?.text(1) == "IQ")
        let audit = try await store.audit(of: id).map(\.event)
        #expect(audit.contains("changed") && audit.contains("change-request"), "\(audit)")
        let pending = try await store.outbox(order: id).filter { $0.kind == .pickTicket && $0.state == .pending }
        #expect(pending.count == 1, "the new version's ticket; the first was withdrawn")
    }

    @Test("quantity increase the primary cannot fill: rerouted to the alternate, reservations moved")
    func increaseForcesReroute() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 3), ("DFW1", "HP-10001", 10)])
        _ = await placeOrder(gateway, "QI-1", [("1", "HP-10001", 2)])
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 2])
        let report = await sendChange(gateway, RetailerX12.change("QI-1", ["POC|1|QI|6|2|EA|25.00||VN|HP-10001"]))
        #expect(verdict(report) == .accepted, "\(report.notes)")
        #expect(try await reserved(store, "HP-10001") == ["DFW1": 6])
        for order in report.orders {
            if case .changeRequest(let outcome) = order.result {
                #expect(outcome.decision?.outcome == .reroute)
                #expect(outcome.decision?.shipments.map(\.node) == ["DFW1"])
            }
        }
    }

    @Test("quantity increase no node can fill: refused with the router's reason; the order and its stock stand")
    func increaseRefused() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 3)])
        _ = await placeOrder(gateway, "QI-2", [("1", "HP-10001", 2)])
        let report = await sendChange(gateway, RetailerX12.change("QI-2", ["POC|1|QI|5000|2|EA|25.00||VN|HP-10001"]))
        #expect(verdict(report) == .refused)
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 2])
        let ack = try #require(try await acknowledgements(store, order: try await orderID(store, "QI-2")).first)
        #expect(ack.first("BCA")?.text(2) == "RD")
        #expect(ack.first("POC")?.text(3) == "2", "the quantity that stands")
    }

    @Test("860 for an unknown PO: kept, answered RD with the profile's code, listed for someone to look at")
    func unknownPO() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 3)])
        let report = await sendChange(gateway, RetailerX12.change("NOPE-1", ["POC|1|QD|1|2|EA|25.00||VN|HP-10001"]))
        #expect(verdict(report) == .refused)
        #expect(report.status == .accepted)
        let changes = try await store.changeRequests(ChangeRequestFilter(refusedOnly: true))
        #expect(changes.map(\.reason) == ["unknown-order"])
        #expect(changes.first?.order == nil)
        let ack = try #require(try await acknowledgements(store, order: nil).first)
        #expect(ack.first("BCA")?.text(3) == "NOPE-1")
        #expect(ack.first("ACK")?.text(1) == "IR")
        let document = try #require(report.documentID)
        #expect(
            try await store.outbox(inReplyTo: document).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [
                .changeAcknowledgement, .functionalAcknowledgement,
            ])
    }

    @Test("the same 860 delivered again is acknowledged again and acts once")
    func redelivered() async throws {
        let (gateway, store) = try await world([("ORD1", "HP-10001", 10)])
        _ = await placeOrder(gateway, "QD-2", [("1", "HP-10001", 4)])
        let change = RetailerX12.change("QD-2", ["POC|1|QD|2|4|EA|25.00||VN|HP-10001"])
        _ = await sendChange(gateway, change, control: 950)
        let again = await sendChange(gateway, change, control: 950)
        #expect(again.status == .duplicate)
        #expect(try await store.changeRequests(ChangeRequestFilter()).count == 1)
        #expect(try await reserved(store, "HP-10001") == ["ORD1": 2])
    }

    @Test("ship-to change into a region Walmart forbids: refused, nothing sent (Walmart answers on 855), order stands")
    func shipToForbidden() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let file = SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12")
        _ = await gateway.process(file: file, receivedAt: Self.now)
        let id = try await orderID(world.store, "4792183650", retailer: "walmart")
        let before = try #require(try await world.store.floorOrder(id))
        let report = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.walmart, control: 777, functionalID: "PC", setID: "860",
                sets: [
                    RetailerX12.change(
                        "4792183650", ["N1|ST|KAREN MCALLISTER", "N3|1 ALA MOANA BLVD", "N4|HONOLULU|HI|96813|US"])
                ]), origin: "walmart-860.x12", receivedAt: Self.later)
        #expect(verdict(report) == .refused, "\(report.problems) \(report.notes)")
        let after = try #require(try await world.store.floorOrder(id))
        #expect(after.version == before.version)
        #expect(after.order.shipTo == before.order.shipTo)
        let answers = try await world.store.outbox(order: id).filter {
            $0.kind == .purchaseOrderAcknowledgement && $0.createdAt >= Self.later
        }
        #expect(answers.isEmpty, "Walmart hears only of accepted changes")
    }

    @Test("Walmart (change-answer-on 855) cancel before release: the 855 rejects every line with the cancel code")
    func walmartCancelOn855() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let file = SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12")
        _ = await gateway.process(file: file, receivedAt: Self.now)
        let id = try await orderID(world.store, "4792183650", retailer: "walmart")
        let report = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.walmart, control: 778, functionalID: "PC", setID: "860",
                sets: [RetailerX12.change("4792183650", purpose: "01")]), origin: "walmart-860.x12",
            receivedAt: Self.later)
        #expect(verdict(report) == .accepted, "\(report.problems) \(report.notes)")
        #expect(try await world.store.floorOrder(id)?.state == .cancelled)
        let answer = try #require(
            try await world.store.outbox(order: id).last { $0.kind == .purchaseOrderAcknowledgement })
        let document = try X12Document(bytes: answer.bytes)
        #expect(document.first("BAK")?.text(2) == "RD" || document.first("BAK")?.text(2) == "RJ")
        #expect(document.all("ACK").allSatisfy { $0.text(1) == "IR" })
    }

    @Test("a kit line changed before release moves its components: a decrease, then a cancel, gives them back")
    func kitChanges() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(stock: [("ORD1", "HP-10001", 10, 0), ("ORD1", "HP-10002", 10, 0)])
        _ = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: 900, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO("KIT-1", [("1", "HP-KIT-2", 3)])]), origin: "po.x12",
            receivedAt: Self.now)
        #expect(try await world.reserved(["HP-10001", "HP-10002"]) == ["ORD1 HP-10001": 3, "ORD1 HP-10002": 3])
        let decrease = await sendChange(
            gateway, RetailerX12.change("KIT-1", ["POC|1|QD|1|3|EA|25.00||VN|HP-KIT-2"]), control: 901)
        #expect(verdict(decrease) == .accepted, "\(decrease.notes)")
        #expect(try await world.reserved(["HP-10001", "HP-10002"]) == ["ORD1 HP-10001": 1, "ORD1 HP-10002": 1])
        let cancel = await sendChange(gateway, RetailerX12.change("KIT-1", purpose: "01", sequence: 2), control: 902)
        #expect(verdict(cancel) == .accepted, "\(cancel.notes)")
        #expect(try await world.reserved(["HP-10001", "HP-10002"]).isEmpty)
        let id = try await orderID(world.store, "KIT-1")
        #expect(try await world.store.floorOrder(id)?.state == .cancelled)
    }

    @Test(
        "a released kit line cut by the retailer (cancels honoured after release): kits off the line, components back")
    func releasedKitDecrease() async throws {
        let world = try KitWorld()
        let gateway = try await world.gateway(
            stock: [("ORD1", "HP-10001", 10, 0), ("ORD1", "HP-10002", 10, 0)],
            profiles: try world.profiles(editing: "homedepot") { $0.orders.cancelAfterRelease = .honour })
        _ = await gateway.process(
            RetailerX12.interchange(
                RetailerX12.homeDepot, control: 900, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO("KIT-2", [("1", "HP-KIT-2", 3), ("2", "HP-10002", 1)])]),
            origin: "po.x12", receivedAt: Self.now)
        let id = try await orderID(world.store, "KIT-2")
        #expect(try await world.store.mark(id, as: .released, at: Self.now, detail: "picked"))
        #expect(try await world.reserved(["HP-10001", "HP-10002"]) == ["ORD1 HP-10001": 3, "ORD1 HP-10002": 4])
        // Three kits down to one: two kits off the pick list, two of each component back.
        let decrease = await sendChange(
            gateway, RetailerX12.change("KIT-2", ["POC|1|QD|1|3|EA|25.00||VN|HP-KIT-2"]), control: 901)
        #expect(verdict(decrease) == .accepted, "\(decrease.notes)")
        #expect(try await world.reserved(["HP-10001", "HP-10002"]) == ["ORD1 HP-10001": 1, "ORD1 HP-10002": 2])
        let floor = try #require(try await world.store.floorOrder(id))
        #expect(floor.state == .released)
        #expect(floor.cancellations.map { "\($0.lineNumber) \($0.sku) \($0.quantity)" } == ["1 HP-KIT-2 2"])
        // The last kit, then the whole order: nothing is left reserved.
        let cancel = await sendChange(gateway, RetailerX12.change("KIT-2", purpose: "01", sequence: 2), control: 902)
        #expect(verdict(cancel) == .accepted, "\(cancel.notes) \(cancel.orders)")
        #expect(try await world.reserved(["HP-10001", "HP-10002"]).isEmpty)
        #expect(try await world.store.floorOrder(id)?.state == .cancelled)
    }
}

/// cXML OrderRequests of type `update` (the order restated) and `delete`, as Best Buy's marketplace sends them.
@Suite("The gateway: cXML updates and deletes")
struct CXMLChangeTests {
    static let sample = SampleWorld.root.appendingPathComponent("fixtures/inbox/bestbuy-20261124-0905.xml")

    /// The sample order as a later request: `type`, a new payload ID, and line 1's quantity as `quantity`.
    func request(type: String, quantity: Int) throws -> [UInt8] {
        var text = try String(contentsOf: Self.sample, encoding: .utf8)
        text = text.replacingOccurrences(of: "type=\"new\"", with: "type=\"\(type)\"")
        text = text.replacingOccurrences(of: "payloadID=\"2026", with: "payloadID=\"\(type)-2026")
        text = text.replacingOccurrences(
            of: "<ItemOut quantity=\"2\" lineNumber=\"1\">", with: "<ItemOut quantity=\"\(quantity)\" lineNumber=\"1\">"
        )
        return Array(text.utf8)
    }

    func setUp() async throws -> (Gateway, SQLiteStore, OrderID) {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        _ = await gateway.process(file: Self.sample, receivedAt: ChangeRequestTests.now)
        let id = try #require(
            try await world.store.orders(OrderFilter(retailer: "bestbuy", poNumber: "8841207-A")).first?.id)
        return (gateway, world.store, id)
    }

    func reserved(_ store: SQLiteStore, _ id: OrderID) async throws -> Int {
        try await store.recordedOrders([id], for: DocumentID(0))[id]?.reservations.reduce(0) { $0 + $1.quantity } ?? -1
    }

    @Test("an update restating line 1 with one unit is decided again and confirmed in cXML")
    func update() async throws {
        let (gateway, store, id) = try await setUp()
        #expect(try await reserved(store, id) == 3)
        let report = await gateway.process(
            try request(type: "update", quantity: 1), origin: "update.xml", receivedAt: ChangeRequestTests.later)
        let outcome = report.orders.compactMap { order -> ChangeOutcome? in
            if case .changeRequest(let outcome) = order.result { return outcome }
            return nil
        }.first
        #expect(outcome?.review.verdict == .accepted, "\(report.problems) \(report.notes)")
        #expect(outcome?.review.lines.map(\.kind) == [.quantityDecrease])
        #expect(try await reserved(store, id) == 2)
        let confirmations = try await store.outbox(order: id).filter { $0.kind == .cXMLConfirmation }
        #expect(confirmations.count == 2, "the first answer and the one for the update")
        let text = String(decoding: confirmations.last?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("quantity=\"1\""), "\(text)")
        // The same update delivered again asks for nothing new: no new version, no new answer.
        let again = await gateway.process(
            try request(type: "update", quantity: 1), origin: "update-again.xml", receivedAt: ChangeRequestTests.later)
        #expect(again.problems.isEmpty)
        #expect(try await store.floorOrder(id)?.version == 2)
        #expect(try await store.outbox(order: id).filter { $0.kind == .cXMLConfirmation }.count == 2)
    }

    @Test("a delete before release cancels the order and gives its stock back")
    func delete() async throws {
        let (gateway, store, id) = try await setUp()
        let report = await gateway.process(
            try request(type: "delete", quantity: 2), origin: "delete.xml", receivedAt: ChangeRequestTests.later)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(try await store.floorOrder(id)?.state == .cancelled)
        #expect(try await reserved(store, id) == 0)
    }
}
