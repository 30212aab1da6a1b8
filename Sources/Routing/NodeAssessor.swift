import Foundation
import Orders
import Profiles

/// Assesses nodes for one order: the general checks (enabled, carrier, ship-by, deliver-by, open, capacity), then
/// every line's stock and handling into the decision's `LineTable`. Facts only: no sentence is written here.
struct NodeAssessor {
    let tables: RoutingTables
    let strategy: Sourcing.Strategy
    let usage: [DCID: DailyUsage]
    let services: [CarrierServiceID]
    /// Per service of `services`: its index in the tables, the network's carrier service and its cost where the zone
    /// is unknown (the dearest zone).
    let carriers: [(index: Int, carrier: CarrierService?, anyZoneCost: Decimal)]
    let deadlines: Deadlines
    let isPOBox: Bool
    let isPickup: Bool
    let now: Date
    /// The ship-to's region (index into the network's regions).
    let region: Int?
    /// Per resolved line: the units of its SKU available by stock slot, looked up once per order.
    let lineStock: [[Int]]
    let stock: Stock
    /// Earliest pickups found so far, by calendar class and cutoff.
    var pickups: [(calendarClass: Int, cutoff: TimeOfDay, pickup: (day: CalendarDate, at: Date)?)] = []

    init(
        tables: RoutingTables, state: NetworkState, lines: [ResolvedLine], services: [CarrierServiceID],
        deadlines: Deadlines, isPOBox: Bool, now: Date, region: Int?
    ) {
        self.tables = tables
        strategy = tables.profile.sourcing.strategy
        usage = state.usage
        self.services = services
        self.deadlines = deadlines
        self.isPOBox = isPOBox
        self.now = now
        self.region = region
        carriers = services.map { id in
            let carrier = tables.network.services[id]
            return (tables.serviceIndex[id] ?? -1, carrier, carrier?.cost.values.map(\.amount).max() ?? 0)
        }
        lineStock = lines.map { state.stock.available(of: $0.sku) }
        stock = state.stock
        isPickup = services == [.storePickup]
    }

    mutating func assess(position: Int, candidate: Bool, profileIndex: Int, into table: inout LineTable)
        -> NodeAssessment
    {
        let node = tables.network.nodes[position]
        var a = NodeAssessment(
            position: position, id: node.id, row: table.available.count / max(1, table.lines.count),
            candidate: candidate, profileIndex: profileIndex, enabled: node.enabled,
            capabilities: tables.capabilityBits[position])
        if let region {
            let cell = region * tables.network.nodes.count + position
            a.distance = tables.regionMiles[cell]
            a.zone = tables.regionZone[cell] < 0 ? nil : tables.regionZone[cell]
        }
        // The first general check that fails (kept apart from `a`, which the checks below hold inout).
        var failure: NodeCheck.Kind?
        func record(_ kind: NodeCheck.Kind, _ passed: Bool) {
            if !passed, failure == nil { failure = kind }
        }
        record(.enabled, node.enabled)
        if !node.closures.isEmpty {
            let today = CalendarDate.on(now, in: tables.nodeZones[position])
            a.closures = node.closures.filter { $0.until >= today && $0.from <= deadlines.shipByDay.plus(days: 1) }
        }
        if isPickup {
            assessPickup(&a, node, record)
        } else {
            assessServices(&a, node, record)
        }
        // Capacity left today.
        let used = usage.isEmpty ? DailyUsage() : usage[node.id] ?? DailyUsage()
        a.unitsLeft = node.capacity.units - used.units
        a.ordersLeft = node.capacity.orders - used.orders
        record(.capacity, a.ordersLeft > 0 && a.unitsLeft > 0)
        a.firstFailure = failure
        a.generalOK = failure == nil

        // Per line: stock and capability.
        let slot = stock.slot(of: node.id) ?? Int.max
        for index in table.lines.indices {
            let available = slot < lineStock[index].count ? lineStock[index][slot] : 0
            table.available.append(available)
            if available < table.lines[index].quantity { a.failingLines += 1 }
            if !table.handles(index, a.capabilities) { a.failingLines += 1 }
        }
        a.shipsAll = a.generalOK && a.failingLines == 0 && !table.lines.isEmpty && table.totalUnits <= a.unitsLeft
        if a.shipsAll, table.sharesSKU {
            for index in table.lines.indices {
                let group = table.lines[index].skuGroup
                let wanted = table.lines.reduce(0) { $0 + ($1.skuGroup == group ? $1.quantity : 0) }
                if wanted > table.available(a.row, index) { a.shipsAll = false }
            }
        }
        return a
    }

    /// The order's carrier services the node has, their earliest pickups against ship-by and deliver-by.
    private mutating func assessServices(
        _ a: inout NodeAssessment, _ node: FulfilmentNode, _ record: (NodeCheck.Kind, Bool) -> Void
    ) {
        let position = a.position
        // Carrier services the order may use that this node has (and that deliver to PO boxes when they must).
        func usable(_ index: Int) -> Bool {
            let serviceIndex = carriers[index].index
            return serviceIndex >= 0 && tables.cutoffs[position][serviceIndex] != nil
                && (!isPOBox || carriers[index].carrier?.deliversToPOBoxes == true)
        }
        let usableCount = services.indices.reduce(0) { $0 + (usable($1) ? 1 : 0) }
        a.carrier =
            usableCount == 0 ? .none : usableCount == services.count ? .all : .some(services.indices.filter(usable))
        record(.carrier, usableCount > 0)
        guard usableCount > 0 else {
            if !a.closures.isEmpty { record(.open, true) }
            return
        }

        // Earliest pickup per usable service, against ship-by and deliver-by, in one pass in service order: the
        // first that leaves by ship-by, the earliest arrival of those, and among those also in by deliver-by the
        // first (or, fastest first, the earliest to arrive).
        var first: ServiceOption?
        var firstOnTime: ServiceOption?
        var arrival: CalendarDate?
        var anyDelivered = false
        for index in services.indices {
            let serviceIndex = carriers[index].index
            guard usable(index), let cutoff = tables.cutoffs[position][serviceIndex],
                let carrier = carriers[index].carrier,
                let pickup = earliestPickup(position, node, cutoff: cutoff)
            else { continue }
            let transit = a.zone.flatMap { carrier.transitDays[$0] }
            let delivery = transit.map { node.calendar.adding(businessDays: $0, to: pickup.day) }
            let cost = a.zone.flatMap { carrier.cost[$0]?.amount } ?? carriers[index].anyZoneCost
            let option = ServiceOption(
                service: services[index], pickupDay: pickup.day, pickupAt: pickup.at, delivery: delivery,
                shippingCost: cost)
            if first == nil { first = option }
            guard option.pickupAt <= deadlines.shipBy else { continue }
            if firstOnTime == nil { firstOnTime = option }
            if let delivery = option.delivery { arrival = min(arrival ?? delivery, delivery) }
            if let deliverBy = deadlines.deliverBy {
                guard let delivery = option.delivery, delivery <= deliverBy else { continue }
            }
            anyDelivered = true
            if let current = a.option {
                if strategy == .fastest,
                    (option.delivery ?? .distantFuture, option.pickupAt)
                        < (current.delivery ?? .distantFuture, current.pickupAt)
                {
                    a.option = option
                }
            } else {
                a.option = option
            }
        }
        if let best = firstOnTime ?? first {
            a.pickup = NodeAssessment.Pickup(at: best.pickupAt, service: best.service, meets: firstOnTime != nil)
        }
        record(.shipBy, firstOnTime != nil)
        if deadlines.deliverBy != nil, firstOnTime != nil {
            a.delivery = NodeAssessment.Delivery(arrival: arrival, met: anyDelivered)
            record(.deliverBy, anyDelivered)
        }
        if !a.closures.isEmpty { record(.open, firstOnTime != nil) }
    }

    /// A store-pickup order: the node must offer pickup, and be ready by ship-by; no carrier is involved.
    private mutating func assessPickup(
        _ a: inout NodeAssessment, _ node: FulfilmentNode, _ record: (NodeCheck.Kind, Bool) -> Void
    ) {
        guard let ready = node.pickupReady, node.offersPickup,
            let pickup = earliestPickup(a.position, node, cutoff: ready)
        else {
            a.carrier = .pickup(ready: nil)
            record(.capability, false)
            return
        }
        a.carrier = .pickup(ready: ready)
        record(.capability, true)
        let meets = pickup.at <= deadlines.shipBy
        a.pickup = NodeAssessment.Pickup(at: pickup.at, service: .storePickup, meets: meets)
        record(.shipBy, meets)
        if meets {
            a.option = ServiceOption(
                service: .storePickup, pickupDay: pickup.day, pickupAt: pickup.at, delivery: pickup.day,
                shippingCost: 0)
        }
    }

    /// `DeadlineCalculator.earliestPickup`, once per calendar class and cutoff in a decision.
    private mutating func earliestPickup(_ position: Int, _ node: FulfilmentNode, cutoff: TimeOfDay) -> (
        day: CalendarDate, at: Date
    )? {
        let calendarClass = tables.calendarClass[position]
        for entry in pickups where entry.calendarClass == calendarClass && entry.cutoff == cutoff {
            return entry.pickup
        }
        let pickup = DeadlineCalculator.earliestPickup(
            at: node, cutoff: cutoff, now: now, zone: tables.nodeZones[position])
        pickups.append((calendarClass, cutoff, pickup))
        return pickup
    }
}

extension CalendarDate {
    static let distantFuture =
        CalendarDate(year: 9999, month: 12, day: 31) ?? CalendarDate(Date.distantFuture, in: .gmt)
}
