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
        return Gateway(profiles: profiles, store: store, output: OutputFolder(root: folder), logger: Logger(label: "test"))
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
            contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12"), encoding: .utf8)
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
