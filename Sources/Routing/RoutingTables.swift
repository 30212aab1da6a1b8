import Foundation
import Orders
import Profiles

/// What routing needs of one profile, worked out once when a `Router` is made rather than in every decision: its
/// zone's offset table and its default candidates, beside the network and catalog tables every profile's router
/// shares. Immutable: worked out in `init` and never changed, so every decision, from any task, reads the same
/// tables. What a run of decisions remembers between orders is the caller's (`RoutingScratch`).
final class RoutingTables: Sendable {
    let profile: RetailerProfile
    let world: WorldTables
    /// The retailer's zone (its SLA cutoff's).
    let profileZone: ZoneOffsets
    /// The profile's candidates when the order names no store and the retailer assigns no node: its list, or every
    /// node; as (node position, index in that list), for the ids the network has.
    let defaultCandidates: [(position: Int, index: Int)]
    /// The profile's fees by violation, in `FeeSchedule.Violation.allCases` order: found without hashing the
    /// violation's name.
    private let fees: [Fee?]
    private static let violations = FeeSchedule.Violation.allCases
    /// What a decision's explanation reads of the profile and network, shared by every decision as a value.
    let explanation: Shared<ExplanationContext>

    init(profile: RetailerProfile, world: WorldTables) {
        self.profile = profile
        self.world = world
        profileZone = ZoneOffsets.of(profile.timeZone)
        fees = Self.violations.map { profile.fees.fee(for: $0) }
        let listed = profile.sourcing.listed
        defaultCandidates = (listed.isEmpty ? world.sortedIDs : listed).enumerated().compactMap { index, id in
            world.positions[id].map { (position: $0, index: index) }
        }
        explanation = Shared(ExplanationContext(profile: profile, profileZone: profileZone, world: world))
    }

    /// `profile.fees.fee(for: violation)`.
    func fee(for violation: FeeSchedule.Violation) -> Fee? {
        Self.violations.firstIndex(of: violation).flatMap { fees[$0] }
    }
}

/// What routing needs of the network and catalog, worked out once per run and shared by every profile's router:
/// node positions, zone-offset tables, each node's cutoff per carrier service, distances and zones from every ZIP3
/// region to every node, the nodes that share a shipping calendar, and an item number per catalog SKU.
final class WorldTables: Sendable {
    let network: Network
    let catalog: ItemCatalog
    /// By node position in `network.nodes`.
    let nodeZones: [ZoneOffsets]
    let positions: [DCID: Int]
    /// Every node id, sorted: the candidates when the profile lists none.
    let sortedIDs: [DCID]
    /// Carrier services by index: every service of the network (sorted), then store pickup.
    let serviceIndex: [CarrierServiceID: Int]
    /// Per node position, per service index (`position * serviceCount + index`): the node's cutoff for it in minutes
    /// after midnight, or -1 when it lacks the service.
    let cutoffs: [Int32]
    let serviceCount: Int
    /// Per service index: what the carrier service costs and takes by zone, found without hashing.
    let carriers: [CarrierTable]
    /// Per node position, the facts every assessment reads, so that no node is copied to read them.
    let ids: [DCID]
    let enabled: [Bool]
    let hasClosures: [Bool]
    let capacities: [DailyCapacity]
    /// Per node position: nodes with the same zone, calendar and closures ship on the same days, so share one
    /// earliest-pickup computation per cutoff.
    let calendarClass: [Int]
    /// Per node position: nodes of one calendar class with the same cutoff for every service get the same from
    /// every carrier service in a zone.
    let serviceClass: [Int]
    /// Per node position: its handling capabilities as bits (`ResolvedLine.needs`).
    let capabilityBits: [UInt8]
    /// Catalog SKU → item number (the catalog's order) and whether it is oversize or hazmat (`ResolvedLine`'s
    /// bits); per item number, its SKU.
    let items: SKUIndex
    let itemSKUs: [SKU]
    /// Per item number, whether it is a kit; and whether any is.
    let kitItems: [Bool]
    let hasKits: Bool
    /// ZIP3 (0…999) → index into `network.regions`, or -1.
    let regionOfZip3: [Int16]
    /// Per region, per node position: great-circle miles from the node to the region's centre, and its zone.
    let regionMiles: [Double]
    let regionZone: [Int]

    init(network: Network, catalog: ItemCatalog) {
        self.network = network
        self.catalog = catalog
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
        serviceCount = services.count
        cutoffs = nodes.flatMap { node in services.map { Int32(node.service($0)?.cutoff.minutesSinceMidnight ?? -1) } }
        carriers = services.map { CarrierTable(network.services[$0]) }
        ids = nodes.map(\.id)
        enabled = nodes.map(\.enabled)
        hasClosures = nodes.map { !$0.closures.isEmpty }
        capacities = nodes.map(\.capacity)
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
        var serviceClasses: [(calendarClass: Int, cutoffs: ArraySlice<Int32>)] = []
        let (calendars, cutoffRows, width) = (calendarClass, cutoffs, services.count)
        serviceClass = nodes.indices.map { position in
            let key = (
                calendarClass: calendars[position], cutoffs: cutoffRows[(position * width)..<((position + 1) * width)]
            )
            if let known = serviceClasses.firstIndex(where: {
                $0.calendarClass == key.calendarClass && $0.cutoffs == key.cutoffs
            }) {
                return known
            }
            serviceClasses.append(key)
            return serviceClasses.count - 1
        }
        capabilityBits = nodes.map { node in
            (node.capabilities.contains(.oversize) ? ResolvedLine.oversizeBit : 0)
                | (node.capabilities.contains(.hazmat) ? ResolvedLine.hazmatBit : 0)
                | (node.capabilities.contains(.giftWrap) ? ResolvedLine.giftWrapBit : 0)
        }
        var handlingBits: [UInt8] = []
        var itemSKUs: [SKU] = []
        for (sku, item) in catalog.items {
            itemSKUs.append(sku)
            handlingBits.append(
                (item.oversize ? ResolvedLine.oversizeBit : 0) | (item.hazmat ? ResolvedLine.hazmatBit : 0))
        }
        items = SKUIndex(itemSKUs, flags: handlingBits)
        self.itemSKUs = itemSKUs
        kitItems = itemSKUs.map(catalog.isKit)
        hasKits = kitItems.contains(true)
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

    /// Per node position, its slot in `levels` (-1 when it has never held stock). A `RoutingScratch` keeps it while
    /// the slot assignment stays the same, which it does across a run's decisions unless a node is added.
    func slots(in levels: StockLevels) -> [Int] {
        ids.map { levels.slots[$0] ?? -1 }
    }

    /// Pick/pack plus shipping for `units` units in one package from the node at `position`.
    func landedCost(_ position: Int, units: Int, shipping: Decimal) -> Decimal {
        let costs = network.nodes[position].costs
        return costs.perOrder.amount + costs.perUnit.amount * Decimal(units) + shipping
    }

    /// Where the catalog's items are in `levels`' rows. A `RoutingScratch` keeps it while the row assignment stays
    /// the same, which it does across a run's decisions unless a SKU is added.
    func stockRows(in levels: StockLevels) -> CatalogStockRows {
        let byItem = itemSKUs.map { Int32(levels.rows[$0] ?? -1) }
        return CatalogStockRows(
            layout: levels.rowLayout, byItem: byItem, bySlot: items.slotItems.map { $0 < 0 ? -1 : byItem[Int($0)] })
    }

    /// The catalog item number of `sku`, its handling needs (`ResolvedLine.oversizeBit`, `hazmatBit`) and its slot
    /// in the index; nil when the SKU is not ours.
    func item(_ sku: SKU) -> (number: Int, flags: UInt8, slot: Int)? { items.item(sku) }

    /// `item(_:)` of each line's SKU, their cache misses overlapping (`SKUIndex.items(of:)`).
    func items(of lines: [OrderLine]) -> [(number: Int, flags: UInt8, slot: Int)?] { items.items(of: lines) }

    /// Whether the node at `position` has the service at `service` (an index; -1 for one no node has), and, for a PO
    /// box, whether its carrier delivers there.
    func ships(_ service: Int, at position: Int, toPOBox: Bool) -> Bool {
        service >= 0 && cutoffs[position * serviceCount + service] >= 0
            && (!toPOBox || carriers[service].deliversToPOBoxes)
    }

    func cutoff(_ position: Int, _ service: Int) -> TimeOfDay? {
        let minutes = cutoffs[position * serviceCount + service]
        return minutes < 0 ? nil : TimeOfDay(hour: Int(minutes) / 60, minute: Int(minutes) % 60)
    }

    /// The region of a ship-to's ZIP3, as `Network.region(forZip3:)` finds it.
    func region(ofZip3 zip3: String) -> Int? {
        guard let value = Int(zip3), (0..<1000).contains(value), regionOfZip3[value] >= 0 else { return nil }
        return Int(regionOfZip3[value])
    }
}

/// A carrier service's transit days and cost by zone in arrays (zones are small numbers), and its dearest cost for a
/// destination of unknown zone.
struct CarrierTable: Sendable {
    let service: CarrierService?
    let deliversToPOBoxes: Bool
    let anyZoneCost: Decimal
    private let transit: [Int?]
    private let costs: [Decimal?]

    init(_ service: CarrierService?) {
        self.service = service
        deliversToPOBoxes = service?.deliversToPOBoxes ?? false
        anyZoneCost = service?.cost.values.map(\.amount).max() ?? 0
        let zones = (service.map { Array($0.transitDays.keys) + Array($0.cost.keys) } ?? []).filter {
            (0..<256).contains($0)
        }
        let count = (zones.max() ?? -1) + 1
        transit = (0..<count).map { service?.transitDays[$0] }
        costs = (0..<count).map { service?.cost[$0]?.amount }
    }

    /// `service.transitDays[zone]`.
    func transitDays(_ zone: Int) -> Int? {
        zone >= 0 && zone < transit.count ? transit[zone] : service?.transitDays[zone]
    }

    /// `service.cost[zone]?.amount`.
    func cost(_ zone: Int) -> Decimal? {
        zone >= 0 && zone < costs.count ? costs[zone] : service?.cost[zone]?.amount
    }
}

/// The stock row of every catalog item in one stock's row table (-1 for an item it has never held), by item number
/// and by the item's slot in the catalog index. A line found through the index reads its row by slot: the slot's
/// position is known from the SKU's hash alone, so the row can be fetched alongside the slot, not after it.
struct CatalogStockRows: Sendable {
    /// The row assignment this was worked out from.
    let layout: StockLevels.Layout
    let byItem: [Int32]
    let bySlot: [Int32]

    /// Where `line`'s row starts in levels `width` slots wide (`row * width`), or -1.
    func offset(of line: ResolvedLine, width: Int) -> Int {
        let row = line.catalogSlot >= 0 ? bySlot[line.catalogSlot] : byItem[line.item]
        return row < 0 ? -1 : Int(row) * width
    }
}
