import Foundation
import Orders
import Profiles

/// Turns the chosen plan (or its absence) into the outcome, the shipments, the cancelled or backordered lines, the
/// fees and the per-node verdicts. Sentences are left to the decision's facts, written when read.
enum DecisionBuilder {
    /// What routing found before the plan: the static result, the deadlines and every node assessed.
    struct Findings {
        var statics: StaticResult
        var deadlines: Deadlines
        var mapping: CarrierMapping
        var table: LineTable
        /// The candidates in rank order, then the bystanders.
        var assessments: [NodeAssessment]
        var candidateCount: Int
        var unconsidered: [(node: DCID, rank: Int)]
        var assigned: DCID?
    }

    /// An order that fails the static rules: rejected with the profile's codes, and the unit fee if it has one.
    static func rejection(
        _ order: PurchaseOrder, statics: StaticResult, deadlines: Deadlines, tables: RoutingTables, now: Date
    ) -> RoutingDecision {
        let facts = DecisionFacts(
            tables: tables, order: order, mapping: statics.mapping, deadlines: deadlines,
            services: statics.mapping?.services ?? [], isPOBox: statics.isPOBox,
            table: LineTable(lines: statics.lines), assessments: [], candidateCount: 0, unconsidered: [],
            assigned: nil, shipments: [], cancelledCount: 0, primaryID: nil)
        var decision = RoutingDecision(
            poNumber: order.poNumber, retailer: tables.profile.id, decidedAt: now, outcome: .reject, shipments: [],
            cancelledLines: [], backorderedLines: [], rejections: statics.rejections, deadlines: deadlines,
            fees: FeeAssessment(), checks: ruleChecks(statics, facts, final: []), nodes: [], couldHaveShipped: [])
        if let fee = tables.profile.fees.fee(for: .rejectedUnit) {
            decision.fees.incurred.append(
                FeeLine(
                    violation: .rejectedUnit, amount: fee.charge(units: order.totalUnits, value: order.extendedTotal),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }
        return decision
    }

    static func decision(
        _ order: PurchaseOrder, plan: Plan?, facts found: Findings, tables: RoutingTables, now: Date
    ) -> RoutingDecision {
        let policy = tables.profile.fulfilment
        let lines = found.table.lines
        let candidates = found.assessments[..<found.candidateCount]
        let deadlines = found.deadlines
        var shipments: [Shipment] = []
        var shipped = [Bool](repeating: false, count: lines.count)
        for shipment in plan?.shipments ?? [] {
            let node = candidates[shipment.node]
            guard let option = node.option else { continue }
            for line in shipment.lines { shipped[line] = true }
            let units = PlanSearch.units(shipment.lines, lines)
            let perOrder = tables.network.nodes[node.position].costs.perOrder
            shipments.append(
                Shipment(
                    node: node.id,
                    lines: shipment.lines.map {
                        ShipmentLine(lineNumber: lines[$0].lineNumber, sku: lines[$0].sku, quantity: lines[$0].quantity)
                    },
                    service: found.mapping.services[option.service], shipAt: option.pickupAt, shipDay: option.pickupDay,
                    shipBy: deadlines.shipBy, expectedDelivery: option.delivery, zone: node.zone,
                    landedCost: Money(rounded(node.landedCost(units: units, tables.network)), perOrder.currency)))
        }

        // The node that would have shipped with no rule in the way: the assigned one, the profile's primary, or the
        // first ranked candidate.
        let primaryID =
            tables.profile.routingAuthority == .retailerAssigned
            ? candidates.first?.id : (tables.profile.sourcing.primary ?? candidates.first?.id)

        let outcome: RoutingDecision.Outcome
        var backordered: [BackorderedLine] = []
        var cancels: [(line: Int, reason: Reason, why: DecisionFacts.CancelWhy)] = []
        if shipments.isEmpty, let backorder = policy.backorder, let node = candidates.first(where: { $0.generalOK }) {
            let until = CalendarDate.on(
                DeadlineCalculator.advance(
                    now, by: backorder, calendar: tables.profile.shipSLA.calendar, zone: tables.profileZone),
                in: tables.profileZone)
            backordered = lines.map {
                BackorderedLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity, node: node.id, until: until)
            }
            outcome = .backorder
        } else {
            for index in lines.indices where !shipped[index] {
                let (reason, why) = cancelReason(for: index, candidates: candidates, table: found.table)
                cancels.append((index, reason, why))
            }
            if shipments.isEmpty {
                outcome = .cancel
            } else if shipments.count > 1 {
                outcome = .split
            } else {
                outcome = shipments[0].node == primaryID ? .ship : .reroute
            }
        }

        let facts = DecisionFacts(
            tables: tables, order: order, mapping: found.mapping, deadlines: deadlines,
            services: found.mapping.services, isPOBox: found.statics.isPOBox, table: found.table,
            assessments: found.assessments, candidateCount: found.candidateCount, unconsidered: found.unconsidered,
            assigned: found.assigned, shipments: shipments, cancelledCount: cancels.count, primaryID: primaryID)
        let cancelled = cancels.map { cancel in
            CancelledLine(
                lineNumber: lines[cancel.line].lineNumber, sku: lines[cancel.line].sku,
                quantity: lines[cancel.line].quantity, reason: cancel.reason,
                code: tables.profile.reasonCodes.code(for: cancel.reason),
                lazyDetail: LazyText(.cancel(facts, line: cancel.line, cancel.why)))
        }
        let held =
            shipments.count <= policy.maxShipments
            && (policy.fill != .orderFillOrKill || cancelled.isEmpty || shipments.isEmpty)
        var decision = RoutingDecision(
            poNumber: order.poNumber, retailer: tables.profile.id, decidedAt: now, outcome: outcome, shipments: shipments,
            cancelledLines: cancelled, backorderedLines: backordered, rejections: [], deadlines: deadlines,
            fees: FeeAssessment(),
            checks: ruleChecks(
                found.statics, facts,
                final: [(.routingAuthority, true), (.fulfilmentPolicy, held), (.sourcing, !shipments.isEmpty)]),
            nodes: [], couldHaveShipped: [])

        // Fees: what rerouting avoided, what cancelling costs.
        if [.reroute, .split].contains(outcome), let primary = candidates.first(where: { $0.id == primaryID }),
            !shipments.contains(where: { $0.node == primary.id })
        {
            let failure = facts.firstFailure(primary)
            let violation = violation(for: failure?.kind)
            if let fee = tables.profile.fees.fee(for: violation) {
                decision.fees.avoided.append(
                    FeeLine(
                        violation: violation, amount: fee.charge(units: order.totalUnits, value: order.extendedTotal),
                        note: "\(primary.id): " + (failure?.detail ?? facts.firstLineFailure(primary) ?? "")
                            + (fee.allowance.map { "; counts beyond \($0.percent)% of \($0.of.rawValue)" } ?? "")))
            }
        }
        if !cancelled.isEmpty, let fee = tables.profile.fees.fee(for: .cancelForStock) {
            decision.fees.incurred.append(
                FeeLine(
                    violation: .cancelForStock,
                    amount: fee.charge(units: units(of: cancelled), value: value(of: cancelled, in: order)),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }

        // Verdicts for every node considered.
        decision.nodes.reserveCapacity(found.assessments.count + found.unconsidered.count)
        for row in candidates.indices {
            let canShipAll = candidates[row].shipsAll && candidates[row].option != nil
            let verdict: DecisionFacts.Verdict
            let chosen = shipments.firstIndex { $0.node == candidates[row].id }
            if let chosen {
                verdict = .chosen(shipment: chosen)
            } else if candidates[row].firstFailure != nil {
                verdict = .cannotShip
            } else if canShipAll {
                verdict = .couldShipEverything
            } else if candidates[row].failingLines > 0 {
                verdict = .cannotShipEveryLine
            } else {
                verdict = .cannotShipTogether
            }
            decision.nodes.append(
                NodeEvaluation(
                    node: candidates[row].id, rank: candidates[row].rank, candidate: true, chosen: chosen != nil, canShipAll: canShipAll,
                    distanceMiles: candidates[row].distance.map { ($0 * 10).rounded() / 10 },
                    lazyChecks: LazyNodeChecks(facts, row: row),
                    lazyVerdict: LazyText(.verdict(facts, row: row, verdict))))
        }
        for (index, entry) in found.unconsidered.enumerated() {
            decision.nodes.append(
                NodeEvaluation(
                    node: entry.node, rank: entry.rank, candidate: true, chosen: false, canShipAll: false,
                    distanceMiles: nil, lazyChecks: LazyNodeChecks([]),
                    lazyVerdict: LazyText(.verdict(facts, row: index, .notConsidered))))
        }
        for row in found.assessments.indices.dropFirst(found.candidateCount) {
            let canShipAll = found.assessments[row].shipsAll && found.assessments[row].option != nil
            if canShipAll { decision.couldHaveShipped.append(found.assessments[row].id) }
            decision.nodes.append(
                NodeEvaluation(
                    node: found.assessments[row].id, rank: found.assessments[row].rank, candidate: false, chosen: false, canShipAll: canShipAll,
                    distanceMiles: found.assessments[row].distance.map { ($0 * 10).rounded() / 10 },
                    lazyChecks: LazyNodeChecks(facts, row: row),
                    lazyVerdict: LazyText(.verdict(facts, row: row, .bystander(couldShip: canShipAll)))))
        }
        return decision
    }

    /// The static rules (a failed one with its failures), ack and ship-by, then `final`.
    static func ruleChecks(
        _ statics: StaticResult, _ facts: DecisionFacts, final: [(rule: RuleCheck.Rule, passed: Bool)]
    ) -> [RuleCheck] {
        var checks: [RuleCheck] = []
        checks.reserveCapacity(statics.outcomes.count + 2 + final.count)
        for outcome in statics.outcomes {
            checks.append(
                RuleCheck(
                    rule: outcome.rule, passed: outcome.failures == nil,
                    lazyDetail: LazyText(outcome.failures.map { .given($0) } ?? .rule(facts, outcome.rule))))
        }
        for (rule, passed) in [(RuleCheck.Rule.ackDeadline, true), (.shipBy, true)] + final {
            checks.append(RuleCheck(rule: rule, passed: passed, lazyDetail: LazyText(.rule(facts, rule))))
        }
        return checks
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

    /// The most telling reason a line cannot ship: no stock anywhere beats everything else; then capability; then the
    /// first failing general check at a node that has the stock.
    static func cancelReason(for index: Int, candidates: ArraySlice<NodeAssessment>, table: LineTable)
        -> (Reason, DecisionFacts.CancelWhy)
    {
        // One pass in rank order: the first node with the stock and the capability that fails a general check.
        var anyWithStock = false
        var anyCapable = false
        for row in candidates.indices where table.hasStock(candidates[row].row, index) {
            anyWithStock = true
            guard table.handles(index, candidates[row].capabilities) else { continue }
            anyCapable = true
            guard !candidates[row].generalOK, let failure = candidates[row].firstFailure else { continue }
            let reason: Reason
            switch failure {
            case .enabled, .open, .capability: reason = .nodeUnavailable
            case .capacity: reason = .noCapacity
            case .carrier: reason = .noCarrierService
            default: reason = .cannotMeetShipBy
            }
            return (reason, .nodeFailure(row: row))
        }
        if !anyWithStock { return (.outOfStock, .outOfStock) }
        if !anyCapable { return (.itemRestricted, .restricted) }
        return (.noCapacity, .noCapacity)
    }

    /// The fee the primary would have drawn had the order been left with it, by its first failing check.
    static func violation(for failure: NodeCheck.Kind?) -> FeeSchedule.Violation {
        switch failure {
        case .carrier: .unauthorizedCarrier
        case .shipBy, .deliverBy, .enabled, .open, .capacity: .lateShip
        default: .cancelForStock
        }
    }

    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        return output
    }
}
