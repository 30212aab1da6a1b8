import Foundation
internal import OrderXML
import Orders
internal import Yams

extension FulfilmentNode.Kind: YAMLEnum {}
extension FulfilmentNode.Capability: YAMLEnum {}

extension Coordinates: YAMLReadable {
    /// `[40.5187, -74.4121]`: latitude, longitude.
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Coordinates? {
        guard let pair: [Double] = [Double].read(node, path: path, &d) else { return nil }
        guard pair.count == 2, (-90...90).contains(pair[0]), (-180...180).contains(pair[1]) else {
            d.report("expected [latitude, longitude] within ±90 and ±180", at: node, path: path)
            return nil
        }
        return Coordinates(latitude: pair[0], longitude: pair[1])
    }
}

extension Address: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Address? {
        guard let f = d.fields(node, path: path, keys: ["lines", "city", "region", "postal-code", "country"]) else {
            return nil
        }
        return Address(
            lines: d.value(f, "lines", default: []), city: d.optional(f, "city"),
            region: d.optional(f, "region"), postalCode: d.required(f, "postal-code"),
            country: d.value(f, "country", default: "US"))
    }
}

extension Closure: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Closure? {
        guard let f = d.fields(node, path: path, keys: ["from", "until", "reason"]) else { return nil }
        guard let from: CalendarDate = d.required(f, "from"), let until: CalendarDate = d.required(f, "until") else {
            return nil
        }
        if until < from {
            d.report("the closure ends (\(until)) before it starts (\(from))", at: f["until"], path: f.path("until"))
        }
        return Closure(from: from, until: until, reason: d.optional(f, "reason"))
    }
}

extension DailyCapacity: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> DailyCapacity? {
        guard let f = d.fields(node, path: path, keys: ["orders", "units"]) else { return nil }
        guard let orders: Int = d.required(f, "orders"), let units: Int = d.required(f, "units") else { return nil }
        for (key, value) in [("orders", orders), ("units", units)] where value < 0 {
            d.report("capacity cannot be negative", at: f[key], path: f.path(key))
        }
        return DailyCapacity(orders: orders, units: units)
    }
}

extension NodeService: YAMLReadable {
    /// `{ service: ups-ground, cutoff: "15:00" }`.
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> NodeService? {
        guard let f = d.fields(node, path: path, keys: ["service", "cutoff"]) else { return nil }
        guard let service: CarrierServiceID = d.required(f, "service"), let cutoff: TimeOfDay = d.required(f, "cutoff")
        else { return nil }
        return NodeService(service: service, cutoff: cutoff)
    }
}

extension NodeCosts: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> NodeCosts? {
        guard let f = d.fields(node, path: path, keys: ["per-order", "per-unit"]) else { return nil }
        guard let order: Money = d.required(f, "per-order"), let unit: Money = d.required(f, "per-unit") else {
            return nil
        }
        for (key, money) in [("per-order", order), ("per-unit", unit)] where money.amount < 0 {
            d.report("a cost cannot be negative, got \(money)", at: f[key], path: f.path(key))
        }
        return NodeCosts(perOrder: order, perUnit: unit)
    }
}

extension FulfilmentNode {
    static let keys = [
        "id", "name", "kind", "address", "coordinates", "time-zone", "enabled", "closed", "calendar",
        "capacity", "services", "capabilities", "costs", "priority", "pickup-ready", "pick-tickets",
    ]

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> FulfilmentNode? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let id: DCID? = d.required(f, "id")
        let name: String? = d.required(f, "name")
        let address: Address? = d.required(f, "address")
        let coordinates: Coordinates? = d.required(f, "coordinates")
        let zone: TimeZone? = d.required(f, "time-zone")
        let capacity: DailyCapacity? = d.required(f, "capacity")
        let services: [NodeService]? = d.required(f, "services")
        let costs: NodeCosts? = d.required(f, "costs")
        guard let id, let name, let address, let coordinates, let zone, let capacity, let services, let costs else {
            return nil
        }
        let pickTickets: DeliveryEndpoint? = d.optional(f, "pick-tickets")
        var fulfilmentNode = FulfilmentNode(
            id: id, name: name, kind: d.value(f, "kind", default: .dc), address: address, coordinates: coordinates,
            timeZone: zone, enabled: d.value(f, "enabled", default: true), closures: d.value(f, "closed", default: []),
            calendar: d.value(f, "calendar", default: BusinessCalendar()), capacity: capacity, services: services,
            capabilities: d.value(f, "capabilities", default: []), costs: costs,
            priority: d.value(f, "priority", default: 100), pickupReady: d.optional(f, "pickup-ready"))
        fulfilmentNode.pickTickets = pickTickets
        return fulfilmentNode
    }
}

extension CarrierService {
    static func read(_ node: Node, id: CarrierServiceID, path: String, _ d: inout Diagnostics) -> CarrierService? {
        guard let f = d.fields(node, path: path, keys: ["carrier", "scac", "transit-days", "cost", "po-boxes"]) else {
            return nil
        }
        guard let carrier: String = d.required(f, "carrier"), let transit: [Int: Int] = d.required(f, "transit-days"),
            let cost: [Int: Money] = d.required(f, "cost")
        else { return nil }
        for (zone, days) in transit where days < 0 {
            d.report(
                "zone \(zone): transit days cannot be negative", at: f["transit-days"], path: f.path("transit-days"))
        }
        for (zone, money) in cost where money.amount < 0 {
            d.report("zone \(zone): a cost cannot be negative, got \(money)", at: f["cost"], path: f.path("cost"))
        }
        let scac: String? = d.optional(f, "scac")
        if let scac,
            !(2...4).contains(scac.count) || !scac.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        {
            d.report("a SCAC is 2 to 4 capital letters or digits, got '\(scac)'", at: f["scac"], path: f.path("scac"))
        }
        return CarrierService(
            id: id, carrier: carrier, scac: scac, transitDays: transit, cost: cost,
            deliversToPOBoxes: d.value(f, "po-boxes", default: false))
    }
}

extension Zip3Region: YAMLReadable {
    /// `{ zip3: 100-149, state: NY, at: [40.8, -73.9] }`.
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Zip3Region? {
        guard let f = d.fields(node, path: path, keys: ["zip3", "state", "at"]) else { return nil }
        guard let text: String = d.required(f, "zip3"), let state: String = d.required(f, "state"),
            let at: Coordinates = d.required(f, "at")
        else { return nil }
        let bounds = text.split(separator: "-").compactMap { Int($0) }
        guard (1...2).contains(bounds.count), let low = bounds.first, let high = bounds.last, low <= high, high <= 999
        else {
            d.report("expected a ZIP3 or a range like '100-149', got '\(text)'", at: f["zip3"], path: f.path("zip3"))
            return nil
        }
        return Zip3Region(zip3: low...high, state: state, coordinates: at)
    }
}

extension ZoneBand: YAMLReadable {
    /// `{ zone: 2, up-to: 150 mi }`.
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ZoneBand? {
        guard let f = d.fields(node, path: path, keys: ["zone", "up-to"]) else { return nil }
        guard let zone: Int = d.required(f, "zone"), let text: String = d.required(f, "up-to") else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[1] == "mi", let miles = Double(parts[0]), miles > 0 else {
            d.report("expected a distance like '150 mi', got '\(text)'", at: f["up-to"], path: f.path("up-to"))
            return nil
        }
        return ZoneBand(zone: zone, upToMiles: miles)
    }
}

extension Network {
    static let keys = ["nodes", "services", "zones", "regions", "supplier"]

    /// The node ids and carrier service ids the file declares, whether or not each entry reads clean: references
    /// are checked against these, so that a problem inside one entry (a bad time zone) is reported once, at its
    /// place, and not again as an unknown DC or service at every reference to it.
    static func declaredIDs(_ root: Node) -> (nodes: [String], services: [String]) {
        let nodes = root["nodes"]?.sequence.map { Array($0).compactMap { $0["id"]?.scalar?.string } } ?? []
        let services = root["services"]?.mapping.map { $0.compactMap { $0.key.scalar?.string } } ?? []
        return (nodes, services.sorted())
    }

    static func read(_ node: Node, _ d: inout Diagnostics) -> Network? {
        guard let f = d.fields(node, path: "", keys: keys) else { return nil }
        let declaredServices = declaredIDs(node).services
        var services: [CarrierServiceID: CarrierService] = [:]
        if let servicesNode = f["services"], case .mapping(let mapping) = servicesNode {
            for (key, value) in mapping {
                guard let id = CarrierServiceID.read(key, path: "services", &d) else { continue }
                if let service = CarrierService.read(value, id: id, path: "services.\(id)", &d) {
                    services[id] = service
                }
            }
        } else {
            d.report(
                "missing required key 'services' (a mapping of carrier services)", at: f["services"] ?? node,
                path: "", kind: .missingKey)
        }
        let zones: [ZoneBand] = d.value(f, "zones", default: [])
        let regions: [Zip3Region] = d.value(f, "regions", default: [])
        var nodes: [FulfilmentNode] = []
        if let list = f["nodes"], case .sequence(let sequence) = list {
            var seen: Set<DCID> = []
            for (index, item) in sequence.enumerated() {
                guard let fulfilmentNode = FulfilmentNode.read(item, path: "nodes[\(index)]", &d) else { continue }
                if !seen.insert(fulfilmentNode.id).inserted {
                    d.report(
                        "node id '\(fulfilmentNode.id)' is used twice", at: item["id"] ?? item,
                        path: "nodes[\(index)].id", kind: .conflict)
                }
                for (serviceIndex, service) in fulfilmentNode.services.enumerated()
                where !declaredServices.contains(service.service.rawValue) {
                    var message = "unknown carrier service '\(service.service)'"
                    if let near = nearest(to: service.service.rawValue, in: declaredServices) {
                        message += "; did you mean '\(near)'?"
                    }
                    let serviceNode = item["services"]?.sequence?[serviceIndex]
                    d.report(
                        message, at: serviceNode?["service"] ?? item, path: "nodes[\(index)].services[\(serviceIndex)]",
                        kind: .unknownReference)
                }
                nodes.append(fulfilmentNode)
            }
        } else {
            d.report(
                "missing required key 'nodes' (a list of nodes)", at: f["nodes"] ?? node, path: "", kind: .missingKey)
        }
        return Network(
            nodes: nodes, services: services, zones: zones.sorted { $0.upToMiles < $1.upToMiles },
            regions: regions, supplier: d.optional(f, "supplier"))
    }
}

extension Network.Supplier: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Network.Supplier? {
        guard let f = d.fields(node, path: path, keys: ["name", "x12-interchange", "x12-group"]),
            let name: String = d.required(f, "name")
        else { return nil }
        let interchange: PartnerIdentity? = d.optional(f, "x12-interchange")
        if let interchange, interchange.qualifier.count != 2 || interchange.id.count > 15 {
            d.report(
                "ISA qualifier must be 2 characters and the id at most 15, got '\(interchange)'",
                at: f["x12-interchange"], path: f.path("x12-interchange"))
        }
        return Network.Supplier(name: name, x12Interchange: interchange, x12Group: d.optional(f, "x12-group"))
    }
}
