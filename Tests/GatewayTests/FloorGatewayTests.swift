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
/// cancels (an 855, an 870, or an 856 that ships nothing) and releases the line's reservation.
@Suite("The gateway: cancels from the floor")
struct FloorGatewayTests {
    /// The Home Depot sample PO 31846207 decided (lines 1 and 2 at ORD1), or the one `poNumber` names, with the
    /// profiles `edit` makes.
    func homeDepot(poNumber: PONumber = "31846207", _ edit: (inout RetailerProfile) -> Void = { _ in }) async throws
        -> (Gateway, OrderID, SQLiteStore)
    {
        try await sample("homedepot", file: "homedepot-20261123-2200.x12", poNumber: poNumber, edit)
    }

    /// `retailer`'s PO `poNumber` from the sample inbox `file`, decided, with the profiles `edit` makes.
    func sample(
        _ retailer: RetailerID, file: String, poNumber: PONumber, _ edit: (inout RetailerProfile) -> Void
    ) async throws -> (Gateway, OrderID, SQLiteStore) {
        let world = try SampleWorld()
        var profile = try #require(world.profiles[retailer])
        edit(&profile)
        var profiles = world.profiles.profiles
        profiles[retailer] = profile
        let set = ProfileSet(
            profiles: Array(profiles.values), network: world.profiles.network, catalog: world.profiles.catalog)
        try await world.store.importInventory(world.inventory)
        let gateway = Gateway(profiles: set, store: world.store, logger: Logger(label: "test"))
        let url = SampleWorld.root.appendingPathComponent("fixtures/inbox/\(file)")
        _ = await gateway.process(file: url, receivedAt: SampleWorld.clock)
        let order = try #require(
            try await world.store.orders(OrderFilter(retailer: retailer, poNumber: poNumber)).first?.id)
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

    @Test("cancel-on 856: one 856 that ships nothing is queued, the unit released, and it validates as an 856")
    func cancelOn856() async throws {
        let (gateway, order, store) = try await homeDepot { $0.documents.cancelOn = .x856 }
        let before = try await reservedLine1(store)
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.outbox.map(\.kind) == [.shipNotice])
        #expect(outcome.outbox.first?.name == "856-31846207-cancel-1.x12")
        #expect(before.map { $0 - 1 } == (try await reservedLine1(store)), "the line's unit is released")
        #expect(outcome.state == .released, "line 2 still ships")
        #expect(
            outcome.review.checks.contains {
                $0.contains("the cancel goes to The Home Depot via CommerceHub (sample) on an 856, ASN\(order)-C1")
            },
            "\(outcome.review.checks)")
        #expect(!outcome.review.checks.contains { $0.contains("does not write") }, "\(outcome.review.checks)")
        let floor = try #require(try await store.floorOrder(order))
        #expect(floor.cancellations.map(\.quantity) == [1])

        let document = try X12Document(bytes: try #require(outcome.outbox.first?.bytes))
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.debugDescription))")
        let group = document.interchanges[0].groups[0]
        #expect(group.functionalID == "SH" && group.sets.map(\.id) == ["856"])
        #expect(group.version.rawValue == "004010", "the PO's release")
        let segments = Self.segments(document)
        #expect(segments("BSN").first.map { [$0[0], $0[1], $0[4]] } == ["00", "ASN\(order)-C1", "0004"])
        #expect(segments("TD1").isEmpty && segments("TD5").isEmpty && segments("DTM").isEmpty, "nothing shipped")
        #expect(segments("PRF").first?.first == "31846207")
        #expect(segments("LIN") == [["1", "VN", "HP-10212", "UP", "084512102124", "SK", "1008451221"]])
        #expect(segments("SN1") == [["1", "0", "EA", "", "1", "EA", "", "ID"]], "the line's one unit: deleted")
        #expect(segments("CTT") == [["3"]])
    }

    @Test("two cancels of one order on the 856 are two notices, numbered apart from each other and from shipments")
    func secondCancelNotice() async throws {
        let (gateway, order, _) = try await homeDepot { $0.documents.cancelOn = .x856 }
        _ = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        let second = try await gateway.cancel(
            order, node: nil, lines: ["2": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 7200)
        #expect(second.outbox.map(\.name) == ["856-31846207-cancel-2.x12"])
        let text = String(decoding: second.outbox.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("BSN|00|ASN\(order)-C2|"), "\(text)")
    }

    @Test(
        "cancel-on 856, ship complete: SN108 is IQ when some of the line still ships, ID when none of it does",
        arguments: [(1, "IQ"), (2, "ID")])
    func cancelOn856LineStatus(units: Int, status: String) async throws {
        // PO 31846519's line 3 is 2 EA; ship complete cancels just the units asked.
        let (gateway, order, _) = try await homeDepot(poNumber: "31846519") {
            $0.documents.cancelOn = .x856
            $0.fulfilment.fill = .shipComplete
        }
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["3": units], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        let document = try X12Document(bytes: try #require(outcome.outbox.first?.bytes))
        #expect(X12Validator().validate(document).errors.isEmpty)
        #expect(Self.segments(document)("SN1") == [["3", "0", "EA", "", "2", "EA", "", status]])
    }

    @Test("cancel-on 856 for a PO that came as cXML: recorded, nothing sent, and the review says to tell by hand")
    func cancelOn856NotX12() async throws {
        let (gateway, order, store) = try await sample(
            "bestbuy", file: "bestbuy-20261124-0905.xml", poNumber: "8841207-A"
        ) { $0.documents.cancelOn = .x856 }
        let outcome = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: SampleWorld.clock + 3600)
        #expect(outcome.outbox.isEmpty)
        #expect(
            outcome.review.checks.contains {
                $0.contains(
                    "takes cancels on the 856, which dropgate does not write for a PO that did not come as X12: "
                        + "nothing was sent; tell the retailer by hand")
            }, "\(outcome.review.checks)")
        #expect(try await store.floorOrder(order)?.cancellations.map(\.quantity) == [1])
    }

    /// The elements of each `id` segment of `document`, by position from 1.
    static func segments(_ document: X12Document) -> (String) -> [[String]] {
        { id in
            (0..<document.segmentCount).map(document.segment).filter { $0.id == id }.map { segment in
                (1...max(1, segment.elementCount)).map { segment.element($0)?.text ?? "" }
            }
        }
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

@Suite("Profiles that cancel on the 856")
struct CancelShipNoticeProfileTests {
    static func homeDepot(_ edit: (String) -> String = { $0 }) throws(ProfileErrors) -> ProfileSet {
        try editedWorld("homedepot") { text in
            edit(text.replacingOccurrences(of: #"cancel-on: "855""#, with: #"cancel-on: "856""#))
        }
    }

    @Test("profiles check takes an 856 cancel program as the sample is, and refuses one with no X12 identity")
    func interchangeRequired() throws {
        #expect(try Self.homeDepot()["homedepot"]?.documents.cancelOn == .x856)
        do {
            _ = try Self.homeDepot { text in
                text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.contains("x12-interchange:") }.joined(separator: "\n")
            }
            Issue.record("expected a problem: the profile names no X12 interchange identity")
        } catch {
            #expect(
                error.errors.contains { $0.message.contains("an 856 that cancels answers an X12 PO") },
                "\(error.errors.map(\.description))")
        }
    }
}
