import Foundation
import Operations
import Orders
import Profiles

extension ReportCommand {
    /// Per retailer: its figures and each DC's, its metrics against their thresholds, its fees with their
    /// allowances and the forecast sentence.
    static func text(_ scorecard: Scorecard) -> String {
        var out = ""
        for retailer in scorecard.retailers {
            out += "\(retailer.name) (\(retailer.retailer)) — \(scorecard.month), \(retailer.timeZone), "
            out += "day \(format(retailer.daysElapsed)) of \(retailer.daysInMonth)\n\n"
            var table = TextTable(
                "", "POs", "units", "ship due", "on time", "late", "on-time %", "ASN due", "ASN late", "cancelled",
                "units cxl", "cancel %", "reroutes", "carrier %", "avoided", "incurred", "at risk")
            table.append(row("all", retailer.total))
            for node in retailer.nodes { table.append(row(node.node.rawValue, node.figures)) }
            out += table.rendered + "\n\n"
            if !retailer.metrics.isEmpty {
                var metrics = TextTable("metric", "threshold", "actual", "projected", "meets")
                for metric in retailer.metrics {
                    metrics.append([
                        metric.metric.rawValue, "\(metric.threshold)%", percent(metric.actual),
                        percent(metric.projected), metric.meets.map { $0 ? "yes" : "NO" } ?? "-",
                    ])
                }
                out += metrics.rendered + "\n\n"
            }
            if !retailer.fees.isEmpty {
                var fees = TextTable(
                    "fee", "as set", "count", "base", "free", "charged", "incurred", "projected", "at risk")
                for fee in retailer.fees {
                    // A per-cent fee's forecast and risk are at an average PO's value: said so.
                    let about = fee.estimated ? "about " : ""
                    fees.append([
                        fee.violation.rawValue, fee.fee, "\(fee.count)", "\(fee.base)", "\(fee.free)", "\(fee.charged)",
                        fee.incurred.description, about + fee.projectedIncurred.description,
                        about + fee.atRisk.description,
                    ])
                }
                out += fees.rendered + "\n"
                for fee in retailer.fees {
                    if let sentence = fee.sentence(retailer: retailer.name) { out += sentence + "\n" }
                }
                out += "\n"
            }
        }
        return out
    }

    static func row(_ name: String, _ figures: ScorecardFigures) -> [String] {
        [
            name, "\(figures.orders)", "\(figures.units)", "\(figures.shipDue)", "\(figures.shippedOnTime)",
            "\(figures.shippedLate)", percent(figures.onTimeShipRate), "\(figures.asnDue)", "\(figures.asnLate)",
            "\(figures.cancelledOrders)", "\(figures.cancelledUnits)", percent(figures.orderCancelRate),
            "\(figures.reroutes)", percent(figures.carrierComplianceRate), figures.feesAvoided.description,
            figures.feesIncurred.description,
            figures.feesAtRisk.description,
        ]
    }

    /// One row per retailer and DC (`*` for the retailer's total), with a header.
    static func csv(_ scorecard: Scorecard) -> String {
        var out =
            "month,retailer,dc,orders,units,ship_due,shipped_on_time,shipped_late,on_time_ship_rate,asn_due,"
            + "asn_on_time,asn_late,cancelled_orders,cancelled_units,order_cancel_rate,unit_cancel_rate,reroutes,"
            + "shipments,carrier_compliant_shipments,carrier_compliance_rate,fees_avoided,fees_incurred,fees_at_risk,currency\n"
        for retailer in scorecard.retailers {
            let rows = [("*", retailer.total)] + retailer.nodes.map { ($0.node.rawValue, $0.figures) }
            for (node, f) in rows {
                let fields: [String] = [
                    scorecard.month, retailer.retailer.rawValue, node, "\(f.orders)", "\(f.units)", "\(f.shipDue)",
                    "\(f.shippedOnTime)", "\(f.shippedLate)", f.onTimeShipRate.map { "\($0)" } ?? "",
                    "\(f.asnDue)", "\(f.asnOnTime)", "\(f.asnLate)", "\(f.cancelledOrders)", "\(f.cancelledUnits)",
                    f.orderCancelRate.map { "\($0)" } ?? "", f.unitCancelRate.map { "\($0)" } ?? "",
                    "\(f.reroutes)", "\(f.shipments)", "\(f.carrierCompliantShipments)",
                    f.carrierComplianceRate.map { "\($0)" } ?? "", "\(f.feesAvoided.amount)",
                    "\(f.feesIncurred.amount)", "\(f.feesAtRisk.amount)",
                    f.feesIncurred.currency.rawValue,
                ]
                out += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func percent(_ value: Decimal?) -> String { value.map { "\($0)%" } ?? "-" }

    static func format(_ days: Double) -> String { String(format: "%.1f", days) }
}
