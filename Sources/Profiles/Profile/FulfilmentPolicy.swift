public import Orders
internal import Yams

/// How complete an order must ship, and from how many places.
public struct FulfilmentPolicy: Hashable, Sendable, Codable {
    public var fill: Fill
    /// The most shipments (distinct nodes) one order may leave in. Order-level fill-or-kill is always 1.
    public var maxShipments: Int
    /// Whether lines without stock may wait, and for how long; nil forbids backorders.
    public var backorder: ProfileDuration?

    public enum Fill: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        /// The whole order ships from one node, or all of it is cancelled.
        case orderFillOrKill = "order-fill-or-kill"
        /// Each line ships complete or that line is cancelled; no backorders.
        case lineFillOrKill = "line-fill-or-kill"
        /// Every line ships, in up to `maxShipments` shipments.
        case shipComplete = "ship-complete"
    }

    public init(fill: Fill = .shipComplete, maxShipments: Int = 1, backorder: ProfileDuration? = nil) {
        self.fill = fill
        self.maxShipments = fill == .orderFillOrKill ? 1 : maxShipments
        self.backorder = backorder
    }

    public var allowsSplits: Bool { maxShipments > 1 }
}

/// Who chooses the ship-from node.
public enum RoutingAuthority: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
    /// The supplier may send the order to any allowed DC.
    case supplier
    /// The PO names the node (`N1*SF`); rerouting is forbidden, cancelling before the ack deadline is the only lever.
    case retailerAssigned = "retailer-assigned"
}

/// Which nodes may ship this retailer's orders and in which order they are tried.
public struct Sourcing: Hashable, Sendable, Codable {
    public var primary: DCID?
    public var alternates: [DCID]
    public var strategy: Strategy

    public enum Strategy: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        /// Primary first, then the alternates as listed.
        case profileOrder = "profile-order"
        /// Shortest distance to the ship-to.
        case nearest
        /// Earliest expected delivery.
        case fastest
        /// Lowest landed cost: pick/pack plus shipping by zone.
        case cheapest
        /// The nodes' own `priority` numbers, lowest first.
        case priority
    }

    public init(primary: DCID? = nil, alternates: [DCID] = [], strategy: Strategy = .profileOrder) {
        self.primary = primary
        self.alternates = alternates
        self.strategy = strategy
    }

    /// The nodes in profile order; empty means every node of the network.
    public var listed: [DCID] { (primary.map { [$0] } ?? []) + alternates.filter { $0 != primary } }
}

extension FulfilmentPolicy: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> FulfilmentPolicy? {
        guard let f = d.fields(node, path: path, keys: ["fill", "max-shipments", "backorder"]) else { return nil }
        guard let fill: Fill = d.required(f, "fill") else { return nil }
        let maxShipments: Int = d.value(f, "max-shipments", default: 1)
        if maxShipments < 1 {
            d.report("max-shipments must be at least 1", at: f["max-shipments"], path: f.path("max-shipments"))
        } else if fill == .orderFillOrKill, maxShipments > 1 {
            d.report(
                "order-fill-or-kill ships from one node; max-shipments must be 1", at: f["max-shipments"],
                path: f.path("max-shipments"))
        }
        var backorder: ProfileDuration?
        if let value = f["backorder"], value.scalar?.string != "none" {
            backorder = d.optional(f, "backorder")
            if backorder != nil, fill != .shipComplete {
                d.report("\(fill.rawValue) allows no backorders", at: value, path: f.path("backorder"))
            }
        }
        return FulfilmentPolicy(fill: fill, maxShipments: max(1, maxShipments), backorder: backorder)
    }
}

extension Sourcing: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Sourcing? {
        guard let f = d.fields(node, path: path, keys: ["primary", "alternates", "strategy"]) else { return nil }
        if let primary = f["primary"]?.scalar?.string {
            d.check(primary, in: d.nodeIDs, what: "DC", at: f["primary"], path: f.path("primary"))
        }
        for (index, item) in (f["alternates"]?.sequence.map(Array.init) ?? []).enumerated() {
            if let text = item.scalar?.string {
                d.check(text, in: d.nodeIDs, what: "DC", at: item, path: f.path("alternates") + "[\(index)]")
            }
        }
        return Sourcing(
            primary: d.optional(f, "primary"), alternates: d.value(f, "alternates", default: []),
            strategy: d.value(f, "strategy", default: .profileOrder))
    }
}
