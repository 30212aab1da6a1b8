import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing

/// The sample world of the repository, loaded once per test.
struct SampleWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let profiles: ProfileSet
    let stock: Stock
    let inventory: [InventoryRow]
    let folder: URL
    let store: SQLiteStore

    init() throws {
        profiles = try ProfileSet.load(
            profiles: Self.root.appendingPathComponent("retailer-profiles"),
            network: Self.root.appendingPathComponent("fixtures/network.yaml"),
            catalog: Self.root.appendingPathComponent("fixtures/items.csv"))
        let csv = try String(contentsOf: Self.root.appendingPathComponent("fixtures/inventory.csv"), encoding: .utf8)
        stock = try Stock.parse(inventoryCSV: csv)
        inventory = try Stock.figures(inventoryCSV: csv)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-gateway-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
    }

    /// A gateway on the world's store, with the sample inventory imported into it.
    func gateway() async throws -> Gateway {
        try await store.importInventory(inventory)
        return Gateway(
            profiles: profiles, store: store, output: OutputFolder(root: folder), logger: Logger(label: "test"))
    }

    static let clock = ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-05:00") ?? Date()
}

@Suite("The gateway pipeline")
struct GatewayTests {
    @Test(
        "documents are told apart by content, never by name",
        arguments: [
            ("ISA*00*", DocumentFormat.x12), ("\u{FEFF}\r\n  ISA|00|", .x12), ("<?xml version=\"1.0\"?><cXML/>", .xml),
            ("\n<cXML>", .xml), ("PO 123", .unknown), ("", .unknown), ("IS", .unknown),
        ])
    func detection(text: String, expected: DocumentFormat) {
        #expect(DocumentFormat(detecting: Array(text.utf8)) == expected)
    }

    @Test("a document that is neither X12 nor XML is kept byte for byte, marked unreadable and reported")
    func unreadableIsKept() async throws {
        let world = try SampleWorld()
        var gateway = try await world.gateway()
        let bytes: [UInt8] = [0x00, 0xFF, 0x13, 0x37]
        let report = await gateway.process(bytes, origin: "mystery.bin", receivedAt: SampleWorld.clock)
        #expect(report.status == .unreadable)
        #expect(report.documentID != nil)
        #expect(report.problems == ["mystery.bin:byte 0: neither an X12 interchange (ISA) nor an XML document (<)"])
        #expect(report.orders.isEmpty)
    }

    @Test("an interchange from a sender no profile claims is answered with a 997 but not routed")
    func unknownPartner() async throws {
        let world = try SampleWorld()
        var gateway = try await world.gateway()
        let original = try String(
            contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12"),
            encoding: .utf8)
        let stranger = original.replacingOccurrences(of: "08*925485US00     ", with: "ZZ*STRANGER       ")
            .replacingOccurrences(of: "GS*PO*925485US00*", with: "GS*PO*STRANGER*")
        let report = await gateway.process(Array(stranger.utf8), origin: "stranger.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 4)
        for order in report.orders {
            guard case .unknownPartner(let sender) = order.result else {
                Issue.record("\(order.poNumber?.rawValue ?? "?") was routed")
                continue
            }
            #expect(sender == "ZZ:STRANGER")
        }
        #expect(report.written.contains { $0.path.hasSuffix("acks/ZZ-STRANGER/997-000018233.x12") })
    }

    @Test("stock one run reserved is held in the store: a restarted gateway on the same file sees it reserved")
    func reservationsSurviveRestart() async throws {
        let world = try SampleWorld()
        let file = SampleWorld.root.appendingPathComponent("fixtures/inbox/amazon-20261124-0715.x12")
        _ = await try world.gateway().process(file: file, receivedAt: SampleWorld.clock)
        let reopened = try SQLiteStore(path: world.folder.appendingPathComponent("store.sqlite").path)
        let position = try #require(try await reopened.inventory(of: ["HP-10180"]).first { $0.node == "EWR1" })
        #expect(position.reserved == 2)
        #expect(position.available == world.stock.available("HP-10180", at: "EWR1") - 2)
    }

    @Test("pick-ticket CSV quotes fields with commas and quotes")
    func csvQuoting() {
        #expect(PickTicket.csvField("Rug, 8 x 10 \"Harbor\"") == "\"Rug, 8 x 10 \"\"Harbor\"\"\"")
        #expect(PickTicket.csvField("plain") == "plain")
    }

    @Test("a retailer XML claimed by a profile is read through the profile's mapping and decided for that retailer")
    func claimedXML() async throws {
        let world = try SampleWorld()
        var gateway = try await world.gateway()
        gateway.reader = InboundReader(profiles: world.profiles)
        let report = await gateway.process(
            file: SampleWorld.root.appendingPathComponent("fixtures/xml-mappings/marketplace-orders.xml"),
            receivedAt: SampleWorld.clock)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.orders.map(\.retailer) == [RetailerID("harbormkt"), RetailerID("harbormkt")])
        #expect(report.orders.map(\.poNumber) == [PONumber("HMK-2026-112401"), PONumber("HMK-2026-112402")])
        for order in report.orders {
            guard case .decided = order.result else {
                Issue.record("\(order.poNumber?.rawValue ?? "?") was not decided: \(order.result)")
                continue
            }
        }
    }
}

@Suite("Batches decide as one-by-one commits would")
struct BatchTests {
    static func amazon(_ sets: [(control: String, po: String, units: Int)]) -> String {
        var text =
            "ISA*00*          *00*          *ZZ*AMAZONDS       *ZZ*HARBORPINE     *261124*0715*^*00501*000070001*0*P*:~"
        text += "GS*PO*AMAZONDS*HARBORPINE*20261124*0715*70001*X*005010~"
        for set in sets {
            text += "ST*850*\(set.control)~BEG*00*DS*\(set.po)**20261124~TD5*O*2*UPSN*M*UPS GROUND*******SG~"
            text += "N1*ST*Maya Okafor~N3*418 7th Ave~N4*Brooklyn*NY*11215*US~"
            text += "PO1*1*\(set.units)*EA*13.99**VN*HP-10180~CTT*1~SE*9*\(set.control)~"
        }
        return text + "GE*\(sets.count)*70001~IEA*1*000070001~"
    }

    @Test("a PO twice in one file is decided once, and its stock is not counted twice for the POs after it")
    func repeatedPO() async throws {
        let world = try SampleWorld()
        try await world.store.importInventory([InventoryRow(node: "EWR1", sku: "HP-10180", onHand: 3, safetyStock: 0)])
        let gateway = Gateway(profiles: world.profiles, store: world.store, logger: Logger(label: "test"))
        let text = Self.amazon([("0001", "DUP-1", 2), ("0002", "DUP-1", 2), ("0003", "AFTER-1", 1)])
        let report = await gateway.process(Array(text.utf8), origin: "dup.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 3)
        guard case .decided(let first) = report.orders[0].result, case .duplicate = report.orders[1].result,
            case .decided(let after) = report.orders[2].result
        else {
            Issue.record("\(report.orders.map(\.result))")
            return
        }
        #expect(first.outcome == .ship)
        #expect(after.outcome == .ship, "1 of 3 units is left after DUP-1's 2: \(after.summary)")
        let position = try #require(try await world.store.inventory(of: ["HP-10180"]).first)
        #expect(position.reserved == 3)
    }

    @Test("POs recorded before are not decided again in a batch, so the ones after them see the true stock")
    func recordedBefore() async throws {
        let world = try SampleWorld()
        try await world.store.importInventory([InventoryRow(node: "EWR1", sku: "HP-10180", onHand: 3, safetyStock: 0)])
        let gateway = Gateway(profiles: world.profiles, store: world.store, logger: Logger(label: "test"))
        _ = await gateway.process(
            Array(Self.amazon([("0001", "EARLY-1", 2)]).utf8), origin: "a.x12", receivedAt: SampleWorld.clock)
        // A new interchange (another ISA13) resends EARLY-1 before a new PO.
        let resend = Self.amazon([("0001", "EARLY-1", 2), ("0002", "LATE-1", 1)])
            .replacingOccurrences(of: "000070001", with: "000070002")
        let report = await gateway.process(Array(resend.utf8), origin: "b.x12", receivedAt: SampleWorld.clock)
        guard case .duplicate = report.orders[0].result, case .decided(let late) = report.orders[1].result else {
            Issue.record("\(report.orders.map(\.result))")
            return
        }
        #expect(late.outcome == .ship, "\(late.summary)")
        #expect(try await world.store.inventory(of: ["HP-10180"]).first?.reserved == 3)
    }
}
