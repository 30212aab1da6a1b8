import Foundation

/// POs due long after they were received: a backorder awaiting stock weeks out, a ship-by a retailer set far ahead.
/// The scorecard finds a month's POs by receipt, from `ScorecardWindow.lookback` before the month
/// (`ScorecardWindow.receivedSince`); a PO received earlier still counts in the month when its ship-by, a shipment or
/// an ASN deadline falls in it. Such a PO carries `purchase_order.late_until`: the latest of those instants that
/// fell `lookback` or more after its receipt (NULL for every other PO), written with the decision or shipment that
/// set it, so that the scorecard finds the few of them through a partial index instead of reading every decision
/// due in the month.
enum ScorecardStragglers {
    /// `instants` that fall `ScorecardWindow.lookback` or more after `receivedAt`, the latest of them in seconds
    /// since 1970; nil when none does (the PO is found by its receipt).
    static func lateUntil(_ instants: [Date?], receivedAt: Date) -> Double? {
        let far = instants.compactMap { $0 }.filter { $0.timeIntervalSince(receivedAt) >= ScorecardWindow.lookback }
        return far.max()?.timeIntervalSince1970
    }

    /// The later of a shipment's instants, in seconds since 1970: when it shipped and when its ASN is due. Marking a
    /// PO with it alone is enough, `late_until` being the latest instant long after receipt.
    static func latest(_ shippedAt: Date, _ asnDue: Date?) -> Double {
        max(shippedAt, asnDue ?? shippedAt).timeIntervalSince1970
    }

    /// Raises the PO's `late_until` to an instant (seconds since 1970) when it falls `lookback` or more after the
    /// PO's receipt; arguments: the instant, the PO's id, the instant again. Never lowers it: a PO read as a
    /// straggler it no longer is is left out by the window's check (`ScorecardQuery.Assembly.inWindow`).
    static func mark(_ dialect: ScorecardCountQuery.Dialect) -> String {
        let larger = dialect == .sqlite ? "MAX" : "GREATEST"
        let placeholders = dialect == .sqlite ? ("?", "?", "?") : ("$1", "$2", "$3")
        return """
            UPDATE purchase_order SET late_until = \(larger)(COALESCE(late_until, 0), \(placeholders.0))
            WHERE id = \(placeholders.1) AND received_at <= \(placeholders.2) - \(Int(ScorecardWindow.lookback))
            """
    }

    /// The ids of the POs of `window` received before it reads by receipt (`receivedSince`) that are due in it or
    /// later; arguments: the window's start, `receivedSince`, and the retailer (empty for all) twice.
    static func find(_ dialect: ScorecardCountQuery.Dialect) -> String {
        let p = dialect == .sqlite ? ["?", "?", "?", "?"] : ["$1", "$2", "$3", "$3"]
        return """
            SELECT id FROM purchase_order
            WHERE late_until IS NOT NULL AND late_until >= \(p[0]) AND received_at < \(p[1])
                AND (\(p[2]) = '' OR retailer = \(p[3]))
            """
    }
}
