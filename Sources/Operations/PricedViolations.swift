import Foundation
import Orders

/// A month's violations of a fee that is a share of the order's value (`Fee.Amount.percent`), each with its PO's
/// extended value, and the POs still at risk of one: what the scorecard prices such a fee with, since a count of
/// violations alone says nothing of what they cost.
///
/// The allowance lets the *first* violations of the month go free, in the order the retailer counts them: by the
/// deadline instant missed (ship-by, the ASN's deadline; a cancel's receipt), then by PO number, then by the store's
/// id (two shipments of one PO). A retailer counts its violations as they happen, so the ones it has counted before
/// the allowance runs out are those it waives; and the order depends on nothing but the records, so the same month
/// always charges the same POs.
struct PricedViolations {
    struct Violation {
        var deadline: Date
        var poNumber: PONumber?
        var id: Int64
        /// The PO's extended value (0 when it is not known, or not in the schedule's currency).
        var value: Decimal
    }

    private(set) var violations: [Violation] = []
    /// The POs at risk (pending: not yet due) and their values' sum.
    private(set) var pendingOrders = 0
    private(set) var pendingValue: Decimal = 0

    mutating func add(deadline: Date, poNumber: PONumber?, id: Int64, value: Decimal) {
        violations.append(Violation(deadline: deadline, poNumber: poNumber, id: id, value: value))
    }

    mutating func addPending(value: Decimal) {
        pendingOrders += 1
        pendingValue += value
    }

    /// The violations in the order the retailer counts them.
    var ordered: [Violation] {
        violations.sorted { a, b in
            if a.deadline != b.deadline { return a.deadline < b.deadline }
            if a.poNumber != b.poNumber { return (a.poNumber?.rawValue ?? "") < (b.poNumber?.rawValue ?? "") }
            return a.id < b.id
        }
    }

    /// The values of `ordered` violations after the first `free`.
    static func value(of ordered: [Violation], beyond free: Int) -> Decimal {
        ordered.dropFirst(max(0, free)).reduce(Decimal(0)) { $0 + $1.value }
    }

    /// The average value of a violation so far; nil before the first.
    var averageViolation: Decimal? {
        guard !violations.isEmpty else { return nil }
        return violations.reduce(Decimal(0)) { $0 + $1.value } / Decimal(violations.count)
    }

    /// The average value of a PO at risk; nil with none.
    var averagePending: Decimal? {
        pendingOrders > 0 ? pendingValue / Decimal(pendingOrders) : nil
    }

    /// What the fee of `percent`% comes to: on the violations beyond `free` (exact); at the projected month's end
    /// (the violations so far beyond `projectedFree` at their own values, the further `projectedCharged` ones at
    /// the average violation's, rounded to the cent when any is estimated); on the `risky` POs at risk at their
    /// average value, and on the next violation at the average violation's (or, before the first, at the average
    /// PO at risk's), each rounded to the cent.
    func standing(
        percent: Decimal, free: Int, projectedFree: Int, projectedCharged: Int, risky: Int
    ) -> (incurred: Decimal, projectedIncurred: Decimal, atRisk: Decimal, nextFee: Decimal?) {
        let rate = percent / 100
        let ordered = self.ordered
        let incurred = rate * Self.value(of: ordered, beyond: free)
        let chargedSoFar = max(0, violations.count - projectedFree)
        let estimated = max(0, projectedCharged - chargedSoFar)
        var projected = rate * Self.value(of: ordered, beyond: projectedFree)
        if estimated > 0 {
            projected =
                (projected + rate * Decimal(estimated) * (averageViolation ?? averagePending ?? 0)).roundedToCents
        }
        let atRisk = risky > 0 ? (rate * Decimal(risky) * (averagePending ?? 0)).roundedToCents : 0
        let next = (averageViolation ?? averagePending).map { (rate * $0).roundedToCents }
        return (incurred, projected, atRisk, next)
    }
}
