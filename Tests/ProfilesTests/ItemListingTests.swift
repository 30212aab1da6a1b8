import Foundation
import Orders
import Profiles
import Testing

/// `ItemListing`: the catalog as a feed reads it must answer what `ItemCatalog` answers of the same file, and report
/// a bad file exactly as it does.
@Suite("The item catalog as a feed reads it")
struct ItemListingTests {
    static let header =
        "sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost\n"

    /// What `catalog` says of each SKU, in byte order of the SKUs.
    static func rows(of catalog: ItemCatalog) -> [[String]] {
        catalog.items.keys.map(\.rawValue).sorted { $0.precedesInUTF8($1) }.map { sku in
            let item = catalog[SKU(sku)]
            return [sku, item?.upc ?? "?", item?.description ?? "?"]
        }
    }

    static func rows(of listing: ItemListing) -> [[String]] {
        (0..<listing.count).map { [listing.sku(at: $0).rawValue, listing.upc(at: $0), listing.description(at: $0)] }
    }

    /// The listing and the catalog of `text`, or both failures' messages.
    static func compared(_ text: String) -> (
        listing: Result<[[String]], ProfileErrors>, catalog: Result<[[String]], ProfileErrors>
    ) {
        let listing = Result { () throws(ProfileErrors) in rows(of: try ItemListing.parse(csv: text, file: "items.csv"))
        }
        let catalog = Result { () throws(ProfileErrors) in rows(of: try ItemCatalog.parse(csv: text, file: "items.csv"))
        }
        return (listing, catalog)
    }

    @Test("the sample catalog lists every item with its SKU, UPC and description, in SKU byte order")
    func sample() throws {
        let text = try sampleText("fixtures/items.csv")
        let listing = try ItemListing.parse(csv: text, file: "items.csv")
        let catalog = try ItemCatalog.parse(csv: text, file: "items.csv")
        #expect(listing.count == catalog.items.count)
        #expect(listing.count > 100)
        #expect(Self.rows(of: listing) == Self.rows(of: catalog))
        #expect(Self.rows(of: ItemListing(catalog)) == Self.rows(of: catalog))
        for index in [0, 7, listing.count - 1] {
            #expect(listing.index(of: listing.sku(at: index)) == index)
            #expect(listing.index(of: listing.sku(at: index), hint: index) == index)
            #expect(listing.index(of: listing.sku(at: index), hint: 0) == index)
        }
        #expect(listing.index(of: SKU("HP-00000")) == nil)
        #expect(listing.index(of: SKU("ZZ")) == nil)
    }

    @Test("quoted fields, commas and quotes in them, non-ASCII, spaces around fields and rows out of order")
    func edgeCases() throws {
        let text =
            Self.header + """
                "HP-3",084512100038,"Candle, ""vanilla"" 6 in",0.8,4,4,6,false,true,false,6.00
                HP-1 , 084512100014 ,  Serviette éponge bleue ,1.6,14,11,3,,false,true,9.40
                HP-10,084512100045,"Two
                lines",1,1,1,1,false,false,false,1
                Ü-2,084512100021,Handtuch – grün,0.5,10,8,2,false,false,false,4.85\r
                HP-2,084512100052,,0,0,0,0,false,false,false,0

                """
        let listing = try ItemListing.parse(csv: text, file: "items.csv")
        let catalog = try ItemCatalog.parse(csv: text, file: "items.csv")
        #expect(Self.rows(of: listing) == Self.rows(of: catalog))
        #expect(
            Self.rows(of: listing).map(\.[0]) == ["HP-1", "HP-10", "HP-2", "HP-3", "Ü-2"],
            "byte order: a multi-byte letter after every ASCII one")
        #expect(listing.description(at: 0) == "Serviette éponge bleue")
        #expect(listing.description(at: 1) == "Two\nlines")
        #expect(listing.description(at: 3) == "Candle, \"vanilla\" 6 in")
        #expect(listing.description(at: 4) == "Handtuch – grün")
        #expect(listing.upc(at: 2) == "084512100052")
        #expect(listing.index(of: SKU("Ü-2")) == 4)
        #expect(listing.index(of: SKU("HP-1 ")) == nil, "SKUs are kept trimmed")
    }

    @Test(
        "a file the catalog reports on is reported the same, word for word",
        arguments: [
            // A missing UPC, and a UPC with a wrong check digit.
            header + "HP-1,,Towel,1,1,1,1,false,false,false,1\nHP-2,084512100015,Towel,1,1,1,1,false,false,false,1\n",
            // A SKU listed twice.
            header
                + "HP-1,084512100014,A,1,1,1,1,false,false,false,1\nHP-1,084512100021,B,1,1,1,1,false,false,false,1\n",
            // Not a number, not a flag, an empty SKU.
            header
                + "HP-1,084512100014,A,heavy,1,1,1,maybe,false,false,1\n,084512100021,B,1,1,1,1,false,false,false,1\n",
            // A missing column, a quote left open, an empty file.
            "sku,upc,description\nHP-1,084512100014,A\n",
            header + "HP-1,084512100014,\"Towel,1,1,1,1,false,false,false,1\n",
            "",
        ])
    func reportsAsTheCatalogDoes(_ text: String) {
        let (listing, catalog) = Self.compared(text)
        guard case .failure(let expected) = catalog else {
            Issue.record("the catalog read it: \(catalog)")
            return
        }
        guard case .failure(let reported) = listing else {
            Issue.record("the listing read it: \(listing)")
            return
        }
        #expect(reported.errors.map(\.description) == expected.errors.map(\.description))
        #expect(!reported.errors.isEmpty)
    }

    @Test("loading for feeds checks the world as load does, and lists the kits of kits.csv")
    func loadForFeeds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let profiles = folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        for file in try sampleProfiles() {
            try file.text.write(
                to: profiles.appendingPathComponent((file.name as NSString).lastPathComponent), atomically: true,
                encoding: .utf8)
        }
        let network = folder.appendingPathComponent("network.yaml")
        try sampleNetwork().text.write(to: network, atomically: true, encoding: .utf8)
        let items = folder.appendingPathComponent("items.csv")
        try KitCatalogTests.items.write(to: items, atomically: true, encoding: .utf8)

        let plain = try ProfileSet.loadForFeeds(profiles: profiles, network: network, catalog: items)
        let full = try ProfileSet.load(profiles: profiles, network: network, catalog: items)
        #expect(Self.rows(of: plain.items) == Self.rows(of: full.catalog))
        #expect(plain.profiles.sortedProfiles.map(\.id) == full.sortedProfiles.map(\.id))
        #expect(plain.items.kits.isEmpty)

        try "kit_sku,component_sku,quantity\nHP-KIT,HP-1,2\nHP-KIT,HP-3,1\n".write(
            to: folder.appendingPathComponent("kits.csv"), atomically: true, encoding: .utf8)
        let kitted = try ProfileSet.loadForFeeds(profiles: profiles, network: network, catalog: items)
        #expect(
            kitted.items.kits[SKU("HP-KIT")]
                == [KitComponent(sku: SKU("HP-1"), quantity: 2), KitComponent(sku: SKU("HP-3"), quantity: 1)])

        try "kit_sku,component_sku,quantity\nHP-KIT,HP-404,2\n".write(
            to: folder.appendingPathComponent("kits.csv"), atomically: true, encoding: .utf8)
        let failures = [
            Result { () throws(ProfileErrors) in
                _ = try ProfileSet.load(profiles: profiles, network: network, catalog: items)
            },
            Result { () throws(ProfileErrors) in
                _ = try ProfileSet.loadForFeeds(profiles: profiles, network: network, catalog: items)
            },
        ].map { result -> [String] in
            guard case .failure(let error) = result else { return [] }
            return error.errors.map(\.description)
        }
        #expect(failures[0].count == 1)
        #expect(failures[1] == failures[0])
    }
}
