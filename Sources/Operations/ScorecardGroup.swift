public import Foundation
public import Orders

/// POs of one retailer that the scorecard counts alike, counted by the store: no floor or retailer cancel, no
/// shipment or one from their one node, and the same nodes, outcome, fees avoided, day of receipt, day and
/// verdict of ship-by, and day and verdict of the ASN. Counting the group is counting each of its POs as a
/// `ScorecardOrder`: `Scorecard.compute(_:orders:profiles:month:asOf:)` gives what `compute` over the POs gives.
public struct ScorecardGroup: Hashable, Sendable {
    public var retailer: RetailerID
    /// The decision's nodes, the ones the POs count for (none for a rejected PO): a PO that shipped has one, and
    /// its shipment left from it.
    public var nodes: [DCID]
    public var outcome: DecisionOutcome?
    /// Each PO's fees avoided (nil: none).
    public var feesAvoided: Money?
    /// Days of the month, 0-based in the retailer's zone (`ScorecardMonth.dayStarts(in:)`): when the POs were
    /// received, when their ship-by fell, when their ASN was due; nil outside the month or with none.
    public var receivedDay: Int?
    public var shipByDay: Int?
    /// The POs' `ScorecardOrder.shipVerdict(asOf:)` and their shipment's `asnVerdict(asOf:)` (nil: none).
    public var shipVerdict: DeadlineVerdict?
    public var asnDay: Int?
    public var asnVerdict: DeadlineVerdict?
    /// POs, the units they ordered, those of them with units cancelled by their first decision, and those units.
    public var orders: Int
    public var units: Int
    public var cancelledOrders: Int
    public var cancelledUnits: Int
    /// Whether their shipment was made in the month by `asOf`, with a carrier the profile allows.
    public var shipped: Bool

    public init(
        retailer: RetailerID, nodes: [DCID], outcome: DecisionOutcome?, feesAvoided: Money?, receivedDay: Int?,
        shipByDay: Int?, shipVerdict: DeadlineVerdict?, asnDay: Int?, asnVerdict: DeadlineVerdict?, orders: Int,
        units: Int, cancelledOrders: Int, cancelledUnits: Int, shipped: Bool = false
    ) {
        self.retailer = retailer
        self.nodes = nodes
        self.outcome = outcome
        self.feesAvoided = feesAvoided
        self.receivedDay = receivedDay
        self.shipByDay = shipByDay
        self.shipVerdict = shipVerdict
        self.asnDay = asnDay
        self.asnVerdict = asnVerdict
        self.orders = orders
        self.units = units
        self.cancelledOrders = cancelledOrders
        self.cancelledUnits = cancelledUnits
        self.shipped = shipped
    }
}
