import Foundation
import Orders
import Profiles
import Testing

/// `kits.csv`: which items are kits of which others, checked against `items.csv` and reported at file:line.
@Suite("The item catalog: kits")
struct KitCatalogTests {
    /// Two towels, a hazmat candle and a kit row (weight 0: its components' weight is used).
    static let items = """
        sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
        HP-1,084512100014,Bath towel,1.6,14,11,3,false,false,true,9.40
        HP-2,084512100021,Hand towel,0.5,10,8,2,false,false,false,4.85
        HP-3,084512100038,Candle,0.8,4,4,6,false,true,false,6.00
        HP-KIT,084512100045,Towel set,0,14,11,6,false,false,false,25.00
        HP-KIT2,084512100052,Spa set,2.5,14,11,6,false,false,false,30.00

        """

    func catalog(kits text: String) throws(ProfileErrors) -> ItemCatalog {
        var catalog = try ItemCatalog.parse(csv: Self.items, file: "items.csv")
        try catalog.readKits(csv: text, file: "kits.csv")
        return catalog
    }

    func errors(kits text: String) -> [String] {
        do {
            _ = try catalog(kits: text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test("kits.csv gives each kit its components; a kit needs its components' care and weighs what they weigh")
    func parses() throws {
        let catalog = try catalog(
            kits: """
                kit_sku,component_sku,quantity
                HP-KIT,HP-1,2
                HP-KIT,HP-2,2
                HP-KIT2,HP-1,1
                HP-KIT2,HP-3,1

                """)
        #expect(
            catalog.components(of: "HP-KIT") == [
                KitComponent(sku: "HP-1", quantity: 2), .init(sku: "HP-2", quantity: 2),
            ])
        #expect(catalog.components(of: "HP-1") == nil)
        #expect(catalog.isKit("HP-KIT") && !catalog.isKit("HP-2"))
        #expect(catalog.kits(containing: "HP-1") == ["HP-KIT", "HP-KIT2"])
        #expect(catalog.kits(containing: "HP-3") == ["HP-KIT2"])
        #expect(catalog.kits(containing: "HP-KIT").isEmpty)
        #expect(catalog.expanded("HP-KIT", quantity: 3).map { "\($0.sku)×\($0.quantity)" } == ["HP-1×6", "HP-2×6"])
        #expect(catalog.expanded("HP-2", quantity: 3).map { "\($0.sku)×\($0.quantity)" } == ["HP-2×3"])
        let kit = try #require(catalog["HP-KIT"])
        #expect(kit.weightPounds == Decimal(string: "4.2"), "2 × 1.6 + 2 × 0.5")
        #expect(kit.giftWrap && !kit.hazmat && !kit.oversize)
        let spa = try #require(catalog["HP-KIT2"])
        #expect(spa.hazmat, "the candle is hazmat")
        #expect(spa.weightPounds == Decimal(string: "2.5"), "its own weight stands")
    }

    @Test(
        "each bad row of kits.csv is reported at its line and column",
        arguments: [
            ("HP-NONE,HP-1,1", "kits.csv:2:1: kit_sku 'HP-NONE' is not in the item catalog"),
            ("HP-KIT,HP-9,1", "kits.csv:2:8: component_sku 'HP-9' is not in the item catalog"),
            ("HP-KIT,HP-1,0", "kits.csv:2:13: quantity '0' is not a whole number ≥ 1"),
            ("HP-KIT,HP-1,1.5", "kits.csv:2:13: quantity '1.5' is not a whole number ≥ 1"),
            ("HP-KIT,HP-1,", "kits.csv:2:13: quantity '' is not a whole number ≥ 1"),
            ("HP-KIT,HP-KIT,1", "kits.csv:2:8: kit HP-KIT contains itself"),
        ])
    func badRow(row: String, expected: String) {
        #expect(errors(kits: "kit_sku,component_sku,quantity\n\(row)\n") == [expected])
    }

    @Test("a component listed twice, and a kit that contains a kit, are reported where the fix is")
    func conflicts() {
        #expect(
            errors(
                kits: """
                    kit_sku,component_sku,quantity
                    HP-KIT,HP-1,2
                    HP-KIT2,HP-KIT,1
                    HP-KIT,HP-1,1

                    """) == [
                    "kits.csv:3:9: component HP-KIT of kit HP-KIT2 is a kit itself; list its components instead",
                    "kits.csv:4:8: component HP-1 of kit HP-KIT is listed twice; the first is at line 2",
                ])
    }

    @Test("a kits.csv without its columns is refused at line 1")
    func missingColumn() {
        #expect(
            errors(kits: "kit,component_sku,quantity\nHP-KIT,HP-1,1\n") == [
                "kits.csv:1:1: missing column 'kit_sku'; the header is kit,component_sku,quantity"
            ])
    }

    @Test("ProfileSet.load reads the kits.csv beside items.csv, and reports its problems with the rest")
    func loadsBesideItems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-kits-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.items.write(to: folder.appendingPathComponent("items.csv"), atomically: true, encoding: .utf8)
        try sampleText("fixtures/network.yaml").write(
            to: folder.appendingPathComponent("network.yaml"), atomically: true, encoding: .utf8)
        func load() throws(ProfileErrors) -> ProfileSet {
            try ProfileSet.load(
                profiles: folder.appendingPathComponent("profiles"),
                network: folder.appendingPathComponent("network.yaml"),
                catalog: folder.appendingPathComponent("items.csv"))
        }
        #expect(try load().catalog.kits.isEmpty, "no kits.csv: no kits")
        let kits = folder.appendingPathComponent("kits.csv")
        try "kit_sku,component_sku,quantity\nHP-KIT,HP-1,2\n".write(to: kits, atomically: true, encoding: .utf8)
        #expect(try load().catalog.components(of: "HP-KIT") == [KitComponent(sku: "HP-1", quantity: 2)])
        try "kit_sku,component_sku,quantity\nHP-KIT,HP-7,2\n".write(to: kits, atomically: true, encoding: .utf8)
        do {
            _ = try load()
            Issue.record("a bad kits.csv loaded")
        } catch {
            #expect(
                error.errors.map(\.description).contains {
                    $0.hasSuffix("kits.csv:2:8: component_sku 'HP-7' is not in the item catalog")
                })
        }
    }

    @Test("a catalog encoded before kits decodes with none; one with kits round-trips")
    func codable() throws {
        let catalog = try catalog(kits: "kit_sku,component_sku,quantity\nHP-KIT,HP-1,2\n")
        let decoded = try JSONDecoder().decode(ItemCatalog.self, from: try JSONEncoder().encode(catalog))
        #expect(decoded == catalog)
        let plain = try ItemCatalog.parse(csv: Self.items, file: "items.csv")
        let json = try JSONEncoder().encode(plain)
        #expect(!String(decoding: json, as: UTF8.self).contains("kits"))
        #expect(try JSONDecoder().decode(ItemCatalog.self, from: json).kits.isEmpty)
    }
}
