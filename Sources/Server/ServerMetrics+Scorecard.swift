import Foundation
public import Operations
import Orders
import Profiles
public import Prometheus

extension ServerMetrics {
    /// One scorecard gauge as set: its metric and label values, so that a later refresh can take away what it no
    /// longer sets (a rate whose base is gone, a retailer no longer served).
    public struct ScorecardGauge: Hashable, Sendable {
        var metric: String
        var labels: [String]
    }

    /// What each `dropgate_scorecard_*` gauge means (`# HELP`); a help text is fixed per name in the registry.
    static let scorecardHelp: [String: String] = [
        "orders": "POs received this month, by retailer (its own calendar and zone)",
        "on_time_ship_rate": "Per cent of this month's due POs shipped by ship-by, by retailer",
        "on_time_asn_rate": "Per cent of this month's due ASNs sent in time, by retailer",
        "cancel_rate": "Per cent of this month's POs we cancelled, by retailer",
        "unit_cancel_rate": "Per cent of this month's units we cancelled, by retailer",
        "carrier_compliance_rate":
            "Per cent of this month's shipments that went with a carrier the PO allows, by retailer",
        "fees_incurred": "Chargebacks incurred this month after allowances, by retailer and currency",
        "fees_avoided": "Chargebacks rerouting avoided this month, by retailer and currency",
        "fees_at_risk": "Chargebacks at risk on open orders this month, by retailer and currency",
        "threshold": "The retailer's scorecard threshold in per cent, by retailer and metric",
        "remaining_free": "Violations the month's allowance still lets go free, by retailer and violation",
    ]

    /// Sets the `dropgate_scorecard_*` gauges to `scorecard`'s figures, and takes away the gauges of `previous`
    /// (what the last call returned) that it does not set: a rate without a base is absent, not 0. Returns the
    /// gauges it set, for the next call.
    @discardableResult
    public func scorecard(_ scorecard: Scorecard, replacing previous: [ScorecardGauge: Gauge] = [:])
        -> [ScorecardGauge: Gauge]
    {
        var set: [ScorecardGauge: Gauge] = [:]
        func put(_ metric: String, _ labels: [(String, String)], _ value: Decimal?) {
            guard let value else { return }
            let gauge = registry.makeGauge(
                descriptor: Self.name("scorecard_\(metric)", Self.scorecardHelp[metric] ?? metric), labels: labels)
            gauge.set(to: NSDecimalNumber(decimal: value).doubleValue)
            set[ScorecardGauge(metric: metric, labels: labels.map { "\($0.0)=\($0.1)" })] = gauge
        }
        for card in scorecard.retailers {
            let retailer = ("retailer", card.retailer.rawValue)
            let total = card.total
            put("orders", [retailer], Decimal(total.orders))
            put("on_time_ship_rate", [retailer], total.onTimeShipRate)
            put("on_time_asn_rate", [retailer], total.onTimeASNRate)
            put("cancel_rate", [retailer], total.orderCancelRate)
            put("unit_cancel_rate", [retailer], total.unitCancelRate)
            put("carrier_compliance_rate", [retailer], total.carrierComplianceRate)
            for (metric, money) in [
                ("fees_incurred", total.feesIncurred), ("fees_avoided", total.feesAvoided),
                ("fees_at_risk", total.feesAtRisk),
            ] {
                put(metric, [retailer, ("currency", money.currency.rawValue)], money.amount)
            }
            for standing in card.metrics {
                put("threshold", [retailer, ("metric", standing.metric.rawValue)], standing.threshold)
            }
            for fee in card.fees {
                put("remaining_free", [retailer, ("violation", fee.violation.rawValue)], Decimal(fee.remainingFree))
            }
        }
        for (key, gauge) in previous where set[key] == nil { registry.unregisterGauge(gauge) }
        return set
    }
}
