internal import CPrefetch
public import Foundation
public import Orders
public import Profiles

/// Decides where a PO ships from, before anything is promised. Pure: the same inputs give the same decision, so every
/// decision can be replayed from the audit record. Reads no clock, environment or disk.
///
/// Steps: static compliance (reject with the profile's code) → deadlines (ack, ship-by in the retailer's zone) →
/// every candidate node assessed and ranked by the profile's strategy → the fulfilment policy picks the best plan
/// (one node, a split, line cancels, a backorder, or a cancel) → fees avoided or incurred.
///
/// A router works out what it needs of its profile, network and catalog once (`RoutingTables`) and never changes
/// after: make one per profile and route every order of that retailer through it, from any task.
/// `ProfileSet.routers()` makes them all, working out the network and catalog once for all of them. What a run of
/// orders can reuse from one decision to the next is the caller's to keep, in a `RoutingScratch`.
public struct Router: Sendable {
    let tables: RoutingTables

    public init(profile: RetailerProfile, network: Network, catalog: ItemCatalog) {
        self.init(profile: profile, world: WorldTables(network: network, catalog: catalog))
    }

    init(profile: RetailerProfile, world: WorldTables) {
        tables = RoutingTables(profile: profile, world: world)
    }

    public var profile: RetailerProfile { tables.profile }

    /// Decides `order` with a fresh `RoutingScratch`: for one order. A loop over many keeps one scratch across them
    /// (`route(_:state:now:scratch:)`), which decides the same, faster.
    public func route(_ order: PurchaseOrder, state: NetworkState, now: Date) -> RoutingDecision {
        var scratch = RoutingScratch()
        return route(order, state: state, now: now, scratch: &scratch)
    }

    /// Decides `order`, reusing and adding to what `scratch` holds from this caller's earlier decisions.
    public func route(
        _ order: PurchaseOrder, state: NetworkState, now: Date, scratch: inout RoutingScratch
    ) -> RoutingDecision {
        scratch.prepare(for: tables)
        // The order's lines and parties, which a run that parsed its files first finds out of cache; then the catalog
        // slots and stock rows the lines will read, asked for before the static checks, which then hide their cache
        // misses.
        Self.prefetch(order.lines)
        Self.prefetch(order.parties)
        let stockRows = scratch.stockRows(in: state.stock, tables.world)
        tables.world.items.prefetch(order.lines, bySlot: stockRows.bySlot)
        let statics = StaticCompliance.check(order, tables)
        let deadlines = scratch.deadlines(for: order, now: now, tables)
        guard statics.rejections.isEmpty, let mapping = statics.mapping else {
            return DecisionBuilder.rejection(order, statics: statics, deadlines: deadlines, tables: tables, now: now)
        }

        // Candidates: the assigned node alone, or the profile's list (all nodes when it lists none).
        let assigned = tables.profile.routingAuthority == .retailerAssigned ? order.assignedNode : nil
        let named = order.pickupStore ?? assigned
        var others: [DCID] = []
        if let assigned {
            others =
                (tables.profile.sourcing.alternates.isEmpty
                ? tables.world.sortedIDs : tables.profile.sourcing.alternates)
                .filter { $0 != assigned }
        }
        // Stock that lines of different SKUs share: only where a line is a kit.
        let shared =
            tables.world.hasKits && statics.lines.contains(where: { tables.world.kitItems[$0.item] })
            ? SharedStock.among(statics.lines, catalog: tables.world.catalog) : []
        var table = LineTable(
            lines: statics.lines, shared: shared, rowCapacity: tables.world.ids.count + others.count)
        var assessor = NodeAssessor(
            tables: tables, state: state, stockRows: stockRows, lines: statics.lines, shared: shared,
            services: mapping.services,
            deadlines: deadlines,
            isPOBox: statics.isPOBox, now: now, region: statics.zip3.flatMap(tables.world.region(ofZip3:)),
            scratch: &scratch)
        // Node positions in the network, so nodes are not copied while ranking.
        let positions =
            named.map { id in tables.world.positions[id].map { [(position: $0, index: 0)] } ?? [] }
            ?? tables.defaultCandidates
        var candidates: [NodeAssessment] = []
        candidates.reserveCapacity(positions.count + others.count)
        var unconsidered: [(node: DCID, rank: Int)] = []
        let strategy = tables.profile.sourcing.strategy
        if strategy == .fastest || strategy == .cheapest {
            // These rank by what the assessment finds (delivery day, landed cost): assess every node, then rank.
            for entry in positions {
                assessor.assess(
                    position: entry.position, candidate: true, profileIndex: entry.index, into: &table, &candidates)
            }
            candidates = Ranking.rank(
                candidates, by: tables.profile.sourcing.strategy, units: table.totalUnits, tables.world)
        } else {
            // Rank first, then assess in rank order and stop at the first node that ships every line: no later node
            // can change the decision (one shipment from the best-ranked complete node wins under every policy).
            let ordered = Ranking.order(
                positions, by: tables.profile.sourcing.strategy, tables, region: assessor.region)
            for (offset, entry) in ordered.enumerated() {
                assessor.assess(
                    position: entry.position, candidate: true, profileIndex: entry.index, into: &table, &candidates)
                candidates[offset].rank = offset + 1
                if candidates[offset].shipsAll && candidates[offset].option != nil {
                    unconsidered = ordered.dropFirst(offset + 1).enumerated().map {
                        (tables.world.ids[$1.position], offset + $0 + 2)
                    }
                    break
                }
            }
        }
        // The alternates of a retailer-assigned program matter only when the assigned node cannot ship.
        let candidateCount = candidates.count
        let assignedShips = assigned != nil && candidates.first?.shipsAll == true
        if !assignedShips {
            for (index, id) in others.enumerated() {
                guard let position = tables.world.positions[id] else { continue }
                assessor.assess(position: position, candidate: false, profileIndex: index, into: &table, &candidates)
            }
        }
        scratch.keep(assessor.memo)
        let plan = PlanSearch.best(
            candidates: candidates[..<candidateCount], table: table, policy: tables.profile.fulfilment,
            world: tables.world
        )
        return DecisionBuilder.decision(
            order, plan: plan,
            // Their last uses: moved into the findings, not copied.
            facts: .init(
                statics: consume statics, deadlines: consume deadlines, mapping: mapping, table: consume table,
                assessments: consume candidates, candidateCount: candidateCount, unconsidered: consume unconsidered,
                assigned: assigned),
            tables: tables, state: state, now: now, scratch: &scratch)
    }
}

extension Router {
    /// Asks for every cache line of `elements`' storage at once.
    static func prefetch<Element>(_ elements: [Element]) {
        elements.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            for offset in stride(from: 0, to: bytes.count, by: 64) { dg_prefetch(base + offset) }
        }
    }
}

/// `Router(profile:network:catalog:).route(order, state:now:)`: for one order; a run over many builds a `Router`
/// once.
public func route(
    _ order: PurchaseOrder, profile: RetailerProfile, network: Network, catalog: ItemCatalog, state: NetworkState,
    now: Date
) -> RoutingDecision {
    Router(profile: profile, network: network, catalog: catalog).route(order, state: state, now: now)
}

/// Orders candidates by the profile's strategy; ties fall back to profile order, then node id, so the result does not
/// depend on the order nodes are listed in the network file.
enum Ranking {
    static func rank(_ nodes: [NodeAssessment], by strategy: Sourcing.Strategy, units: Int, _ world: WorldTables)
        -> [NodeAssessment]
    {
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
                return [
                    a.option == nil ? far : NSDecimalNumber(decimal: a.landedCost(units: units, world)).doubleValue
                ]
            case .priority: return [Double(world.network.nodes[a.position].priority)]
            }
        }
        let keys = nodes.map(key)
        var ranked = nodes.indices.sorted { lhs, rhs in
            let (l, r) = (keys[lhs], keys[rhs])
            if l != r { return l.lexicographicallyPrecedes(r) }
            if nodes[lhs].profileIndex != nodes[rhs].profileIndex {
                return nodes[lhs].profileIndex < nodes[rhs].profileIndex
            }
            return nodes[lhs].id < nodes[rhs].id
        }.map { nodes[$0] }
        for index in ranked.indices { ranked[index].rank = index + 1 }
        return ranked
    }

    /// The same order for the strategies that need no assessment (profile order, nearest, priority).
    static func order(
        _ entries: [(position: Int, index: Int)], by strategy: Sourcing.Strategy, _ tables: RoutingTables,
        region: Int?
    ) -> [(position: Int, index: Int)] {
        let nodes = tables.world.network.nodes
        func key(_ position: Int) -> Double {
            switch strategy {
            case .nearest:
                region.map { tables.world.regionMiles[$0 * nodes.count + position] } ?? .greatestFiniteMagnitude
            case .priority: Double(nodes[position].priority)
            default: 0
            }
        }
        // Entries come in profile order (ascending index), which is also what a sort on equal keys would give.
        if strategy == .profileOrder { return entries }
        let keyed = entries.map { (entry: $0, key: key($0.position)) }
        return keyed.sorted { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            if lhs.entry.index != rhs.entry.index { return lhs.entry.index < rhs.entry.index }
            return nodes[lhs.entry.position].id < nodes[rhs.entry.position].id
        }.map(\.entry)
    }
}

extension ProfileSet {
    /// A router for every profile of the set, against the set's network and catalog (worked out once for all of
    /// them): make them once per run.
    public func routers() -> [RetailerID: Router] {
        let world = WorldTables(network: network, catalog: catalog)
        return profiles.mapValues { Router(profile: $0, world: world) }
    }

    /// Routes `order` under the profile it belongs to (by its retailer, else its sender identity), against this
    /// set's network and catalog; nil when no profile claims the order.
    public func route(_ order: PurchaseOrder, state: NetworkState, now: Date) -> RoutingDecision? {
        guard let profile = profile(for: order) else { return nil }
        return Router(profile: profile, network: network, catalog: catalog).route(order, state: state, now: now)
    }
}
