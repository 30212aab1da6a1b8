public import Foundation
public import Orders
internal import Yams

/// Everything a retailer's vendor compliance guide says that changes what the gateway does. One file per retailer in
/// `retailer-profiles/`, read by `RetailerProfile.read`; every field has the default `profiles show` prints.
public struct RetailerProfile: Hashable, Sendable, Codable {
    public var id: RetailerID
    public var name: String
    /// A profile styled on public requirements, not a real contract.
    public var sample: Bool
    public var identity: PartnerIdentities
    public var documents: DocumentRules
    public var shipSLA: ShipSLA
    public var fulfilment: FulfilmentPolicy
    public var routingAuthority: RoutingAuthority
    public var sourcing: Sourcing
    /// Ship methods the retailer may send, mapped to our services; a PO's method must match one.
    public var carriers: [CarrierMapping]
    /// Lower-48-only and similar programs.
    public var shipTo: ShipToRules
    public var items: ItemRules
    public var fees: FeeSchedule
    public var reasonCodes: ReasonCodes
    public var feed: FeedSettings?
    /// What a repeated PO number does (`orders.duplicates`).
    public var orders: OrderRules

    public init(
        id: RetailerID, name: String, sample: Bool = false, identity: PartnerIdentities = PartnerIdentities(),
        documents: DocumentRules = DocumentRules(), shipSLA: ShipSLA, fulfilment: FulfilmentPolicy = FulfilmentPolicy(),
        routingAuthority: RoutingAuthority = .supplier, sourcing: Sourcing = Sourcing(),
        carriers: [CarrierMapping] = [],
        shipTo: ShipToRules = ShipToRules(), items: ItemRules = ItemRules(), fees: FeeSchedule = FeeSchedule(),
        reasonCodes: ReasonCodes = ReasonCodes(), feed: FeedSettings? = nil, orders: OrderRules = OrderRules()
    ) {
        self.id = id
        self.name = name
        self.sample = sample
        self.identity = identity
        self.documents = documents
        self.shipSLA = shipSLA
        self.fulfilment = fulfilment
        self.routingAuthority = routingAuthority
        self.sourcing = sourcing
        self.carriers = carriers
        self.shipTo = shipTo
        self.items = items
        self.fees = fees
        self.reasonCodes = reasonCodes
        self.feed = feed
        self.orders = orders
    }

    /// The first mapping that matches the PO's ship method, in file order.
    public func carrierMapping(for method: ShipMethod) -> CarrierMapping? {
        carriers.first { $0.matches(method) }
    }

    /// The retailer's time zone: the one its SLA cutoff is written in.
    public var timeZone: TimeZone { shipSLA.timeZone }
}

extension RetailerProfile {
    static let keys = [
        "id", "name", "sample", "identity", "documents", "ship-sla", "fulfilment", "routing-authority",
        "sourcing", "carriers", "ship-to", "items", "fees", "reason-codes", "feed", "orders",
    ]

    /// Reads a profile document; `fallbackID` (the file name without extension) is used when `id` is absent.
    static func read(_ node: Node, fallbackID: String, _ d: inout Diagnostics) -> RetailerProfile? {
        guard let f = d.fields(node, path: "", keys: keys) else { return nil }
        let id: RetailerID = d.value(f, "id", default: RetailerID(fallbackID))
        let name: String? = d.required(f, "name")
        let sla: ShipSLA? = d.required(f, "ship-sla")
        let identity: PartnerIdentities = d.value(f, "identity", default: PartnerIdentities())
        let documents: DocumentRules = d.value(f, "documents", default: DocumentRules())
        let fulfilment: FulfilmentPolicy = d.value(f, "fulfilment", default: FulfilmentPolicy())
        let authority: RoutingAuthority = d.value(f, "routing-authority", default: .supplier)
        let sourcing: Sourcing = d.value(f, "sourcing", default: Sourcing())
        let carriers: [CarrierMapping] = d.value(f, "carriers", default: [])
        let shipTo: ShipToRules = d.value(f, "ship-to", default: ShipToRules())
        let items: ItemRules = d.value(f, "items", default: ItemRules())
        let fees: FeeSchedule = d.value(f, "fees", default: FeeSchedule())
        let reasonCodes: ReasonCodes = d.value(f, "reason-codes", default: ReasonCodes())
        let feed: FeedSettings? = d.optional(f, "feed")
        let orders: OrderRules = d.value(f, "orders", default: OrderRules())
        let sample: Bool = d.value(f, "sample", default: false)
        if carriers.isEmpty, f["carriers"] == nil {
            d.report("missing required key 'carriers' (the ship methods this retailer may send)", at: node, path: "")
        }
        if authority == .retailerAssigned, sourcing.primary != nil {
            d.report(
                "a retailer-assigned program names its node on each PO; list the nodes it may assign under "
                    + "'alternates', not 'primary'", at: f["sourcing"], path: "sourcing")
        }
        if feed?.acceptedOn == .functionalAcknowledgement,
            !documents.sends.contains(.x997) && !documents.sends.contains(.x999)
        {
            d.report(
                "accepted-on: 997, but documents.sends lists no 997 or 999: no feed run would ever count as accepted",
                at: f["feed"]?["accepted-on"], path: "feed.accepted-on")
        }
        guard let name, let sla else { return nil }
        return RetailerProfile(
            id: id, name: name, sample: sample, identity: identity, documents: documents, shipSLA: sla,
            fulfilment: fulfilment, routingAuthority: authority, sourcing: sourcing, carriers: carriers, shipTo: shipTo,
            items: items, fees: fees, reasonCodes: reasonCodes, feed: feed, orders: orders)
    }
}
