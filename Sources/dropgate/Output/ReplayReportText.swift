import Foundation
import Operations
import Orders
import Routing

/// A replay report for a terminal: the counts, the changed decisions, each retailer's figures before → after, and
/// the node days whose load moved.
struct ReplayReportText {
    var report: ReplayReport
    var limit: Int

    var rendered: String {
        let iso = ISO8601DateFormatter()
        var text = "Replayed \(report.replayed) POs received from \(iso.string(from: report.window.since))"
        text += report.window.until.map { " until \(iso.string(from: $0))" } ?? ""
        text += report.window.retailer.map { " (\($0) only)" } ?? ""
        text += "\n  \(report.reproduced) reproduced byte for byte · \(report.changed) changed"
        text += " · \(report.samePlanOtherDeadlines) same plan, other deadlines"
        text += " · \(report.samePlanExplainedDifferently) same plan and deadlines, explained differently"
        if report.notReplayed > 0 { text += " · \(report.notReplayed) not replayed (no profile claims the retailer)" }
        text += "\n"
        let changes = report.planChanges
        if !changes.isEmpty {
            let shown = changes.prefix(limit)
            text += "\nChanged decisions"
            text += shown.count < changes.count ? " (first \(shown.count) of \(changes.count))" : ""
            text += ":\n"
            var table = TextTable("PO", "retailer", "received", "before", "after", "why now")
            for change in shown {
                table.append([
                    change.poNumber.rawValue, change.retailer.rawValue, iso.string(from: change.receivedAt),
                    change.before, change.after, change.afterWhy,
                ])
            }
            text += table.rendered + "\n"
        }
        if !report.retailers.isEmpty {
            text += "\nPer retailer, before → after:\n"
            var table = TextTable(
                "retailer", "POs", "ship", "reroute", "split", "backorder", "cancel", "reject", "units cancelled",
                "unit cancel rate", "fees avoided", "fees incurred")
            for effect in report.retailers {
                let (b, a) = (effect.before, effect.after)
                func pair(_ x: Int, _ y: Int) -> String { x == y ? "\(x)" : "\(x) → \(y)" }
                func rate(_ x: Decimal?, _ y: Decimal?) -> String {
                    let (l, r) = (x.map { "\($0)%" } ?? "-", y.map { "\($0)%" } ?? "-")
                    let threshold = effect.cancelRateThreshold.map { " (max \($0)%)" } ?? ""
                    return (l == r ? l : "\(l) → \(r)") + threshold
                }
                func money(_ x: Money?, _ y: Money?) -> String {
                    let (l, r) = (x?.description ?? "0", y?.description ?? "0")
                    return l == r ? l : "\(l) → \(r)"
                }
                table.append([
                    effect.retailer.rawValue, "\(b.orders)", pair(b.shipped, a.shipped), pair(b.rerouted, a.rerouted),
                    pair(b.split, a.split), pair(b.backordered, a.backordered), pair(b.cancelled, a.cancelled),
                    pair(b.rejected, a.rejected), pair(b.cancelledUnits, a.cancelledUnits),
                    rate(b.unitCancelRate, a.unitCancelRate), money(b.feesAvoided, a.feesAvoided),
                    money(b.feesIncurred, a.feesIncurred),
                ])
            }
            text += table.rendered + "\n"
        }
        let moved = report.changedLoad
        if !moved.isEmpty {
            text += "\nNode load by ship day, where it moved (orders / units, before → after):\n"
            var table = TextTable("node", "day", "orders", "units")
            for load in moved {
                table.append([
                    load.node.rawValue, load.day.description, "\(load.before.orders) → \(load.after.orders)",
                    "\(load.before.units) → \(load.after.units)",
                ])
            }
            text += table.rendered + "\n"
        }
        return text
    }
}
