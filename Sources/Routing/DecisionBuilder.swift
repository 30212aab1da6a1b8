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
        let facts = Shared(
            DecisionFacts(
                context: tables.explanation, order: order, mapping: statics.mapping, deadlines: deadlines,
                services: statics.mapping?.services ?? [], isPOBox: statics.isPOBox,
                table: LineTable(lines: statics.lines), assessments: [], candidateCount: 0, unconsidered: [],
                assigned: nil, shipments: [], cancels: [], primaryID: nil,
                rules: rules(statics.outcomes)))
        var decision = RoutingDecision(
            poNumber: order.poNumber, retailer: tables.profile.id, decidedAt: now, outcome: .reject, shipments: [],
            lazyCancelledLines: LazyList([]), backorderedLines: [], rejections: statics.rejections,
            deadlines: deadlines, fees: FeeAssessment(), lazyChecks: LazyList(facts), lazyNodes: LazyList([]),
            couldHaveShipped: [])
        if let fee = tables.fee(for: .rejectedUnit) {
            decision.fees.incurred.append(
                FeeLine(
                    violation: .rejectedUnit, amount: fee.charge(units: order.totalUnits, value: order.extendedTotal),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }
        return decision
    }

    /// `found` is consumed: its arrays move into the decision rather than being copied. `scratch` keeps the landed
    /// costs worked out.
    static func decision(
        _ order: PurchaseOrder, plan: Plan?, facts found: consuming Findings, tables: RoutingTables,
        state: NetworkState, now: Date, scratch: inout RoutingScratch
    ) -> RoutingDecision {
        // The static rules' array, held by nothing else, so the decision's rules are appended to it in place.
        let staticOutcomes = found.statics.outcomes
        found.statics.outcomes = []
        let policy = tables.profile.fulfilment
        let lines = found.table.lines
        let candidates = found.assessments[..<found.candidateCount]
        var shipments: [Shipment] = []
        // Which lines a shipment takes; made only when there is a shipment.
        var shipped: [Bool] = []
        for shipment in plan?.shipments ?? [] {
            let node = candidates[shipment.node]
            guard let option = node.option else { continue }
            if shipped.isEmpty { shipped = [Bool](repeating: false, count: lines.count) }
            for line in shipment.lines { shipped[line] = true }
            let units = PlanSearch.units(shipment.lines, lines)
            let perOrder = tables.world.network.nodes[node.position].costs.perOrder
            shipments.append(
                Shipment(
                    node: node.id,
                    lines: shipment.lines.map {
                        ShipmentLine(lineNumber: lines[$0].lineNumber, sku: lines[$0].sku, quantity: lines[$0].quantity)
                    },
                    service: found.mapping.services[option.service], shipAt: option.pickupAt, shipDay: option.pickupDay,
                    shipBy: found.deadlines.shipBy, timeZone: tables.world.nodeZones[node.position].zone,
                    expectedDelivery: option.delivery, zone: node.zone,
                    landedCost: Money(
                        scratch.roundedLandedCost(
                            node.position, units: units, shipping: option.shippingCost, tables.world),
                        perOrder.currency)))
        }

        // The node that would have shipped with no rule in the way: the assigned one, the profile's primary, or the
        // first ranked candidate.
        let primaryID =
            tables.profile.routingAuthority == .retailerAssigned
            ? candidates.first?.id : (tables.profile.sourcing.primary ?? candidates.first?.id)

        let outcome: RoutingDecision.Outcome
        var backordered: [BackorderedLine] = []
        var cancels: [Int] = []
        var inboundLate: InboundLate?
        let wait = policy.backorder.flatMap { backorder -> Wait? in
            guard shipments.isEmpty else { return nil }
            let latest = CalendarDate.on(
                DeadlineCalculator.advance(
                    now, by: backorder, calendar: tables.profile.shipSLA.calendar, zone: tables.profileZone),
                in: tables.profileZone)
            return Self.wait(lines, candidates: candidates, state: state, latest: latest)
        }
        if case .wait(let node, let until, let awaiting) = wait {
            backordered = lines.indices.map {
                BackorderedLine(
                    lineNumber: lines[$0].lineNumber, sku: lines[$0].sku, quantity: lines[$0].quantity, node: node,
                    until: until, awaiting: awaiting?[$0])
            }
            if awaiting != nil {
                found.deadlines = Self.deadlines(found.deadlines, waitingUntil: until, order: order, tables: tables)
            }
            outcome = .backorder
        } else {
            if case .tooLate(let late) = wait { inboundLate = late }
            cancels = shipments.isEmpty ? Array(lines.indices) : lines.indices.filter { !shipped[$0] }
            if shipments.isEmpty {
                outcome = .cancel
            } else if shipments.count > 1 {
                outcome = .split
            } else {
                outcome = shipments[0].node == primaryID ? .ship : .reroute
            }
        }

        let held =
            shipments.count <= policy.maxShipments
            && (policy.fill != .orderFillOrKill || cancels.isEmpty || shipments.isEmpty)
        var rules = rules(staticOutcomes)
        rules.append(RuleOutcome(rule: .routingAuthority, passed: true))
        rules.append(RuleOutcome(rule: .fulfilmentPolicy, passed: held))
        rules.append(RuleOutcome(rule: .sourcing, passed: !shipments.isEmpty))
        var made = DecisionFacts(
            context: tables.explanation, order: order, mapping: found.mapping, deadlines: found.deadlines,
            services: found.mapping.services, isPOBox: found.statics.isPOBox, table: found.table,
            assessments: found.assessments, candidateCount: found.candidateCount,
            unconsidered: found.unconsidered, assigned: found.assigned, shipments: shipments, cancels: cancels,
            primaryID: primaryID, rules: rules)
        made.inboundLate = inboundLate
        let facts = Shared(made)
        var couldHaveShipped: [DCID] = []
        for row in found.assessments.indices.dropFirst(found.candidateCount)
        where found.assessments[row].shipsAll && found.assessments[row].option != nil {
            couldHaveShipped.append(found.assessments[row].id)
        }
        var decision = RoutingDecision(
            poNumber: order.poNumber, retailer: tables.profile.id, decidedAt: now, outcome: outcome,
            shipments: shipments, lazyCancelledLines: LazyList(facts), backorderedLines: backordered, rejections: [],
            deadlines: found.deadlines, fees: FeeAssessment(), lazyChecks: LazyList(facts), lazyNodes: LazyList(facts),
            couldHaveShipped: couldHaveShipped)

        // Fees: what rerouting avoided, what cancelling costs.
        if [.reroute, .split].contains(outcome), let row = candidates.firstIndex(where: { $0.id == primaryID }),
            !shipments.contains(where: { $0.node == candidates[row].id })
        {
            let (failed, failing) = facts.value.failedCheck(row)
            let violation = violation(for: failed)
            if let fee = tables.fee(for: violation) {
                // Line fill-or-kill would lose only the failing lines; every other policy, the whole order.
                let onlyFailing = policy.fill == .lineFillOrKill && !failing.isEmpty
                decision.fees.avoided.append(
                    FeeLine(
                        violation: violation,
                        amount: fee.charge(
                            units: onlyFailing ? units(of: failing, lines) : order.totalUnits,
                            value: onlyFailing ? value(of: failing, lines, in: order) : order.extendedTotal),
                        node: candidates[row].id, failedCheck: failed,
                        lazyCause: LazyText(.avoidedFeeCause(facts, row: row)),
                        lazyNote: LazyText(
                            .avoidedFee(
                                facts, row: row,
                                suffix: fee.allowance.map { "; counts beyond \($0.percent)% of \($0.of.rawValue)" }
                                    ?? ""))))
            }
        }
        if !cancels.isEmpty, let fee = tables.fee(for: .cancelForStock) {
            decision.fees.incurred.append(
                FeeLine(
                    violation: .cancelForStock,
                    amount: fee.charge(units: units(of: cancels, lines), value: value(of: cancels, lines, in: order)),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }

        return decision
    }

    /// The static rules (a failed one with its failures), then ack and ship-by: the static result's array, grown in
    /// place when nothing else holds it.
    static func rules(_ outcomes: consuming [RuleOutcome]) -> [RuleOutcome] {
        outcomes.append(RuleOutcome(rule: .ackDeadline, passed: true))
        outcomes.append(RuleOutcome(rule: .shipBy, passed: true))
        return outcomes
    }

    static func units(of cancels: [Int], _ lines: [ResolvedLine]) -> Decimal {
        Decimal(cancels.reduce(0) { $0 + lines[$1].quantity })
    }

    /// What the cancelled lines were worth at the PO's prices.
    static func value(
        of cancels: [Int], _ lines: [ResolvedLine], in order: PurchaseOrder
    ) -> Money {
        cancels.reduce(Money.zero(order.currency)) { total, cancel in
            let line = lines[cancel]
            let price = order.lines[line.index].unitPrice
            return price.map { Money(total.amount + $0.amount * Decimal(line.quantity), total.currency) } ?? total
        }
    }

    /// The fee the primary would have drawn had the order been left with it, by the check it failed: short of stock,
    /// it cancels (cancel-for-stock); switched off, it has no day to ship and cancels too; without the capability a
    /// line needs (hazmat, oversize, gift wrap, pickup), the line cannot ship and is rejected (rejected-unit, the
    /// schedule's fee for an unshippable line); out of capacity, closed or past its cutoff for ship-by, the order
    /// waits and ships late (late-ship); without an authorized service, it ships by another (unauthorized-carrier).
    /// A fee the profile's schedule lacks is not avoided.
    static func violation(for failure: NodeCheck.Kind) -> FeeSchedule.Violation {
        switch failure {
        case .stock, .enabled: .cancelForStock
        case .capability: .rejectedUnit
        case .carrier: .unauthorizedCarrier
        case .capacity, .open, .shipBy, .deliverBy: .lateShip
        }
    }
}
