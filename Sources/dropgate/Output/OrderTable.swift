import Foundation
import Gateway
import Orders
import Profiles
import Routing

/// The table the demo and `ingest` end with: one row per PO, what was decided, where, by when and why.
struct OrderTable {
    private var table = TextTable(OrderTable.headers)
    let profiles: ProfileSet
    /// One formatter a time zone: making one costs more than deciding the PO it formats.
    private var formatters: [TimeZone: DateFormatter] = [:]

    init(profiles: ProfileSet) { self.profiles = profiles }

    var rendered: String { table.rendered }

    mutating func append(_ report: DocumentReport) {
        for row in rows(of: report) { table.append(row) }
    }

    /// The table's rows for the report's orders.
    mutating func rows(of report: DocumentReport) -> [[String]] {
        report.orders.map { row(for: $0, file: report.origin) }
    }

    /// The table's column headers.
    static let headers = ["PO", "retailer", "decision", "DC", "ship by", "reason"]

    private mutating func row(for order: OrderReport, file: String) -> [String] {
        let po = order.poNumber?.rawValue ?? "(\(file))"
        let retailer = order.retailer?.rawValue ?? "-"
        switch order.result {
        case .decided(let decision):
            let zone = order.retailer.flatMap { profiles[$0]?.timeZone } ?? .gmt
            let shipBy = decision.deadlines.map { shortTime($0.shipBy, in: zone) } ?? "-"
            let nodes = decision.shipments.map(\.node.rawValue).joined(separator: "+")
            return [po, retailer, decision.outcome.rawValue, nodes.isEmpty ? "-" : nodes, shipBy, decision.summary]
        case .duplicate(let earlier):
            return [po, retailer, "duplicate", "-", "-", "already recorded as order \(earlier): no second action"]
        case .redelivered(let interchange):
            return [
                po, retailer, "duplicate", "-", "-", "interchange \(interchange) received before: acknowledged again",
            ]
        case .notProcessed(let reasons):
            return [po, retailer, "not processed", "-", "-", reasons.first ?? "rejected before routing"]
        case .unknownPartner(let sender):
            return [po, retailer, "not processed", "-", "-", "no profile claims \(sender)"]
        case .changeRequest(let outcome):
            let nodes = outcome.decision?.shipments.map(\.node.rawValue).joined(separator: "+") ?? "-"
            return [
                po, retailer, "change \(outcome.review.verdict.rawValue)", nodes.isEmpty ? "-" : nodes, "-",
                outcome.review.checks.last ?? "",
            ]
        }
    }

    /// `Wed 11-25 23:59 EST`: short enough for a table, unambiguous with the zone.
    private mutating func shortTime(_ instant: Date, in zone: TimeZone) -> String {
        if let formatter = formatters[zone] { return formatter.string(from: instant) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE MM-dd HH:mm zzz"
        formatters[zone] = formatter
        return formatter.string(from: instant)
    }
}
