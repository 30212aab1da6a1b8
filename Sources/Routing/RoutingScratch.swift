public import Foundation
import Orders
import Profiles

/// What one caller's run of decisions works out once and reuses, owned by that caller: a `Router` keeps nothing
/// between decisions, so routing stays a function of its inputs. A scratch only saves work: a decision made with a
/// fresh scratch, a reused one or none is the same decision (`RoutingPurityTests`).
///
/// Keep one across a loop of orders (one per profile when the loop mixes retailers) and pass it to
/// `Router.route(_:state:now:scratch:)`; it holds
/// - the last deadlines and node-assessment memo: the orders of one interchange (or one `dropgate route` run) share
///   their receipt time, and mostly their dates, deadlines and carrier services;
/// - each node's stock slot and each catalog item's stock row in the last stock asked about: they stay put across a
///   run's decisions unless a node or SKU is added (`StockLevels.Layout`);
/// - landed costs rounded to the cent: `Decimal` arithmetic costs a microsecond a shipment, and a run ships the same
///   few combinations again and again.
///
/// Used with another router, it forgets what belonged to the one before (its profile's deadlines and memo; the
/// stock tables and costs too when the routers do not share their network and catalog).
public struct RoutingScratch: Sendable {
    /// The router whose profile the deadlines and memo were worked out for.
    private var tables: RoutingTables?
    /// The network and catalog the stock tables and landed costs were worked out for.
    private var world: WorldTables?
    private var lastDeadlines: (now: Date, inputs: DeadlineCalculator.Inputs, deadlines: Deadlines)?
    private var memo: NodeAssessor.Memo?
    private var slots: (layout: StockLevels.Layout, slots: [Int])?
    private var rows: CatalogStockRows?
    private var landedCosts: [LandedCostKey: Decimal] = [:]

    struct LandedCostKey: Hashable {
        var position: Int
        var units: Int
        var shipping: Decimal
    }

    public init() {}

    /// Forgets what belongs to another router than `tables`' (two pointer comparisons when nothing changed).
    mutating func prepare(for tables: RoutingTables) {
        if self.tables !== tables {
            self.tables = tables
            lastDeadlines = nil
            memo = nil
        }
        if world !== tables.world {
            world = tables.world
            slots = nil
            rows = nil
            landedCosts = [:]
        }
    }

    /// `DeadlineCalculator.deadlines(for:profile:now:zone:)` under `tables`' profile.
    mutating func deadlines(for order: borrowing PurchaseOrder, now: Date, _ tables: RoutingTables) -> Deadlines {
        // The SLA alone: a whole profile is a large value to copy.
        let sla = tables.profile.shipSLA
        let inputs = DeadlineCalculator.Inputs(order, honours: sla.honours, from: sla.from)
        if let last = lastDeadlines, last.now == now, last.inputs == inputs { return last.deadlines }
        let deadlines = DeadlineCalculator.deadlines(
            for: inputs, profile: tables.profile, now: now, zone: tables.profileZone)
        lastDeadlines = (now, inputs, deadlines)
        return deadlines
    }

    /// The memo kept for `key`, or a new one; taken out, so that the assessor is its only holder and grows it in
    /// place. Give it back with `keep(_:)`.
    mutating func takeMemo(for key: NodeAssessor.Memo.Key) -> NodeAssessor.Memo {
        if let kept = memo.take(), kept.key == key { return kept }
        return NodeAssessor.Memo(key: key)
    }

    /// Keeps `memo` for the next order.
    mutating func keep(_ memo: consuming NodeAssessor.Memo) { self.memo = memo }

    /// Per node position, its slot in `stock` (-1 when it has never held stock).
    mutating func slots(in stock: Stock, _ world: WorldTables) -> [Int] {
        let layout = stock.levels.slotLayout
        if let slots, slots.layout === layout { return slots.slots }
        let made = world.slots(in: stock.levels)
        slots = (layout, made)
        return made
    }

    /// Where the catalog's items are in `stock`'s rows.
    mutating func stockRows(in stock: Stock, _ world: WorldTables) -> CatalogStockRows {
        let layout = stock.levels.rowLayout
        if let rows, rows.layout === layout { return rows }
        let made = world.stockRows(in: stock.levels)
        rows = made
        return made
    }

    /// `WorldTables.landedCost`, rounded to the cent.
    mutating func roundedLandedCost(_ position: Int, units: Int, shipping: Decimal, _ world: WorldTables) -> Decimal {
        let key = LandedCostKey(position: position, units: units, shipping: shipping)
        if let known = landedCosts[key] { return known }
        var cost = world.landedCost(position, units: units, shipping: shipping)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cost, 2, .plain)
        if landedCosts.count >= 65_536 { landedCosts.removeAll(keepingCapacity: true) }
        landedCosts[key] = rounded
        return rounded
    }
}
