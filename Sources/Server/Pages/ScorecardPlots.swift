import Foundation
import Operations
import Orders
import Profiles

/// The scorecard page's three plots of one retailer's month, each an `SVGPlot`: the daily on-time ship rate against
/// the retailer's threshold, fees avoided and incurred by day, and the share of units cancelled by DC against the
/// cancel-rate ceiling.
enum ScorecardPlots {
    /// Every day of the month in the retailer's zone, so that the x axis is the whole month and the days to come
    /// are room on the right.
    static func monthDays(_ card: RetailerScorecard) -> [String] {
        let zone = TimeZone(identifier: card.timeZone) ?? PageTime.utc
        // The month's first instant is midnight in the zone; a second later is safely inside its first day.
        let first = CalendarDate(card.from.addingTimeInterval(1), in: zone)
        let count = max(card.daysInMonth, card.days.count)
        var days = (0..<count).map { first.adding(days: $0).description }
        for day in card.days.map(\.day.description) where !days.contains(day) { days.append(day) }
        return days
    }

    /// The day of the month (`03`) under a day `2026-11-03`.
    static func dayOfMonth(_ day: String) -> String { String(day.suffix(2)) }

    static func threshold(_ card: RetailerScorecard, _ metric: FeeSchedule.Metric) -> Decimal? {
        card.metrics.first { $0.metric == metric }?.threshold
    }

    /// (a) Each day's on-time ship rate (POs due that day shipped by ship-by), a day without POs due left out, and
    /// the `on-time-ship` threshold dashed.
    static func onTimeShip(_ card: RetailerScorecard) -> SVGPlot {
        let threshold = Self.threshold(card, .onTimeShip)
        let points = card.days.map { day in
            let rate = day.onTimeShipRate
            return SVGPlot.Point(
                category: day.day.description, value: rate,
                title: rate.map { "\(day.day): \($0)% on time (\(day.shippedOnTime) of \(day.shipDue))" }
                    ?? "\(day.day): no POs due")
        }
        let values = points.compactMap(\.value).map(SVGPlot.double) + (threshold.map { [SVGPlot.double($0)] } ?? [])
        let days = monthDays(card)
        return SVGPlot(
            title: "\(card.name): on-time ship rate by day", categoryKey: "day", categories: days,
            categoryLabel: dayOfMonth, labelEvery: days.count > 16 ? 2 : 1,
            scale: .covering(values, bounds: 0...100, fallback: 0...100), unit: "%",
            series: [SVGPlot.Series(name: "on-time-ship", label: "On-time ship rate", mark: .line, points: points)],
            threshold: threshold.map { SVGPlot.Threshold(value: $0, label: "threshold \($0)%") })
    }

    /// (b) Fees the day's decisions avoided by rerouting, beside the fees the day's violations incurred (before the
    /// month's allowance), in the retailer's currency.
    static func fees(_ card: RetailerScorecard) -> SVGPlot {
        let currency = card.total.feesIncurred.currency.rawValue
        func series(_ name: String, _ label: String, _ amount: (DailyFigures) -> Money) -> SVGPlot.Series {
            SVGPlot.Series(
                name: name, label: label, mark: .bars,
                points: card.days.map { day in
                    let money = amount(day)
                    return SVGPlot.Point(
                        category: day.day.description, value: money.amount,
                        title: "\(day.day): \(money) \(label.lowercased())")
                })
        }
        let avoided = series("avoided", "Avoided", \.feesAvoided)
        let incurred = series("incurred", "Incurred", \.feesIncurred)
        let values = (avoided.points + incurred.points).compactMap(\.value).map(SVGPlot.double)
        let days = monthDays(card)
        return SVGPlot(
            title: "\(card.name): fees avoided and incurred by day (\(currency))", categoryKey: "day",
            categories: days, categoryLabel: dayOfMonth, labelEvery: days.count > 16 ? 2 : 1,
            scale: .covering(values, includingZero: true, fallback: 0...10), unit: "", series: [avoided, incurred],
            threshold: nil)
    }

    /// (c) The share of each DC's units we cancelled this month, and the `cancel-rate` ceiling dashed.
    static func cancelRate(_ card: RetailerScorecard) -> SVGPlot {
        let threshold = Self.threshold(card, .cancelRate)
        let points = card.nodes.map { node in
            let rate = node.figures.unitCancelRate
            return SVGPlot.Point(
                category: node.node.rawValue, value: rate,
                title: rate.map {
                    "\(node.node): \($0)% of units cancelled (\(node.figures.cancelledUnits) of \(node.figures.units))"
                } ?? "\(node.node): no units")
        }
        let values = points.compactMap(\.value).map(SVGPlot.double) + (threshold.map { [SVGPlot.double($0)] } ?? [])
        return SVGPlot(
            title: "\(card.name): units cancelled by DC", categoryKey: "node",
            categories: card.nodes.map(\.node.rawValue),
            scale: .covering(values, bounds: 0...100, includingZero: true, fallback: 0...5), unit: "%",
            series: [SVGPlot.Series(name: "cancel-rate", label: "Units cancelled", mark: .bars, points: points)],
            threshold: threshold.map { SVGPlot.Threshold(value: $0, label: "ceiling \($0)%") })
    }
}
