public import Foundation
public import Operations
public import Orders
import Profiles

extension WarehousePages {
    /// `GET /operations/scorecard`: per retailer, the month's headline figures, each metric against its threshold,
    /// each fee against its allowance with the forecast in words, the DCs' figures and three plots. `choices` are
    /// the retailers the page offers to narrow to (id and name); `query` the page's own query, for its JSON link.
    public func scorecard(
        _ scorecard: Scorecard, choices: [(id: RetailerID, name: String)] = [], retailer: RetailerID? = nil,
        query: String = ""
    ) -> String {
        let monthLink = "month=\(scorecard.month)"
        var links: [[String: Any]] = [
            ["label": "All retailers", "href": "/operations/scorecard?\(monthLink)", "current": retailer == nil]
        ]
        for choice in choices {
            links.append([
                "label": choice.name, "href": "/operations/scorecard?\(monthLink)&retailer=\(choice.id.rawValue)",
                "current": choice.id == retailer,
            ])
        }
        return render(
            "scorecard",
            [
                "title": "Scorecard \(scorecard.month)", "page": "scorecard", "operations": true, "refresh": "300",
                "month": scorecard.month, "asOf": PageTime.text(scorecard.asOf, in: PageTime.utc),
                "json": "/operations/scorecard?format=json" + (query.isEmpty ? "" : "&" + query),
                "choices": links,
                "retailers": scorecard.retailers.map { Self.retailerSection($0, asOf: scorecard.asOf) },
            ])
    }

    static func retailerSection(_ card: RetailerScorecard, asOf: Date) -> [String: Any] {
        let zone = TimeZone(identifier: card.timeZone) ?? PageTime.utc
        let total = card.total
        let headline: [[String: Any]] = [
            figure("POs", "\(total.orders)", note: "\(total.units) units"),
            figure("On-time ship", percent(total.onTimeShipRate), note: "\(total.shippedOnTime) of \(total.shipDue)"),
            figure("On-time ASN", percent(total.onTimeASNRate), note: "\(total.asnOnTime) of \(total.asnDue)"),
            figure(
                "Cancelled", percent(total.orderCancelRate),
                note: "\(total.cancelledOrders) POs, \(percent(total.unitCancelRate)) of units"),
            figure("Reroutes", "\(total.reroutes)", note: nil),
            figure(
                "Carrier compliance", percent(total.carrierComplianceRate),
                note: "\(total.carrierCompliantShipments) of \(total.shipments) shipments"),
            figure("Fees avoided", "\(total.feesAvoided)", note: nil, tone: "good"),
            figure(
                "Fees incurred", "\(total.feesIncurred)", note: nil, tone: total.feesIncurred.amount > 0 ? "bad" : ""),
            figure("Fees at risk", "\(total.feesAtRisk)", note: nil, tone: total.feesAtRisk.amount > 0 ? "warn" : ""),
        ]
        return [
            "retailer": card.retailer.rawValue, "name": card.name, "timeZone": card.timeZone,
            "asOf": PageTime.text(asOf, in: zone),
            "elapsed": "day \(String(format: "%.1f", card.daysElapsed)) of \(card.daysInMonth)",
            "headline": headline,
            "hasMetrics": !card.metrics.isEmpty, "metrics": card.metrics.map(metricRow),
            "hasFees": !card.fees.isEmpty, "fees": card.fees.map(feeRow),
            "hasNodes": !card.nodes.isEmpty, "nodes": card.nodes.map(nodeRow),
            "shipPlot": ScorecardPlots.onTimeShip(card).svg(), "feesPlot": ScorecardPlots.fees(card).svg(),
            "cancelPlot": ScorecardPlots.cancelRate(card).svg(),
        ]
    }

    static func figure(_ label: String, _ value: String, note: String?, tone: String = "") -> [String: Any] {
        ["label": label, "value": value, "note": present(note), "tone": tone]
    }

    /// `98.5%`; `–` for a rate without a base.
    static func percent(_ rate: Decimal?) -> String { rate.map { "\($0)%" } ?? "–" }

    static func metricRow(_ standing: MetricStanding) -> [String: Any] {
        // `cancel-rate` is a ceiling; the others are floors.
        let ceiling = standing.metric == .cancelRate
        let projectedMeets = standing.projected.map { ceiling ? $0 <= standing.threshold : $0 >= standing.threshold }
        let (state, word): (String, String) =
            switch standing.meets {
            case true?: ("met", "MET")
            case false?: ("missed", "MISSED")
            case nil: ("none", "NO BASE YET")
            }
        return [
            "metric": standing.metric.rawValue, "label": metricLabel(standing.metric),
            "threshold": "\(ceiling ? "≤" : "≥") \(standing.threshold)%", "actual": percent(standing.actual),
            "projected": percent(standing.projected), "state": state, "stateWord": word,
            "projectedMisses": projectedMeets == false,
        ]
    }

    static func metricLabel(_ metric: FeeSchedule.Metric) -> String {
        switch metric {
        case .onTimeShip: "On-time ship"
        case .cancelRate: "Cancel rate"
        case .validTracking: "Valid tracking"
        case .carrierCompliance: "Carrier compliance"
        }
    }

    static func feeRow(_ fee: FeeStanding) -> [String: Any] {
        // A per-cent fee's forecast and risk are at an average PO's value: said so.
        let about = fee.estimated ? "about " : ""
        return [
            "violation": fee.violation.rawValue, "fee": fee.fee, "count": "\(fee.count)", "base": "\(fee.base)",
            "free": "\(fee.free)", "charged": "\(fee.charged)", "incurred": "\(fee.incurred)",
            "projected": "\(fee.projectedCount) → \(about)\(fee.projectedIncurred)", "atRisk": "\(about)\(fee.atRisk)",
            "charging": fee.charged > 0, "forecast": fee.forecast,
        ]
    }

    static func nodeRow(_ node: NodeScorecard) -> [String: Any] {
        let figures = node.figures
        return [
            "node": node.node.rawValue, "orders": "\(figures.orders)", "units": "\(figures.units)",
            "onTimeShip": percent(figures.onTimeShipRate), "onTimeASN": percent(figures.onTimeASNRate),
            "orderCancel": percent(figures.orderCancelRate), "unitCancel": percent(figures.unitCancelRate),
            "reroutes": "\(figures.reroutes)", "avoided": "\(figures.feesAvoided)", "atRisk": "\(figures.feesAtRisk)",
        ]
    }
}
