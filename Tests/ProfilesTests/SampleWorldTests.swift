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
        #expect(world["walmart"]?.identity.delimiters?.lineEnding == "\n")
        #expect(world["walmart"]?.feed?.credentials["password"] == "WALMART_SFTP_PASSWORD")
    }
}
