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

    var memo = OrderMemo()
    let statics = StaticCompliance.check(order, profile: profile, network: network, catalog: catalog)
    decision.checks = statics.checks
    let deadlines = DeadlineCalculator.deadlines(for: order, profile: profile, now: now)
    decision.deadlines = deadlines
    decision.checks.append(
        RuleCheck(
            rule: .ackDeadline, passed: true,
            detail: "acknowledge by \(memo.text(deadlines.acknowledgeBy, profile.timeZone))"
                + " (\(profile.documents.acknowledgement.deadline) from receipt)"))
    decision.checks.append(
        RuleCheck(
            rule: .shipBy, passed: true,
            detail: "ship by \(memo.text(deadlines.shipBy, profile.timeZone)): \(deadlines.basis)"
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
        services: mapping.services, deadlines: deadlines, isPOBox: statics.isPOBox, now: now,
        destination: statics.zip3.flatMap { network.region(forZip3: $0)?.coordinates },
        shipByText: memo.text(deadlines.shipBy, profile.timeZone))
    let allLines = Array(statics.lines.indices)
    // Node positions in the network, so nodes are not copied while ranking.
    let positions = candidateIDs.enumerated().compactMap { index, id in
        network.nodes.firstIndex { $0.id == id }.map { (position: $0, index: index) }
    }
    var candidates: [NodeAssessment]
    var unconsidered: [(node: DCID, rank: Int)] = []
    if [.fastest, .cheapest].contains(profile.sourcing.strategy) {
        // These rank by what the assessment finds (delivery day, landed cost): assess every node, then rank.
        candidates = positions.map {
            NodeAssessor.assess(
                network.nodes[$0.position], candidate: true, profileIndex: $0.index, context, memo: &memo)
        }
        candidates = Ranking.rank(
            candidates, by: profile.sourcing.strategy, units: statics.lines.reduce(0) { $0 + $1.quantity })
    } else {
        // Rank first, then assess in rank order and stop at the first node that ships every line: no later node
        // can change the decision (one shipment from the best-ranked complete node wins under every policy).
        let ordered = Ranking.order(
            positions, in: network, by: profile.sourcing.strategy, destination: context.destination)
        candidates = []
        for (offset, entry) in ordered.enumerated() {
            var assessment = NodeAssessor.assess(
                network.nodes[entry.position], candidate: true, profileIndex: entry.index, context, memo: &memo)
            assessment.rank = offset + 1
            let shipsEverything = assessment.canShip(allLines, statics.lines) && assessment.option != nil
            candidates.append(assessment)
            if shipsEverything {
                unconsidered = ordered.dropFirst(offset + 1).enumerated().map {
                    (network.nodes[$1.position].id, offset + $0 + 2)
                }
                break
            }
        }
    }
    // The alternates of a retailer-assigned program matter only when the assigned node cannot ship.
    let assignedShips = assigned != nil && candidates.first.map { $0.canShip(allLines, statics.lines) } == true
    let bystanders =
        assignedShips
        ? []
        : others.enumerated().compactMap { index, id in
            network.node(id).map {
                NodeAssessor.assess($0, candidate: false, profileIndex: index, context, memo: &memo)
            }
        }
    decision.checks.append(
        RuleCheck(
            rule: .routingAuthority, passed: true,
            detail: assigned.map { "the retailer assigned \($0); no reroute allowed" }
                ?? "supplier routes: \((candidates.map(\.node.id) + unconsidered.map(\.node)).map(\.rawValue).joined(separator: ", ")) by \(profile.sourcing.strategy.rawValue)"
        ))

    let plan = PlanSearch.best(candidates: candidates, lines: statics.lines, policy: profile.fulfilment)
    DecisionBuilder.fill(
        &decision, plan: plan, candidates: candidates, bystanders: bystanders, unconsidered: unconsidered,
        lines: statics.lines,
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

    /// The same order for the strategies that need no assessment (profile order, nearest, priority).
    static func order(
        _ entries: [(position: Int, index: Int)], in network: Network, by strategy: Sourcing.Strategy,
        destination: Coordinates?
    ) -> [(position: Int, index: Int)] {
        func key(_ node: FulfilmentNode) -> Double {
            switch strategy {
            case .nearest: destination.map { node.coordinates.miles(to: $0) } ?? .greatestFiniteMagnitude
            case .priority: Double(node.priority)
            default: 0
            }
        }
        let keyed = entries.map { (entry: $0, key: key(network.nodes[$0.position])) }
        return keyed.sorted { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.entry.index != rhs.entry.index { return lhs.entry.index < rhs.entry.index }
            return network.nodes[lhs.entry.position].id < network.nodes[rhs.entry.position].id
        }.map(\.entry)
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
