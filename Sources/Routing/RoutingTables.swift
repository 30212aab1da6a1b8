import Foundation
import Orders
import Profiles

/// What routing needs of one profile, network and catalog, worked out once when a `Router` is made rather than in
/// every decision: node positions, zone-offset tables, each node's cutoff per carrier service, distances and zones
/// from every ZIP3 region to every node, and the nodes that share a shipping calendar. Immutable, shared by every
/// decision the router makes (and referenced by their explanations).
final class RoutingTables: Sendable {
    let profile: RetailerProfile
    let network: Network
    let catalog: ItemCatalog
    /// The retailer's zone (its SLA cutoff's).
    let profileZone: ZoneOffsets
    /// By node position in `network.nodes`.
    let nodeZones: [ZoneOffsets]
    let positions: [DCID: Int]
    /// Every node id, sorted: the candidates when the profile lists none.
    let sortedIDs: [DCID]
    /// Carrier services by index: every service of the network (sorted), then store pickup.
    let serviceIndex: [CarrierServiceID: Int]
    /// Per node position, per service index: the node's cutoff for it, if it has it.
    let cutoffs: [[TimeOfDay?]]
    /// Per node position: nodes with the same zone, calendar and closures ship on the same days, so share one
    /// earliest-pickup computation per cutoff.
    let calendarClass: [Int]
    /// Per node position: its handling capabilities as bits (`ResolvedLine.needs`).
    let capabilityBits: [UInt8]
    /// ZIP3 (0…999) → index into `network.regions`, or -1.
    let regionOfZip3: [Int16]
    /// Per region, per node position: great-circle miles from the node to the region's centre, and its zone.
    let regionMiles: [Double]
    let regionZone: [Int]

    init(profile: RetailerProfile, network: Network, catalog: ItemCatalog) {
        self.profile = profile
        self.network = network
        self.catalog = catalog
        profileZone = ZoneOffsets.of(profile.timeZone)
        let nodes = network.nodes
        nodeZones = nodes.map { ZoneOffsets.of($0.timeZone) }
        var positions: [DCID: Int] = [:]
        for (position, node) in nodes.enumerated() where positions[node.id] == nil { positions[node.id] = position }
        self.positions = positions
        sortedIDs = nodes.map(\.id).sorted()
        // Every service a node or the network names, so a service missing from the index is one no node has.
        let services = Set(network.services.keys).union(nodes.flatMap { $0.services.map(\.service) })
            .union([.storePickup]).sorted()
        var serviceIndex: [CarrierServiceID: Int] = [:]
        for (index, id) in services.enumerated() where serviceIndex[id] == nil { serviceIndex[id] = index }
        self.serviceIndex = serviceIndex
        cutoffs = nodes.map { node in services.map { node.service($0)?.cutoff } }
        var classes: [(zone: String, calendar: BusinessCalendar, closures: [Closure])] = []
        calendarClass = nodes.map { node in
            let key = (zone: node.timeZone.identifier, calendar: node.calendar, closures: node.closures)
            if let known = classes.firstIndex(where: {
                $0.zone == key.zone && $0.calendar == key.calendar && $0.closures == key.closures
            }) {
                return known
            }
            classes.append(key)
            return classes.count - 1
        }
        capabilityBits = nodes.map { node in
            (node.capabilities.contains(.oversize) ? ResolvedLine.oversizeBit : 0)
                | (node.capabilities.contains(.hazmat) ? ResolvedLine.hazmatBit : 0)
                | (node.capabilities.contains(.giftWrap) ? ResolvedLine.giftWrapBit : 0)
        }
        regionOfZip3 = (0..<1000).map { zip3 in
            Int16(network.regions.firstIndex { $0.zip3.contains(zip3) } ?? -1)
        }
        var miles: [Double] = []
        var zones: [Int] = []
        for region in network.regions {
            for node in nodes {
                let distance = node.coordinates.miles(to: region.coordinates)
                miles.append(distance)
                zones.append(network.zones.first { distance <= $0.upToMiles }?.zone ?? network.zones.last?.zone ?? -1)
            }
        }
        regionMiles = miles
        regionZone = zones
    }

    /// The region of a ship-to's ZIP3, as `Network.region(forZip3:)` finds it.
    func region(ofZip3 zip3: String) -> Int? {
        guard let value = Int(zip3) else { return nil }
        if (0..<1000).contains(value) {
            let region = Int(regionOfZip3[value])
            return region < 0 ? nil : region
        }
        return network.regions.firstIndex { $0.zip3.contains(value) }
    }
}
