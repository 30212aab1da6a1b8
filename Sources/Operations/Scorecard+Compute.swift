public import Foundation
public import Orders
public import Profiles

/// How each figure is measured, and which month a PO counts in for it (the month in the retailer's time zone,
/// `[from, until)`):
///
/// - `orders`, `units`, `cancelledOrders`, `cancelledUnits`, `reroutes`, `feesAvoided`: POs *received* in the
///   month. Cancelled units are the first decision's and the floor's (a floor cancel later on counts in the month the
///   PO was received); a PO is a cancelled order when any of its units were. A retailer's own cancel is not ours.
/// - `shipDue`, `shippedOnTime`, `shippedLate`: POs whose *ship-by* falls in the month, judged by
///   `ScorecardOrder.shipVerdict(asOf:)`; a PO still open before its ship-by is not counted yet.
/// - `asnDue`, `asnOnTime`, `asnLate`: shipments whose *ASN deadline* falls in the month, judged by
///   `ScorecardOrder.Shipment.asnVerdict(asOf:)`.
/// - `shipments`, `carrierCompliantShipments`: shipments *made* in the month by `asOf`; compliant when their review flagged no
///   `unauthorized-carrier` (the service is one the profile maps the PO's ship method to). The carrier-compliance
///   metric is their rate. A shipment counts for its own node.
/// - Per DC, a PO counts for each node of `ScorecardOrder.countedNodes` with the PO's own figures (a split counts
///   for both its nodes), except that cancelled units are the first decision's plus the floor's at that node, and an
///   ASN counts for its shipment's node only. Fees incurred and at risk are the retailer's alone (an allowance is
///   the retailer's, not a DC's): zero per DC.
/// - Fees (`FeeStanding`), for late-ship (counted as `shippedLate`), late-asn (`asnLate`) and cancel-for-stock
///   (`cancelledOrders`): a per-unit fee counts units (the late PO's units; the cancelled units), any other fee
///   counts violations. The base is the allowance's (the month's `orders` or `units`); without an allowance the
///   count's own (orders, or units for a per-unit fee). free = floor(allowance% × base), charged = max(0, count −
///   free), incurred = charged × the fee. A per-cent fee counts violations, and charges its share of each charged
///   violation's PO value (`ScorecardOrder.value`; a cancel's, what it cancelled was worth, `cancelledValue`);
///   the free ones are the month's first as the retailer counts them (`PricedViolations`).
/// - Forecast: base and count carried to the month's end at the month-to-date daily rate
///   (`FeeAllowance.projected`); `remainingFree` = max(0, projectedFree − count); at risk = the fee on the
///   violations still pending (open POs whose ship-by, or unsent ASNs whose deadline, is in the month and not yet
///   past) beyond `remainingFree`. Rates are scale-free, so a metric's projection at today's rate is its rate now.
///   For a per-cent fee, where no particular PO is known these are estimates (`FeeStanding.estimated`): a projected
///   violation at the average value of the month's violations so far, one at risk at the average value of the POs
///   at risk, and the next one (`nextFee`) at the former (before the first violation, the latter).
/// - Days: a late PO's fee falls on its ship-by day, a late ASN's on its deadline's day, a cancel's on the day the
///   PO was received; fees avoided on the day it was received. Days run from the month's first to `asOf`'s day.
///   A per-cent fee falls on the day at its share of that PO's value.
extension Scorecard {
    /// The scorecard of `month` for each retailer of `profiles` (in retailer id order), from `orders` (any order:
    /// those of other retailers or outside the month are skipped), as of `asOf`.
    public static func compute(
        _ orders: some Sequence<ScorecardOrder>, profiles: [RetailerProfile], month: ScorecardMonth, asOf: Date
    ) -> Scorecard {
        var tallies: [RetailerID: RetailerTally] = [:]
        for profile in profiles { tallies[profile.id] = RetailerTally(profile: profile, month: month, asOf: asOf) }
        for order in orders { tallies[order.retailer]?.add(order) }
        let retailers = tallies.keys.sorted().compactMap { tallies[$0]?.scorecard() }
        return Scorecard(month: month.description, asOf: asOf, retailers: retailers)
    }

    /// The instants a store read for `month` must cover for these retailers: from the earliest zone's first instant
    /// to the latest zone's last.
    public static func window(of month: ScorecardMonth, for profiles: [RetailerProfile]) -> DateInterval {
        let zones = profiles.isEmpty ? [TimeZone(identifier: "UTC") ?? .current] : profiles.map(\.timeZone)
        var from = Date.distantFuture
        var until = Date.distantPast
        for zone in zones {
            let starts = month.dayStarts(in: zone)
            from = min(from, starts[0])
            until = max(until, starts[starts.count - 1])
        }
        return DateInterval(start: from, end: until)
    }

    /// The violations the scorecard counts, and so the fees it can show.
    static let countedViolations: [FeeSchedule.Violation] = [.lateShip, .lateASN, .cancelForStock]

    /// The retailers of `profiles` whose scorecard needs each PO's value, with the violations it prices so: those
    /// charging a share of the order's value (`Fee.Amount.percent`) for a violation the scorecard counts. For any
    /// other, no PO's value is read.
    public static func valuedRetailers(_ profiles: [RetailerProfile]) -> [RetailerID: Set<FeeSchedule.Violation>] {
        var valued: [RetailerID: Set<FeeSchedule.Violation>] = [:]
        for profile in profiles {
            for violation in countedViolations {
                if case .percent = profile.fees.fees[violation]?.amount {
                    valued[profile.id, default: []].insert(violation)
                }
            }
        }
        return valued
    }

    /// Days of the month gone by at `asOf` in `dayStarts`' zone: whole days, and the part of the current day (by
    /// its own length: 23 or 25 hours on a day the clocks change).
    public static func daysElapsed(dayStarts: [Date], asOf: Date) -> Double {
        let days = dayStarts.count - 1
        guard asOf > dayStarts[0] else { return 0 }
        guard asOf < dayStarts[days] else { return Double(days) }
        let day = RetailerTally.index(of: asOf, in: dayStarts)
        let length = dayStarts[day + 1].timeIntervalSince(dayStarts[day])
        return Double(day) + asOf.timeIntervalSince(dayStarts[day]) / length
    }
}

/// A retailer's month being counted, one PO at a time.
struct RetailerTally {
    let profile: RetailerProfile
    let month: ScorecardMonth
    let asOf: Date
    let dayStarts: [Date]
    let currency: CurrencyCode
    let lateShipFee: Fee?
    let lateASNFee: Fee?
    let cancelFee: Fee?
    /// Figures of nothing, in the schedule's currency.
    let zeroFigures: ScorecardFigures
    var total: ScorecardFigures
    var nodes: [DCID: ScorecardFigures] = [:]
    var days: [DailyFigures]
    /// Violations of each per-cent fee with their POs' values, and the POs at risk of one.
    var priced: [FeeSchedule.Violation: PricedViolations] = [:]
    /// Units of late POs, of POs with a late ASN (once per late shipment), and what is still pending.
    var lateShipUnits = 0
    var lateASNUnits = 0
    var pendingShipOrders = 0
    var pendingShipUnits = 0
    var pendingASNs = 0
    var pendingASNUnits = 0

    var from: Date { dayStarts[0] }
    var until: Date { dayStarts[dayStarts.count - 1] }

    init(profile: RetailerProfile, month: ScorecardMonth, asOf: Date) {
        self.profile = profile
        self.month = month
        self.asOf = asOf
        dayStarts = month.dayStarts(in: profile.timeZone)
        let fees = profile.fees.fees
        currency = Self.currency(of: profile.fees)
        lateShipFee = fees[.lateShip]
        lateASNFee = fees[.lateASN]
        cancelFee = fees[.cancelForStock]
        for violation in Scorecard.countedViolations {
            if case .percent = fees[violation]?.amount { priced[violation] = PricedViolations() }
        }
        let zero = Money.zero(currency)
        zeroFigures = ScorecardFigures(feesAvoided: zero, feesIncurred: zero, feesAtRisk: zero)
        total = zeroFigures
        var days: [DailyFigures] = []
        for index in 0..<(dayStarts.count - 1) {
            days.append(
                DailyFigures(
                    day: CalendarDate(year: month.year, month: month.month, day: index + 1)
                        ?? CalendarDate(dayStarts[index], in: profile.timeZone),
                    shipDue: 0, shippedOnTime: 0, feesAvoided: zero, feesIncurred: zero, cancelledUnitsByNode: [:],
                    unitsByNode: [:]))
        }
        self.days = days
    }

    /// The schedule's currency: its first fee's in money (US dollars when it has none).
    static func currency(of schedule: FeeSchedule) -> CurrencyCode {
        for violation in FeeSchedule.Violation.allCases {
            switch schedule.fees[violation]?.amount {
            case .fixed(let money), .perUnit(let money): return money.currency
            default: continue
            }
        }
        return .usd
    }

    /// The day of `dayStarts` that `instant` falls in (the caller checked it is in the month).
    static func index(of instant: Date, in dayStarts: [Date]) -> Int {
        var low = 0
        var high = dayStarts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if dayStarts[middle] <= instant { low = middle } else { high = middle }
        }
        return low
    }

    func day(of instant: Date) -> Int? {
        guard instant >= from, instant < until else { return nil }
        return Self.index(of: instant, in: dayStarts)
    }

    /// What `orders` violations of `fee` cost, `units` units among them: the fee per violation, per unit for a
    /// per-unit fee; for a per-cent fee, its share of `value`, the one PO's (nothing without it: a group of POs
    /// carries no value, and the store counts none of a retailer with such a fee that could be charged one).
    func cost(_ fee: Fee?, orders: Int, units: Int, value: Money? = nil) -> Money {
        switch fee?.amount {
        case .fixed(let money): money.multiplied(by: Decimal(orders))
        case .perUnit(let money): money.multiplied(by: Decimal(units))
        case .percent(let percent): Money(amount(of: value) * percent / 100, currency)
        case nil: .zero(currency)
        }
    }

    /// `value`'s amount in the schedule's currency: 0 when unknown or in another (left out, as in any sum).
    func amount(of value: Money?) -> Decimal {
        guard let value, value.currency == currency else { return 0 }
        return value.amount
    }

    /// Notes `order`'s `verdict` on `violation`'s deadline `deadline` for a per-cent fee: a violation with its value
    /// (`worth`, the PO's by default), or a PO at risk of one.
    mutating func price(
        _ violation: FeeSchedule.Violation, _ verdict: DeadlineVerdict, deadline: Date, of order: ScorecardOrder,
        worth: Money? = nil
    ) {
        guard priced[violation] != nil else { return }
        let value = amount(of: worth ?? order.value)
        switch verdict {
        case .late: priced[violation]?.add(deadline: deadline, poNumber: order.poNumber, id: order.id, value: value)
        case .pending: priced[violation]?.addPending(value: value)
        case .onTime: break
        }
    }

    /// `orders` POs (`units` units among them) whose ship-by falls on `day`, judged `verdict`, counted for the
    /// retailer, the day and each of `counted`. Pending ones are only kept for the forecast.
    mutating func countShip(
        _ verdict: DeadlineVerdict, day: Int, orders: Int, units: Int, value: Money? = nil, nodes counted: [DCID]
    ) {
        switch verdict {
        case .onTime:
            total.shipDue += orders
            total.shippedOnTime += orders
            days[day].shipDue += orders
            days[day].shippedOnTime += orders
            for node in counted {
                nodes[node, default: zeroFigures].shipDue += orders
                nodes[node, default: zeroFigures].shippedOnTime += orders
            }
        case .late:
            total.shipDue += orders
            total.shippedLate += orders
            lateShipUnits += units
            days[day].shipDue += orders
            if lateShipFee != nil {
                days[day].feesIncurred.add(cost(lateShipFee, orders: orders, units: units, value: value))
            }
            for node in counted {
                nodes[node, default: zeroFigures].shipDue += orders
                nodes[node, default: zeroFigures].shippedLate += orders
            }
        case .pending:
            pendingShipOrders += orders
            pendingShipUnits += units
        }
    }

    /// `shipments` shipments (of POs of `units` units) whose ASN deadline falls on `day`, judged `verdict`, counted
    /// for the retailer and each of `counted`.
    mutating func countASN(
        _ verdict: DeadlineVerdict, day: Int, shipments: Int, units: Int, value: Money? = nil, nodes counted: [DCID]
    ) {
        switch verdict {
        case .onTime:
            total.asnDue += shipments
            total.asnOnTime += shipments
            for node in counted {
                nodes[node, default: zeroFigures].asnDue += shipments
                nodes[node, default: zeroFigures].asnOnTime += shipments
            }
        case .late:
            total.asnDue += shipments
            total.asnLate += shipments
            lateASNUnits += units
            if lateASNFee != nil {
                days[day].feesIncurred.add(cost(lateASNFee, orders: shipments, units: units, value: value))
            }
            for node in counted {
                nodes[node, default: zeroFigures].asnDue += shipments
                nodes[node, default: zeroFigures].asnLate += shipments
            }
        case .pending:
            pendingASNs += shipments
            pendingASNUnits += units
        }
    }

    /// `shipments` shipments made in the month from `node`, `compliant` of them with a carrier the profile allows.
    mutating func countShipments(_ shipments: Int, compliant: Int, node: DCID) {
        total.shipments += shipments
        total.carrierCompliantShipments += compliant
        nodes[node, default: zeroFigures].shipments += shipments
        nodes[node, default: zeroFigures].carrierCompliantShipments += compliant
    }

    mutating func add(_ order: ScorecardOrder) {
        let counted = order.countedNodes
        if let day = day(of: order.receivedAt) {
            addReceived(order, day: day, nodes: counted)
        }
        if let shipBy = order.shipBy, let day = day(of: shipBy), let verdict = order.shipVerdict(asOf: asOf) {
            countShip(verdict, day: day, orders: 1, units: order.units, value: order.value, nodes: counted)
            price(.lateShip, verdict, deadline: shipBy, of: order)
        }
        for shipment in order.shipments {
            if shipment.shippedAt <= asOf, day(of: shipment.shippedAt) != nil {
                countShipments(1, compliant: shipment.carrierCompliant ? 1 : 0, node: shipment.node)
            }
            guard let due = shipment.asnDue, let day = day(of: due), let verdict = shipment.asnVerdict(asOf: asOf)
            else { continue }
            countASN(verdict, day: day, shipments: 1, units: order.units, value: order.value, nodes: [shipment.node])
            price(.lateASN, verdict, deadline: due, of: order)
        }
    }

    private mutating func addReceived(_ order: ScorecardOrder, day: Int, nodes counted: [DCID]) {
        total.orders += 1
        total.units += order.units
        let cancelled = order.ourCancelledUnits
        if cancelled > 0 {
            total.cancelledOrders += 1
            total.cancelledUnits += cancelled
            // A share of value is a share of what was cancelled, as routing charges it.
            let worth = order.cancelledValue ?? order.value
            if cancelFee != nil {
                days[day].feesIncurred.add(cost(cancelFee, orders: 1, units: cancelled, value: worth))
            }
            price(.cancelForStock, .late, deadline: order.receivedAt, of: order, worth: worth)
        }
        let isReroute = order.outcome == .reroute
        if isReroute { total.reroutes += 1 }
        if let avoided = order.feesAvoided {
            total.feesAvoided.add(avoided)
            days[day].feesAvoided.add(avoided)
        }
        for node in counted {
            let cancelledHere = order.ourCancelledUnits(at: node)
            var figures = nodes[node] ?? zeroFigures
            figures.orders += 1
            figures.units += order.units
            if cancelledHere > 0 {
                figures.cancelledOrders += 1
                figures.cancelledUnits += cancelledHere
            }
            if isReroute { figures.reroutes += 1 }
            if let avoided = order.feesAvoided { figures.feesAvoided.add(avoided) }
            nodes[node] = figures
            days[day].unitsByNode[node, default: 0] += order.units
            days[day].cancelledUnitsByNode[node, default: 0] += cancelledHere
        }
    }

    func scorecard() -> RetailerScorecard {
        let daysInMonth = dayStarts.count - 1
        let elapsed = Scorecard.daysElapsed(dayStarts: dayStarts, asOf: asOf)
        var total = self.total
        var fees: [FeeStanding] = []
        let counts: [(FeeSchedule.Violation, Fee?, orders: Int, units: Int, pendingOrders: Int, pendingUnits: Int)] = [
            (.lateShip, lateShipFee, total.shippedLate, lateShipUnits, pendingShipOrders, pendingShipUnits),
            (.lateASN, lateASNFee, total.asnLate, lateASNUnits, pendingASNs, pendingASNUnits),
            (.cancelForStock, cancelFee, total.cancelledOrders, total.cancelledUnits, 0, 0),
        ]
        for (violation, fee, orders, units, pendingOrders, pendingUnits) in counts {
            guard let fee else { continue }
            let standing = standing(
                violation, fee: fee, orders: orders, units: units, pendingOrders: pendingOrders,
                pendingUnits: pendingUnits, elapsed: elapsed, daysInMonth: daysInMonth)
            total.feesIncurred.add(standing.incurred)
            total.feesAtRisk.add(standing.atRisk)
            fees.append(standing)
        }
        var metrics: [MetricStanding] = []
        for metric in FeeSchedule.Metric.allCases {
            guard let threshold = profile.fees.scorecard[metric] else { continue }
            let actual: Decimal?
            let meets: Bool?
            switch metric {
            case .onTimeShip:
                actual = total.onTimeShipRate
                meets = actual.map { $0 >= threshold }
            case .cancelRate:
                actual = total.orderCancelRate
                meets = actual.map { $0 <= threshold }
            case .carrierCompliance:
                actual = total.carrierComplianceRate
                meets = actual.map { $0 >= threshold }
            case .validTracking:
                // Every shipment's tracking numbers are checked for their carrier's form before it is recorded;
                // whether the carrier scanned them is not known here.
                actual = nil
                meets = nil
            }
            metrics.append(
                MetricStanding(metric: metric, threshold: threshold, actual: actual, projected: actual, meets: meets))
        }
        let daysSoFar: Int
        if asOf < from {
            daysSoFar = 0
        } else if asOf >= until {
            daysSoFar = daysInMonth
        } else {
            daysSoFar = Self.index(of: asOf, in: dayStarts) + 1
        }
        return RetailerScorecard(
            retailer: profile.id, name: profile.name, timeZone: profile.timeZone.identifier, from: from, until: until,
            daysElapsed: elapsed, daysInMonth: daysInMonth, total: total,
            nodes: nodes.keys.sorted().map { NodeScorecard(node: $0, figures: nodes[$0] ?? zeroFigures) },
            metrics: metrics, fees: fees, days: Array(days.prefix(daysSoFar)))
    }

    func standing(
        _ violation: FeeSchedule.Violation, fee: Fee, orders: Int, units: Int, pendingOrders: Int, pendingUnits: Int,
        elapsed: Double, daysInMonth: Int
    ) -> FeeStanding {
        let countsUnits: Bool
        if case .perUnit = fee.amount { countsUnits = true } else { countsUnits = false }
        let count = countsUnits ? units : orders
        let pending = countsUnits ? pendingUnits : pendingOrders
        let baseIsUnits = fee.allowance.map { $0.of == .units } ?? countsUnits
        let base = baseIsUnits ? total.units : total.orders
        let percent = fee.allowance?.percent
        let free = FeeAllowance.free(percent: percent, base: base)
        let charged = FeeAllowance.charged(count: count, free: free)
        let projectedBase = FeeAllowance.projected(base, daysElapsed: elapsed, daysInMonth: daysInMonth)
        let projectedCount = FeeAllowance.projected(count, daysElapsed: elapsed, daysInMonth: daysInMonth)
        let projectedFree = FeeAllowance.free(percent: percent, base: projectedBase)
        let remaining = FeeAllowance.remaining(count: count, free: projectedFree)
        let projectedCharged = FeeAllowance.charged(count: projectedCount, free: projectedFree)
        let risky = max(0, pending - remaining)
        let incurred: Money
        let projectedIncurred: Money
        let nextFee: Money?
        let atRisk: Money
        switch fee.amount {
        case .fixed(let money), .perUnit(let money):
            incurred = charge(fee, charged)
            projectedIncurred = charge(fee, projectedCharged)
            nextFee = money
            atRisk = charge(fee, risky)
        case .percent(let percent):
            let priced = (self.priced[violation] ?? PricedViolations()).standing(
                percent: percent, free: free, projectedFree: projectedFree, projectedCharged: projectedCharged,
                risky: risky)
            incurred = Money(priced.incurred, currency)
            projectedIncurred = Money(priced.projectedIncurred, currency)
            nextFee = priced.nextFee.map { Money($0, currency) }
            atRisk = Money(priced.atRisk, currency)
        }
        let estimated: Bool
        if case .percent = fee.amount { estimated = true } else { estimated = false }
        return FeeStanding(
            violation: violation, fee: fee.description, count: count, base: base, free: free, charged: charged,
            incurred: incurred, projectedBase: projectedBase, projectedCount: projectedCount,
            projectedFree: projectedFree, projectedIncurred: projectedIncurred, remainingFree: remaining,
            nextFee: nextFee, atRisk: atRisk, countsUnits: countsUnits, estimated: estimated)
    }

    /// `violations` of `fee` (units, for a per-unit fee); a per-cent fee is priced by `PricedViolations`.
    func charge(_ fee: Fee, _ violations: Int) -> Money {
        switch fee.amount {
        case .fixed(let money), .perUnit(let money): money.multiplied(by: Decimal(violations))
        case .percent: .zero(currency)
        }
    }
}

extension Money {
    /// Adds `other` when it is in the same currency; a fee in another currency is left out of a sum in this one.
    mutating func add(_ other: Money) {
        if let sum = adding(other) { self = sum }
    }
}
