public import Foundation
public import Orders
public import Profiles
public import Routing

/// A decision's plan in figures, without its explanation: what a replay compares before and after, and what the
/// scorecard and the nodes' load add up. Kept with each PO's first decision as one line of text (`encoded`).
public struct DecisionFigures: Hashable, Sendable {
    public var outcome: DecisionOutcome
    /// The latest instant the order may ship (nil for a PO rejected before its deadlines were worked out).
    public var shipBy: Date?
    public var shipments: [ShipmentFigure]
    /// Units cancelled (a cancel, or lines cut by fill-or-kill); none for a rejected PO, whose units never counted.
    public var cancelledUnits: Int
    public var backorderedUnits: Int
    /// Why, in a few words (`RoutingDecision.summary`): said when a replay changes the decision.
    public var summary: String

    /// One shipment of the plan: its node, ship day, service and the units of each SKU it takes.
    public struct ShipmentFigure: Hashable, Sendable {
        public var node: DCID
        public var day: CalendarDate
        public var service: CarrierServiceID
        public var lines: [Line]

        public struct Line: Hashable, Sendable {
            public var sku: SKU
            public var quantity: Int

            public init(sku: SKU, quantity: Int) {
                self.sku = sku
                self.quantity = quantity
            }
        }

        public var units: Int { lines.reduce(0) { $0 + $1.quantity } }

        public init(node: DCID, day: CalendarDate, service: CarrierServiceID, lines: [Line]) {
            self.node = node
            self.day = day
            self.service = service
            self.lines = lines
        }
    }

    public init(
        outcome: DecisionOutcome, shipBy: Date?, shipments: [ShipmentFigure], cancelledUnits: Int,
        backorderedUnits: Int, summary: String
    ) {
        self.outcome = outcome
        self.shipBy = shipBy
        self.shipments = shipments
        self.cancelledUnits = cancelledUnits
        self.backorderedUnits = backorderedUnits
        self.summary = summary
    }

    /// `decision`'s figures; with `summary` false, its summary is left empty (it is worded from the explanation's
    /// facts: a replay words it only for a decision that changed).
    public init(_ decision: RoutingDecision, summary: Bool = true) {
        self.init(
            outcome: decision.outcome, shipBy: decision.deadlines?.shipBy,
            shipments: decision.shipments.map {
                ShipmentFigure(
                    node: $0.node, day: $0.shipDay, service: $0.service,
                    lines: $0.lines.map { ShipmentFigure.Line(sku: $0.sku, quantity: $0.quantity) })
            },
            cancelledUnits: decision.outcome == .reject ? 0 : decision.cancelledLines.reduce(0) { $0 + $1.quantity },
            backorderedUnits: decision.backorderedLines.reduce(0) { $0 + $1.quantity },
            summary: summary ? decision.summary : "")
    }

    /// The plan in a few words: `reroute EWR1 2026-11-03 3 fedex-ground`; its figures only (the summary is left
    /// out: two plans alike in figures are the same plan).
    public var plan: String {
        var words = [outcome.rawValue]
        for shipment in shipments {
            words.append("\(shipment.node) \(shipment.day) \(shipment.units) \(shipment.service.rawValue)")
        }
        if cancelledUnits > 0 { words.append("cancels \(cancelledUnits)") }
        if backorderedUnits > 0 { words.append("backorders \(backorderedUnits)") }
        return words.joined(separator: "; ")
    }
}
