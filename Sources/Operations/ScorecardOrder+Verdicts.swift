public import Foundation

/// Whether a deadline was kept: judged once it has passed or the thing was done.
public enum DeadlineVerdict: Hashable, Sendable {
    case onTime
    case late
    /// Not done and not yet due: not counted yet (at risk, if it has a fee).
    case pending
}

extension ScorecardOrder {
    /// Whether the PO shipped by its ship-by, as of `asOf`; nil when there is nothing of ours to ship by a deadline
    /// (no ship-by, the retailer cancelled it, or the floor cancelled everything before anything shipped).
    ///
    /// Late: a shipment left after ship-by, or ship-by has passed with something still to ship. On time: nothing is
    /// left to ship and every shipment left by ship-by. A split is on time only if each of its shipments is.
    public func shipVerdict(asOf: Date) -> DeadlineVerdict? {
        guard let shipBy, !cancelledByRetailer else { return nil }
        let lastShipped = shipments.lazy.map(\.shippedAt).max()
        if let lastShipped, lastShipped > shipBy { return .late }
        switch progress {
        case .shipped: return lastShipped == nil ? nil : .onTime
        case .cancelled: return lastShipped == nil ? nil : .onTime
        case .open: return asOf > shipBy ? .late : .pending
        }
    }
}

extension ScorecardOrder.Shipment {
    /// Whether the shipment's ASN was delivered by its deadline, as of `asOf`; nil when no ASN is due. Late: delivered
    /// after the deadline, or not delivered and the deadline has passed.
    public func asnVerdict(asOf: Date) -> DeadlineVerdict? {
        guard let asnDue else { return nil }
        if let asnDeliveredAt { return asnDeliveredAt <= asnDue ? .onTime : .late }
        return asOf > asnDue ? .late : .pending
    }
}
