public import Foundation
import Orders
import Profiles

extension RoutingDecision {
    /// A short report for a terminal: the outcome, the plan, the deadlines, fees, then one row per node considered and
    /// every rule checked. `verbose` adds every node check.
    public func renderText(verbose: Bool = false) -> String {
        // One string grown line by line, not an array of lines joined at the end: `route` writes one per PO.
        var text = ""
        text.reserveCapacity(2048)
        func add(_ line: String) {
            if !text.isEmpty { text += "\n" }
            text += line
        }
        add("PO \(poNumber) (\(retailer)): \(outcome.rawValue.uppercased())")
        if let deadlines {
            add("  ack by   \(Format.instant(deadlines.acknowledgeBy, deadlines.timeZone))")
            add("  ship by  \(Format.instant(deadlines.shipBy, deadlines.timeZone))  [\(deadlines.basis)]")
        }
        for shipment in shipments {
            let lines = shipment.lines.map { "\($0.lineNumber):\($0.sku)×\($0.quantity)" }.joined(separator: " ")
            add(
                "  ship     \(shipment.node) via \(shipment.service) at \(Format.instant(shipment.shipAt, shipment.timeZone)), "
                    + "delivers \(shipment.expectedDelivery?.description ?? "?"), cost \(shipment.landedCost) — \(lines)"
            )
        }
        for line in cancelledLines {
            add(
                "  cancel   line \(line.lineNumber) \(line.sku?.rawValue ?? "") ×\(line.quantity) "
                    + "[\(line.reason.rawValue)\(line.causingLine.map { " with line \($0)" } ?? "") → \(line.code)] "
                    + line.detail)
        }
        for line in backorderedLines {
            add(
                "  backorder line \(line.lineNumber) \(line.sku) ×\(line.quantity) at \(line.node) until \(line.until)"
                    + (line.awaiting.map { " (waits for \($0) inbound unit(s) due \(line.until))" } ?? ""))
        }
        for rejection in rejections {
            add("  reject   [\(rejection.reason.rawValue) → \(rejection.code)] \(rejection.detail)")
        }
        for fee in fees.avoided {
            let why = [fee.cause, fee.note].compactMap { $0 }.joined(separator: "; ")
            add("  avoided  \(fee.violation.rawValue) \(fee.amount)" + (why.isEmpty ? "" : " (\(why))"))
        }
        for fee in fees.incurred {
            add("  incurs   \(fee.violation.rawValue) \(fee.amount)" + (fee.note.map { " (\($0))" } ?? ""))
        }
        if !couldHaveShipped.isEmpty {
            add(
                "  tell the retailer: \(couldHaveShipped.map(\.rawValue).joined(separator: ", ")) could have shipped")
        }
        if !nodes.isEmpty {
            add("  node  rank  miles   verdict")
            for node in nodes {
                let rank = node.candidate ? String(node.rank) : "-"
                let miles = node.distanceMiles.map { String(Int($0.rounded())) } ?? "?"
                add("  " + pad(node.node.rawValue, 6) + pad(rank, 6) + pad(miles, 8) + node.verdict)
                if verbose {
                    for check in node.checks {
                        add("        \(check.passed ? "ok " : "NO ") \(check.kind.rawValue): \(check.detail)")
                    }
                }
            }
        }
        add("  rules")
        for check in checks {
            add("    \(check.passed ? "ok " : "NO ") \(check.rule.rawValue): \(check.detail)")
        }
        return text
    }

    /// The complete decision as JSON (sorted keys, ISO 8601 instants), for machines and the audit record.
    public func renderJSON(pretty: Bool = true) throws -> String {
        String(decoding: try Self.jsonEncoder(pretty: pretty).encode(self), as: UTF8.self)
    }

    /// The complete decision as the store keeps it: the same JSON value as `renderJSON`, compact, keys sorted.
    public func recordJSON() throws -> String {
        String(decoding: try CompactJSONEncoder(dates: .iso8601).encode(self), as: UTF8.self)
    }

    /// The encoder every JSON form of decisions uses, so a list of them reads like each one alone.
    public static func jsonEncoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
