public import Foundation
public import Orders
public import Profiles
public import Routing

/// A PO as recorded: the order as first received, what its first decision read and what it decided.
public struct RecordedPO: Sendable {
    public var id: Int64
    public var retailer: RetailerID
    public var receivedAt: Date
    /// The clock the decision was made at: the replay decides at the same instant.
    public var decidedAt: Date
    public var order: PurchaseOrder
    public var figures: DecisionFigures
    public var digest: String
    public var inputs: DecisionInputs
    public var feesAvoided: Money?
    public var feesIncurred: Money?

    public init(
        id: Int64, retailer: RetailerID, receivedAt: Date, decidedAt: Date, order: PurchaseOrder,
        figures: DecisionFigures, digest: String, inputs: DecisionInputs, feesAvoided: Money?, feesIncurred: Money?
    ) {
        self.id = id
        self.retailer = retailer
        self.receivedAt = receivedAt
        self.decidedAt = decidedAt
        self.order = order
        self.figures = figures
        self.digest = digest
        self.inputs = inputs
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
    }
}

/// Decides recorded POs again, one after the other in their original order and each at its original instant,
/// against the profiles and network given (changed or not) and a changed stock (`StockChanges`), in memory.
///
/// Each PO reads what its first decision read, corrected by what the replay did differently before it: the units
/// and capacity the replayed decisions took beyond (or short of) what the recorded ones took, and the stock the
/// changes add or hold back. Everything else that moved stock while the POs came in (imports, receipts, shipments,
/// cancels) happened as recorded. With nothing changed, every correction is zero and each PO reads exactly what it
/// read: the decision must come out the same, byte for byte.
///
/// Approximations, said in the report: a kit's figure is corrected by the kits the replay took differently, not
/// by its components sold alone; stock due (backorders) is read as recorded.
public struct Replayer {
    public let profiles: ProfileSet
    public let changes: StockChanges
    private var routers: [[NodeSwitch]: [RetailerID: Router]] = [:]
    private var scratches: [RetailerID: RoutingScratch] = [:]
    /// Units the replay took beyond the record so far, per node and SKU (a kit's units under the kit and under
    /// each component).
    private var taken: [DCID: [SKU: Int]] = [:]
    /// Orders and units the replay took beyond the record so far, per node and the node's day.
    private var used: [DCID: [CalendarDate: DailyUsage]] = [:]
    /// The on hand first recorded in the window per node and SKU: what an on-hand change is reckoned from.
    private var firstOnHand: [DCID: [SKU: Int]] = [:]
    /// The stock table each PO reads, and the positions the last PO set in it (to a figure above zero).
    private var stock = Stock()
    private var lastSet: [Key] = []
    private var tally: ReplayTally

    public init(profiles: ProfileSet, changes: StockChanges = StockChanges(), window: ReplayReport.Window) {
        self.profiles = profiles
        self.changes = changes
        tally = ReplayTally(window: window)
    }

    /// What the replay found so far.
    public var report: ReplayReport { tally.sorted }

    /// Decides `recorded` again and adds the outcome to `report`; returns the replayed decision (nil when no
    /// profile of the set claims the PO's retailer any more).
    @discardableResult
    public mutating func replay(_ recorded: RecordedPO) -> RoutingDecision? {
        let switches = recorded.inputs.switches
        if routers[switches] == nil { routers[switches] = profiles.routers(applying: switches) }
        guard let router = routers[switches]?[recorded.retailer] else {
            tally.add(recorded, replayed: nil, figures: nil, exact: false, profiles: profiles)
            return nil
        }
        let state = state(for: recorded)
        let decision = router.route(
            recorded.order, state: state, now: recorded.decidedAt,
            scratch: &scratches[recorded.retailer, default: RoutingScratch()])
        var figures = DecisionFigures(decision, summary: false)
        let samePlan = figures.samePlan(as: recorded.figures)
        // A different plan cannot read the same: its JSON is only worked out for a plan that matches.
        let exact = samePlan && decision.digest == recorded.digest
        // Only a decision that changed is told with its summary.
        if !exact { figures.summary = decision.summary }
        if !samePlan { account(figures, minus: recorded.figures, at: recorded.decidedAt) }
        tally.add(recorded, replayed: decision, figures: figures, exact: exact, profiles: profiles)
        return decision
    }

    /// What `recorded` reads: its recorded inputs, corrected by the stock changes and by what the replay took
    /// differently before it.
    ///
    /// The stock is one table kept from PO to PO: the positions the last PO read are set back to zero and this PO's
    /// are set. A table made afresh for each PO would lay its rows out anew, and the router would have to find
    /// every catalog item's row again (`RoutingScratch` keeps them while the layout stays).
    mutating func state(for recorded: RecordedPO) -> NetworkState {
        let inputs = recorded.inputs
        for position in inputs.stock {
            if let stocked = position.stocked, firstOnHand[position.node]?[position.sku] == nil {
                firstOnHand[position.node, default: [:]][position.sku] = stocked.onHand
            }
        }
        // Every position reads zero once the last PO's are set back; only what is there needs setting.
        for key in lastSet { stock.set(0, of: key.sku, at: key.node) }
        lastSet.removeAll(keepingCapacity: true)
        func set(_ available: Int, _ key: Key) {
            guard available > 0 else { return }
            stock.set(available, of: key.sku, at: key.node)
            lastSet.append(key)
        }
        var usage = inputs.usage
        guard !taken.isEmpty || !used.isEmpty || !changes.isEmpty else {
            for position in inputs.stock { set(position.available, Key(node: position.node, sku: position.sku)) }
            return NetworkState(stock: stock, usage: usage, inbound: InboundStock(inputs.inbound))
        }
        var recordedPositions: Set<Key> = []
        for position in inputs.stock {
            let key = Key(node: position.node, sku: position.sku)
            recordedPositions.insert(key)
            set(corrected(position), key)
        }
        // Positions the record did not list (nothing there) that the replay gave back to or a change stocks.
        for sku in recorded.order.lines.compactMap(profiles.catalog.sku(of:)) {
            for node in profiles.network.nodes where !recordedPositions.contains(Key(node: node.id, sku: sku)) {
                let empty = DecisionInputs.Position(
                    node: node.id, sku: sku, available: 0,
                    stocked: profiles.catalog.isKit(sku) ? nil : .init(onHand: 0, safetyStock: 0, surplus: 0))
                set(corrected(empty), Key(node: node.id, sku: sku))
            }
        }
        for node in profiles.network.nodes {
            let day = CalendarDate(recorded.decidedAt, in: node.timeZone)
            guard let extra = used[node.id]?[day] else { continue }
            var nodeUsage = usage[node.id] ?? DailyUsage()
            nodeUsage.orders += extra.orders
            nodeUsage.units += extra.units
            usage[node.id] = nodeUsage
        }
        return NetworkState(stock: stock, usage: usage, inbound: InboundStock(inputs.inbound))
    }

    private struct Key: Hashable {
        var node: DCID
        var sku: SKU
    }

    /// A position's units available once the changes and the replay's own takes are applied.
    private func corrected(_ position: DecisionInputs.Position) -> Int {
        let extra = taken[position.node]?[position.sku] ?? 0
        guard let stocked = position.stocked else { return max(0, position.available - extra) }
        var surplus = stocked.surplus - extra
        if let change = changes.change(at: position.node, of: position.sku) {
            var onHand = stocked.onHand
            if let target = change.onHand {
                let first = firstOnHand[position.node]?[position.sku] ?? stocked.onHand
                onHand = stocked.onHand + target - first
            }
            surplus += onHand - stocked.onHand
            if let safety = change.safetyStock {
                surplus -= safety.units(of: max(0, onHand)) - stocked.safetyStock
            }
        } else if extra == 0 {
            return position.available
        }
        return max(0, surplus)
    }

    /// Books `replayed` less `recorded` into what the replay took differently.
    private mutating func account(_ replayed: DecisionFigures, minus recorded: DecisionFigures, at instant: Date) {
        book(replayed, sign: 1, at: instant)
        book(recorded, sign: -1, at: instant)
    }

    private mutating func book(_ figures: DecisionFigures, sign: Int, at instant: Date) {
        for shipment in figures.shipments {
            for line in shipment.lines {
                taken[shipment.node, default: [:]][line.sku, default: 0] += sign * line.quantity
                if profiles.catalog.isKit(line.sku) {
                    for (component, quantity) in profiles.catalog.expanded(line.sku, quantity: line.quantity) {
                        taken[shipment.node, default: [:]][component, default: 0] += sign * quantity
                    }
                }
            }
            guard let node = profiles.network.node(shipment.node) else { continue }
            let day = CalendarDate(instant, in: node.timeZone)
            var usage = used[shipment.node, default: [:]][day, default: DailyUsage()]
            usage.orders += sign
            usage.units += sign * shipment.units
            used[shipment.node, default: [:]][day] = usage
        }
    }
}

extension DecisionFigures {
    /// The same plan: outcome, shipments, cancels and backorders alike (the summary may read differently).
    public func samePlan(as other: DecisionFigures) -> Bool {
        outcome == other.outcome && shipments == other.shipments && cancelledUnits == other.cancelledUnits
            && backorderedUnits == other.backorderedUnits
    }
}
