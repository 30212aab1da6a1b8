import Foundation
import Orders
import Profiles

/// A carrier service a node could use for the order, with when it would leave and arrive.
struct ServiceOption: Hashable {
    var service: CarrierServiceID
    var pickupDay: CalendarDate
    var pickupAt: Date
    var delivery: CalendarDate?
    var shippingCost: Decimal
}

/// The few facts about a node that ranking, costing and explaining need after the assessment: a small value, so
/// candidate lists copy cheaply.
struct AssessedNode {
    var id: DCID
    var timeZone: TimeZone
    var costs: NodeCosts
    var priority: Int

    init(_ node: FulfilmentNode) {
        id = node.id
        timeZone = node.timeZone
        costs = node.costs
        priority = node.priority
    }
}

/// Everything routing learned about one node for one order.
struct NodeAssessment {
    var node: AssessedNode
    var rank = 0
    var candidate: Bool
    var profileIndex: Int
    var distance: Double?
    var zone: Int?
    var option: ServiceOption?
    /// The checks that do not depend on the lines (the first `generalCount`), then the line checks that failed: one
    /// array, which is also what the decision shows when a line fails.
    var checks: [NodeCheck] = []
    var generalCount = 0
    var general: ArraySlice<NodeCheck> { checks[..<generalCount] }
    /// Every general check passed (kept, not recomputed: the plan search asks often).
    var generalOK = false
    /// Per resolved line, what this node has of it: one array, not one per fact.
    var lineStates: [LineState] = []
    /// Only the line checks that failed; passing lines are summed up in one check, to keep explanations short.
    var lineFailures: ArraySlice<NodeCheck> { checks[generalCount...] }
    var unitsLeft = 0

    struct LineState {
        /// Units available to promise here of the line's SKU.
        var available: Int
        /// Enough of them for the line.
        var hasStock: Bool
        /// The node can handle the item (oversize, hazmat, gift wrap).
        var handled: Bool
    }

    func hasStock(_ line: Int) -> Bool { lineStates[line].hasStock }
    func handles(_ line: Int) -> Bool { lineStates[line].handled }

    init(node: FulfilmentNode, candidate: Bool, profileIndex: Int) {
        self.node = AssessedNode(node)
        self.candidate = candidate
        self.profileIndex = profileIndex
    }

    func lineOK(_ index: Int) -> Bool { generalOK && lineStates[index].hasStock && lineStates[index].handled }

    /// The checks to show: the general ones, then the failing line checks or one line saying every line passed.
    var shownChecks: [NodeCheck] {
        generalCount < checks.count
            ? checks
            : checks + [
                NodeCheck(kind: .stock, passed: true, detail: "all \(lineStates.count) line(s) in stock and handled")
            ]
    }

    /// Whether this node alone can ship exactly `lines` (indexes into the resolved lines).
    func canShip(_ lines: [Int], _ resolved: [ResolvedLine]) -> Bool {
        guard generalOK, !lines.isEmpty else { return false }
        var units = 0
        var sharesSKU = false
        for index in lines {
            guard lineStates[index].hasStock, lineStates[index].handled else { return false }
            units += resolved[index].quantity
            if resolved[index].skuGroup != index { sharesSKU = true }
        }
        guard units <= unitsLeft else { return false }
        // Each line has its own stock; lines naming the same SKU must also fit together.
        guard sharesSKU else { return true }
        for index in lines {
            let group = resolved[index].skuGroup
            let wanted = lines.reduce(0) { $0 + (resolved[$1].skuGroup == group ? resolved[$1].quantity : 0) }
            if wanted > lineStates[index].available { return false }
        }
        return true
    }

    /// Pick/pack plus shipping for `units` units in one package.
    func landedCost(units: Int) -> Decimal {
        node.costs.perOrder.amount + node.costs.perUnit.amount * Decimal(units) + (option?.shippingCost ?? 0)
    }

    var firstFailure: NodeCheck? { general.first { !$0.passed } }
}

enum NodeAssessor {
    /// What assessing a node needs of the order, profile, network and state: only that, so building it copies
    /// no profile or network.
    struct Context {
        var strategy: Sourcing.Strategy
        var zones: [ZoneBand]
        var usage: [DCID: DailyUsage]
        var lines: [ResolvedLine]
        var services: [CarrierServiceID]
        var deadlines: Deadlines
        var isPOBox: Bool
        var now: Date
        /// The centre of the ship-to's ZIP3 region, found once per order.
        var destination: Coordinates?
        /// Ship-by as the explanation prints it, formatted once per order.
        var shipByText: String
        /// Per service of `services`: the network's carrier service and its cost where the zone is unknown (the
        /// dearest zone), found once per order.
        var carriers: [(carrier: CarrierService?, anyZoneCost: Decimal)]
        /// The carrier check's sentence for a node that has every service.
        var shipsAllText: String
        /// A store-pickup order: no carrier, the node must offer pickup.
        var isPickup: Bool
        /// Per resolved line: the units of its SKU available by stock slot, looked up once per order.
        var lineStock: [[Int]]
        var stock: Stock

        init(
            order: PurchaseOrder, profile: RetailerProfile, network: Network, state: NetworkState,
            lines: [ResolvedLine], services: [CarrierServiceID], deadlines: Deadlines, isPOBox: Bool, now: Date,
            destination: Coordinates?, shipByText: String
        ) {
            strategy = profile.sourcing.strategy
            zones = network.zones
            usage = state.usage
            self.lines = lines
            self.services = services
            self.deadlines = deadlines
            self.isPOBox = isPOBox
            self.now = now
            self.destination = destination
            self.shipByText = shipByText
            carriers = services.map { id in
                let carrier = network.services[id]
                return (carrier, carrier?.cost.values.map(\.amount).max() ?? 0)
            }
            lineStock = lines.map { state.stock.available(of: $0.sku) }
            stock = state.stock
            isPickup = services == [.storePickup]
            shipsAllText = "ships \(services.map(\.rawValue).joined(separator: ", "))"
        }
    }

    static func assess(
        _ node: FulfilmentNode, candidate: Bool, profileIndex: Int, _ c: Context, memo: inout OrderMemo
    ) -> NodeAssessment {
        var a = NodeAssessment(node: node, candidate: candidate, profileIndex: profileIndex)
        a.checks.reserveCapacity(6 + c.lines.count)
        if let destination = c.destination {
            let miles = node.coordinates.miles(to: destination)
            a.distance = miles
            a.zone = c.zones.first { miles <= $0.upToMiles }?.zone ?? c.zones.last?.zone
        }
        a.checks.append(
            NodeCheck(
                kind: .enabled, passed: node.enabled,
                detail: node.enabled ? "enabled" : "switched off in the network file"))
        var closures: [Closure] = []
        if !node.closures.isEmpty {
            let today = memo.day(of: c.now, in: node.timeZone)
            closures = node.closures.filter { $0.until >= today && $0.from <= c.deadlines.shipByDay.plus(days: 1) }
        }

        if c.isPickup {
            assessPickup(&a, node, c, closures: closures, memo: &memo)
            return a
        }

        // Carrier services the order may use that this node has (positions in `c.services`).
        let usableIndexes = c.services.indices.filter { index in
            node.service(c.services[index]) != nil
                && (!c.isPOBox || c.carriers[index].carrier?.deliversToPOBoxes == true)
        }
        let usable = usableIndexes.map { c.services[$0] }
        if usable.isEmpty {
            let why = c.isPOBox ? " that delivers to PO boxes" : ""
            a.checks.append(
                NodeCheck(
                    kind: .carrier, passed: false,
                    detail: "has none of \(c.services.map(\.rawValue).joined(separator: ", "))\(why)"))
        } else {
            a.checks.append(
                NodeCheck(
                    kind: .carrier, passed: true,
                    detail: usable.count == c.services.count
                        ? c.shipsAllText : "ships \(usable.map(\.rawValue).joined(separator: ", "))"))
        }

        // Earliest pickup per usable service, against ship-by and deliver-by.
        var options: [ServiceOption] = []
        options.reserveCapacity(usable.count)
        for index in usableIndexes {
            let id = c.services[index]
            guard let nodeService = node.service(id), let carrier = c.carriers[index].carrier,
                let pickup = DeadlineCalculator.earliestPickup(
                    at: node, cutoff: nodeService.cutoff, now: c.now, memo: &memo)
            else { continue }
            let transit = a.zone.flatMap { carrier.transitDays[$0] }
            let delivery = transit.map { node.calendar.adding(businessDays: $0, to: pickup.day) }
            let cost = a.zone.flatMap { carrier.cost[$0]?.amount } ?? c.carriers[index].anyZoneCost
            options.append(
                ServiceOption(
                    service: id, pickupDay: pickup.day, pickupAt: pickup.at, delivery: delivery,
                    shippingCost: cost))
        }
        // One pass over the options in service order: the first that leaves by ship-by, the earliest arrival of
        // those, and among those also in by deliver-by the first (or, fastest first, the earliest to arrive).
        var firstOnTime: ServiceOption?
        var arrival: CalendarDate?
        var anyDelivered = false
        for option in options where option.pickupAt <= c.deadlines.shipBy {
            if firstOnTime == nil { firstOnTime = option }
            if let delivery = option.delivery { arrival = min(arrival ?? delivery, delivery) }
            if let deliverBy = c.deadlines.deliverBy {
                guard let delivery = option.delivery, delivery <= deliverBy else { continue }
            }
            anyDelivered = true
            if let current = a.option {
                if c.strategy == .fastest,
                    (option.delivery ?? .distantFuture, option.pickupAt)
                        < (current.delivery ?? .distantFuture, current.pickupAt)
                {
                    a.option = option
                }
            } else {
                a.option = option
            }
        }
        if !usable.isEmpty {
            if let best = firstOnTime ?? options.first {
                let zone = node.timeZone
                let meets = firstOnTime != nil
                let pickup = memo.sentence(
                    .pickup(at: best.pickupAt, zone: zone.identifier, service: best.service, meets: meets)
                ) { memo in
                    "earliest pickup \(memo.text(best.pickupAt, zone)) via \(best.service) "
                        + (meets ? "meets" : "misses")
                        + " ship-by \(c.shipByText)"
                }
                a.checks.append(
                    NodeCheck(
                        kind: .shipBy, passed: meets,
                        detail: closures.isEmpty
                            ? pickup : pickup + "; " + closures.map(Format.closure).joined(separator: ", ")))
            } else {
                a.checks.append(NodeCheck(kind: .shipBy, passed: false, detail: "no pickup within a year (closed)"))
            }
            if let deliverBy = c.deadlines.deliverBy, firstOnTime != nil {
                a.checks.append(
                    NodeCheck(
                        kind: .deliverBy, passed: anyDelivered,
                        detail:
                            "earliest delivery \(arrival.map(\.description) ?? "unknown (no zone)") vs deliver-by \(deliverBy)"
                    ))
            }
        }
        if !closures.isEmpty {
            let blocked = a.checks.contains { $0.kind == .shipBy && !$0.passed }
            a.checks.append(
                NodeCheck(
                    kind: .open, passed: !blocked,
                    detail: closures.map(Format.closure).joined(separator: ", ")))
        }

        assessCapacityAndLines(&a, node, c, memo: &memo)
        return a
    }

    /// A store-pickup order: the node must offer pickup, and be ready by ship-by; no carrier is involved.
    static func assessPickup(
        _ a: inout NodeAssessment, _ node: FulfilmentNode, _ c: Context, closures: [Closure], memo: inout OrderMemo
    ) {
        if let ready = node.pickupReady, node.offersPickup,
            let pickup = DeadlineCalculator.earliestPickup(at: node, cutoff: ready, now: c.now, memo: &memo)
        {
            a.checks.append(
                NodeCheck(kind: .capability, passed: true, detail: "offers store pickup, ready at \(ready)"))
            let meets = pickup.at <= c.deadlines.shipBy
            a.checks.append(
                NodeCheck(
                    kind: .shipBy, passed: meets,
                    detail: "ready for pickup \(memo.text(pickup.at, node.timeZone)) "
                        + (meets ? "meets" : "misses")
                        + " ship-by \(c.shipByText)"
                        + (closures.isEmpty ? "" : "; " + closures.map(Format.closure).joined(separator: ", "))))
            if meets {
                a.option = ServiceOption(
                    service: .storePickup, pickupDay: pickup.day, pickupAt: pickup.at, delivery: pickup.day,
                    shippingCost: 0)
            }
        } else {
            a.checks.append(
                NodeCheck(
                    kind: .capability, passed: false, detail: "offers no store pickup (capability and pickup-ready)"))
        }
        assessCapacityAndLines(&a, node, c, memo: &memo)
    }

    static func assessCapacityAndLines(
        _ a: inout NodeAssessment, _ node: FulfilmentNode, _ c: Context, memo: inout OrderMemo
    ) {
        // Capacity left today.
        let used = c.usage[node.id] ?? DailyUsage()
        let unitsLeft = node.capacity.units - used.units
        let ordersLeft = node.capacity.orders - used.orders
        let capacity = node.capacity
        a.unitsLeft = unitsLeft
        a.checks.append(
            NodeCheck(
                kind: .capacity, passed: ordersLeft > 0 && unitsLeft > 0,
                detail: memo.sentence(
                    .capacity(
                        ordersLeft: max(0, ordersLeft), orders: capacity.orders, unitsLeft: max(0, unitsLeft),
                        units: capacity.units)
                ) { _ in
                    "\(max(0, ordersLeft)) of \(capacity.orders) orders and \(max(0, unitsLeft)) of "
                        + "\(capacity.units) units left today"
                }))

        a.generalCount = a.checks.count

        // Per line: stock and capability; only failures get a sentence.
        let count = c.lines.count
        a.lineStates.reserveCapacity(count)
        let slot = c.stock.slot(of: node.id) ?? Int.max
        for index in 0..<count {
            let available = slot < c.lineStock[index].count ? c.lineStock[index][slot] : 0
            let quantity = c.lines[index].quantity
            let hasStock = available >= quantity
            if !hasStock {
                a.checks.append(
                    NodeCheck(
                        kind: .stock, passed: false,
                        detail: memo.shortage(of: c.lines[index].label, quantity, at: index, available: available)))
            }
            guard c.lines[index].needsCapability else {
                a.lineStates.append(NodeAssessment.LineState(available: available, hasStock: hasStock, handled: true))
                continue
            }
            let line = c.lines[index]
            let lacksOversize = line.oversize && !node.capabilities.contains(.oversize)
            let lacksHazmat = line.hazmat && !node.capabilities.contains(.hazmat)
            let lacksGiftWrap = line.giftWrap && !node.capabilities.contains(.giftWrap)
            let handled = !(lacksOversize || lacksHazmat || lacksGiftWrap)
            a.lineStates.append(NodeAssessment.LineState(available: available, hasStock: hasStock, handled: handled))
            if !handled {
                let missing = [
                    lacksOversize ? "oversize" : nil, lacksHazmat ? "hazmat" : nil,
                    lacksGiftWrap ? "gift wrap" : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                a.checks.append(
                    NodeCheck(
                        kind: .capability, passed: false,
                        detail: "\(line.label) needs \(missing); the node has no such capability")
                )
            }
        }
        a.generalOK = a.general.allSatisfy(\.passed)
    }
}

extension CalendarDate {
    static let distantFuture =
        CalendarDate(year: 9999, month: 12, day: 31) ?? CalendarDate(Date.distantFuture, in: .gmt)
}

/// Formats instants and closures for explanations, without locale-dependent formatters.
enum Format {
    /// `2026-11-24 15:00 America/New_York`: zone names, because Linux abbreviates most zones as `GMT-5`.
    static func instant(_ date: Date, _ zone: TimeZone) -> String {
        let time = TimeOfDay.of(date, in: zone)
        return "\(CalendarDate.on(date, in: zone)) \(time) \(zone.identifier)"
    }

    static func closure(_ closure: Closure) -> String {
        "closed \(closure.from)…\(closure.until)" + (closure.reason.map { " (\($0))" } ?? "")
    }

    static func money(_ amount: Decimal, _ currency: CurrencyCode = .usd) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return Money(rounded, currency).description
    }
}
