import Foundation
import Operations
import Orders
import Profiles

/// A hand-built scorecard for November 2026: Walmart (Chicago time) with two DCs, three days, two thresholds (one
/// missed) and two fees (one inside its allowance, one charging); Amazon with nothing due yet.
enum ScorecardSample {
    static let asOf = ISO8601DateFormatter().date(from: "2026-11-24T16:00:00Z") ?? Date()

    static func usd(_ amount: Decimal) -> Money { Money(amount, CurrencyCode(rawValue: "USD")) }

    static func day(_ day: Int) -> CalendarDate {
        CalendarDate(year: 2026, month: 11, day: day) ?? CalendarDate(Date(), in: .gmt)
    }

    static let walmart = RetailerScorecard(
        retailer: "walmart", name: "Walmart", timeZone: "America/Chicago",
        from: ISO8601DateFormatter().date(from: "2026-11-01T05:00:00Z") ?? Date(),
        until: ISO8601DateFormatter().date(from: "2026-12-01T06:00:00Z") ?? Date(), daysElapsed: 23.42,
        daysInMonth: 30,
        total: ScorecardFigures(
            orders: 400, units: 1_000, shipDue: 200, shippedOnTime: 197, shippedLate: 3, asnDue: 190, asnOnTime: 190,
            cancelledOrders: 2, cancelledUnits: 5, reroutes: 12, feesAvoided: usd(60), feesIncurred: usd(25),
            feesAtRisk: usd(10)),
        nodes: [
            NodeScorecard(
                node: "DFW1",
                figures: ScorecardFigures(
                    orders: 100, units: 400, shipDue: 50, shippedOnTime: 50, cancelledUnits: 0, reroutes: 12,
                    feesAvoided: usd(60))),
            NodeScorecard(
                node: "EWR1",
                figures: ScorecardFigures(
                    orders: 300, units: 600, shipDue: 150, shippedOnTime: 147, shippedLate: 3, cancelledOrders: 2,
                    cancelledUnits: 5, feesAtRisk: usd(10))),
        ],
        metrics: [
            MetricStanding(metric: .onTimeShip, threshold: 99, actual: 98.5, projected: 98.2, meets: false),
            MetricStanding(metric: .cancelRate, threshold: 2, actual: 0.5, projected: 0.6, meets: true),
        ],
        fees: [
            FeeStanding(
                violation: .lateShip, fee: "5.00 USD beyond 1% of orders", count: 1, base: 400, free: 4, charged: 0,
                incurred: usd(0), projectedBase: 512, projectedCount: 2, projectedFree: 5, projectedIncurred: usd(0),
                remainingFree: 3, nextFee: usd(5), atRisk: usd(0)),
            FeeStanding(
                violation: .cancelForStock, fee: "5.00 USD per unit", count: 5, base: 1_000, free: 0, charged: 5,
                incurred: usd(25), projectedBase: 1_280, projectedCount: 6, projectedFree: 0,
                projectedIncurred: usd(30), remainingFree: 0, nextFee: usd(5), atRisk: usd(10), countsUnits: true),
        ],
        days: [
            DailyFigures(
                day: day(1), shipDue: 4, shippedOnTime: 4, feesAvoided: usd(20), feesIncurred: usd(0),
                cancelledUnitsByNode: [:], unitsByNode: ["EWR1": 10]),
            DailyFigures(
                day: day(2), shipDue: 0, shippedOnTime: 0, feesAvoided: usd(0), feesIncurred: usd(0),
                cancelledUnitsByNode: [:], unitsByNode: [:]),
            DailyFigures(
                day: day(3), shipDue: 8, shippedOnTime: 7, feesAvoided: usd(40), feesIncurred: usd(25),
                cancelledUnitsByNode: ["EWR1": 5], unitsByNode: ["EWR1": 20]),
        ])

    static let amazon = RetailerScorecard(
        retailer: "amazon", name: "Amazon", timeZone: "America/Los_Angeles",
        from: ISO8601DateFormatter().date(from: "2026-11-01T07:00:00Z") ?? Date(),
        until: ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z") ?? Date(), daysElapsed: 23.3,
        daysInMonth: 30, total: ScorecardFigures(), nodes: [],
        metrics: [MetricStanding(metric: .onTimeShip, threshold: 98, actual: nil, projected: nil, meets: nil)],
        fees: [], days: [])

    static let scorecard = Scorecard(month: "2026-11", asOf: asOf, retailers: [walmart, amazon])
}
