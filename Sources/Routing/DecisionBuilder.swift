import Foundation
import Orders
import Profiles

/// Turns the chosen plan (or its absence) into the outcome, the shipments, the cancelled or backordered lines, the
/// fees and the per-node verdicts.
enum DecisionBuilder {
    static func fill(
        _ decision: inout RoutingDecision, plan: Plan?, candidates: [NodeAssessment], bystanders: [NodeAssessment],
        unconsidered: [(node: DCID, rank: Int)] = [], lines: [ResolvedLine], order: PurchaseOrder,
        profile: RetailerProfile, deadlines: Deadlines, now: Date
    ) {
        let policy = profile.fulfilment
        var shippedLines: Set<Int> = []
        for shipment in plan?.shipments ?? [] {
            let node = candidates[shipment.node]
            guard let option = node.option else { continue }
            shippedLines.formUnion(shipment.lines)
            let units = PlanSearch.units(shipment.lines, lines)
            decision.shipments.append(
                Shipment(
                    node: node.node.id,
                    lines: shipment.lines.map {
                        ShipmentLine(
                            lineNumber: lines[$0].lineNumber, sku: lines[$0].sku,
                            quantity: lines[$0].quantity)
                    },
                    service: option.service, shipAt: option.pickupAt, shipDay: option.pickupDay,
                    shipBy: deadlines.shipBy,
                    expectedDelivery: option.delivery, zone: node.zone,
                    landedCost: Money(rounded(node.landedCost(units: units)), node.node.costs.perOrder.currency)))
        }
        let unshipped = lines.indices.filter { !shippedLines.contains($0) }

        // The node that would have shipped with no rule in the way: the assigned one, the profile's primary, or the
        // first ranked candidate.
        let primaryID =
            profile.routingAuthority == .retailerAssigned
            ? candidates.first?.node.id : (profile.sourcing.primary ?? candidates.first?.node.id)
        let primaryIndex = candidates.firstIndex { $0.node.id == primaryID }

        if decision.shipments.isEmpty, let backorder = policy.backorder,
            let node = candidates.first(where: { $0.generalOK })
        {
            let until = CalendarDate(
                DeadlineCalculator.advance(
                    now, by: backorder, calendar: profile.shipSLA.calendar,
                    timeZone: profile.timeZone), in: profile.timeZone)
            decision.backorderedLines = lines.map {
                BackorderedLine(
                    lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity, node: node.node.id, until: until)
            }
            decision.outcome = .backorder
        } else {
            for index in unshipped {
                let (reason, detail) = cancelReason(for: index, candidates: candidates, lines: lines)
                decision.cancelledLines.append(
                    CancelledLine(
                        lineNumber: lines[index].lineNumber, sku: lines[index].sku, quantity: lines[index].quantity,
                        reason: reason, code: profile.reasonCodes.code(for: reason), detail: detail))
            }
            if decision.shipments.isEmpty {
                decision.outcome = .cancel
            } else if decision.shipments.count > 1 {
                decision.outcome = .split
            } else {
                decision.outcome = decision.shipments[0].node == primaryID ? .ship : .reroute
            }
        }

        decision.checks.append(policyCheck(policy, decision: decision, lines: lines))
        decision.checks.append(
            RuleCheck(
                rule: .sourcing, passed: !decision.shipments.isEmpty,
                detail: decision.shipments.isEmpty
                    ? "no candidate can ship compliantly"
                    : "ships from \(decision.shipments.map(\.node.rawValue).joined(separator: " + "))"))

        // Fees: what rerouting avoided, what cancelling costs.
        if [.reroute, .split].contains(decision.outcome), let primaryIndex,
            !decision.shipments.contains(where: { $0.node == candidates[primaryIndex].node.id })
        {
            let primary = candidates[primaryIndex]
            let violation = violation(for: primary, lines: lines)
            if let fee = profile.fees.fee(for: violation) {
                decision.fees.avoided.append(
                    FeeLine(
                        violation: violation, amount: fee.charge(units: order.totalUnits, value: order.extendedTotal),
                        note: "\(primary.node.id): " + (primary.firstFailure?.detail ?? firstLineFailure(primary) ?? "")
                            + (fee.allowance.map { "; counts beyond \($0.percent)% of \($0.of.rawValue)" } ?? "")))
            }
        }
        if !decision.cancelledLines.isEmpty, let fee = profile.fees.fee(for: .cancelForStock) {
            let cancelled = decision.cancelledLines
            decision.fees.incurred.append(
                FeeLine(
                    violation: .cancelForStock,
                    amount: fee.charge(units: units(of: cancelled), value: value(of: cancelled, in: order)),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }

        // Verdicts for every node considered.
        let chosen = Set(decision.shipments.map(\.node))
        let allLines = Array(lines.indices)
        // Nodes failing the same check read the same verdict: make each sentence once.
        var verdicts: [(prefix: String, failure: NodeCheck, verdict: String)] = []
        func sentence(_ prefix: String, _ failure: NodeCheck) -> String {
            if let known = verdicts.first(where: { $0.failure == failure && $0.prefix == prefix }) {
                return known.verdict
            }
            let verdict = "\(prefix)\(failure.kind.rawValue): \(failure.detail)"
            if verdicts.count < 32 { verdicts.append((prefix, failure, verdict)) }
            return verdict
        }
        // By index, reading candidates in place: an assessment is a large value to copy.
        for position in candidates.indices {
            let id = candidates[position].node.id
            let canShipAll = candidates[position].canShip(allLines, lines) && candidates[position].option != nil
            let verdict: String
            if chosen.contains(id) {
                let shipment = decision.shipments.first { $0.node == id }
                let zone = candidates[position].node.timeZone
                verdict =
                    "chosen: lines \(shipment?.lines.map(\.lineNumber).joined(separator: ", ") ?? "") via "
                    + "\(shipment?.service.rawValue ?? ""), pickup \(shipment.map { Format.instant($0.shipAt, zone) } ?? "")"
            } else if let failure = candidates[position].firstFailure {
                verdict = sentence("cannot ship: ", failure)
            } else if canShipAll {
                verdict = "could ship everything, but ranks below the chosen node"
            } else if let failure = candidates[position].lineFailures.first {
                verdict = sentence("cannot ship every line: ", failure)
            } else {
                verdict = "cannot ship these lines together within capacity or stock"
            }
            decision.nodes.append(
                NodeEvaluation(
                    node: id, rank: candidates[position].rank, candidate: true, chosen: chosen.contains(id),
                    canShipAll: canShipAll,
                    distanceMiles: candidates[position].distance.map { ($0 * 10).rounded() / 10 },
                    checks: candidates[position].shownChecks, verdict: verdict))
        }
        let winner = decision.shipments.first?.node.rawValue ?? ""
        for (node, rank) in unconsidered {
            decision.nodes.append(
                NodeEvaluation(
                    node: node, rank: rank, candidate: true, chosen: false, canShipAll: false,
                    distanceMiles: nil, checks: [],
                    verdict: "not considered: \(winner) ranks higher and ships every line"))
        }
        for node in bystanders {
            let canShipAll = node.canShip(allLines, lines) && node.option != nil
            if canShipAll { decision.couldHaveShipped.append(node.node.id) }
            let reason = "not a candidate: the retailer assigned \(primaryID?.rawValue ?? "another node")"
            let verdict =
                canShipAll
                ? reason + "; could have shipped everything"
                : reason + "; could not ship either ("
                    + (node.firstFailure.map { "\($0.kind.rawValue): \($0.detail)" }
                        ?? firstLineFailure(node) ?? "stock or capacity") + ")"
            decision.nodes.append(
                evaluation(node, candidate: false, chosen: false, canShipAll: canShipAll, verdict: verdict))
        }
    }

    static func units(of cancelled: [CancelledLine]) -> Decimal {
        Decimal(cancelled.reduce(0) { $0 + $1.quantity })
    }

    /// What the cancelled lines were worth at the PO's prices.
    static func value(of cancelled: [CancelledLine], in order: PurchaseOrder) -> Money {
        cancelled.reduce(Money.zero(order.currency)) { total, line in
            let price = order.lines.first { $0.lineNumber == line.lineNumber }?.unitPrice
            return price.map { Money(total.amount + $0.amount * Decimal(line.quantity), total.currency) } ?? total
        }
    }

    static func evaluation(_ node: NodeAssessment, candidate: Bool, chosen: Bool, canShipAll: Bool, verdict: String)
        -> NodeEvaluation
    {
        NodeEvaluation(
            node: node.node.id, rank: node.rank, candidate: candidate, chosen: chosen, canShipAll: canShipAll,
            distanceMiles: node.distance.map { ($0 * 10).rounded() / 10 },
            checks: node.shownChecks, verdict: verdict)
    }

    static func firstLineFailure(_ node: NodeAssessment) -> String? {
        node.lineFailures.first.map { "\($0.kind.rawValue): \($0.detail)" }
    }

    /// The most telling reason a line cannot ship: no stock anywhere beats everything else; then capability; then the
    /// first failing general check at a node that has the stock.
    static func cancelReason(for index: Int, candidates: [NodeAssessment], lines: [ResolvedLine]) -> (Reason, String) {
        let label = lines[index].label
        // One pass in rank order: the first node with the stock and the capability that fails a general check.
        var anyWithStock = false
        var anyCapable = false
        for position in candidates.indices where candidates[position].hasStock(index) {
            anyWithStock = true
            guard candidates[position].handles(index) else { continue }
            anyCapable = true
            guard !candidates[position].generalOK, let failure = candidates[position].firstFailure else { continue }
            let reason: Reason
            switch failure.kind {
            case .enabled, .open, .capability: reason = .nodeUnavailable
            case .capacity: reason = .noCapacity
            case .carrier: reason = .noCarrierService
            default: reason = .cannotMeetShipBy
            }
            return (
                reason,
                "\(label): \(candidates[position].node.id) \(failure.kind.rawValue): \(failure.detail)"
            )
        }
        if !anyWithStock {
            // One candidate is the node the retailer assigned: name it, so the reason reads as what to tell them.
            let holder =
                candidates.count == 1
                ? "the only candidate, \(candidates[0].node.id), has fewer than" : "no candidate node has"
            return (.outOfStock, "\(label): \(holder) \(lines[index].quantity) available")
        }
        if !anyCapable {
            return (.itemRestricted, "\(label): no node with stock can handle the item")
        }
        return (.noCapacity, "\(label): no node can take it together with the rest")
    }

    /// The fee the primary would have drawn had the order been left with it.
    static func violation(for primary: NodeAssessment, lines: [ResolvedLine]) -> FeeSchedule.Violation {
        switch primary.firstFailure?.kind {
        case .carrier: .unauthorizedCarrier
        case .shipBy, .deliverBy, .enabled, .open, .capacity: .lateShip
        default: .cancelForStock
        }
    }

    static func policyCheck(_ policy: FulfilmentPolicy, decision: RoutingDecision, lines: [ResolvedLine]) -> RuleCheck {
        let shipments = decision.shipments.count
        let text: String
        switch policy.fill {
        case .orderFillOrKill: text = "order fill-or-kill: one node ships every line, or the order is cancelled"
        case .lineFillOrKill:
            text =
                "line fill-or-kill: each line ships complete or is cancelled (up to \(policy.maxShipments) shipment(s))"
        case .shipComplete:
            text =
                "ship complete in up to \(policy.maxShipments) shipment(s)"
                + (policy.backorder.map { ", backorders up to \($0)" } ?? ", no backorders")
        }
        let held =
            shipments <= policy.maxShipments
            && (policy.fill != .orderFillOrKill || decision.cancelledLines.isEmpty || shipments == 0)
        return RuleCheck(
            rule: .fulfilmentPolicy, passed: held,
            detail: text + "; plan: \(shipments) shipment(s), \(decision.cancelledLines.count) line(s) cancelled")
    }

    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        return output
    }
}
