public import Orders

/// POs of one retailer alike in everything the scorecard counts, counted by the store's SQL: the same nodes, outcome
/// and fees avoided, received on the same day, due on the same day with the same ship verdict, and owing an ASN on
/// the same day with the same ASN verdict. Only a plain PO is counted so (no floor or retailer cancel; no shipment, or
/// one from its one node); every other PO comes back as a `ScorecardRecord`
/// (`ScorecardCounts.records`), to be counted one by one.
public struct ScorecardCount: Hashable, Sendable {
    /// Whether a deadline was kept, as of the read's `asOf`: `ScorecardOrder.shipVerdict(asOf:)` and
    /// `asnVerdict(asOf:)` in SQL.
    public enum Verdict: String, Hashable, Sendable {
        case onTime = "O"
        case late = "L"
        case pending = "P"
    }

    public var retailer: RetailerID
    /// The decision's nodes (none for a rejected PO); a PO that shipped has one, which its shipment left from.
    public var nodes: [DCID]
    public var outcome: DecisionOutcome?
    /// The first decision's fees avoided, each PO's (nil: none).
    public var feesAvoided: Money?
    /// The day of the month (0-based, in the retailer's `days`) the POs were received, ship-by fell and the ASN was
    /// due on; nil outside the month (or, for ship-by and ASN, with none).
    public var receivedDay: Int?
    public var shipByDay: Int?
    /// nil: nothing to judge (no ship-by, or nothing shipped and nothing left to ship).
    public var shipVerdict: Verdict?
    public var asnDay: Int?
    /// nil: no ASN due (no shipment, or a retailer that wants none).
    public var asnVerdict: Verdict?
    /// POs, the units they ordered, those of them the first decision cancelled units of, and those units.
    public var orders: Int
    public var units: Int
    public var cancelledOrders: Int
    public var cancelledUnits: Int
    /// Whether their shipment was made in the month by the read's `asOf` (with a carrier the profile allows: one
    /// flagged otherwise is not a plain PO).
    public var shipped: Bool

    public init(
        retailer: RetailerID, nodes: [DCID], outcome: DecisionOutcome?, feesAvoided: Money?, receivedDay: Int?,
        shipByDay: Int?, shipVerdict: Verdict?, asnDay: Int?, asnVerdict: Verdict?, orders: Int, units: Int,
        cancelledOrders: Int, cancelledUnits: Int, shipped: Bool = false
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

/// A window's POs as the scorecard counts them: the plain ones counted in SQL, the others as records. Together they
/// are exactly the POs `scorecardRecords` reads, each once.
public struct ScorecardCounts: Hashable, Sendable {
    public var counts: [ScorecardCount]
    public var records: [ScorecardRecord]

    public init(counts: [ScorecardCount], records: [ScorecardRecord]) {
        self.counts = counts
        self.records = records
    }
}
