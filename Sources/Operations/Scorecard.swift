public import Foundation
public import Orders
public import Profiles

/// A month of one or more retailers' compliance as each retailer's own scorecard measures it: the figures per
/// retailer and per DC, where each metric stands against the profile's `scorecard` threshold, what each fee costs
/// after the profile's `allowance`, and a forecast of the month's end at the month-to-date rate. A value: built from
/// the store's records by `Scorecard.compute`, printed by `dropgate report`, drawn by the operations page, exported
/// as Prometheus gauges.
public struct Scorecard: Hashable, Sendable, Codable {
    /// `2026-11`: the month, reckoned in each retailer's own time zone.
    public var month: String
    /// The clock the figures were taken at: what is open, overdue or still to come is as of this instant.
    public var asOf: Date
    public var retailers: [RetailerScorecard]

    public init(month: String, asOf: Date, retailers: [RetailerScorecard]) {
        self.month = month
        self.asOf = asOf
        self.retailers = retailers
    }
}

/// One retailer's month.
public struct RetailerScorecard: Hashable, Sendable, Codable {
    public var retailer: RetailerID
    public var name: String
    /// The retailer's time zone (`America/Chicago`): where its month and days begin and end.
    public var timeZone: String
    /// The month's first instant and the next month's first instant, in that zone.
    public var from: Date
    public var until: Date
    /// Days of the month gone by at `asOf` (a part day counts), and days in the month: the forecast's scale.
    public var daysElapsed: Double
    public var daysInMonth: Int
    public var total: ScorecardFigures
    /// Per DC, in node id order; a PO with no DC (rejected, cancelled before sourcing) counts in `total` only.
    public var nodes: [NodeScorecard]
    /// Each threshold the profile's `scorecard` sets, with where the month stands.
    public var metrics: [MetricStanding]
    /// Each fee the profile's schedule sets that the month can incur, after its allowance.
    public var fees: [FeeStanding]
    /// Each day of the month so far, in the retailer's zone: the plots' points.
    public var days: [DailyFigures]

    public init(
        retailer: RetailerID, name: String, timeZone: String, from: Date, until: Date, daysElapsed: Double,
        daysInMonth: Int, total: ScorecardFigures, nodes: [NodeScorecard], metrics: [MetricStanding],
        fees: [FeeStanding], days: [DailyFigures]
    ) {
        self.retailer = retailer
        self.name = name
        self.timeZone = timeZone
        self.from = from
        self.until = until
        self.daysElapsed = daysElapsed
        self.daysInMonth = daysInMonth
        self.total = total
        self.nodes = nodes
        self.metrics = metrics
        self.fees = fees
        self.days = days
    }
}

/// Counts over a set of POs (a retailer's month, or one DC's share of it). Rates are percentages, nil when their
/// base is zero.
public struct ScorecardFigures: Hashable, Sendable, Codable {
    /// POs received in the month, and the units they ordered.
    public var orders: Int
    public var units: Int
    /// POs whose ship-by fell in the month and is past at `asOf` (or that shipped): shipped by ship-by, and late
    /// (shipped after it, or not shipped and past it).
    public var shipDue: Int
    public var shippedOnTime: Int
    public var shippedLate: Int
    /// Shipments whose ASN was due in the month and is past at `asOf` (or was sent): sent by its deadline, and late.
    public var asnDue: Int
    public var asnOnTime: Int
    public var asnLate: Int
    /// POs and units we cancelled (for stock, by fill-or-kill, from the floor); a retailer's own cancel is not ours.
    public var cancelledOrders: Int
    public var cancelledUnits: Int
    /// POs sent away from the primary node.
    public var reroutes: Int
    /// Shipments made in the month, and those that went with a carrier service the profile maps the PO's ship
    /// method to (no `unauthorized-carrier` flag).
    public var shipments: Int
    public var carrierCompliantShipments: Int
    /// Fees the decisions avoided by rerouting; fees incurred after allowances (a retailer's total only: an
    /// allowance is the retailer's, not a DC's); fees at risk on open orders not yet past their deadlines.
    public var feesAvoided: Money
    public var feesIncurred: Money
    public var feesAtRisk: Money

    public var onTimeShipRate: Decimal? { Self.rate(shippedOnTime, of: shipDue) }
    public var onTimeASNRate: Decimal? { Self.rate(asnOnTime, of: asnDue) }
    public var orderCancelRate: Decimal? { Self.rate(cancelledOrders, of: orders) }
    public var unitCancelRate: Decimal? { Self.rate(cancelledUnits, of: units) }
    public var carrierComplianceRate: Decimal? { Self.rate(carrierCompliantShipments, of: shipments) }

    public init(
        orders: Int = 0, units: Int = 0, shipDue: Int = 0, shippedOnTime: Int = 0, shippedLate: Int = 0,
        asnDue: Int = 0, asnOnTime: Int = 0, asnLate: Int = 0, cancelledOrders: Int = 0, cancelledUnits: Int = 0,
        reroutes: Int = 0, shipments: Int = 0, carrierCompliantShipments: Int = 0, feesAvoided: Money = .zero(.usd),
        feesIncurred: Money = .zero(.usd), feesAtRisk: Money = .zero(.usd)
    ) {
        self.orders = orders
        self.units = units
        self.shipDue = shipDue
        self.shippedOnTime = shippedOnTime
        self.shippedLate = shippedLate
        self.asnDue = asnDue
        self.asnOnTime = asnOnTime
        self.asnLate = asnLate
        self.cancelledOrders = cancelledOrders
        self.cancelledUnits = cancelledUnits
        self.reroutes = reroutes
        self.shipments = shipments
        self.carrierCompliantShipments = carrierCompliantShipments
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
        self.feesAtRisk = feesAtRisk
    }

    /// `part` of `whole` as a percentage, to two decimal places; nil for an empty whole.
    public static func rate(_ part: Int, of whole: Int) -> Decimal? {
        guard whole > 0 else { return nil }
        var exact = Decimal(part) * 100 / Decimal(whole)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }
}

public struct NodeScorecard: Hashable, Sendable, Codable {
    public var node: DCID
    public var figures: ScorecardFigures

    public init(node: DCID, figures: ScorecardFigures) {
        self.node = node
        self.figures = figures
    }
}

/// A scorecard metric against the retailer's threshold: now, and at the month's end at today's rate.
public struct MetricStanding: Hashable, Sendable, Codable {
    public var metric: FeeSchedule.Metric
    /// The threshold, a percentage; `cancel-rate` is a ceiling, the others floors.
    public var threshold: Decimal
    public var actual: Decimal?
    public var projected: Decimal?
    /// Whether `actual` meets the threshold (nil with no base yet).
    public var meets: Bool?

    public init(
        metric: FeeSchedule.Metric, threshold: Decimal, actual: Decimal?, projected: Decimal?, meets: Bool?
    ) {
        self.metric = metric
        self.threshold = threshold
        self.actual = actual
        self.projected = projected
        self.meets = meets
    }
}

/// One fee of the schedule over the month: violations so far, what the allowance lets go free, what is charged,
/// and how much room is left before the next fee.
public struct FeeStanding: Hashable, Sendable, Codable {
    public var violation: FeeSchedule.Violation
    /// The fee as the profile states it (`5.00 USD beyond 1% of orders`).
    public var fee: String
    /// Violations so far, counted in the allowance's base (orders, or units for a per-unit fee).
    public var count: Int
    /// The base so far (the month's POs or units), and the violations the allowance lets go free at that base:
    /// floor(allowance% × base); 0 without an allowance.
    public var base: Int
    public var free: Int
    /// Violations beyond the free ones, and what they cost.
    public var charged: Int
    public var incurred: Money
    /// At today's rate: the base and the violations at the month's end, and the free ones at that base.
    public var projectedBase: Int
    public var projectedCount: Int
    public var projectedFree: Int
    public var projectedIncurred: Money
    /// How many more violations this month are free at the projected base before fees start:
    /// max(0, projectedFree − count), 0 once the violations so far use up the month's projected allowance; and what
    /// the next one beyond them costs (per unit, for a per-unit fee).
    public var remainingFree: Int
    public var nextFee: Money?
    /// The fee on open orders not yet past their deadline, beyond what the allowance still absorbs.
    public var atRisk: Money
    /// Whether `count` and its forecast are units (a per-unit fee) rather than violations.
    public var countsUnits: Bool
    /// Whether `projectedIncurred`, `nextFee` and `atRisk` are estimates at an average PO's value (a fee that is a
    /// share of the order's value, on POs not known yet) rather than exact; `incurred` is always exact.
    public var estimated: Bool

    public init(
        violation: FeeSchedule.Violation, fee: String, count: Int, base: Int, free: Int, charged: Int,
        incurred: Money, projectedBase: Int, projectedCount: Int, projectedFree: Int, projectedIncurred: Money,
        remainingFree: Int, nextFee: Money?, atRisk: Money, countsUnits: Bool = false, estimated: Bool = false
    ) {
        self.violation = violation
        self.fee = fee
        self.count = count
        self.base = base
        self.free = free
        self.charged = charged
        self.incurred = incurred
        self.projectedBase = projectedBase
        self.projectedCount = projectedCount
        self.projectedFree = projectedFree
        self.projectedIncurred = projectedIncurred
        self.remainingFree = remainingFree
        self.nextFee = nextFee
        self.atRisk = atRisk
        self.countsUnits = countsUnits
        self.estimated = estimated
    }
}

/// One day of a retailer's month (its own zone): the plots' points.
public struct DailyFigures: Hashable, Sendable, Codable {
    public var day: CalendarDate
    /// POs whose ship-by fell on the day, shipped by it, and late.
    public var shipDue: Int
    public var shippedOnTime: Int
    public var onTimeShipRate: Decimal? { ScorecardFigures.rate(shippedOnTime, of: shipDue) }
    /// Fees avoided by the day's decisions, and fees incurred by the day's violations (before allowances: an
    /// allowance is the month's).
    public var feesAvoided: Money
    public var feesIncurred: Money
    /// Units cancelled and units ordered per DC on the day: the cancel-rate plot per DC.
    public var cancelledUnitsByNode: [DCID: Int]
    public var unitsByNode: [DCID: Int]

    public init(
        day: CalendarDate, shipDue: Int, shippedOnTime: Int, feesAvoided: Money, feesIncurred: Money,
        cancelledUnitsByNode: [DCID: Int], unitsByNode: [DCID: Int]
    ) {
        self.day = day
        self.shipDue = shipDue
        self.shippedOnTime = shippedOnTime
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
        self.cancelledUnitsByNode = cancelledUnitsByNode
        self.unitsByNode = unitsByNode
    }

    // The per-node figures as JSON objects keyed by node id (`{"EWR1": 3}`): a dictionary keyed by anything but a
    // string would encode as a flat array of keys and values.
    private enum CodingKeys: String, CodingKey {
        case day, shipDue, shippedOnTime, feesAvoided, feesIncurred, cancelledUnitsByNode, unitsByNode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func byNode(_ key: CodingKeys) throws -> [DCID: Int] {
            Dictionary(
                uniqueKeysWithValues: try container.decode([String: Int].self, forKey: key).map { (DCID($0), $1) })
        }
        self.init(
            day: try container.decode(CalendarDate.self, forKey: .day),
            shipDue: try container.decode(Int.self, forKey: .shipDue),
            shippedOnTime: try container.decode(Int.self, forKey: .shippedOnTime),
            feesAvoided: try container.decode(Money.self, forKey: .feesAvoided),
            feesIncurred: try container.decode(Money.self, forKey: .feesIncurred),
            cancelledUnitsByNode: try byNode(.cancelledUnitsByNode), unitsByNode: try byNode(.unitsByNode))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func byNode(_ figures: [DCID: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: figures.map { ($0.rawValue, $1) })
        }
        try container.encode(day, forKey: .day)
        try container.encode(shipDue, forKey: .shipDue)
        try container.encode(shippedOnTime, forKey: .shippedOnTime)
        try container.encode(feesAvoided, forKey: .feesAvoided)
        try container.encode(feesIncurred, forKey: .feesIncurred)
        try container.encode(byNode(cancelledUnitsByNode), forKey: .cancelledUnitsByNode)
        try container.encode(byNode(unitsByNode), forKey: .unitsByNode)
    }
}
