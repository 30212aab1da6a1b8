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

/// Everything routing learned about one node for one order.
struct NodeAssessment {
    var node: FulfilmentNode
    var rank = 0
    var candidate: Bool
    var profileIndex: Int
    var distance: Double?
    var zone: Int?
    var option: ServiceOption?
    /// Checks that do not depend on the lines.
    var general: [NodeCheck] = []
    /// Every general check passed (kept, not recomputed: the plan search asks often).
    var generalOK = false
    /// Per resolved line: enough stock here, and the node can handle the item.
    var lineHasStock: [Bool] = []
    var lineHandled: [Bool] = []
    /// Only the line checks that failed; passing lines are summed up in one check, to keep explanations short.
    var lineFailures: [NodeCheck] = []
    var unitsLeft = 0
    var available: [SKU: Int] = [:]

    func lineOK(_ index: Int) -> Bool { generalOK && lineHasStock[index] && lineHandled[index] }

    /// The checks to show: the general ones, then the failing line checks or one line saying every line passed.
    var shownChecks: [NodeCheck] {
        general
            + (lineFailures.isEmpty
                ? [
                    NodeCheck(
                        kind: .stock, passed: true, detail: "all \(lineHasStock.count) line(s) in stock and handled")
                ]
                : lineFailures)
    }

    /// Whether this node alone can ship exactly `lines` (indexes into the resolved lines).
    func canShip(_ lines: [Int], _ resolved: [ResolvedLine]) -> Bool {
        guard generalOK, !lines.isEmpty, lines.allSatisfy(lineOK) else { return false }
        var units = 0
        var bySKU: [SKU: Int] = [:]
        for index in lines {
            units += resolved[index].quantity
            bySKU[resolved[index].sku, default: 0] += resolved[index].quantity
        }
        return units <= unitsLeft && bySKU.allSatisfy { available[$0.key, default: 0] >= $0.value }
    }

    /// Pick/pack plus shipping for `units` units in one package.
    func landedCost(units: Int) -> Decimal {
        node.costs.perOrder.amount + node.costs.perUnit.amount * Decimal(units) + (option?.shippingCost ?? 0)
    }

    var firstFailure: NodeCheck? { general.first { !$0.passed } }
}

enum NodeAssessor {
    struct Context {
        var order: PurchaseOrder
        var profile: RetailerProfile
        var network: Network
        var state: NetworkState
        var lines: [ResolvedLine]
        var services: [CarrierServiceID]
        var deadlines: Deadlines
        var isPOBox: Bool
        var now: Date
        /// The centre of the ship-to's ZIP3 region, found once per order.
        var destination: Coordinates?
        /// Ship-by as the explanation prints it, formatted once per order.
        var shipByText: String
    }

    static func assess(_ node: FulfilmentNode, candidate: Bool, profileIndex: Int, _ c: Context) -> NodeAssessment {
        var a = NodeAssessment(node: node, candidate: candidate, profileIndex: profileIndex)
        if let destination = c.destination {
            let miles = node.coordinates.miles(to: destination)
            a.distance = miles
            a.zone = c.network.zones.first { miles <= $0.upToMiles }?.zone ?? c.network.zones.last?.zone
        }
        a.general.append(
            NodeCheck(
                kind: .enabled, passed: node.enabled,
                detail: node.enabled ? "enabled" : "switched off in the network file"))
        let today = CalendarDate.on(c.now, in: node.timeZone)
        let closures = node.closures.filter { $0.until >= today && $0.from <= c.deadlines.shipByDay.plus(days: 1) }

        if c.services == [.storePickup] {
            assessPickup(&a, node, c, closures: closures)
            return a
        }

        // Carrier services the order may use that this node has.
        let usable = c.services.filter { id in
            node.service(id) != nil && (!c.isPOBox || c.network.services[id]?.deliversToPOBoxes == true)
        }
        if usable.isEmpty {
            let why = c.isPOBox ? " that delivers to PO boxes" : ""
            a.general.append(
                NodeCheck(
                    kind: .carrier, passed: false,
                    detail: "has none of \(c.services.map(\.rawValue).joined(separator: ", "))\(why)"))
        } else {
            a.general.append(
                NodeCheck(
                    kind: .carrier, passed: true,
                    detail: "ships \(usable.map(\.rawValue).joined(separator: ", "))"))
        }

        // Earliest pickup per usable service, against ship-by and deliver-by.
        var options: [ServiceOption] = []
        for id in usable {
            guard let nodeService = node.service(id), let carrier = c.network.services[id],
                let pickup = DeadlineCalculator.earliestPickup(at: node, cutoff: nodeService.cutoff, now: c.now)
            else { continue }
            let transit = a.zone.flatMap { carrier.transitDays[$0] }
            let delivery = transit.map { node.calendar.adding(businessDays: $0, to: pickup.day) }
            let cost = a.zone.flatMap { carrier.cost[$0]?.amount } ?? carrier.cost.values.map(\.amount).max() ?? 0
            options.append(
                ServiceOption(
                    service: id, pickupDay: pickup.day, pickupAt: pickup.at, delivery: delivery,
                    shippingCost: cost))
        }
        let onTime = options.filter { $0.pickupAt <= c.deadlines.shipBy }
        let delivered = onTime.filter { option in
            guard let deliverBy = c.deadlines.deliverBy else { return true }
            return option.delivery.map { $0 <= deliverBy } ?? false
        }
        if c.profile.sourcing.strategy == .fastest {
            a.option = delivered.min {
                ($0.delivery ?? .distantFuture, $0.pickupAt) < ($1.delivery ?? .distantFuture, $1.pickupAt)
            }
        } else {
            a.option = delivered.first
        }
        if !usable.isEmpty {
            if let best = onTime.first ?? options.first {
                let zone = node.timeZone
                let meets = !onTime.isEmpty
                a.general.append(
                    NodeCheck(
                        kind: .shipBy, passed: meets,
                        detail: "earliest pickup \(Format.instant(best.pickupAt, zone)) via \(best.service) "
                            + (meets ? "meets" : "misses")
                            + " ship-by \(c.shipByText)"
                            + (closures.isEmpty ? "" : "; " + closures.map(Format.closure).joined(separator: ", "))))
            } else {
                a.general.append(NodeCheck(kind: .shipBy, passed: false, detail: "no pickup within a year (closed)"))
            }
            if let deliverBy = c.deadlines.deliverBy, !onTime.isEmpty {
                let arrival = onTime.compactMap(\.delivery).min()
                a.general.append(
                    NodeCheck(
                        kind: .deliverBy, passed: !delivered.isEmpty,
                        detail:
                            "earliest delivery \(arrival.map(\.description) ?? "unknown (no zone)") vs deliver-by \(deliverBy)"
                    ))
            }
        }
        if !closures.isEmpty {
            let blocked = a.general.contains { $0.kind == .shipBy && !$0.passed }
            a.general.append(
                NodeCheck(
                    kind: .open, passed: !blocked,
                    detail: closures.map(Format.closure).joined(separator: ", ")))
        }

        assessCapacityAndLines(&a, node, c)
        return a
    }

    /// A store-pickup order: the node must offer pickup, and be ready by ship-by; no carrier is involved.
    static func assessPickup(_ a: inout NodeAssessment, _ node: FulfilmentNode, _ c: Context, closures: [Closure]) {
        if let ready = node.pickupReady, node.offersPickup,
            let pickup = DeadlineCalculator.earliestPickup(at: node, cutoff: ready, now: c.now)
        {
            a.general.append(
                NodeCheck(kind: .capability, passed: true, detail: "offers store pickup, ready at \(ready)"))
            let meets = pickup.at <= c.deadlines.shipBy
            a.general.append(
                NodeCheck(
                    kind: .shipBy, passed: meets,
                    detail: "ready for pickup \(Format.instant(pickup.at, node.timeZone)) "
                        + (meets ? "meets" : "misses")
                        + " ship-by \(c.shipByText)"
                        + (closures.isEmpty ? "" : "; " + closures.map(Format.closure).joined(separator: ", "))))
            if meets {
                a.option = ServiceOption(
                    service: .storePickup, pickupDay: pickup.day, pickupAt: pickup.at, delivery: pickup.day,
                    shippingCost: 0)
            }
        } else {
            a.general.append(
                NodeCheck(
                    kind: .capability, passed: false, detail: "offers no store pickup (capability and pickup-ready)"))
        }
        assessCapacityAndLines(&a, node, c)
    }

    static func assessCapacityAndLines(_ a: inout NodeAssessment, _ node: FulfilmentNode, _ c: Context) {
        // Capacity left today.
        let used = c.state.usage(at: node.id)
        a.unitsLeft = node.capacity.units - used.units
        let ordersLeft = node.capacity.orders - used.orders
        a.general.append(
            NodeCheck(
                kind: .capacity, passed: ordersLeft > 0 && a.unitsLeft > 0,
                detail: "\(max(0, ordersLeft)) of \(node.capacity.orders) orders and \(max(0, a.unitsLeft)) of "
                    + "\(node.capacity.units) units left today"))

        // Per line: stock and capability; only failures get a sentence.
        for line in c.lines {
            let available = c.state.stock.available(line.sku, at: node.id)
            a.available[line.sku] = available
            let hasStock = available >= line.quantity
            a.lineHasStock.append(hasStock)
            if !hasStock {
                a.lineFailures.append(
                    NodeCheck(
                        kind: .stock, passed: false,
                        detail: "line \(line.lineNumber) \(line.sku): \(available) available, \(line.quantity) needed"))
            }
            let lacksOversize = line.item.oversize && !node.capabilities.contains(.oversize)
            let lacksHazmat = line.item.hazmat && !node.capabilities.contains(.hazmat)
            let lacksGiftWrap = line.giftWrap && !node.capabilities.contains(.giftWrap)
            let handled = !(lacksOversize || lacksHazmat || lacksGiftWrap)
            a.lineHandled.append(handled)
            if !handled {
                let missing = [
                    lacksOversize ? "oversize" : nil, lacksHazmat ? "hazmat" : nil,
                    lacksGiftWrap ? "gift wrap" : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                a.lineFailures.append(
                    NodeCheck(
                        kind: .capability, passed: false,
                        detail: "line \(line.lineNumber) \(line.sku) needs \(missing); the node has no such capability")
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
