import Orders
import Profiles

extension RoutingDecision {
    /// The reason in a few words, for one row of a table: what decided the outcome. The full account is
    /// `renderText()` / `renderJSON()`.
    public var summary: String {
        let firstFailure: (NodeEvaluation) -> String? = { node in
            node.checks.first { !$0.passed }.map { "\(node.node) \($0.kind.rawValue): \($0.detail)" }
        }
        let avoided =
            fees.avoided.isEmpty
            ? "" : "; avoids " + fees.avoided.map { "\($0.violation.rawValue) \($0.amount)" }.joined(separator: ", ")
        let incurred =
            fees.incurred.isEmpty
            ? "" : "; risks " + fees.incurred.map { "\($0.violation.rawValue) \($0.amount)" }.joined(separator: ", ")
        let cancelled =
            cancelledLines.isEmpty
            ? "" : "; cancels " + cancelledLines.map { "line \($0.lineNumber) (\($0.detail))" }.joined(separator: ", ")
        switch outcome {
        case .ship:
            guard let shipment = shipments.first else { return "ships" + cancelled }
            let what = cancelledLines.isEmpty ? "has every line" : "has every line it can ship"
            return "\(shipment.node) \(what) and meets ship-by via \(shipment.service)" + cancelled
        case .reroute:
            let primary = nodes.first { $0.candidate && $0.rank == 1 }
            let why = primary.flatMap(firstFailure) ?? primary?.verdict ?? "primary cannot ship"
            return why + avoided + cancelled
        case .split:
            return "no single node ships it all: \(shipments.count) shipments" + cancelled
        case .backorder:
            return backorderedLines.map { "line \($0.lineNumber) waits at \($0.node) until \($0.until)" }
                .joined(separator: ", ")
        case .cancel:
            let reason = cancelledLines.first?.detail ?? nodes.compactMap(firstFailure).first ?? "no node can ship"
            let alternates =
                couldHaveShipped.isEmpty
                ? "" : "; \(couldHaveShipped.map(\.rawValue).joined(separator: ", ")) could have shipped"
            return reason + alternates + incurred
        case .reject:
            return (rejections.map(\.detail).first ?? "fails the retailer's rules") + incurred
        }
    }
}
