public import Foundation
public import Orders
public import Profiles

/// What the warehouse was handed for one node of an order: the pick ticket's lines, service and ship-by.
public struct ShipmentPlan: Hashable, Sendable {
    public var node: DCID
    public var service: CarrierServiceID
    public var shipBy: Date
    public var lines: [ShipmentLine]

    public init(node: DCID, service: CarrierServiceID, shipBy: Date, lines: [ShipmentLine]) {
        self.node = node
        self.service = service
        self.shipBy = shipBy
        self.lines = lines
    }
}

/// What an order's node has seen on the floor before this shipment: units shipped and cancelled per PO line, and
/// how many shipments left.
public struct FloorHistory: Hashable, Sendable {
    public var shipped: [String: Int]
    public var cancelled: [String: Int]
    public var shipments: Int

    public init(shipped: [String: Int] = [:], cancelled: [String: Int] = [:], shipments: Int = 0) {
        self.shipped = shipped
        self.cancelled = cancelled
        self.shipments = shipments
    }

    /// Units of `line` still to ship or cancel out of `planned`.
    public func open(_ line: String, planned: Int) -> Int {
        planned - (shipped[line] ?? 0) - (cancelled[line] ?? 0)
    }
}

/// A violation a recorded shipment or cancel incurs: which rule, what it costs under the profile's fee schedule.
public struct FloorFlag: Hashable, Sendable, Codable {
    public var violation: FeeSchedule.Violation
    /// The rule in the retailer's words and ours: `ship by 2026-11-25 23:59 CST`.
    public var detail: String
    /// The fee the profile's schedule sets for it; nil when the profile names none (the rule still holds).
    public var fee: Money?
    /// The profile's allowance before the fee applies (`1% of orders`), when it sets one.
    public var allowance: String?

    public init(violation: FeeSchedule.Violation, detail: String, fee: Money?, allowance: String? = nil) {
        self.violation = violation
        self.detail = detail
        self.fee = fee
        self.allowance = allowance
    }

    /// `violation` with what `profile`'s fee schedule charges for it on `units` units worth `value`.
    init(_ violation: FeeSchedule.Violation, _ detail: String, profile: RetailerProfile, units: Decimal, value: Money) {
        let fee = profile.fees.fee(for: violation)
        self.init(
            violation: violation, detail: detail, fee: fee?.charge(units: units, value: value),
            allowance: fee?.allowance.map { "\($0.percent)% of \($0.of.rawValue)" })
    }
}

/// The verdict on a shipment the floor confirms, decided before anything is written: refused (with every reason,
/// nothing recorded) or accepted, with each rule checked and the fees it incurs. Pure: the same confirmation,
/// order, plan, profile and clock give the same review.
public struct ShipmentReview: Hashable, Sendable, Codable {
    /// Why the shipment cannot be recorded as confirmed; empty when it can.
    public var refusals: [String]
    /// Accepted, but each costs what the profile says.
    public var flags: [FloorFlag]
    /// Every rule checked, in order, in words.
    public var checks: [String]
    /// When the ASN must reach the retailer (the profile's ASN deadline after the ship time); nil when it sets none.
    public var asnDue: Date?

    public var isRefused: Bool { !refusals.isEmpty }

    public init(refusals: [String], flags: [FloorFlag], checks: [String], asnDue: Date?) {
        self.refusals = refusals
        self.flags = flags
        self.checks = checks
        self.asnDue = asnDue
    }

    /// Reviews `confirmation` of `order` against the plan for its node, what was shipped and cancelled there before,
    /// the profile's fill, carrier, ship-by and ASN rules, and the network's services, at `now` (the moment the
    /// ASN is written).
    public init(
        _ confirmation: ShipConfirmation, order: PurchaseOrder, plans: [ShipmentPlan], history: FloorHistory,
        profile: RetailerProfile, network: Network, now: Date
    ) {
        var refusals: [String] = []
        var flags: [FloorFlag] = []
        var checks: [String] = []
        let zone = profile.timeZone
        var asnDue: Date?
        guard let plan = plans.first(where: { $0.node == confirmation.node }) else {
            let planned = plans.map(\.node.rawValue).joined(separator: ", ")
            self.init(
                refusals: [
                    "PO \(order.poNumber) was not released to \(confirmation.node)"
                        + (planned.isEmpty ? " (it was released to no node)" : " (it was released to \(planned))")
                ], flags: [], checks: [], asnDue: nil)
            return
        }
        if confirmation.shippedAt > now.addingTimeInterval(15 * 60) {
            refusals.append(
                "the ship time \(DeadlineWatch.localTime(confirmation.shippedAt, in: zone)) is in the future: confirm a shipment once "
                    + "the carrier has it")
        }

        // Packages and what is in them.
        if confirmation.packages.isEmpty { refusals.append("a shipment needs at least one package") }
        let carrierName = network.services[CarrierServiceID(confirmation.service)]?.carrier
        for (index, package) in confirmation.packages.enumerated() {
            let name = "package \(index + 1)"
            let tracking = package.trackingNumber.trimmingCharacters(in: .whitespaces)
            if tracking.isEmpty {
                refusals.append("\(name) has no tracking number")
            } else if let carrierName, let problem = TrackingNumber.problem(in: tracking, carrier: carrierName) {
                refusals.append("\(name): \(problem)")
            }
            if package.contents.isEmpty { refusals.append("\(name) holds no item") }
            for item in package.contents where item.quantity <= 0 || Decimal(Self.units(item.quantity)) != item.quantity
            {
                refusals.append("\(name), line \(item.lineNumber): \(item.quantity) is not a positive whole quantity")
            }
            if let weight = package.weight, weight <= 0 {
                refusals.append("\(name): the weight \(weight) lb must be positive")
            }
            if let size = package.dimensions, size.length <= 0 || size.width <= 0 || size.height <= 0 {
                refusals.append("\(name): every dimension must be positive")
            }
            let required = profile.documents.asnPackageDetails
            if required.contains(.weight) && package.weight == nil {
                refusals.append("\(name): \(profile.name) needs each package's weight on its ASN")
            }
            if required.contains(.dimensions) && package.dimensions == nil {
                refusals.append("\(name): \(profile.name) needs each package's dimensions on its ASN")
            }
        }
        checks.append(
            "\(confirmation.packages.count) package(s), tracking numbers checked for \(carrierName ?? "the carrier")")

        // Lines against the plan: nothing the node was not handed, never more than it was handed.
        var remaining: [String: Int] = [:]
        for line in plan.lines { remaining[line.lineNumber] = history.open(line.lineNumber, planned: line.quantity) }
        for (lineNumber, quantity) in confirmation.shippedQuantities {
            guard let planned = plan.lines.first(where: { $0.lineNumber == lineNumber }) else {
                refusals.append("line \(lineNumber) is not on \(plan.node)'s pick ticket for PO \(order.poNumber)")
                continue
            }
            let sku = confirmation.packages.flatMap(\.contents).first { $0.lineNumber == lineNumber }?.sku
            if let sku, sku != planned.sku {
                refusals.append("line \(lineNumber) is \(planned.sku), not \(sku)")
            }
            let open = remaining[lineNumber] ?? 0
            let units = Self.units(quantity)
            if units > open {
                refusals.append(
                    "line \(lineNumber): \(units) shipped, but only \(open) of \(planned.quantity) remain to ship from "
                        + "\(plan.node)")
            }
            remaining[lineNumber] = open - units
        }
        let short = plan.lines.filter { (remaining[$0.lineNumber] ?? 0) > 0 }
        let lastShipment = history.shipments + 1 >= profile.fulfilment.maxShipments
        let shortText = short.map { "line \($0.lineNumber) (\(remaining[$0.lineNumber] ?? 0) of \($0.quantity))" }
            .joined(separator: ", ")
        switch profile.fulfilment.fill {
        case .orderFillOrKill:
            if !short.isEmpty {
                refusals.append(
                    "\(profile.name) ships the whole PO complete or cancels it (order fill-or-kill): \(shortText) "
                        + "not in this shipment; ship everything or cancel the order")
            }
        case .lineFillOrKill:
            let partial = short.filter { line in confirmation.shipped(line: line.lineNumber) > 0 }
            if !partial.isEmpty {
                refusals.append(
                    "\(profile.name) ships each line complete or cancels it (line fill-or-kill): "
                        + partial.map { "line \($0.lineNumber) is short by \(remaining[$0.lineNumber] ?? 0)" }
                        .joined(separator: ", ") + "; ship the whole line or cancel it")
            } else if !short.isEmpty && lastShipment {
                refusals.append(
                    "\(shortText) not shipped, and \(profile.name) allows \(profile.fulfilment.maxShipments) "
                        + "shipment(s): ship those lines now or cancel them first")
            }
        case .shipComplete:
            if !short.isEmpty && lastShipment {
                refusals.append(
                    "\(profile.name) allows \(profile.fulfilment.maxShipments) shipment(s) per order and this is the "
                        + "last: \(shortText) still to ship; ship the rest now or cancel it first")
            }
        }
        checks.append(
            "fill: \(profile.fulfilment.fill.rawValue), shipment \(history.shipments + 1) of at most \(profile.fulfilment.maxShipments)"
        )

        // Fees, on the units and value this shipment carries.
        let units = confirmation.totalUnits
        let value = order.value(of: confirmation.shippedQuantities.map { ($0.lineNumber, $0.quantity) })
        func flag(_ violation: FeeSchedule.Violation, _ detail: String) {
            flags.append(FloorFlag(violation, detail, profile: profile, units: units, value: value))
        }

        // Carrier and service: one the profile maps the PO's ship method to.
        let service = CarrierServiceID(confirmation.service)
        if network.services[service] == nil {
            refusals.append("'\(confirmation.service)' is not a carrier service of the network")
        } else if network.node(plan.node)?.service(service) == nil {
            refusals.append("\(plan.node) does not ship with \(confirmation.service)")
        }
        let mapping = order.shipMethod.flatMap(profile.carrierMapping(for:))
        if let mapping, !mapping.services.contains(service) {
            flag(
                .unauthorizedCarrier,
                "shipped with \(confirmation.service); \(profile.name) maps the PO's method '\(mapping.label)' to "
                    + mapping.services.map(\.rawValue).joined(separator: " or "))
        }
        checks.append("carrier: \(confirmation.service) against the PO's method \(mapping?.label ?? "(none)")")

        // On time: tendered by the ship-by.
        if confirmation.shippedAt > plan.shipBy {
            flag(
                .lateShip,
                "shipped \(DeadlineWatch.localTime(confirmation.shippedAt, in: zone)), after the ship-by \(DeadlineWatch.localTime(plan.shipBy, in: zone))"
            )
        }
        checks.append(
            "ship-by \(DeadlineWatch.localTime(plan.shipBy, in: zone)): shipped \(DeadlineWatch.localTime(confirmation.shippedAt, in: zone))"
        )

        // The ASN leaves now: within the profile's deadline after the ship time?
        if let deadline = profile.documents.asnDeadline {
            let due = DeadlineCalculator.advance(
                confirmation.shippedAt, by: deadline, calendar: profile.shipSLA.calendar, zone: ZoneOffsets.of(zone))
            asnDue = due
            if now > due {
                flag(
                    .lateASN,
                    "the ASN leaves \(DeadlineWatch.localTime(now, in: zone)), after its deadline \(DeadlineWatch.localTime(due, in: zone)) "
                        + "(\(deadline) after the ship time)")
            }
            checks.append("ASN due \(DeadlineWatch.localTime(due, in: zone)) (\(deadline) after shipping)")
        }
        self.init(
            refusals: refusals, flags: refusals.isEmpty ? flags : [], checks: checks, asnDue: asnDue)
    }

    /// Whole units of a quantity (its integer part).
    public static func units(_ quantity: Decimal) -> Int { NSDecimalNumber(decimal: quantity).intValue }
}
