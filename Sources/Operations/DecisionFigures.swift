public import Foundation
public import Orders
public import Profiles
public import Routing

/// A decision's plan in figures, without its explanation: what a replay compares before and after, and what the
/// scorecard and the nodes' load add up. Kept with each PO's first decision as one line of text (`encoded`).
public struct DecisionFigures: Hashable, Sendable {
    public var outcome: DecisionOutcome
    public var shipments: [ShipmentFigure]
    /// Units cancelled (a cancel, or lines cut by fill-or-kill); none for a rejected PO, whose units never counted.
    public var cancelledUnits: Int
    public var backorderedUnits: Int
    /// Why, in a few words (`RoutingDecision.summary`): said when a replay changes the decision.
    public var summary: String

    public struct ShipmentFigure: Hashable, Sendable {
        public var node: DCID
        public var day: CalendarDate
        public var units: Int
        public var service: CarrierServiceID

        public init(node: DCID, day: CalendarDate, units: Int, service: CarrierServiceID) {
            self.node = node
            self.day = day
            self.units = units
            self.service = service
        }
    }

    public init(
        outcome: DecisionOutcome, shipments: [ShipmentFigure], cancelledUnits: Int, backorderedUnits: Int,
        summary: String
    ) {
        self.outcome = outcome
        self.shipments = shipments
        self.cancelledUnits = cancelledUnits
        self.backorderedUnits = backorderedUnits
        self.summary = summary
    }

    public init(_ decision: RoutingDecision) {
        self.init(
            outcome: decision.outcome,
            shipments: decision.shipments.map {
                ShipmentFigure(node: $0.node, day: $0.shipDay, units: $0.units, service: $0.service)
            },
            cancelledUnits: decision.outcome == .reject ? 0 : decision.cancelledLines.reduce(0) { $0 + $1.quantity },
            backorderedUnits: decision.backorderedLines.reduce(0) { $0 + $1.quantity }, summary: decision.summary)
    }

    /// The plan as the scorecard reads it: `ship EWR1 2026-11-03 3 fedex-ground`; its figures only (the summary is
    /// left out: two plans alike in figures are the same plan).
    public var plan: String {
        ([outcome.rawValue] + shipments.map { "\($0.node) \($0.day) \($0.units) \($0.service)" }
            + (cancelledUnits > 0 ? ["cancels \(cancelledUnits)"] : [])
            + (backorderedUnits > 0 ? ["backorders \(backorderedUnits)"] : []))
            .joined(separator: "; ")
    }
}
