public import Orders
internal import Yams

/// One of our carrier accounts and service levels (`ups-ground`, `fedex-home`), as the network defines them.
public struct CarrierServiceID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Not a carrier: the consumer collects the order at a store (pickup and curbside programs).
    public static let storePickup = CarrierServiceID("store-pickup")
}

/// A ship method the retailer may put on a PO, and the carrier services of ours that fulfil it. Every field that is
/// given must match the PO (case and surrounding spaces ignored); fields left out match anything.
public struct CarrierMapping: Hashable, Sendable, Codable {
    /// TD503.
    public var scac: String?
    /// TD512.
    public var serviceLevel: String?
    /// TD505 or cXML `Shipping/Description`.
    public var routing: String?
    /// Our services, in order of preference; a node may use any it has.
    public var services: [CarrierServiceID]

    public init(
        scac: String? = nil, serviceLevel: String? = nil, routing: String? = nil,
        services: [CarrierServiceID]
    ) {
        self.scac = scac
        self.serviceLevel = serviceLevel
        self.routing = routing
        self.services = services
    }

    public func matches(_ method: ShipMethod) -> Bool {
        func same(_ wanted: String?, _ actual: String?) -> Bool {
            guard let wanted else { return true }
            guard let actual else { return false }
            if wanted == actual { return true }
            return wanted.trimmingSpaces.uppercased() == actual.trimmingSpaces.uppercased()
        }
        return same(scac, method.carrierSCAC) && same(serviceLevel, method.serviceLevel)
            && same(routing, method.routing)
    }

    public var label: String {
        [scac, serviceLevel, routing].compactMap { $0 }.joined(separator: " / ")
    }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}

/// Where a retailer lets us ship. Each flag allows one kind of destination that is refused by default.
public struct ShipToRules: Hashable, Sendable, Codable {
    public var poBoxes: Bool
    /// APO/FPO/DPO addresses (state AA, AE, AP).
    public var military: Bool
    public var alaskaHawaii: Bool
    /// Puerto Rico, Guam, the Virgin Islands and the other US territories.
    public var territories: Bool
    public var nonUS: Bool

    public init(
        poBoxes: Bool = false, military: Bool = false, alaskaHawaii: Bool = true, territories: Bool = false,
        nonUS: Bool = false
    ) {
        self.poBoxes = poBoxes
        self.military = military
        self.alaskaHawaii = alaskaHawaii
        self.territories = territories
        self.nonUS = nonUS
    }
}

/// What a retailer's PO lines may ask for.
public struct ItemRules: Hashable, Sendable, Codable {
    /// A SKU (or UPC) not in our catalog rejects the order; there is no other sane answer.
    public var maxUnitsPerLine: Int?
    public var maxUnitsPerOrder: Int?
    public var maxLines: Int?
    /// Lines must carry a unit price.
    public var requirePrices: Bool
    /// Carried onto the pick ticket.
    public var packingSlip: Bool
    public var giftMessages: Bool

    public init(
        maxUnitsPerLine: Int? = nil, maxUnitsPerOrder: Int? = nil, maxLines: Int? = nil,
        requirePrices: Bool = false, packingSlip: Bool = true, giftMessages: Bool = false
    ) {
        self.maxUnitsPerLine = maxUnitsPerLine
        self.maxUnitsPerOrder = maxUnitsPerOrder
        self.maxLines = maxLines
        self.requirePrices = requirePrices
        self.packingSlip = packingSlip
        self.giftMessages = giftMessages
    }
}

extension CarrierServiceID: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> CarrierServiceID {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ValueProblem("a carrier service id is letters, digits and dashes, got '\(text)'")
        }
        return CarrierServiceID(text)
    }
}

extension CarrierMapping: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> CarrierMapping? {
        guard let f = d.fields(node, path: path, keys: ["scac", "service-level", "routing", "services"]) else {
            return nil
        }
        guard let services: [CarrierServiceID] = d.required(f, "services") else { return nil }
        if services.isEmpty { d.report("name at least one service", at: f["services"], path: f.path("services")) }
        for (index, item) in (f["services"]?.sequence.map(Array.init) ?? []).enumerated() {
            if let text = item.scalar?.string {
                d.check(
                    text, in: d.serviceIDs, what: "carrier service", at: item,
                    path: f.path("services") + "[\(index)]")
            }
        }
        let mapping = CarrierMapping(
            scac: d.optional(f, "scac"), serviceLevel: d.optional(f, "service-level"),
            routing: d.optional(f, "routing"), services: services)
        if mapping.scac == nil, mapping.serviceLevel == nil, mapping.routing == nil {
            d.report("give at least one of scac, service-level, routing to match", at: node, path: path)
        }
        return mapping
    }
}

extension ShipToRules: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ShipToRules? {
        let keys = ["po-boxes", "military", "alaska-hawaii", "territories", "non-us"]
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let base = ShipToRules()
        return ShipToRules(
            poBoxes: d.value(f, "po-boxes", default: base.poBoxes), military: d.value(f, "military", default: false),
            alaskaHawaii: d.value(f, "alaska-hawaii", default: base.alaskaHawaii),
            territories: d.value(f, "territories", default: false), nonUS: d.value(f, "non-us", default: false))
    }
}

extension ItemRules: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ItemRules? {
        let keys = [
            "max-units-per-line", "max-units-per-order", "max-lines", "require-prices", "packing-slip",
            "gift-messages",
        ]
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let rules = ItemRules(
            maxUnitsPerLine: d.optional(f, "max-units-per-line"),
            maxUnitsPerOrder: d.optional(f, "max-units-per-order"),
            maxLines: d.optional(f, "max-lines"), requirePrices: d.value(f, "require-prices", default: false),
            packingSlip: d.value(f, "packing-slip", default: true),
            giftMessages: d.value(f, "gift-messages", default: false))
        for key in ["max-units-per-line", "max-units-per-order", "max-lines"] {
            if let value: Int = f[key].flatMap({ Int($0.scalar?.string ?? "") }), value < 1 {
                d.report("must be at least 1", at: f[key], path: f.path(key))
            }
        }
        return rules
    }
}
