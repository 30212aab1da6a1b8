public import Foundation
public import Orders
public import Profiles

/// Decides where a PO ships from, before anything is promised. Pure: the same inputs give the same decision, so every
/// decision can be replayed from the audit record. Reads no clock, environment or disk.
///
/// Steps: static compliance (reject with the profile's code) → deadlines (ack, ship-by in the retailer's zone) →
/// every candidate node assessed and ranked by the profile's strategy → the fulfilment policy picks the best plan
/// (one node, a split, line cancels, a backorder, or a cancel) → fees avoided or incurred.
public func route(
    _ order: PurchaseOrder, profile: RetailerProfile, network: Network, catalog: ItemCatalog, state: NetworkState,
    now: Date
) -> RoutingDecision {
    var decision = RoutingDecision(
        poNumber: order.poNumber, retailer: profile.id, decidedAt: now, outcome: .reject, shipments: [],
        cancelledLines: [], backorderedLines: [], rejections: [], deadlines: nil, fees: FeeAssessment(), checks: [],
        nodes: [], couldHaveShipped: [])

    let statics = StaticCompliance.check(order, profile: profile, network: network, catalog: catalog)
    decision.checks = statics.checks
    let deadlines = DeadlineCalculator.deadlines(for: order, profile: profile, now: now)
    decision.deadlines = deadlines
    decision.checks.append(
        RuleCheck(
            rule: .ackDeadline, passed: true,
            detail: "acknowledge by \(Format.instant(deadlines.acknowledgeBy, profile.timeZone))"
                + " (\(profile.documents.acknowledgement.deadline) from receipt)"))
    decision.checks.append(
        RuleCheck(
            rule: .shipBy, passed: true,
            detail: "ship by \(Format.instant(deadlines.shipBy, profile.timeZone)): \(deadlines.basis)"
                + (deadlines.deliverBy.map { "; deliver by \($0)" } ?? "")))
    guard statics.rejections.isEmpty, let mapping = statics.mapping else {
        decision.rejections = statics.rejections
        decision.outcome = .reject
        if let fee = profile.fees.fee(for: .rejectedUnit) {
            decision.fees.incurred.append(
                FeeLine(
                    violation: .rejectedUnit, amount: fee.charge(units: order.totalUnits, value: order.extendedTotal),
                    note: fee.allowance.map { "only beyond \($0.percent)% of \($0.of.rawValue)" }))
        }
        return decision
    }

    // Candidates: the assigned node alone, or the profile's list (all nodes when it lists none).
    let assigned = profile.routingAuthority == .retailerAssigned ? order.assignedNode : nil
    let listed = profile.sourcing.listed
    let allIDs = network.nodes.map(\.id).sorted()
    let candidateIDs: [DCID] =
        order.pickupStore.map { [$0] } ?? assigned.map { [$0] } ?? (listed.isEmpty ? allIDs : listed)
    var others: [DCID] = []
    if let assigned {
        others = (profile.sourcing.alternates.isEmpty ? allIDs : profile.sourcing.alternates).filter { $0 != assigned }
    }
    let context = NodeAssessor.Context(
        order: order, profile: profile, network: network, state: state, lines: statics.lines,
        services: mapping.services, deadlines: deadlines, isPOBox: statics.isPOBox, now: now)
    var candidates = candidateIDs.enumerated().compactMap { index, id in
        network.node(id).map { NodeAssessor.assess($0, candidate: true, profileIndex: index, context) }
    }
    let bystanders = others.enumerated().compactMap { index, id in
        network.node(id).map { NodeAssessor.assess($0, candidate: false, profileIndex: index, context) }
    }
    candidates = Ranking.rank(
        candidates, by: profile.sourcing.strategy, units: statics.lines.reduce(0) { $0 + $1.quantity })
    decision.checks.append(
        RuleCheck(
            rule: .routingAuthority, passed: true,
            detail: assigned.map { "the retailer assigned \($0); no reroute allowed" }
                ?? "supplier routes: \(candidates.map(\.node.id.rawValue).joined(separator: ", ")) by \(profile.sourcing.strategy.rawValue)"
        ))

    let plan = PlanSearch.best(candidates: candidates, lines: statics.lines, policy: profile.fulfilment)
    DecisionBuilder.fill(
        &decision, plan: plan, candidates: candidates, bystanders: bystanders, lines: statics.lines,
        order: order, profile: profile, deadlines: deadlines, now: now)
    return decision
}

/// Orders candidates by the profile's strategy; ties fall back to profile order, then node id, so the result does not
/// depend on the order nodes are listed in the network file.
enum Ranking {
    static func rank(_ nodes: [NodeAssessment], by strategy: Sourcing.Strategy, units: Int) -> [NodeAssessment] {
        func key(_ a: NodeAssessment) -> [Double] {
            let far = Double.greatestFiniteMagnitude
            switch strategy {
            case .profileOrder: return []
            case .nearest: return [a.distance ?? far]
            case .fastest:
                guard let option = a.option else { return [far, far] }
                let delivery = option.delivery.map { Double($0.year * 10_000 + $0.month * 100 + $0.day) } ?? far
                return [delivery, option.pickupAt.timeIntervalSince1970]
            case .cheapest:
                return [a.option == nil ? far : NSDecimalNumber(decimal: a.landedCost(units: units)).doubleValue]
            case .priority: return [Double(a.node.priority)]
            }
        }
        var ranked = nodes.sorted { lhs, rhs in
            let (l, r) = (key(lhs), key(rhs))
            if l != r { return l.lexicographicallyPrecedes(r) }
            if lhs.profileIndex != rhs.profileIndex { return lhs.profileIndex < rhs.profileIndex }
            return lhs.node.id < rhs.node.id
        }
        for index in ranked.indices { ranked[index].rank = index + 1 }
        return ranked
    }
}

extension ProfileSet {
    /// Routes `order` under the profile it belongs to (by its retailer, else its sender identity), against this
    /// set's network and catalog; nil when no profile claims the order.
    public func route(_ order: PurchaseOrder, state: NetworkState, now: Date) -> RoutingDecision? {
        guard let profile = profile(for: order) else { return nil }
        return Routing.route(order, profile: profile, network: network, catalog: catalog, state: state, now: now)
    }
}
