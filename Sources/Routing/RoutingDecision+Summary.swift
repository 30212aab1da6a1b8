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
            ? "" : "; avoids " + fees.avoided.map(\.headline).joined(separator: ", ")
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
            // An avoided fee names the primary's failure itself.
            if !fees.avoided.isEmpty {
                return "avoids " + fees.avoided.map(\.headline).joined(separator: ", ") + cancelled
            }
            let primary = nodes.first { $0.candidate && $0.rank == 1 }
            let why = primary.flatMap(firstFailure) ?? primary?.verdict ?? "primary cannot ship"
            return why + avoided + cancelled
        case .split:
            return "no single node ships it all: \(shipments.count) shipments" + cancelled
        case .backorder:
            return backorderedLines.map {
                "line \($0.lineNumber) waits at \($0.node) until \($0.until)"
                    + ($0.awaiting.map { " for \($0) inbound unit(s)" } ?? "")
            }
            .joined(separator: ", ")
        case .cancel:
            // The root cause leads; lines cancelled only because it cannot ship follow it.
            let lines = cancelledLines
            let root = lines.first { $0.reason != .fillOrKill } ?? lines.first
            let collateral = lines.filter { $0.reason == .fillOrKill }.map(\.lineNumber)
            let with =
                collateral.isEmpty
                ? ""
                : "; line\(collateral.count == 1 ? "" : "s") \(collateral.joined(separator: ", ")) cancelled with it "
                    + "(\(Reason.fillOrKill.rawValue))"
            let reason =
                root.map { $0.detail + with } ?? nodes.compactMap(firstFailure).first ?? "no node can ship"
            let alternates =
                couldHaveShipped.isEmpty
                ? "" : "; \(couldHaveShipped.map(\.rawValue).joined(separator: ", ")) could have shipped"
            return reason + alternates + incurred
        case .reject:
            return (rejections.map(\.detail).first ?? "fails the retailer's rules") + incurred
        }
    }
}
