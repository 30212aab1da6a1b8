public import Foundation
public import Orders
public import Profiles

extension FeeStanding {
    /// The forecast as an operations lead reads it: `Walmart: 3 more late POs this month are free; the 4th costs
    /// $5.` Nil for a fee whose next violation costs nothing to tell (a per-cent fee).
    public func sentence(retailer name: String) -> String? {
        guard let nextFee else { return nil }
        let cost = Self.spoken(nextFee)
        let (one, many) = Self.nouns(violation, units: countsUnits)
        switch remainingFree {
        case 0:
            return "\(name): no more \(many) this month are free; the next costs \(cost)."
        case 1:
            return "\(name): 1 more \(one) this month is free; the 2nd costs \(cost)."
        default:
            return "\(name): \(remainingFree) more \(many) this month are free; the \(Self.ordinal(remainingFree + 1)) "
                + "costs \(cost)."
        }
    }

    /// What a violation is called, one and many.
    static func nouns(_ violation: FeeSchedule.Violation, units: Bool) -> (String, String) {
        switch (violation, units) {
        case (.lateShip, false): ("late PO", "late POs")
        case (.lateShip, true): ("unit shipped late", "units shipped late")
        case (.lateASN, false): ("late ASN", "late ASNs")
        case (.lateASN, true): ("unit with a late ASN", "units with a late ASN")
        case (.cancelForStock, false): ("PO cancelled for stock", "POs cancelled for stock")
        case (.cancelForStock, true): ("unit cancelled for stock", "units cancelled for stock")
        case (_, false): ("\(violation.rawValue) violation", "\(violation.rawValue) violations")
        case (_, true): ("\(violation.rawValue) unit", "\(violation.rawValue) units")
        }
    }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`.
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// `$5`, `$5.50` for US dollars; `5.00 EUR` for any other currency.
    static func spoken(_ money: Money) -> String {
        guard money.currency == .usd else { return money.description }
        let text = money.description.dropLast(4)
        return "$" + (text.hasSuffix(".00") ? String(text.dropLast(3)) : String(text))
    }
}
