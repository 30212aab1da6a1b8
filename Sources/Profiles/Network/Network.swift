import Foundation
public import Orders

/// The supplier's fulfilment network: nodes, the carrier services they ship with, and the tables that turn a
/// destination into a zone, a transit time and a shipping cost.
public struct Network: Hashable, Sendable, Codable {
    /// In file order, which is also the order ties fall back to.
    public var nodes: [FulfilmentNode]
    public var services: [CarrierServiceID: CarrierService]
    /// Distance bands, nearest first: a destination within `upToMiles` of the node is in `zone`.
    public var zones: [ZoneBand]
    /// Where each ZIP3 range lies (its state and a central point), for distances and ship-to rules.
    public var regions: [Zip3Region]
    /// Who we are to retailers, for what we send unprompted (a feed); a reply names us as the retailer did.
    public var supplier: Supplier?

    public init(
        nodes: [FulfilmentNode], services: [CarrierServiceID: CarrierService], zones: [ZoneBand],
        regions: [Zip3Region], supplier: Supplier? = nil
    ) {
        self.nodes = nodes
        self.services = services
        self.zones = zones
        self.regions = regions
        self.supplier = supplier
    }

    /// The supplier's own identities: its name, and its X12 interchange (ISA05:ISA06) and group (GS02) ids.
    public struct Supplier: Hashable, Sendable, Codable {
        public var name: String
        public var x12Interchange: PartnerIdentity?
        public var x12Group: String?

        public init(name: String, x12Interchange: PartnerIdentity? = nil, x12Group: String? = nil) {
            self.name = name
            self.x12Interchange = x12Interchange
            self.x12Group = x12Group
        }
    }

    public func node(_ id: DCID) -> FulfilmentNode? { nodes.first { $0.id == id } }

    public func region(forZip3 zip3: String) -> Zip3Region? {
        guard let value = Int(zip3) else { return nil }
        return regions.first { $0.zip3.contains(value) }
    }

    /// Great-circle miles from the node to the centre of the destination's ZIP3 region.
    public func distanceMiles(from node: FulfilmentNode, to address: Address) -> Double? {
        guard let zip3 = address.zip3, let region = region(forZip3: zip3) else { return nil }
        return node.coordinates.miles(to: region.coordinates)
    }

    /// The shipping zone of a destination as seen from `node`; nil when the ZIP3 is unknown.
    public func zone(from node: FulfilmentNode, to address: Address) -> Int? {
        guard let miles = distanceMiles(from: node, to: address) else { return nil }
        return zones.first { miles <= $0.upToMiles }?.zone ?? zones.last?.zone
    }
}

public struct ZoneBand: Hashable, Sendable, Codable {
    public var zone: Int
    public var upToMiles: Double

    public init(zone: Int, upToMiles: Double) {
        self.zone = zone
        self.upToMiles = upToMiles
    }
}

public struct Zip3Region: Hashable, Sendable, Codable {
    public var zip3: ClosedRange<Int>
    /// USPS state code: lets ship-to rules spot AK, HI, territories and military addresses by ZIP.
    public var state: String
    public var coordinates: Coordinates

    public init(zip3: ClosedRange<Int>, state: String, coordinates: Coordinates) {
        self.zip3 = zip3
        self.state = state
        self.coordinates = coordinates
    }
}

public struct Coordinates: Hashable, Sendable, Codable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Haversine distance in statute miles.
    public func miles(to other: Coordinates) -> Double {
        let radius = 3958.8
        let (phi1, phi2) = (latitude * .pi / 180, other.latitude * .pi / 180)
        let dPhi = (other.latitude - latitude) * .pi / 180
        let dLambda = (other.longitude - longitude) * .pi / 180
        let a = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return radius * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    public var description: String { "\(latitude), \(longitude)" }
}

/// A carrier service level on one of our accounts, shared by every node that ships with it.
public struct CarrierService: Hashable, Sendable, Codable {
    public var id: CarrierServiceID
    public var carrier: String
    /// The carrier's standard alpha code (`UPSN`, `FDEG`) an ASN names it by when the retailer's profile maps no
    /// SCAC to the service; nil when the network file gives none.
    public var scac: String?
    /// Business days in transit by zone.
    public var transitDays: [Int: Int]
    /// Shipping cost per package by zone.
    public var cost: [Int: Money]
    /// Whether the carrier delivers to PO boxes (UPS does not).
    public var deliversToPOBoxes: Bool

    public init(
        id: CarrierServiceID, carrier: String, scac: String? = nil, transitDays: [Int: Int], cost: [Int: Money],
        deliversToPOBoxes: Bool = false
    ) {
        self.id = id
        self.carrier = carrier
        self.scac = scac
        self.transitDays = transitDays
        self.cost = cost
        self.deliversToPOBoxes = deliversToPOBoxes
    }
}
