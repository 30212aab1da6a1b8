internal import CPrefetch
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
    /// Per service of `services`: its index in the tables (-1 when no node or network names it).
    let serviceIndexes: [Int]
    /// What the node checks read of the deadlines (the deadlines themselves hold references, which copying counts).
    let shipBy: Date
    let shipByDay: CalendarDate
    let deliverBy: CalendarDate?
    let isPOBox: Bool
    let isPickup: Bool
    let now: Date
    /// The ship-to's region (index into the network's regions).
    let region: Int?
    /// The stock's levels (`stockLevels[row * width + slot]`) and, per resolved line, where its row starts there
    /// (`row * width`; -1 when the stock has no row for it) and the units it wants, looked up once per order: what
    /// the node loop reads, in one array.
    let stockLevels: [Int]
    let width: Int
    let lineStock: [(offset: Int, quantity: Int)]
    /// Per shared item of the order's `LineTable` (`SharedStock`), where its row starts in `stockLevels`, or -1.
    let sharedStock: [Int]
    /// Per node position: its stock slot, or -1.
    let slots: [Int]
    /// What the node checks found that do not depend on the node's stock or capacity, kept for the next order.
    private(set) var memo: Memo

    /// What assessing nodes found that another order received at the same time, with the same deadlines and carrier
    /// services, finds again: the earliest pickups, what the carrier services give, the expected deliveries. The
    /// orders of one interchange (or of one `dropgate route` run) share their receipt time, so a caller's scratch
    /// keeps the last memo (`RoutingScratch.takeMemo(for:)`).
    struct Memo: Sendable {
        struct Key: Equatable, Sendable {
            var now: Date
            var shipBy: Date
            var deliverBy: CalendarDate?
            var services: [CarrierServiceID]
            var isPOBox: Bool
        }

        let key: Key
        /// Earliest pickups found so far, by calendar class and cutoff.
        var pickups: [(calendarClass: Int, cutoff: TimeOfDay, pickup: (day: CalendarDate, at: Date)?)] = []
        /// What the carrier services gave, by service class and zone.
        var serviceFacts: [(serviceClass: Int, zone: Int, facts: ServiceFacts)] = []
        /// Expected deliveries found so far, by calendar class, pickup day and transit days.
        var deliveries: [(calendarClass: Int, pickup: CalendarDate, transit: Int, delivery: CalendarDate)] = []

        init(key: Key) { self.key = key }
    }

    init(
        tables: RoutingTables, state: borrowing NetworkState, stockRows: CatalogStockRows,
        lines: borrowing [ResolvedLine], shared: [SharedStock],
        services: [CarrierServiceID],
        deadlines: borrowing Deadlines, isPOBox: Bool, now: Date, region: Int?, scratch: inout RoutingScratch
    ) {
        self.tables = tables
        strategy = tables.profile.sourcing.strategy
        usage = state.usage
        self.services = services
        serviceIndexes = services.map { tables.world.serviceIndex[$0] ?? -1 }
        shipBy = deadlines.shipBy
        shipByDay = deadlines.shipByDay
        deliverBy = deadlines.deliverBy
        self.isPOBox = isPOBox
        self.now = now
        self.region = region
        stockLevels = state.stock.levels.levels
        width = state.stock.levels.width
        lineStock = lines.map { [width] line in (stockRows.offset(of: line, width: width), line.quantity) }
        sharedStock = shared.map { [width] in state.stock.levels.rows[$0.sku].map { $0 * width } ?? -1 }
        slots = scratch.slots(in: state.stock, tables.world)
        Self.prefetch(stockLevels, lines: lineStock, width: width)
        isPickup = services.count == 1 && services[0] == .storePickup
        memo = scratch.takeMemo(
            for: Memo.Key(
                now: now, shipBy: deadlines.shipBy, deliverBy: deadlines.deliverBy, services: services,
                isPOBox: isPOBox))
    }

    /// Asks for every cache line of the lines' stock rows at once, so that the node loop, which reads a row's slots
    /// one node at a time between a node's other checks, finds them in cache instead of waiting for each row's lines
    /// in turn.
    private static func prefetch(_ levels: [Int], lines: [(offset: Int, quantity: Int)], width: Int) {
        let perLine = 64 / MemoryLayout<Int>.stride
        levels.withUnsafeBufferPointer { levels in
            guard let base = levels.baseAddress else { return }
            for (offset, _) in lines where offset >= 0 {
                for slot in stride(from: 0, to: width, by: perLine) { dg_prefetch(base + offset + slot) }
            }
        }
    }

    /// Assesses the node at `position` and appends it to `assessments` (built in place: an assessment is a large
    /// value to copy).
    mutating func assess(
        position: Int, candidate: Bool, profileIndex: Int, into table: inout LineTable,
        _ assessments: inout [NodeAssessment]
    ) {
        let id = tables.world.ids[position]
        assessments.append(
            NodeAssessment(
                position: position, id: id, row: table.addRow(),
                candidate: candidate, profileIndex: profileIndex, enabled: tables.world.enabled[position],
                capabilities: tables.world.capabilityBits[position]))
        assess(&assessments[assessments.count - 1], into: &table)
    }

    private mutating func assess(_ a: inout NodeAssessment, into table: inout LineTable) {
        let position = a.position
        let id = a.id
        if let region {
            let cell = region * tables.world.ids.count + position
            a.distance = tables.world.regionMiles[cell]
            a.zone = tables.world.regionZone[cell] < 0 ? nil : tables.world.regionZone[cell]
        }
        // The first general check that fails (kept apart from `a`, which the checks below hold inout).
        var failure: NodeCheck.Kind?
        func record(_ kind: NodeCheck.Kind, _ passed: Bool) {
            if !passed, failure == nil { failure = kind }
        }
        record(.enabled, a.enabled)
        if tables.world.hasClosures[position] {
            let today = CalendarDate.on(now, in: tables.world.nodeZones[position])
            a.closures = tables.world.network.nodes[position].closures.filter {
                $0.until >= today && $0.from <= shipByDay.plus(days: 1)
            }
        }
        let servicesFailure = isPickup ? assessPickup(&a) : assessServices(&a)
        if failure == nil { failure = servicesFailure }
        // Capacity left today.
        let used = usage.isEmpty ? DailyUsage() : usage[id] ?? DailyUsage()
        let capacity = tables.world.capacities[position]
        a.unitsLeft = capacity.units - used.units
        a.ordersLeft = capacity.orders - used.orders
        record(.capacity, a.ordersLeft > 0 && a.unitsLeft > 0)
        a.firstFailure = failure
        a.generalOK = failure == nil

        // Per line: stock and capability.
        let slot = slots[position]
        let needsAny = table.needsAny
        var failing = 0
        // The node's row of the table (zeros, `addRow()`) filled through a pointer.
        if slot >= 0 {
            lineStock.withUnsafeBufferPointer { lines in
                stockLevels.withUnsafeBufferPointer { levels in
                    table.fill(row: a.row) { available in
                        for index in lines.indices {
                            let (offset, quantity) = lines[index]
                            let level = offset < 0 ? 0 : levels[offset &+ slot]
                            available[index] = level
                            // Without a branch on the level: a mispredicted one would wait for each level's cache miss
                            // in turn instead of letting the misses overlap. Both are ≥ 0, so the sign bit says `<`.
                            failing &-= (level &- quantity) >> (Int.bitWidth - 1)
                        }
                    }
                }
            }
        } else {
            for line in lineStock where line.quantity > 0 { failing += 1 }
        }
        if needsAny {
            for index in table.lines.indices where !table.handles(index, a.capabilities) { failing += 1 }
        }
        a.failingLines = failing
        a.shipsAll = a.generalOK && a.failingLines == 0 && !table.lines.isEmpty && table.totalUnits <= a.unitsLeft
        for index in sharedStock.indices {
            let offset = sharedStock[index]
            table.setShared(row: a.row, index, available: offset < 0 || slot < 0 ? 0 : stockLevels[offset + slot])
        }
        if a.shipsAll, table.sharesSKU || !sharedStock.isEmpty {
            a.shipsAll = table.fitsTogether(a.row, Array(table.lines.indices))
        }
    }

    /// Whether the node may ship the order's service at `index`: it has it, and it delivers to PO boxes if it must.
    private func usable(_ index: Int, at position: Int) -> Bool {
        tables.world.ships(serviceIndexes[index], at: position, toPOBox: isPOBox)
    }

    /// What the carrier services give a node: nodes of one service class (same cutoffs and calendar) in one zone
    /// get the same.
    struct ServiceFacts: Sendable {
        var carrier: NodeAssessment.Carrier
        var option: ServiceOption?
        var pickup: NodeAssessment.Pickup?
        var delivery: NodeAssessment.Delivery?
    }

    /// The order's carrier services the node has, their earliest pickups against ship-by and deliver-by; returns the
    /// first of these checks that fails.
    private mutating func assessServices(_ a: inout NodeAssessment) -> NodeCheck.Kind? {
        var failure: NodeCheck.Kind?
        func record(_ kind: NodeCheck.Kind, _ passed: Bool) {
            if !passed, failure == nil { failure = kind }
        }
        let key = (serviceClass: tables.world.serviceClass[a.position], zone: a.zone ?? -1)
        let facts: ServiceFacts
        if let known = memo.serviceFacts.first(where: {
            $0.serviceClass == key.serviceClass && $0.zone == key.zone
        }) {
            facts = known.facts
        } else {
            facts = services(at: a.position, zone: a.zone)
            if memo.serviceFacts.count < 64 { memo.serviceFacts.append((key.serviceClass, key.zone, facts)) }
        }
        a.carrier = facts.carrier
        a.option = facts.option
        a.pickup = facts.pickup
        a.delivery = facts.delivery
        let meets = facts.pickup?.meets == true
        guard facts.carrier != .none else { return .carrier }
        record(.shipBy, meets)
        if let delivery = facts.delivery { record(.deliverBy, delivery.met) }
        if !a.closures.isEmpty { record(.open, meets) }
        return failure
    }

    private mutating func services(at position: Int, zone: Int?) -> ServiceFacts {
        var facts = ServiceFacts(carrier: .all)
        var usableCount = 0
        for index in services.indices where usable(index, at: position) { usableCount += 1 }
        if usableCount == 0 {
            facts.carrier = .none
            return facts
        } else if usableCount < services.count {
            facts.carrier = .some
        }

        // Earliest pickup per usable service, against ship-by and deliver-by, in one pass in service order: the
        // first that leaves by ship-by, the earliest arrival of those, and among those also in by deliver-by the
        // first (or, fastest first, the earliest to arrive).
        var first: ServiceOption?
        var firstOnTime: ServiceOption?
        var arrival: CalendarDate?
        var anyDelivered = false
        for index in services.indices where usable(index, at: position) {
            let service = serviceIndexes[index]
            guard tables.world.carriers[service].service != nil, let cutoff = tables.world.cutoff(position, service),
                let pickup = earliestPickup(position, cutoff: cutoff)
            else { continue }
            let delivery = zone.flatMap { tables.world.carriers[service].transitDays($0) }.map {
                delivered(position, pickup.day, $0)
            }
            let cost =
                zone.flatMap { tables.world.carriers[service].cost($0) } ?? tables.world.carriers[service].anyZoneCost
            let option = ServiceOption(
                service: index, pickupDay: pickup.day, pickupAt: pickup.at, delivery: delivery,
                shippingCost: cost)
            if first == nil { first = option }
            guard option.pickupAt <= shipBy else { continue }
            if firstOnTime == nil { firstOnTime = option }
            if let delivery = option.delivery { arrival = min(arrival ?? delivery, delivery) }
            if let deliverBy {
                guard let delivery = option.delivery, delivery <= deliverBy else { continue }
            }
            anyDelivered = true
            if let current = facts.option {
                if strategy == .fastest,
                    (option.delivery ?? .distantFuture, option.pickupAt)
                        < (current.delivery ?? .distantFuture, current.pickupAt)
                {
                    facts.option = option
                }
            } else {
                facts.option = option
            }
        }
        if let best = firstOnTime ?? first {
            facts.pickup = NodeAssessment.Pickup(at: best.pickupAt, service: best.service, meets: firstOnTime != nil)
        }
        if deliverBy != nil, firstOnTime != nil {
            facts.delivery = NodeAssessment.Delivery(arrival: arrival, met: anyDelivered)
        }
        return facts
    }

    /// A store-pickup order: the node must offer pickup, and be ready by ship-by; no carrier is involved. Returns
    /// the first of these checks that fails.
    private mutating func assessPickup(_ a: inout NodeAssessment) -> NodeCheck.Kind? {
        let node = tables.world.network.nodes[a.position]
        guard let ready = node.pickupReady, node.offersPickup, let pickup = earliestPickup(a.position, cutoff: ready)
        else {
            a.carrier = .pickup(ready: nil)
            return .capability
        }
        a.carrier = .pickup(ready: ready)
        let meets = pickup.at <= shipBy
        a.pickup = NodeAssessment.Pickup(at: pickup.at, service: 0, meets: meets)
        guard meets else { return .shipBy }
        a.option = ServiceOption(
            service: 0, pickupDay: pickup.day, pickupAt: pickup.at, delivery: pickup.day, shippingCost: 0)
        return nil
    }

    /// `DeadlineCalculator.earliestPickup`, once per calendar class and cutoff for the memo's receipt time.
    private mutating func earliestPickup(_ position: Int, cutoff: TimeOfDay) -> (day: CalendarDate, at: Date)? {
        let calendarClass = tables.world.calendarClass[position]
        for entry in memo.pickups where entry.calendarClass == calendarClass && entry.cutoff == cutoff {
            return entry.pickup
        }
        let pickup = DeadlineCalculator.earliestPickup(
            at: tables.world.network.nodes[position], cutoff: cutoff, now: now, zone: tables.world.nodeZones[position])
        if memo.pickups.count < 64 { memo.pickups.append((calendarClass, cutoff, pickup)) }
        return pickup
    }

    /// The node calendar's `adding(businessDays: transit, to: pickup)`, once per calendar class, pickup day and transit.
    private mutating func delivered(_ position: Int, _ pickup: CalendarDate, _ transit: Int) -> CalendarDate {
        let calendarClass = tables.world.calendarClass[position]
        for entry in memo.deliveries
        where entry.calendarClass == calendarClass && entry.transit == transit && entry.pickup == pickup {
            return entry.delivery
        }
        let delivery = tables.world.network.nodes[position].calendar.adding(businessDays: transit, to: pickup)
        if memo.deliveries.count < 64 { memo.deliveries.append((calendarClass, pickup, transit, delivery)) }
        return delivery
    }
}

extension CalendarDate {
    static let distantFuture =
        CalendarDate(year: 9999, month: 12, day: 31) ?? CalendarDate(Date.distantFuture, in: .gmt)
}
