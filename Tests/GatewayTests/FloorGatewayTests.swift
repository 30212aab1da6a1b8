import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing
import X12

/// The gateway's floor path on a real store: a cancel tells the retailer on the document its profile names for
/// cancels (an 855 or an 870), releases the line's reservation, and says so when the document is one dropgate does
/// not write (a cancel on the 856: no public convention says how an ASN carries one).
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

    /// Units of line 1's SKU (HP-10212) reserved at ORD1.
    func reservedLine1(_ store: SQLiteStore) async throws -> Int? {
        try await store.inventory(of: ["HP-10212"]).first { $0.node == "ORD1" }?.reserved
    }

    /// Home Depot cancelling on the 870, with Dsco-style status reasons (ISR03): W01 for units not found, A13 for
    /// anything else.
    static func cancelOn870(_ profile: inout RetailerProfile) {
        profile.documents.cancelOn = .x870
        profile.reasonCodes.statusReasons[.notFound] = "W01"
        profile.reasonCodes.fallbackStatusReason = "A13"
    }

    @Test("cancel-on 855: the cancel is answered with an 855 carrying the profile's code for the floor's reason")
    func cancelOn855() async throws {
        let (gateway, order, store) = try await homeDepot()
        let before = try await reservedLine1(store)
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.review.cancelled.map(\.lineNumber) == ["1"])
        #expect(outcome.outbox.map(\.kind) == [.purchaseOrderAcknowledgement])
        let text = String(decoding: outcome.outbox.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("ACK|IR|1"), "\(text)")
        #expect(outcome.state == .released, "line 2 still ships")
        #expect(before.map { $0 - 1 } == (try await reservedLine1(store)), "the line's unit is released")
        #expect(!outcome.review.checks.contains { $0.contains("nothing was sent") }, "\(outcome.review.checks)")
    }

    @Test("cancel-on 870: the cancel goes out as an 870 naming the PO, the line, its units and the profile's code")
    func cancelOn870() async throws {
        let (gateway, order, store) = try await homeDepot(Self.cancelOn870)
        let before = try await reservedLine1(store)
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.outbox.map(\.kind) == [.orderStatus])
        #expect(outcome.outbox.first?.name == "870-31846207-1.x12")
        #expect(before.map { $0 - 1 } == (try await reservedLine1(store)), "the line's unit is released")
        #expect(outcome.state == .released, "line 2 still ships")
        #expect(!outcome.review.checks.contains { $0.contains("nothing was sent") }, "\(outcome.review.checks)")
        let document = try X12Document(bytes: try #require(outcome.outbox.first?.bytes))
        #expect(X12Validator().validate(document).errors.isEmpty)
        let group = document.interchanges[0].groups[0]
        #expect(group.functionalID == "RS" && group.sets.map(\.id) == ["870"])
        #expect(group.version.rawValue == "004010", "the PO's release")
        func segments(_ id: String) -> [[String]] {
            (0..<document.segmentCount).map(document.segment).filter { $0.id == id }.map { segment in
                (1...max(1, segment.elementCount)).map { segment.element($0)?.text ?? "" }
            }
        }
        #expect(segments("BSR").first?[0...2] == ["2", "PP", "CXL\(order)-1"])
        #expect(segments("PRF").first?.first == "31846207")
        #expect(
            segments("PO1") == [
                ["1", "1", "EA", "177.99", "", "VN", "HP-10212", "UP", "084512102124", "SK", "1008451221"]
            ])
        #expect(segments("ISR") == [["IC", "", "W01"]], "item cancelled, the profile's status reason for not-found")
        #expect(segments("QTY") == [["01", "1", "EA"]])
    }

    @Test(
        "two cancels of one order on the 870 are two reports, numbered apart; a reason without its own code reads the default's"
    )
    func secondReport() async throws {
        let (gateway, order, _) = try await homeDepot(Self.cancelOn870)
        _ = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 3600)
        let second = try await gateway.cancel(
            order, node: nil, lines: ["2": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 7200)
        #expect(second.outbox.map(\.name) == ["870-31846207-2.x12"])
        let text = String(decoding: second.outbox.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("BSR|2|PP|CXL\(order)-2|"), "\(text)")
        #expect(text.contains("ISR|IC||A13~"), "\(text)")
        #expect(second.state == .cancelled)
    }

    @Test("cancel-on 856, which dropgate does not write: recorded, released, nothing sent, and the review says so")
    func cancelOn856() async throws {
        let (gateway, order, store) = try await homeDepot { $0.documents.cancelOn = .x856 }
        let before = try await reservedLine1(store)
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.outbox.isEmpty)
        #expect(outcome.review.checks.contains { $0.contains("takes cancels on the 856") }, "\(outcome.review.checks)")
        #expect(before.map { $0 - 1 } == (try await reservedLine1(store)), "the line's unit is released")
        let floor = try #require(try await store.floorOrder(order))
        #expect(floor.cancellations.map(\.quantity) == [1])
        #expect(floor.cancellations.first?.reviewJSON.contains("takes cancels on the 856") == true)
    }
}

@Suite("Profiles that cancel on the 870")
struct OrderStatusProfileTests {
    static func homeDepot(statusReason entry: String?) throws(ProfileErrors) -> ProfileSet {
        try editedWorld("homedepot") { text in
            var text = text.replacingOccurrences(of: #"cancel-on: "855""#, with: #"cancel-on: "870""#)
            if let entry { text = text.replacingOccurrences(of: "  default: IR\n", with: "  default: \(entry)\n") }
            return text
        }
    }

    @Test("a status reason on the default serves every floor reason, and writes back as it was read")
    func statusReasonRead() throws {
        let profiles = try Self.homeDepot(statusReason: "{ code: IR, status-reason: A13 }")
        let profile = try #require(profiles["homedepot"])
        #expect(profile.documents.cancelOn == .x870)
        #expect(profile.reasonCodes.code(for: .damaged) == "IR", "the 855's ACK01 code stays")
        #expect(profile.reasonCodes.statusReason(for: .damaged) == "A13")
        #expect(profile.reasonCodes.statusReason(for: .notFound) == "A13")
        let written = try profile.fileYAML()
        #expect(written.contains("status-reason: A13"), "\(written)")
    }

    @Test(
        "profiles check refuses an 870 program without a status reason, or with one that is not three characters",
        arguments: [
            (nil, "give default a status-reason"),
            ("{ code: IR, status-reason: W1 }", "three letters or digits"),
        ] as [(String?, String)])
    func statusReasonRequired(entry: String?, message: String) throws {
        do {
            _ = try Self.homeDepot(statusReason: entry)
            Issue.record("expected a problem: \(message)")
        } catch {
            #expect(error.errors.contains { $0.message.contains(message) }, "\(error.errors.map(\.description))")
        }
    }
}
