import Foundation
import Orders
import Profiles

/// A carrier service a node could use for the order, with when it would leave and arrive. Plain values only, so
/// options copy without reference counting.
struct ServiceOption: Hashable, Sendable {
    /// Index into the order's carrier services.
    var service: Int
    var pickupDay: CalendarDate
    var pickupAt: Date
    var delivery: CalendarDate?
    var shippingCost: Decimal
}

/// Everything routing learned about one node for one order, as facts: the sentences that explain them are written
/// only when someone reads the decision (`DecisionFacts`). The node's lines live in the decision's `LineTable`, in
/// row `row`.
struct NodeAssessment: Hashable, Sendable {
    var position: Int
    var id: DCID
    var row: Int
    var rank = 0
    var candidate: Bool
    var profileIndex: Int
    var distance: Double?
    var zone: Int?
    var option: ServiceOption?
    var enabled: Bool
    /// The closures in play between today and the day after ship-by.
    var closures: [Closure] = []
    var carrier = Carrier.all
    /// The pickup the ship-by check speaks of; nil when the node has a usable service but no pickup within a year.
    var pickup: Pickup?
    /// Present when the deliver-by check applies: the earliest arrival of the services that leave in time.
    var delivery: Delivery?
    var ordersLeft = 0
    var unitsLeft = 0
    /// Every general check passed (the plan search asks often).
    var generalOK = false
    /// The first general check that failed.
    var firstFailure: NodeCheck.Kind?
    /// Lines short of stock plus lines the node cannot handle: one failing line check each.
    var failingLines = 0
    /// The node alone ships every line: general checks, stock, capabilities and capacity.
    var shipsAll = false
    var capabilities: UInt8

    enum Carrier: Hashable, Sendable {
        /// Every service the order may use.
        case all
        /// Some of them (which: `WorldTables.ships(_:at:toPOBox:)`, `ExplanationContext.usable`).
        case some
        case none
        /// A store-pickup order: whether the node offers pickup (and is ready by a time it has).
        case pickup(ready: TimeOfDay?)
    }

    struct Pickup: Hashable, Sendable {
        var at: Date
        /// Index into the order's carrier services.
        var service: Int
        var meets: Bool
    }

    struct Delivery: Hashable, Sendable {
        var arrival: CalendarDate?
        var met: Bool
    }

    /// Whether this node alone can ship exactly `lines` (indexes into the resolved lines).
    func canShip(_ lines: [Int], _ table: LineTable) -> Bool {
        guard generalOK, !lines.isEmpty else { return false }
        if lines.count == table.lines.count { return shipsAll }
        var units = 0
        var sharesSKU = false
        for index in lines {
            guard table.ok(row, index, capabilities) else { return false }
            units += table.lines[index].quantity
            if table.lines[index].skuGroup != index { sharesSKU = true }
        }
        guard units <= unitsLeft else { return false }
        // Each line has its own stock; lines naming the same SKU, or sharing a kit's component, must also fit
        // together.
        guard sharesSKU || !table.shared.isEmpty else { return true }
        return table.fitsTogether(row, lines)
    }

    func lineOK(_ index: Int, _ table: LineTable) -> Bool { generalOK && table.ok(row, index, capabilities) }

    /// Pick/pack plus shipping for `units` units in one package.
    func landedCost(units: Int, _ world: WorldTables) -> Decimal {
        world.landedCost(position, units: units, shipping: option?.shippingCost ?? 0)
    }
}

/// The resolved lines and what every assessed node has of each: one flat table per decision.
struct LineTable: Hashable, Sendable {
    let lines: [ResolvedLine]
    /// Row-major: `available[row * lines.count + line]`, units of the line's SKU available at the row's node; the
    /// rows past `rows` are zeros, kept ready for the nodes still to be assessed.
    private(set) var available: [Int]
    /// The rows filled so far (`addRow()`).
    private(set) var rows = 0
    /// Per line, its needs (`ResolvedLine.needs`); empty when no line needs anything (`needsAny`), as nearly none do.
    let needs: [UInt8]
    let totalUnits: Int
    /// Some lines name the same SKU.
    let sharesSKU: Bool
    /// Some line asks a node for a capability.
    let needsAny: Bool
    /// The stock lines of different SKUs draw on together (`ItemCatalog.sharedStock(of:)`): nearly always none.
    let shared: [SharedStock]
    /// Row-major: `sharedAvailable[row * shared.count + index]`, units of the shared item available at the row's
    /// node; the rows past `rows` are zeros.
    private(set) var sharedAvailable: [Int]

    /// With room for `rowCapacity` rows before it grows.
    init(lines: [ResolvedLine], shared: [SharedStock] = [], rowCapacity: Int = 0) {
        self.lines = lines
        self.shared = shared
        available = [Int](repeating: 0, count: lines.count * rowCapacity)
        sharedAvailable = [Int](repeating: 0, count: shared.count * rowCapacity)
        let needsAny = lines.contains { $0.needs != 0 }
        needs = needsAny ? lines.map(\.needs) : []
        self.needsAny = needsAny
        totalUnits = lines.reduce(0) { $0 + $1.quantity }
        sharesSKU = lines.indices.contains { lines[$0].skuGroup != $0 }
    }

    func available(_ row: Int, _ line: Int) -> Int { available[row * lines.count + line] }

    /// A new row, all zeros; returns its number.
    mutating func addRow() -> Int {
        if available.count < (rows + 1) * lines.count {
            available.append(contentsOf: repeatElement(0, count: (rows + 1) * lines.count - available.count))
        }
        if sharedAvailable.count < (rows + 1) * shared.count {
            sharedAvailable.append(
                contentsOf: repeatElement(0, count: (rows + 1) * shared.count - sharedAvailable.count))
        }
        rows += 1
        return rows - 1
    }

    /// Sets what the node of `row` has of the shared item at `index` of `shared`.
    mutating func setShared(row: Int, _ index: Int, available units: Int) {
        sharedAvailable[row * shared.count + index] = units
    }

    /// The shared item at `index` of `shared` that `lines` (indexes into `lines`) need more of together than the
    /// node of `row` has, with what they need; nil when each fits.
    func overdrawn(_ row: Int, _ lines: [Int]) -> (index: Int, needed: Int)? {
        for index in shared.indices {
            let needed = shared[index].draws.reduce(0) { sum, draw in
                lines.contains(draw.line) ? sum + draw.perUnit * self.lines[draw.line].quantity : sum
            }
            if needed > sharedAvailable[row * shared.count + index] { return (index, needed) }
        }
        return nil
    }

    /// Whether `lines`, each in stock on its own at the node of `row`, are also in stock together: lines naming
    /// the same SKU within its figure, lines sharing a kit's component within the component's.
    func fitsTogether(_ row: Int, _ lines: [Int]) -> Bool {
        if sharesSKU {
            for index in lines {
                let group = self.lines[index].skuGroup
                let wanted = lines.reduce(0) { $0 + (self.lines[$1].skuGroup == group ? self.lines[$1].quantity : 0) }
                if wanted > available(row, index) { return false }
            }
        }
        return shared.isEmpty || overdrawn(row, lines) == nil
    }

    /// Sets the levels of `row` (made by `addRow()`) through a pointer to its first line: a node's loop over its
    /// lines, which an append or subscript per line would slow with capacity and uniqueness checks.
    mutating func fill<Result>(
        row: Int, _ body: (UnsafeMutablePointer<Int>) -> Result
    ) -> Result {
        let start = row * lines.count
        return available.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }

    func hasStock(_ row: Int, _ line: Int) -> Bool { available(row, line) >= lines[line].quantity }

    func handles(_ line: Int, _ capabilities: UInt8) -> Bool { !needsAny || needs[line] & ~capabilities == 0 }

    func ok(_ row: Int, _ line: Int, _ capabilities: UInt8) -> Bool {
        hasStock(row, line) && handles(line, capabilities)
    }
}

/// A stocked item that lines of different SKUs draw on together: a kit's component that another line orders alone
/// or inside another kit (`ItemCatalog.sharedStock(of:)`).
struct SharedStock: Hashable, Sendable {
    struct Draw: Hashable, Sendable {
        /// Index into the resolved lines.
        var line: Int
        /// Units of `sku` each unit of the line takes.
        var perUnit: Int
    }

    var sku: SKU
    var draws: [Draw]

    /// What `lines` share, by `catalog`: empty unless a line is a kit that shares a component with another line.
    static func among(_ lines: [ResolvedLine], catalog: ItemCatalog) -> [SharedStock] {
        catalog.sharedStock(of: lines.map(\.sku)).map { entry in
            SharedStock(sku: entry.sku, draws: entry.draws.map { Draw(line: $0.line, perUnit: $0.perUnit) })
        }
    }
}
