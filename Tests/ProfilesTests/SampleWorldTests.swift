import Foundation
import Orders
import Profiles
import Testing

@Suite("the sample world")
struct SampleWorldTests {
    @Test("the four sample profiles and the sample network load without a problem")
    func samplesLoad() throws {
        let world = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        #expect(world.profiles.keys.sorted() == ["amazon", "bestbuy", "homedepot", "walmart"])
        #expect(world.sortedProfiles.allSatisfy { $0.sample })
        #expect(world.network.nodes.map(\.id) == ["EWR1", "ORD1", "DFW1", "DEN1", "PHX1", "ONT1"])
        #expect(world.network.node("PHX1")?.timeZone.identifier == "America/Phoenix")
        #expect(world.network.node("ORD1")?.capabilities == [.hazmat])
    }

    @Test("a document is recognised by its X12 interchange sender, its group sender or its cXML credential")
    func recognition() throws {
        let world = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        #expect(
            world.profile(interchangeSender: PartnerIdentity(qualifier: "08", id: "925485US00     "))?.id == "walmart")
        #expect(
            world.profile(interchangeSender: PartnerIdentity(qualifier: "ZZ", id: "HOMEDEPOTDS"))?.id == "homedepot")
        #expect(world.profile(interchangeSender: nil, groupSender: "AMAZONDS")?.id == "amazon")
        #expect(world.profile(interchangeSender: PartnerIdentity(qualifier: "ZZ", id: "925485US00")) == nil)
        #expect(
            world.profile(cXMLCredential: PartnerIdentity(qualifier: "networkid", id: "BESTBUYMKT"))?.id == "bestbuy")
    }

    @Test("the sample profiles say what their programs need")
    func policies() throws {
        let world = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        #expect(world["walmart"]?.routingAuthority == .retailerAssigned)
        #expect(world["amazon"]?.fulfilment.fill == .orderFillOrKill)
        #expect(world["homedepot"]?.documents.acknowledgement.kinds == [.cancel])
        #expect(world["bestbuy"]?.fulfilment.maxShipments == 2)
        #expect(world["bestbuy"]?.items.maxUnitsPerLine == 5)
        #expect(world["amazon"]?.shipSLA.cutoff.description == "14:00 America/Los_Angeles")
        #expect(world["walmart"]?.identity.delimiters?.lineEnding == .lf)
        #expect(world["walmart"]?.feed?.credentials["password"] == "WALMART_SFTP_PASSWORD")
    }
}

@Suite("loading from disk")
struct DiskLoadingTests {
    @Test("a profiles folder, a network file and a catalog file load as one checked set; a missing file is reported")
    func fromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-profiles-\(UUID())")
        let profiles = folder.appendingPathComponent("retailer-profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try sampleProfiles() {
            try file.text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        try "# not a profile\n".write(
            to: profiles.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let network = folder.appendingPathComponent("network.yaml")
        try sampleNetwork().text.write(to: network, atomically: true, encoding: .utf8)
        let catalog = folder.appendingPathComponent("items.csv")
        try smallCatalog.text.write(to: catalog, atomically: true, encoding: .utf8)

        let world = try ProfileSet.load(profiles: profiles, network: network, catalog: catalog)
        #expect(world.sortedProfiles.map(\.id) == ["amazon", "bestbuy", "homedepot", "walmart"])
        #expect(world.catalog.sku(forGTIN: "0084512100021") == "HP-10002")

        do {
            _ = try ProfileSet.load(
                profiles: profiles, network: folder.appendingPathComponent("missing.yaml"), catalog: catalog)
            Issue.record("expected the missing network file to be reported")
        } catch {
            #expect(error.errors.map(\.kind) == [.unreadable])
        }
    }
}
