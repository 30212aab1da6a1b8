import Foundation
import Orders
import Profiles
import Testing

@Suite("bad input is reported once, at its own place, and nothing bad is accepted")
struct BadInputTests {
    @Test("a duplicate key is reported at the duplicate's own line and column, once, without the file's text")
    func duplicateKey() throws {
        let top = try problems(profile: minimalProfile + "name: Another Name\n")
        #expect(top == ["p.yaml:16:1: duplicate key 'name'; the first is at line 1"])
        let nested = try problems(
            profile: replacing(
                "  within: 2 business days\n", with: "  within: 2 business days\n  within: 3 business days\n"))
        #expect(nested == ["p.yaml:9:3: duplicate key 'within'; the first is at line 8"])
        let flow = try problems(
            profile: replacing("{ fixed: 5.00 USD }", with: "{ fixed: 5.00 USD, fixed: 6.00 USD }"))
        #expect(flow == ["p.yaml:15:33: duplicate key 'fixed'; the first is at line 15"])
    }

    @Test("one bad node time zone is reported once at its line, not as unknown DCs in every profile")
    func badNodeTimeZone() throws {
        let network = try sampleNetwork()
        #expect(network.text.contains("time-zone: America/Denver\n"))
        let broken = SourceFile(
            name: network.name,
            text: network.text.replacingOccurrences(
                of: "time-zone: America/Denver\n", with: "time-zone: America/Denvr\n"))
        let errors = loadErrors(profiles: try sampleProfiles(), network: broken)
        #expect(errors.count == 1, "\(errors.joined(separator: "\n"))")
        #expect(errors.first?.hasPrefix("fixtures/network.yaml:102:16: ") == true, "\(errors)")
        #expect(errors.first?.contains("unknown time zone 'America/Denvr'") == true, "\(errors)")
    }

    @Test("one bad carrier service is reported once, not again at every node and profile that names it")
    func badService() throws {
        let network = try sampleNetwork()
        #expect(network.text.contains("carrier: UPS\n"))
        let broken = SourceFile(
            name: network.name, text: network.text.replacingOccurrences(of: "carrier: UPS\n", with: "carrier: [UPS]\n"))
        let errors = loadErrors(profiles: try sampleProfiles(), network: broken)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { !$0.contains("unknown carrier service") }, "\(errors.joined(separator: "\n"))")
    }

    static let gtins: [(String, Bool)] = [
        ("084512100014", true), ("084512100015", false), ("96385074", true), ("96385075", false),
        ("4006381333931", true), ("4006381333932", false), ("10084512100011", true), ("10084512100012", false),
        ("08451210001", false), ("08451210001X", false),
    ]

    @Test("an item's UPC/GTIN must be 8, 12, 13 or 14 digits with a right mod-10 check digit", arguments: gtins)
    func gtinCheckDigit(_ gtin: String, _ isValid: Bool) throws {
        let csv = """
            sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
            HP-10001,084512100021,Towel,1.6,14,11,3,false,false,true,9.40
            HP-10002,\(gtin),Towel,1.6,14,11,3,false,false,true,9.40

            """
        do {
            let catalog = try ItemCatalog.parse(csv: csv, file: "items.csv")
            #expect(isValid, "\(gtin) was accepted")
            #expect(catalog.sku(forGTIN: gtin) == "HP-10002")
        } catch {
            #expect(!isValid, "\(gtin): \(error)")
            #expect(error.errors.count == 1)
            #expect(
                error.errors.first?.description.hasPrefix("items.csv:3:10: upc '\(gtin)' of HP-10002") == true,
                "\(error)")
        }
    }

    @Test("the sample items and inventory are clean under every check")
    func samplesAreClean() throws {
        let world = try ProfileSet.load(
            profiles: repositoryRoot.appendingPathComponent("retailer-profiles"),
            network: repositoryRoot.appendingPathComponent("fixtures/network.yaml"),
            catalog: repositoryRoot.appendingPathComponent("fixtures/items.csv"))
        #expect(world.inventoryProblems(csv: try sampleText("fixtures/inventory.csv"), file: "inventory.csv") == [])
    }

    @Test("inventory rows for an unknown DC or SKU are reported with file, line and column")
    func inventoryReferences() throws {
        let world = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        let csv = "dc,sku,on_hand,safety_stock\nEWR1,HP-10001,5,0\nEWR9,HP-10001,5,0\nEWR1,HP-99999,1,0\n"
        let problems = world.inventoryProblems(csv: csv, file: "inventory.csv").map(\.description)
        #expect(
            problems == [
                "inventory.csv:3:1: dc 'EWR9' is not a node of the network; did you mean 'EWR1'?",
                "inventory.csv:4:6: sku 'HP-99999' is not in the item catalog",
            ])
    }

    @Test("a file that is not UTF-8 is reported at the first bad byte's line and column")
    func notUTF8() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-utf8-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let network = folder.appendingPathComponent("network.yaml")
        try Data(Array("nodes:\n  - id: caf".utf8) + [0xE9, 0x0A]).write(to: network)
        do {
            _ = try ProfileSet.load(
                profiles: repositoryRoot.appendingPathComponent("retailer-profiles"), network: network,
                catalog: repositoryRoot.appendingPathComponent("fixtures/items.csv"))
            Issue.record("a Latin-1 network file was accepted")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "\(network.relativePath):2:12: not UTF-8 text: byte 0xE9 at byte offset 18"
                ])
        }
    }

    @Test("a missing file or a folder in its place is said in words")
    func missingFiles() throws {
        let missing = repositoryRoot.appendingPathComponent("fixtures/no-such-network.yaml")
        let folder = repositoryRoot.appendingPathComponent("fixtures")
        for (network, expected) in [(missing, "no such file"), (folder, "is a folder; expected a file")] {
            do {
                _ = try ProfileSet.load(
                    profiles: repositoryRoot.appendingPathComponent("retailer-profiles"), network: network,
                    catalog: repositoryRoot.appendingPathComponent("fixtures/items.csv"))
                Issue.record("\(network.path) was accepted")
            } catch {
                #expect(error.errors.count == 1)
                #expect(
                    error.errors.first?.description.contains("\(network.relativePath): \(expected)") == true, "\(error)"
                )
                #expect(error.errors.first?.description.contains("NS") == false, "\(error)")
            }
        }
    }
}
