import Feeds
import Foundation
import Orders
import Profiles
import Store
import Testing
import X12

/// A kit is stocked as its components: its ATS per node is the least of (component ATS ÷ quantity per kit), and
/// every feed carries it as any other item, through the retailer's item ids.
@Suite("ATS of kits")
struct KitFeedTests {
    /// The sample catalog plus `HP-KIT-1` (2 × HP-10001 + 3 × HP-10009), test-local: the committed fixtures have no
    /// kits, as their feeds' goldens list every item.
    static func profiles() throws -> ProfileSet {
        let root = SampleWorld.root
        func file(_ path: String) throws -> SourceFile {
            SourceFile(name: path, text: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
        var items = try file("fixtures/items.csv")
        if !items.text.hasSuffix("\n") { items.text += "\n" }
        items.text += "HP-KIT-1,084512199902,Bath and Hand Towel Set White,0,14,11,6,false,false,true,27.00\n"
        return try ProfileSet.load(
            profiles: try ["walmart"].map { try file("retailer-profiles/\($0).yaml") },
            network: try file("fixtures/network.yaml"), catalog: items,
            kits: SourceFile(
                name: "kits.csv", text: "kit_sku,component_sku,quantity\nHP-KIT-1,HP-10001,2\nHP-KIT-1,HP-10009,3\n"))
    }

    /// 2026-12-06T09:30:00Z.
    static let now = Date(timeIntervalSince1970: 1_796_549_400)

    @Test("the calculator's kit figure per node is min(component ATS ÷ quantity), before buffer and cap")
    func calculator() throws {
        let profiles = try Self.profiles()
        var profile = try #require(profiles["walmart"])
        profile.sourcing = Sourcing(alternates: ["ORD1", "EWR1"])
        profile.feed?.buffer = .units(1)
        let calculator = try ATSCalculator(profile: profile, network: profiles.network, catalog: profiles.catalog)
        let stock = [
            Position("EWR1", "HP-10001", onHand: 12, safety: 1, reserved: 2),  // 9: 4 kits
            Position("EWR1", "HP-10009", onHand: 20, safety: 2, reserved: 3),  // 15: 5 kits
            Position("ORD1", "HP-10001", onHand: 30),  // 15 kits
            Position("ORD1", "HP-10009", onHand: 8, reserved: 1),  // 7: 2 kits
        ]
        let lines = calculator.snapshot(of: stock, at: Self.now).lines.filter { $0.sku == "HP-KIT-1" }
        #expect(
            lines.map { "\($0.node?.rawValue ?? "*") \($0.quantity)" } == ["EWR1 3", "ORD1 1"], "less the buffer of 1")
    }

    @Test("a per-node CSV feed built from the store carries the kit under the retailer's id for it")
    func csvFeed() async throws {
        let profiles = try Self.profiles()
        var profile = try #require(profiles["walmart"])
        profile.sourcing = Sourcing(alternates: ["ORD1", "EWR1"])
        var settings = try #require(profile.feed)
        settings.format = .csv
        settings.columns = ["item_id", "node", "quantity"]
        settings.itemIDs["HP-KIT-1"] = "WM-TOWELSET"
        profile.feed = settings
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-kit-feed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        try await store.importInventory([
            InventoryRow(node: "EWR1", sku: "HP-10001", onHand: 11, safetyStock: 2),  // 9: 4 kits
            InventoryRow(node: "EWR1", sku: "HP-10009", onHand: 10, safetyStock: 0),  // 10: 3 kits
            InventoryRow(node: "ORD1", sku: "HP-10001", onHand: 1, safetyStock: 0),  // 0 kits
            InventoryRow(node: "ORD1", sku: "HP-10009", onHand: 50, safetyStock: 5),
        ])
        let feeds = try await FeedBuilder(profile: profile, settings: settings, format: .csv, mode: .full)
            .build(profiles: profiles, store: store, at: Self.now)
        var figures: [String] = []
        for feed in feeds {
            var counter = X12ControlNumberCounter()
            let text = String(decoding: try feed.renderer.render(feed.content, counter: &counter), as: UTF8.self)
            figures += text.split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("WM-TOWELSET,") }
        }
        #expect(figures == ["WM-TOWELSET,EWR1,3", "WM-TOWELSET,ORD1,0"])
    }
}
