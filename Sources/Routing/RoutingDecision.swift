public import Foundation
public import Orders
public import Profiles

/// What routing decided for one PO, with the plan and every reason. A value: it can be stored, replayed against the
/// same inputs, rendered for a terminal or encoded as JSON. It holds no router: its sentences are written when read
/// from facts it carries as plain values, and it compares and hashes by its fields (those facts included), never by
/// the text they would read as.
public struct RoutingDecision: Hashable, Sendable, Codable {
    public var poNumber: PONumber
    public var retailer: RetailerID
    /// The clock value the decision was made at (an input, never read inside routing).
    public var decidedAt: Date
    public var outcome: Outcome
    public var shipments: [Shipment]
    /// Lines that will not ship, with the retailer's reason code (line-level fill-or-kill cancels some lines of an
    /// order that otherwise ships).
    public var cancelledLines: [CancelledLine] {
        get { lazyCancelledLines.elements }
        set { lazyCancelledLines = LazyList(newValue) }
    }
    var lazyCancelledLines: LazyList<CancelledLine>
    public var backorderedLines: [BackorderedLine]
    /// Why the order was rejected before sourcing; empty unless the outcome is `reject`.
    public var rejections: [Rejection]
    public var deadlines: Deadlines?
    public var fees: FeeAssessment
    /// Every rule checked, in order, passed or not.
    public var checks: [RuleCheck] {
        get { lazyChecks.elements }
        set { lazyChecks = LazyList(newValue) }
    }
    var lazyChecks: LazyList<RuleCheck>
    /// Every node considered, in the order the strategy ranked them, with why it was or was not chosen.
    public var nodes: [NodeEvaluation] {
        get { lazyNodes.elements }
        set { lazyNodes = LazyList(newValue) }
    }
    var lazyNodes: LazyList<NodeEvaluation>
    /// For a retailer-assigned node that cannot ship: the other nodes that could have (tell the retailer).
    public var couldHaveShipped: [DCID]

    /// The outcome type lives in Orders so that the store can keep it without importing routing.
    public typealias Outcome = DecisionOutcome

    /// Ship or reroute, the outcomes that keep the retailer whole.
    public var isCompliantShipment: Bool {
        [.ship, .reroute, .split].contains(outcome) && lazyCancelledLines.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case poNumber, retailer, decidedAt, outcome, shipments
        case lazyCancelledLines = "cancelledLines"
        case backorderedLines, rejections, deadlines, fees
        case lazyChecks = "checks"
        case lazyNodes = "nodes"
        case couldHaveShipped
    }
}

/// One parcel's worth of plan: which node ships which lines with which service, and when.
public struct Shipment: Hashable, Sendable, Codable {
    public var node: DCID
    public var lines: [ShipmentLine]
    public var service: CarrierServiceID
    /// The carrier pickup the order makes: the node's cutoff on its earliest shipping day.
    public var shipAt: Date
    /// That day in the node's own calendar.
    public var shipDay: CalendarDate
    public var shipBy: Date
    /// The node's time zone, the clock `shipAt` and `shipDay` read on (a pick ticket shows them on it).
    public var timeZone: TimeZone
    public var expectedDelivery: CalendarDate?
    public var zone: Int?
    /// Pick/pack plus shipping by zone.
    public var landedCost: Money

    public var units: Int { lines.reduce(0) { $0 + $1.quantity } }
}

public struct ShipmentLine: Hashable, Sendable, Codable {
    public var lineNumber: String
    public var sku: SKU
    public var quantity: Int

    public init(lineNumber: String, sku: SKU, quantity: Int) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
    }
}

public struct CancelledLine: Hashable, Sendable, Codable {
    public var lineNumber: String
    public var sku: SKU?
    public var quantity: Int
    /// The real cause: why this line cannot ship, or `.fillOrKill` when it could but goes with `causingLine`.
    public var reason: Reason
    /// The retailer's code for `reason`, from the profile.
    public var code: String
    /// For a collateral cancel (`reason == .fillOrKill`): the line that cannot ship, whose own cancelled line
    /// carries the root cause. Nil otherwise.
    public var causingLine: String?
    public var detail: String {
        get { lazyDetail.text }
        set { lazyDetail = LazyText(newValue) }
    }
    var lazyDetail: LazyText

    public init(
        lineNumber: String, sku: SKU?, quantity: Int, reason: Reason, code: String, causingLine: String? = nil,
        detail: String
    ) {
        self.init(
            lineNumber: lineNumber, sku: sku, quantity: quantity, reason: reason, code: code, causingLine: causingLine,
            lazyDetail: LazyText(detail))
    }

    init(
        lineNumber: String, sku: SKU?, quantity: Int, reason: Reason, code: String, causingLine: String?,
        lazyDetail: LazyText
    ) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.reason = reason
        self.code = code
        self.causingLine = causingLine
        self.lazyDetail = lazyDetail
    }

    enum CodingKeys: String, CodingKey {
        case lineNumber, sku, quantity, reason, code, causingLine
        case lazyDetail = "detail"
    }
}

public struct BackorderedLine: Hashable, Sendable, Codable {
    public var lineNumber: String
    public var sku: SKU
    public var quantity: Int
    public var node: DCID
    /// The day the line waits until: the day the inbound stock it waits for is due at `node`, or, when no stock is
    /// known to be on its way, the latest day the profile lets it wait.
    public var until: CalendarDate
    /// The units of the node's inbound stock the line waits for (what on-hand stock does not cover); nil when no
    /// inbound stock is known (the line waits for the profile's whole backorder window).
    public var awaiting: Int?
}

public struct Rejection: Hashable, Sendable, Codable {
    public var reason: Reason
    public var code: String
    public var lineNumber: String?
    public var detail: String
}

/// The deadlines the order is held to, computed in the retailer's time zone.
public struct Deadlines: Hashable, Sendable, Codable {
    public var acknowledgeBy: Date
    /// The latest instant a shipment may leave (end of the ship-by day in the retailer's zone, or the SLA in hours).
    public var shipBy: Date
    public var shipByDay: CalendarDate
    /// When the PO asks for delivery by a day the profile honours.
    public var deliverBy: CalendarDate?
    /// How ship-by was reached: `2 business days from receipt 2026-11-24 (day 0, before the 14:00 cutoff)`.
    public var basis: String {
        get { lazyBasis.text }
        set { lazyBasis = LazyText(newValue) }
    }
    var lazyBasis: LazyText
    /// The retailer's time zone, which the deadlines are reckoned in.
    public var timeZone: TimeZone

    enum CodingKeys: String, CodingKey {
        case acknowledgeBy, shipBy, shipByDay, deliverBy
        case lazyBasis = "basis"
        case timeZone
    }
}

public struct FeeAssessment: Hashable, Sendable, Codable {
    /// Fees the chosen plan avoids compared with shipping from the primary.
    public var avoided: [FeeLine]
    /// Fees the decision incurs (a cancel for stock), subject to the retailer's allowance.
    public var incurred: [FeeLine]

    public init(avoided: [FeeLine] = [], incurred: [FeeLine] = []) {
        self.avoided = avoided
        self.incurred = incurred
    }
}

public struct FeeLine: Hashable, Sendable, Codable {
    public var violation: FeeSchedule.Violation
    public var amount: Money
    /// For a fee avoided by a reroute: the primary node, and the check it failed (stock, capacity, enabled, open,
    /// carrier, capability, ship-by, deliver-by), which decides `violation`. Nil for fees incurred.
    public var node: DCID?
    public var failedCheck: NodeCheck.Kind?
    /// For a fee avoided: the failure in the primary's words, `ORD1 stock: line 1 HP-10001: 1 available, 2 needed`.
    public var cause: String? {
        get { lazyCause?.text }
        set { lazyCause = newValue.map(LazyText.init) }
    }
    var lazyCause: LazyText?
    /// Why the failure would have cost this fee, and the allowance before it applies, if the schedule has one
    /// (`beyond 1% of orders`).
    public var note: String? {
        get { lazyNote?.text }
        set { lazyNote = newValue.map(LazyText.init) }
    }
    var lazyNote: LazyText?

    enum CodingKeys: String, CodingKey {
        case violation, amount, node, failedCheck
        case lazyCause = "cause"
        case lazyNote = "note"
    }

    init(violation: FeeSchedule.Violation, amount: Money, note: String?) {
        self.init(violation: violation, amount: amount, lazyNote: note.map(LazyText.init))
    }

    init(
        violation: FeeSchedule.Violation, amount: Money, node: DCID? = nil, failedCheck: NodeCheck.Kind? = nil,
        lazyCause: LazyText? = nil, lazyNote: LazyText?
    ) {
        self.violation = violation
        self.amount = amount
        self.node = node
        self.failedCheck = failedCheck
        self.lazyCause = lazyCause
        self.lazyNote = lazyNote
    }

    /// `cancel-for-stock 5.00 USD (ORD1 stock: line 1 HP-10001: 1 available, 2 needed)`: the fee and what would
    /// have drawn it (its note when it names no failure).
    public var headline: String {
        let why = cause ?? note
        return "\(violation.rawValue) \(amount)" + (why.map { " (\($0))" } ?? "")
    }
}

/// A rule of the profile or of the engine, and whether the order met it.
public struct RuleCheck: Hashable, Sendable, Codable {
    public var rule: Rule
    public var passed: Bool
    public var detail: String {
        get { lazyDetail.text }
        set { lazyDetail = LazyText(newValue) }
    }
    var lazyDetail: LazyText

    enum CodingKeys: String, CodingKey {
        case rule, passed
        case lazyDetail = "detail"
    }

    public enum Rule: String, Hashable, Sendable, Codable, CaseIterable {
        case purpose
        case requiredData = "required-data"
        case shipMethod = "ship-method"
        case shipTo = "ship-to"
        case items
        case quantityLimits = "quantity-limits"
        case ackDeadline = "ack-deadline"
        case shipBy = "ship-by"
        case routingAuthority = "routing-authority"
        case sourcing
        case fulfilmentPolicy = "fulfilment-policy"
    }
}

/// One node as routing saw it.
public struct NodeEvaluation: Hashable, Sendable, Codable {
    public var node: DCID
    /// 1 = tried first.
    public var rank: Int
    /// Whether the node was allowed to ship this order (false for alternates of a retailer-assigned program).
    public var candidate: Bool
    public var chosen: Bool
    /// Whether it alone could ship every line compliantly.
    public var canShipAll: Bool
    public var distanceMiles: Double?
    public var checks: [NodeCheck] {
        get { lazyChecks.elements }
        set { lazyChecks = LazyList(newValue) }
    }
    var lazyChecks: LazyList<NodeCheck>
    /// One sentence: why chosen or not.
    public var verdict: String {
        get { lazyVerdict.text }
        set { lazyVerdict = LazyText(newValue) }
    }
    var lazyVerdict: LazyText

    enum CodingKeys: String, CodingKey {
        case node, rank, candidate, chosen, canShipAll, distanceMiles
        case lazyChecks = "checks"
        case lazyVerdict = "verdict"
    }
}

public struct NodeCheck: Hashable, Sendable, Codable {
    public var kind: Kind
    public var passed: Bool
    public var detail: String

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case enabled, open, carrier
        case shipBy = "ship-by"
        case deliverBy = "deliver-by"
        case capacity, stock, capability
    }
}
