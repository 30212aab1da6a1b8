import Foundation
import OrderXML
import Orders
import Profiles
import Testing

/// Profiles that claim their retailer's own XML, in a temporary folder beside their mapping files.
@Suite("profiles claim their retailer's XML documents and the mapping that reads them")
struct XMLClaimTests {
    static let mapping = """
        namespace.o: urn:example:marketplace:orders:2
        order: /o:orders/o:order
        line: o:items/o:item
        poNumber: @id
        sender: o:marketplace/@id
        line.quantity: o:quantity

        """

    /// `minimalProfile` with `claim` as its `identity.xml` and its own interchange id.
    static func profile(_ claim: String, id: String = "TESTRETAIL") -> String {
        replacing(
            "  x12-interchange: [\"ZZ:TESTRETAIL\"]\n",
            with: "  x12-interchange: [\"ZZ:\(id)\"]\n  xml:\n" + claim)
    }

    /// Writes `files` (name → text) to a new folder and loads the `.yaml` ones as profiles.
    static func load(_ files: [String: String]) throws -> (folder: URL, result: Result<ProfileSet, ProfileErrors>) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmlclaims-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("mappings"), withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let profiles = files.keys.sorted().filter { $0.hasSuffix(".yaml") }.map {
            SourceFile(name: folder.appendingPathComponent($0).path, text: files[$0] ?? "")
        }
        let network = try sampleNetwork()
        let result = Result { () throws(ProfileErrors) in
            try ProfileSet.load(profiles: profiles, network: network, catalog: smallCatalog)
        }
        return (folder, result)
    }

    static let claim = """
            - root: orders
              namespace: "urn:example:marketplace:orders:2"
              sender: { equals: HARBORMKT }
              mapping: mappings/market.mapping

        """

    @Test("a claim loads with its mapping, relative to the profile's folder, and reads the sample export")
    func loads() throws {
        let (folder, result) = try Self.load([
            "market.yaml": Self.profile(Self.claim), "mappings/market.mapping": Self.mapping,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let set = try result.get()
        #expect(set.xmlClaims.count == 1)
        #expect(set.xmlClaims.first?.retailer == RetailerID("market"))
        #expect(set["market"]?.identity.xml.first?.sender?.equals == "HARBORMKT")
        let path = repositoryRoot.appendingPathComponent("fixtures/xml-mappings/marketplace-orders.xml").path
        let orders = try Array(OrderXMLDecoder(claims: set.xmlClaims).orders(inFile: path)).map { try $0.get() }
        #expect(orders.map(\.retailer) == [RetailerID("market"), RetailerID("market")])
    }

    @Test("a missing mapping file is reported at the mapping key's line and column")
    func missingMapping() throws {
        let (folder, result) = try Self.load(["market.yaml": Self.profile(Self.claim)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = try #require(result.failure?.errors.map(\.description))
        let file = folder.appendingPathComponent("market.yaml").path
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(file):8:16: ") == true, "\(errors)")
        #expect(errors.first?.contains("mapping file 'mappings/market.mapping' not found") == true)
    }

    @Test("a mapping that does not parse is reported with the mapping file's own line")
    func brokenMapping() throws {
        let broken = Self.mapping.replacingOccurrences(of: "line.quantity", with: "line.quantty")
        let (folder, result) = try Self.load([
            "market.yaml": Self.profile(Self.claim), "mappings/market.mapping": broken,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = try #require(result.failure?.errors.map(\.description))
        let mappingFile = folder.appendingPathComponent("mappings/market.mapping").path
        #expect(errors.count == 1)
        #expect(errors.first?.contains("\(folder.appendingPathComponent("market.yaml").path):8:16: ") == true)
        #expect(
            errors.first?.contains(
                "mapping \(mappingFile):6: field line.quantty: invalid mapping: unknown canonical field; did you mean "
                    + "`line.quantity`?") == true, "\(errors)")
    }

    @Test("two profiles claiming the same documents is a conflict naming the first claim's place")
    func conflict() throws {
        let (folder, result) = try Self.load([
            "a.yaml": Self.profile(Self.claim, id: "A"), "b.yaml": Self.profile(Self.claim, id: "B"),
            "mappings/market.mapping": Self.mapping,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = try #require(result.failure?.errors.map(\.description))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(folder.appendingPathComponent("b.yaml").path):5:7: ") == true, "\(errors)")
        #expect(errors.first?.contains("claims the same XML documents") == true)
        #expect(errors.first?.contains("as \(folder.appendingPathComponent("a.yaml").path):5") == true)
    }

    @Test("the same format claimed for two senders is no conflict")
    func twoSenders() throws {
        let other = Self.claim.replacingOccurrences(of: "HARBORMKT", with: "OTHERMKT")
        let (folder, result) = try Self.load([
            "a.yaml": Self.profile(Self.claim, id: "A"), "b.yaml": Self.profile(other, id: "B"),
            "mappings/market.mapping": Self.mapping,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try result.get().xmlClaims.map(\.retailer) == [RetailerID("a"), RetailerID("b")])
    }

    @Test("a claim naming neither root nor namespace is refused")
    func needsRootOrNamespace() throws {
        let claim = "    - { sender: { equals: X }, mapping: mappings/market.mapping }\n"
        let (folder, result) = try Self.load([
            "market.yaml": Self.profile(claim), "mappings/market.mapping": Self.mapping,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = try #require(result.failure?.errors.map(\.description))
        #expect(errors.first?.contains("identity.xml[0]: name the root element or the namespace") == true, "\(errors)")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
