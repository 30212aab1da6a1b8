public import Foundation
public import Orders
public import Profiles

/// Units of one PO line the floor cancels.
public struct FloorCancelledLine: Hashable, Sendable, Codable {
    public var lineNumber: String
    public var sku: SKU
    public var quantity: Int
    public var reason: Reason
    /// Cancelled only because the profile's fill rule takes it with a line that was (`reason` is `fill-or-kill`).
    public var collateral: Bool

    public init(lineNumber: String, sku: SKU, quantity: Int, reason: Reason, collateral: Bool = false) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.reason = reason
        self.collateral = collateral
    }
}

/// The verdict on a cancel asked from the floor (damaged, not found) before anything is written: refused with
/// every reason, or the units that are cancelled (the profile's fill rule may take more than was asked: under
/// order fill-or-kill the whole order goes, under line fill-or-kill the whole line) and what that costs. Pure.
public struct FloorCancelReview: Hashable, Sendable, Codable {
    public var refusals: [String]
    public var cancelled: [FloorCancelledLine]
    public var flags: [FloorFlag]
    public var checks: [String]

    public var isRefused: Bool { !refusals.isEmpty }

    public init(refusals: [String], cancelled: [FloorCancelledLine], flags: [FloorFlag], checks: [String]) {
        self.refusals = refusals
        self.cancelled = cancelled
        self.flags = flags
        self.checks = checks
    }

    /// Reviews cancelling `requested` units (per PO line) of `order` at `node` for `reason`. `acknowledged` says
    /// whether the retailer was told the lines would ship (an accepting 855 or confirmation went out).
    public init(
        cancelling requested: [String: Int], reason: Reason, node: DCID, order: PurchaseOrder, plans: [ShipmentPlan],
        history: FloorHistory, profile: RetailerProfile, acknowledged: Bool, now: Date
    ) {
        guard let plan = plans.first(where: { $0.node == node }) else {
            self.init(
                refusals: ["PO \(order.poNumber) was not released to \(node)"], cancelled: [], flags: [], checks: [])
            return
        }
        var refusals: [String] = []
        var checks: [String] = []
        var open: [String: Int] = [:]
        for line in plan.lines { open[line.lineNumber] = history.open(line.lineNumber, planned: line.quantity) }
        if requested.isEmpty || requested.values.allSatisfy({ $0 == 0 }) { refusals.append("no line to cancel") }
        for (lineNumber, quantity) in requested.sorted(by: { $0.key < $1.key }) where quantity != 0 {
            guard let left = open[lineNumber] else {
                refusals.append("line \(lineNumber) is not on \(node)'s pick ticket for PO \(order.poNumber)")
                continue
            }
            if quantity < 0 || quantity > left {
                refusals.append("line \(lineNumber): cannot cancel \(quantity); \(left) remain to ship from \(node)")
            }
        }
        var cancelled: [FloorCancelledLine] = []
        if refusals.isEmpty {
            for line in plan.lines {
                let left = open[line.lineNumber] ?? 0
                let asked = requested[line.lineNumber] ?? 0
                var units = asked
                var collateral = false
                switch profile.fulfilment.fill {
                case .orderFillOrKill:
                    units = left
                    collateral = asked == 0
                case .lineFillOrKill where asked > 0:
                    units = left
                case .lineFillOrKill, .shipComplete:
                    break
                }
                guard units > 0 else { continue }
                cancelled.append(
                    FloorCancelledLine(
                        lineNumber: line.lineNumber, sku: line.sku, quantity: units,
                        reason: collateral ? .fillOrKill : reason, collateral: collateral))
            }
            switch profile.fulfilment.fill {
            case .orderFillOrKill:
                checks.append("order fill-or-kill: every open unit of PO \(order.poNumber) is cancelled with it")
            case .lineFillOrKill:
                checks.append("line fill-or-kill: a line is cancelled whole")
            case .shipComplete:
                checks.append("ship complete: the units asked are cancelled, the rest still ships")
            }
        }
        let units = Decimal(cancelled.reduce(0) { $0 + $1.quantity })
        let value = order.value(of: cancelled.map { ($0.lineNumber, Decimal($0.quantity)) })
        var flags: [FloorFlag] = []
        if !cancelled.isEmpty {
            // A cancel after the retailer was told the line ships is what the retailer charges; before, or where it
            // names no such fee, a cancel for stock.
            let violation: FeeSchedule.Violation =
                acknowledged && profile.fees.fee(for: .cancelAfterAck) != nil ? .cancelAfterAck : .cancelForStock
            flags.append(
                FloorFlag(
                    violation,
                    "\(units) unit(s) of PO \(order.poNumber) cancelled from \(node) (\(reason.rawValue))"
                        + (acknowledged ? " after the retailer was told they ship" : ""),
                    profile: profile, units: units, value: value))
            if now > plan.shipBy {
                checks.append(
                    "cancelled after the ship-by \(DeadlineWatch.localTime(plan.shipBy, in: profile.timeZone)): "
                        + "the retailer may count it late as well")
            }
        }
        self.init(
            refusals: refusals, cancelled: refusals.isEmpty ? cancelled : [], flags: refusals.isEmpty ? flags : [],
            checks: checks)
    }
}
