public import Foundation
public import Orders

/// One PO as the scorecard counts it: plain facts read from the store's tables (never the order's or the
/// explanation's JSON), so that a month of a million POs is read and counted in seconds.
public struct ScorecardOrder: Hashable, Sendable {
    /// The store's order id: only to tell POs apart.
    public var id: Int64
    public var retailer: RetailerID
    public var receivedAt: Date
    /// Units the PO ordered.
    public var units: Int
    /// The decision now in force (nil when none is recorded), its nodes and ship-by deadline.
    public var outcome: DecisionOutcome?
    public var nodes: [DCID]
    public var shipBy: Date?
    public var progress: Progress
    /// Units the first decision cancelled (for stock, fill-or-kill; none for a reject).
    public var cancelledUnits: Int
    /// Units cancelled from the floor, per node.
    public var floorCancelledUnits: [DCID: Int]
    /// What the first decision avoided by rerouting, and what it incurred knowingly.
    public var feesAvoided: Money?
    public var feesIncurred: Money?
    /// The retailer cancelled (part of) the PO itself, by a change request we accepted: not our cancel, and not a
    /// late shipment of what it took back.
    public var cancelledByRetailer: Bool
    public var shipments: [Shipment]
    /// The PO number, and the PO's extended value (`PurchaseOrder.extendedTotal`), what a fee that is a share of the
    /// order's value is a share of; nil when not read (the store reads them only for a retailer with such a fee).
    public var poNumber: PONumber?
    public var value: Money?
    /// What the units we cancelled (`ourCancelledUnits`) were worth at the PO's prices: what a cancel-for-stock fee
    /// that is a share of value is a share of, as routing charges it. Read with `value`.
    public var cancelledValue: Money?

    /// Where the PO stands toward the warehouse.
    public enum Progress: String, Hashable, Sendable, Codable {
        /// Decided or with the warehouse: something is still to ship.
        case open
        /// Everything handed to the warehouse has shipped (some of it may have been cancelled from the floor).
        case shipped
        /// Everything handed to the warehouse was cancelled from the floor: nothing shipped.
        case cancelled
    }

    public struct Shipment: Hashable, Sendable {
        public var node: DCID
        public var shippedAt: Date
        /// When its ASN was due (nil for a retailer that wants none), and when the ASN was delivered (nil: not yet).
        public var asnDue: Date?
        public var asnDeliveredAt: Date?
        /// Whether it went with a carrier service the profile maps the PO's ship method to (its review flagged no
        /// unauthorized carrier).
        public var carrierCompliant: Bool

        public init(
            node: DCID, shippedAt: Date, asnDue: Date?, asnDeliveredAt: Date?, carrierCompliant: Bool = true
        ) {
            self.node = node
            self.shippedAt = shippedAt
            self.asnDue = asnDue
            self.asnDeliveredAt = asnDeliveredAt
            self.carrierCompliant = carrierCompliant
        }
    }

    public init(
        id: Int64, retailer: RetailerID, receivedAt: Date, units: Int, outcome: DecisionOutcome?, nodes: [DCID],
        shipBy: Date?, progress: Progress, cancelledUnits: Int = 0, floorCancelledUnits: [DCID: Int] = [:],
        feesAvoided: Money? = nil, feesIncurred: Money? = nil, cancelledByRetailer: Bool = false,
        shipments: [Shipment] = [], poNumber: PONumber? = nil, value: Money? = nil, cancelledValue: Money? = nil
    ) {
        self.cancelledValue = cancelledValue
        self.id = id
        self.retailer = retailer
        self.receivedAt = receivedAt
        self.units = units
        self.outcome = outcome
        self.nodes = nodes
        self.shipBy = shipBy
        self.progress = progress
        self.cancelledUnits = cancelledUnits
        self.floorCancelledUnits = floorCancelledUnits
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
        self.cancelledByRetailer = cancelledByRetailer
        self.shipments = shipments
        self.poNumber = poNumber
        self.value = value
    }

    /// The nodes the PO counts for: its decision's, and any it shipped or was cancelled from besides.
    public var countedNodes: [DCID] {
        // Most POs ship from their one node and were cancelled from none: no set to build.
        if nodes.count == 1, floorCancelledUnits.isEmpty, shipments.allSatisfy({ $0.node == nodes[0] }) {
            return nodes
        }
        var all = Set(nodes)
        for shipment in shipments { all.insert(shipment.node) }
        for node in floorCancelledUnits.keys { all.insert(node) }
        return all.sorted()
    }

    /// Units we cancelled: by the first decision and from the floor; the retailer's own cancels are not ours.
    public var ourCancelledUnits: Int { cancelledUnits + floorCancelledUnits.values.reduce(0, +) }

    /// Units we cancelled that count for `node`: the first decision's (the PO counts for each of its nodes) and the
    /// floor's at that node.
    public func ourCancelledUnits(at node: DCID) -> Int { cancelledUnits + (floorCancelledUnits[node] ?? 0) }
}
