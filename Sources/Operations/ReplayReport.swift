public import Foundation
public import Orders
public import Profiles
public import Routing

/// What a replay found: how many decisions came out the same (byte for byte, or the same plan explained
/// differently) and which changed, before → after and why; the effect on each retailer's decision figures and fees;
/// and each node's load by ship day, before and after.
public struct ReplayReport: Hashable, Sendable, Codable {
    public struct Window: Hashable, Sendable, Codable {
        public var since: Date
        public var until: Date?
        public var retailer: RetailerID?

        public init(since: Date, until: Date? = nil, retailer: RetailerID? = nil) {
            self.since = since
            self.until = until
            self.retailer = retailer
        }
    }

    public var window: Window
    public var replayed = 0
    /// Decisions that came out byte for byte as recorded.
    public var reproduced = 0
    /// The same plan with other deadlines (a cutoff, an SLA, a calendar changed).
    public var samePlanOtherDeadlines = 0
    /// The same plan and deadlines, explained differently (a changed profile's wording, a fee's amount).
    public var samePlanExplainedDifferently = 0
    public var changed = 0
    /// POs whose retailer no profile of the set claims any more: not decided.
    public var notReplayed = 0
    /// Each decision that did not come out byte for byte, in the order the POs came in: a changed plan, or the same
    /// plan explained differently.
    public var changes: [Change] = []
    /// Per retailer, in id order.
    public var retailers: [RetailerEffect] = []
    /// Per node and ship day, in that order, where either side ships anything.
    public var load: [NodeLoad] = []

    public init(window: Window) { self.window = window }

    public struct Change: Hashable, Sendable, Codable {
        public var kind: Kind
        public var order: Int64
        public var retailer: RetailerID
        public var poNumber: PONumber
        public var receivedAt: Date
        /// The plan in a few words (`DecisionFigures.plan`), and the reason in a few words (`summary`).
        public var before: String
        public var after: String
        public var shipByBefore: Date?
        public var shipByAfter: Date?
        public var beforeWhy: String
        public var afterWhy: String

        public enum Kind: String, Hashable, Sendable, Codable {
            /// Outcome, shipments, cancels or backorders changed.
            case plan
            /// The same plan, held to another ship-by.
            case deadlines
            /// The same plan and ship-by, explained differently (fees, the nodes' verdicts, wording).
            case explanation
        }
    }

    /// The changes of plan only.
    public var planChanges: [Change] { changes.filter { $0.kind == .plan } }

    /// Decision figures over a retailer's POs.
    public struct DecisionTotals: Hashable, Sendable, Codable {
        public var orders = 0
        public var units = 0
        public var shipped = 0
        public var rerouted = 0
        public var split = 0
        public var backordered = 0
        public var cancelled = 0
        public var cancelledUnits = 0
        public var rejected = 0
        /// POs with no decision (their retailer's profile is gone).
        public var undecided = 0
        public var feesAvoided: Money?
        /// Before any allowance: the fee each decision states it incurs.
        public var feesIncurred: Money?

        public var unitCancelRate: Decimal? { ScorecardFigures.rate(cancelledUnits, of: units) }
        public var orderCancelRate: Decimal? { ScorecardFigures.rate(cancelled, of: orders) }

        public init() {}

        mutating func add(_ figures: DecisionFigures?, units: Int, avoided: Money?, incurred: Money?) {
            orders += 1
            self.units += units
            guard let figures else {
                undecided += 1
                return
            }
            switch figures.outcome {
            case .ship: shipped += 1
            case .reroute: rerouted += 1
            case .split: split += 1
            case .backorder: backordered += 1
            case .cancel: cancelled += 1
            case .reject: rejected += 1
            }
            // A ship or reroute that cuts lines cancels units without cancelling the PO.
            cancelledUnits += figures.cancelledUnits
            feesAvoided = Money.total([feesAvoided, avoided].compactMap { $0 })
            feesIncurred = Money.total([feesIncurred, incurred].compactMap { $0 })
        }
    }

    public struct RetailerEffect: Hashable, Sendable, Codable {
        public var retailer: RetailerID
        public var before = DecisionTotals()
        public var after = DecisionTotals()
        /// The profile's `cancel-rate` scorecard threshold, when it sets one: where before and after stand.
        public var cancelRateThreshold: Decimal?

        public init(retailer: RetailerID, cancelRateThreshold: Decimal?) {
            self.retailer = retailer
            self.cancelRateThreshold = cancelRateThreshold
        }
    }

    public struct NodeLoad: Hashable, Sendable, Codable {
        public var node: DCID
        public var day: CalendarDate
        public var before = DailyUsage()
        public var after = DailyUsage()

        public init(node: DCID, day: CalendarDate) {
            self.node = node
            self.day = day
        }
    }

    /// Node days whose load changed: what a reader looks at first.
    public var changedLoad: [NodeLoad] { load.filter { $0.before != $0.after } }
}

/// What a replay adds up as it goes; `report` sorts it into a `ReplayReport`.
struct ReplayTally {
    var report: ReplayReport
    private var effects: [RetailerID: ReplayReport.RetailerEffect] = [:]
    private var loads: [LoadKey: ReplayReport.NodeLoad] = [:]

    private struct LoadKey: Hashable {
        var node: DCID
        var day: CalendarDate
    }

    init(window: ReplayReport.Window) { report = ReplayReport(window: window) }

    var sorted: ReplayReport {
        var sorted = report
        sorted.retailers = effects.values.sorted { $0.retailer < $1.retailer }
        sorted.load = loads.values.sorted { ($0.node, $0.day) < ($1.node, $1.day) }
        return sorted
    }

    mutating func add(
        _ recorded: RecordedPO, replayed: RoutingDecision?, figures: DecisionFigures?, exact: Bool,
        profiles: ProfileSet
    ) {
        if replayed == nil { report.notReplayed += 1 } else { report.replayed += 1 }
        let units = recorded.order.wholeUnits
        var effect =
            effects[recorded.retailer]
            ?? ReplayReport.RetailerEffect(
                retailer: recorded.retailer,
                cancelRateThreshold: profiles.profiles[recorded.retailer]?.fees.scorecard[.cancelRate])
        effect.before.add(
            recorded.figures, units: units, avoided: recorded.feesAvoided, incurred: recorded.feesIncurred)
        effect.after.add(
            figures, units: units, avoided: Money.total(replayed?.fees.avoided.map(\.amount) ?? []),
            incurred: Money.total(replayed?.fees.incurred.map(\.amount) ?? []))
        effects[recorded.retailer] = effect
        for shipment in recorded.figures.shipments {
            let key = LoadKey(node: shipment.node, day: shipment.day)
            loads[key, default: ReplayReport.NodeLoad(node: shipment.node, day: shipment.day)].before.add(shipment)
        }
        for shipment in figures?.shipments ?? [] {
            let key = LoadKey(node: shipment.node, day: shipment.day)
            loads[key, default: ReplayReport.NodeLoad(node: shipment.node, day: shipment.day)].after.add(shipment)
        }
        guard !exact else {
            report.reproduced += 1
            return
        }
        let kind: ReplayReport.Change.Kind
        if let figures, figures.samePlan(as: recorded.figures) {
            kind = figures.shipBy == recorded.figures.shipBy ? .explanation : .deadlines
        } else {
            kind = .plan
        }
        switch kind {
        case .plan: report.changed += 1
        case .deadlines: report.samePlanOtherDeadlines += 1
        case .explanation: report.samePlanExplainedDifferently += 1
        }
        report.changes.append(
            ReplayReport.Change(
                kind: kind, order: recorded.id, retailer: recorded.retailer,
                poNumber: recorded.order.poNumber,
                receivedAt: recorded.receivedAt, before: recorded.figures.plan,
                after: figures?.plan ?? "not decided: no profile claims \(recorded.retailer)",
                shipByBefore: recorded.figures.shipBy, shipByAfter: figures?.shipBy,
                beforeWhy: recorded.figures.summary, afterWhy: figures?.summary ?? ""))
    }
}

extension DailyUsage {
    mutating func add(_ shipment: DecisionFigures.ShipmentFigure) {
        orders += 1
        units += shipment.units
    }
}
