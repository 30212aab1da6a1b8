public import Foundation
public import Orders
public import Profiles

extension FeeStanding {
    /// The forecast in words, as the report and the operations page print it: `3 more late POs this month are
    /// free; the 4th costs $5.`, `No more units cancelled for stock are free this month: the next costs $5.`; for
    /// an estimate, `the 4th costs about $2.40 (2% of an average order)`.
    public var forecast: String {
        let (one, many) = Self.nouns(violation, units: countsUnits)
        guard remainingFree > 0 else {
            guard let nextFee else { return "No more \(many) are free this month." }
            return "No more \(many) are free this month: the next costs \(cost(nextFee))."
        }
        let free =
            remainingFree == 1
            ? "1 more \(one) this month is free" : "\(remainingFree) more \(many) this month are free"
        guard let nextFee else { return free + "." }
        return "\(free); the \(Self.ordinal(remainingFree + 1)) costs \(cost(nextFee))."
    }

    /// `$5`, or for an estimate `about $2.40 (2% of an average order)`: the fee as set says the share.
    func cost(_ money: Money) -> String {
        guard estimated else { return Self.spoken(money) }
        let share = fee.split(separator: " ").first.map { " (\($0) of an average order)" } ?? ""
        return "about \(Self.spoken(money))\(share)"
    }

    /// The forecast with the retailer's name: `Walmart: 3 more late POs this month are free; the 4th costs $5.` Nil
    /// for a fee whose next violation costs nothing to tell (a per-cent fee before any PO it could apply to).
    public func sentence(retailer name: String) -> String? {
        guard nextFee != nil else { return nil }
        let text = forecast
        return "\(name): " + (text.hasPrefix("No ") ? "no " + text.dropFirst(3) : text)
    }

    /// What one violation is called, and many (`late PO`, `late POs`); for a fee counted in units, the units
    /// (`unit cancelled for stock`, `units cancelled for stock`).
    public static func nouns(_ violation: FeeSchedule.Violation, units: Bool) -> (one: String, many: String) {
        // Per order: one and many; per unit: what befell the unit.
        let (one, many, unit): (String, String, String) =
            switch violation {
            case .lateAck: ("late acknowledgement", "late acknowledgements", "acknowledged late")
            case .lateShip: ("late PO", "late POs", "shipped late")
            case .lateASN: ("late ASN", "late ASNs", "on a late ASN")
            case .inaccurateASN: ("inaccurate ASN", "inaccurate ASNs", "on an inaccurate ASN")
            case .unauthorizedCarrier:
                (
                    "shipment by an unauthorized carrier", "shipments by an unauthorized carrier",
                    "shipped by an unauthorized carrier"
                )
            case .cancelAfterAck:
                ("cancel after acknowledgement", "cancels after acknowledgement", "cancelled after acknowledgement")
            case .cancelForStock: ("PO cancelled for stock", "POs cancelled for stock", "cancelled for stock")
            case .rejectedUnit: ("rejected unit", "rejected units", "rejected")
            case .invoiceError: ("invoice error", "invoice errors", "on a wrong invoice")
            }
        guard units, violation != .rejectedUnit else { return (one, many) }
        return ("unit \(unit)", "units \(unit)")
    }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`.
    public static func ordinal(_ number: Int) -> String {
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
