public import Foundation
public import Orders
public import Profiles

/// The order a retailer's change request finds: the PO as recorded, how far it has gone toward the warehouse, and
/// per node what its pick tickets hold and what the floor shipped or cancelled of them.
public struct ChangeTarget: Sendable {
    public enum Stage: String, Hashable, Sendable, Codable {
        /// Decided; the warehouse does not have it yet.
        case open
        /// The warehouse has it (a pick ticket left, or the floor started on it).
        case released
        case shipped
        case cancelled
    }

    public var order: PurchaseOrder
    public var stage: Stage
    public var plans: [ShipmentPlan]
    public var history: [DCID: FloorHistory]

    public init(order: PurchaseOrder, stage: Stage, plans: [ShipmentPlan], history: [DCID: FloorHistory]) {
        self.order = order
        self.stage = stage
        self.plans = plans
        self.history = history
    }

    /// Units of `line` still to ship, per node, in the plans' order.
    func open(_ line: String) -> [(node: DCID, sku: SKU, units: Int)] {
        plans.flatMap { plan in
            plan.lines.filter { $0.lineNumber == line }.compactMap { planned in
                let units = history[plan.node, default: FloorHistory()].open(line, planned: planned.quantity)
                return units > 0 ? (plan.node, planned.sku, units) : nil
            }
        }
    }

    /// Units of `line` planned at any node.
    func planned(_ line: String) -> Int {
        plans.reduce(0) { total, plan in
            total + plan.lines.filter { $0.lineNumber == line }.reduce(0) { $0 + $1.quantity }
        }
    }
}

/// The verdict on a retailer's change or cancel request, before anything is written, with every reason. Pure: the
/// same change, order and profile give the same review.
///
/// - No such PO: refused (`unknown-order`). Shipped: refused (`change-after-shipment`). Cancelled: a cancel is
///   accepted (nothing left to do), anything else refused (`order-cancelled`).
/// - Open (the warehouse does not have it): a cancel of everything cancels the order; any other change is decided
///   again by the same router (`Action.redecide`, then `judged(by:)`): accepted only if every line of the changed
///   order ships complete, so that a change never breaks the fill rule or a deadline on its way; otherwise refused
///   with the router's reason and the order stands as decided.
/// - Released: fewer units (a cancel, a decrease) are cancelled from the floor where the profile honours cancels
///   after release (`orders.cancel-after-release: honour`) and the units have not shipped; every other change is
///   refused (`change-after-release`): the warehouse is picking what it was handed.
public struct ChangeReview: Hashable, Sendable, Codable {
    public enum Verdict: String, Hashable, Sendable, Codable {
        case accepted
        case partlyAccepted = "partly-accepted"
        case refused
    }

    /// The answer to one line the change names.
    public struct Line: Hashable, Sendable, Codable {
        public var lineNumber: String
        public var kind: LineChange.Kind
        /// POC02 as sent, to echo.
        public var code: String?
        public var unit: UnitOfMeasure
        public var before: Decimal
        public var asked: Decimal
        /// The line's quantity after our answer: `asked` when accepted, `before` when refused.
        public var answered: Decimal
        public var accepted: Bool
        /// Why it was refused.
        public var reason: Reason?
        public var detail: String
    }

    /// Units to cancel at a node: an accepted cancel or decrease.
    public struct Cancelled: Hashable, Sendable, Codable {
        public var node: DCID
        public var lineNumber: String
        public var sku: SKU
        public var quantity: Int

        public init(node: DCID, lineNumber: String, sku: SKU, quantity: Int) {
            self.node = node
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
        }
    }

    public enum Action: Hashable, Sendable, Codable {
        /// Nothing changes in the store beyond the request and its answer.
        case none
        /// Route `changed` again with the order's own stock and capacity given back; `judged(by:)` settles it.
        case redecide
        /// Cancel these units (every open unit, for a whole open order: the order is then cancelled).
        case cancel([Cancelled])
    }

    public var verdict: Verdict
    public var lines: [Line]
    public var action: Action
    /// The order to route again (`Action.redecide`): the order after the change, less the lines its decision
    /// cancelled that the change does not name (the retailer was told those will not ship).
    public var changed: PurchaseOrder?
    /// The ship-to or ship method changes, and whether that part was accepted (nil when it does not change).
    public var headerAccepted: Bool?
    public var stage: ChangeTarget.Stage?
    /// Why the whole request was refused (no such PO, shipped, …), when it was refused for one reason.
    public var refusal: Reason?
    /// What was checked, in order, in words.
    public var checks: [String]

    public var isRefused: Bool { verdict == .refused }

    /// Reviews `change` against `target` (nil: no such PO is recorded) under `profile`.
    public init(change: OrderChange, target: ChangeTarget?, profile: RetailerProfile) {
        stage = target?.stage
        refusal = nil
        changed = nil
        headerAccepted = nil
        checks = []
        lines = []
        action = .none
        verdict = .refused
        let po = change.poNumber
        defer { fillUnits(from: target?.order) }
        guard let target else {
            refuseAll(change, order: nil, reason: .unknownOrder, "no PO \(po) from \(profile.name) is recorded")
            return
        }
        let order = target.order
        let changedOrder: ChangedOrder
        switch change.applied(to: order) {
        case .failure(let problem):
            refuseAll(change, order: order, reason: .invalidChange, "the change does not apply to PO \(po): \(problem)")
            return
        case .success(let applied):
            changedOrder = applied
        }
        if changedOrder.shipToChanged || changedOrder.shipMethodChanged { headerAccepted = false }
        switch target.stage {
        case .shipped:
            refuseAll(change, order: order, reason: .changeAfterShipment, "PO \(po) has shipped")
        case .cancelled:
            if changedOrder.order.lines.isEmpty {
                accept(changedOrder, "PO \(po) was cancelled already: nothing is left to cancel")
            } else {
                refuseAll(change, order: order, reason: .orderCancelled, "PO \(po) is cancelled")
            }
        case .open:
            if changedOrder.order.lines.isEmpty {
                let units = order.lines.flatMap { line in
                    target.open(line.lineNumber).map {
                        Cancelled(node: $0.node, lineNumber: line.lineNumber, sku: $0.sku, quantity: $0.units)
                    }
                }
                accept(changedOrder, "PO \(po) is not released to the warehouse: cancelled whole")
                action = .cancel(units)
                return
            }
            if changedOrder.lines.isEmpty && headerAccepted == nil {
                // A restatement (cXML update) of the order as it stands, or the same one delivered again.
                accept(changedOrder, "the change asks for nothing PO \(po) does not already have: nothing to do")
                return
            }
            var routed = changedOrder.order
            let named = Set(changedOrder.lines.map(\.change.lineNumber))
            // Lines the decision cancelled stay cancelled; an order that waits for stock (no pick ticket yet) keeps all.
            if !target.plans.isEmpty {
                routed.lines.removeAll { !named.contains($0.lineNumber) && target.planned($0.lineNumber) == 0 }
            }
            changed = routed
            accept(changedOrder, "PO \(po) is not released to the warehouse: decided again as changed")
            action = .redecide
        case .released:
            reviewReleased(changedOrder, target: target, profile: profile)
        }
    }

    /// Settles a `redecide` review with the router's decision on `changed`: accepted when every line ships
    /// complete (or waits for stock where the profile allows backorders); otherwise every line the change names is refused with the router's reason, and nothing changes.
    public func judged(by decision: RoutingDecision) -> ChangeReview {
        guard action == .redecide, let changed else { return self }
        var review = self
        var shipped: [String: Int] = [:]
        for shipment in decision.shipments {
            for line in shipment.lines { shipped[line.lineNumber, default: 0] += line.quantity }
        }
        // A line that waits for stock the profile lets it wait for is served too.
        for line in decision.backorderedLines { shipped[line.lineNumber, default: 0] += line.quantity }
        let short = changed.lines.filter { Decimal(shipped[$0.lineNumber] ?? 0) < $0.quantity }
        let nodes = Set(decision.shipments.map(\.node.rawValue)).sorted().joined(separator: " and ")
        guard !short.isEmpty else {
            review.checks.append("decided again: \(decision.outcome.rawValue) from \(nodes), every line complete")
            return review
        }
        func reason(of line: String) -> (Reason, String) {
            if let cancelled = decision.cancelledLines.first(where: { $0.lineNumber == line }) {
                return (cancelled.reason, cancelled.detail)
            }
            if let rejection = decision.rejections.first(where: { $0.lineNumber == line || $0.lineNumber == nil }) {
                return (rejection.reason, rejection.detail)
            }
            if let first = decision.cancelledLines.first { return (first.reason, first.detail) }
            return (.outOfStock, "the changed order cannot ship complete")
        }
        let cause = reason(of: short[0].lineNumber)
        review.checks.append(
            "decided again, the changed order cannot ship complete (\(decision.outcome.rawValue)): \(cause.1); "
                + "the change is refused and the order stands as decided")
        for index in review.lines.indices {
            let line = review.lines[index]
            let (why, detail) =
                short.contains { $0.lineNumber == line.lineNumber } ? reason(of: line.lineNumber) : cause
            review.lines[index].accepted = false
            review.lines[index].answered = line.before
            review.lines[index].reason = why
            review.lines[index].detail = detail
        }
        if review.headerAccepted != nil { review.headerAccepted = false }
        review.refusal = cause.0
        review.verdict = .refused
        review.action = .none
        review.changed = nil
        return review
    }

    private mutating func reviewReleased(_ changed: ChangedOrder, target: ChangeTarget, profile: RetailerProfile) {
        let honour = profile.orders.cancelAfterRelease == .honour
        checks.append(
            "PO \(changed.order.poNumber) is released to the warehouse: "
                + (honour
                    ? "a cancel is honoured until shipped (orders.cancel-after-release: honour), nothing else changes"
                    : "only the order as released ships (orders.cancel-after-release: refuse)"))
        var units: [Cancelled] = []
        for answer in changed.lines {
            let change = answer.change
            let fewer = answer.after < answer.before
            let sameOtherwise = change.kind != .change || change.line == nil
            guard fewer, sameOtherwise else {
                lines.append(
                    refusedLine(
                        answer, .changeAfterRelease,
                        "line \(change.lineNumber): the warehouse is picking it as released"))
                continue
            }
            guard honour else {
                lines.append(
                    refusedLine(
                        answer, .changeAfterRelease,
                        "line \(change.lineNumber): the profile refuses cancels once the pick is released"))
                continue
            }
            // A released order keeps its lines as ordered; what earlier requests cut from the pick list is already
            // cancelled there.
            let already = target.history.values.reduce(0) { $0 + ($1.cancelled[change.lineNumber] ?? 0) }
            var needed = NSDecimalNumber(decimal: answer.before - answer.after).intValue - already
            guard needed >= 0 else {
                lines.append(
                    refusedLine(
                        answer, .changeAfterRelease,
                        "line \(change.lineNumber): \(already) unit(s) are already cancelled; the warehouse is picking "
                            + "the rest as released"))
                continue
            }
            let open = target.open(change.lineNumber)
            guard open.reduce(0, { $0 + $1.units }) >= needed else {
                lines.append(
                    refusedLine(
                        answer, .changeAfterShipment,
                        "line \(change.lineNumber): only \(open.reduce(0) { $0 + $1.units }) unit(s) are left to ship"))
                continue
            }
            for slot in open where needed > 0 {
                let taken = min(slot.units, needed)
                units.append(Cancelled(node: slot.node, lineNumber: change.lineNumber, sku: slot.sku, quantity: taken))
                needed -= taken
            }
            lines.append(acceptedLine(answer, "line \(change.lineNumber): cancelled from the pick list"))
        }
        if headerAccepted != nil {
            checks.append("the new ship-to or ship method is refused: the warehouse has the order as released")
        }
        action = units.isEmpty ? .none : .cancel(units)
        settleVerdict()
    }

    private mutating func accept(_ changed: ChangedOrder, _ why: String) {
        checks.append(why)
        lines = changed.lines.map { acceptedLine($0, why) }
        if headerAccepted != nil { headerAccepted = true }
        settleVerdict()
    }

    private mutating func refuseAll(_ change: OrderChange, order: PurchaseOrder?, reason: Reason, _ why: String) {
        checks.append(why)
        refusal = reason
        let named =
            change.purpose == .cancel && change.lines.isEmpty
            ? (order?.lines ?? []).map { LineChange(lineNumber: $0.lineNumber, kind: .cancel) } : change.lines
        lines = named.map { lineChange in
            let current = order?.lines.first { $0.lineNumber == lineChange.lineNumber }
            let before = current?.quantity ?? 0
            let asked = lineChange.kind == .cancel ? 0 : lineChange.quantity ?? before
            return Line(
                lineNumber: lineChange.lineNumber, kind: lineChange.kind, code: lineChange.code,
                unit: current?.unit ?? lineChange.line?.unit ?? .each, before: before, asked: asked, answered: before,
                accepted: false, reason: reason, detail: why)
        }
        if headerAccepted != nil || change.shipTo != nil || change.shipMethod != nil { headerAccepted = false }
        verdict = .refused
    }

    private func acceptedLine(_ answer: ChangedOrder.Line, _ why: String) -> Line {
        Line(
            lineNumber: answer.change.lineNumber, kind: answer.change.kind, code: answer.change.code,
            unit: answer.change.line?.unit ?? .each, before: answer.before, asked: answer.after,
            answered: answer.after, accepted: true, reason: nil, detail: why)
    }

    private func refusedLine(_ answer: ChangedOrder.Line, _ reason: Reason, _ why: String) -> Line {
        Line(
            lineNumber: answer.change.lineNumber, kind: answer.change.kind, code: answer.change.code,
            unit: answer.change.line?.unit ?? .each, before: answer.before, asked: answer.after,
            answered: answer.before, accepted: false, reason: reason, detail: why)
    }

    /// Each line's unit as the PO states it (an added line's as the change does).
    private mutating func fillUnits(from order: PurchaseOrder?) {
        guard let order else { return }
        for index in lines.indices {
            if let line = order.lines.first(where: { $0.lineNumber == lines[index].lineNumber }) {
                lines[index].unit = line.unit
            }
        }
    }

    private mutating func settleVerdict() {
        var parts = lines.map(\.accepted)
        if let headerAccepted { parts.append(headerAccepted) }
        verdict =
            parts.allSatisfy { $0 } ? .accepted : parts.contains(true) ? .partlyAccepted : .refused
        if parts.isEmpty { verdict = .accepted }
    }
}
