public import Foundation

/// An ISO 4217 currency code (`USD`). Upper-cased on the way in.
public struct CurrencyCode: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercasedCode }

    public static let usd = CurrencyCode(rawValue: "USD")
}

/// An amount of money in one currency. `Decimal`, never `Double`: X12 unit prices carry more decimals than a
/// currency's minor unit (`PO104` is an `R` element, often `12.3456`), and they must survive exactly.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var currency: CurrencyCode

    public init(_ amount: Decimal, _ currency: CurrencyCode) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses `"25.00 USD"` or `"25.00"` (the latter in `defaultCurrency`). Returns nil for anything else.
    public init?(parsing text: String, defaultCurrency: CurrencyCode? = nil) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = parts.first, parts.count <= 2, Money.isPlainDecimal(first),
            let amount = Decimal(string: String(first), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        if parts.count == 2 {
            let code = String(parts[1])
            guard code.count == 3, code.allSatisfy({ $0.isLetter }) else { return nil }
            self.init(amount, CurrencyCode(rawValue: code))
        } else if let defaultCurrency {
            self.init(amount, defaultCurrency)
        } else {
            return nil
        }
    }

    /// `-12.50`, `3`, `.5`: an optional sign, digits, at most one point, and at least one digit. No exponent,
    /// no grouping: amounts in documents and profiles are written plainly.
    static func isPlainDecimal(_ text: Substring) -> Bool {
        let body = text.first == "-" ? text.dropFirst() : text[...]
        let points = body.filter { $0 == "." }.count
        let digits = body.filter { $0.isASCII && $0.isNumber }.count
        return points <= 1 && digits > 0 && digits + points == body.count
    }

    public static func zero(_ currency: CurrencyCode) -> Money { Money(0, currency) }

    /// `"25.00 USD"`: the amount in plain notation with at least two decimals.
    public var description: String {
        let rounded = amount.roundedToCents
        let text = rounded == amount ? Money.format(rounded, minimumFractionDigits: 2) : "\(amount)"
        return "\(text) \(currency)"
    }

    private static func format(_ value: Decimal, minimumFractionDigits: Int) -> String {
        var text = "\(value)"
        let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        if fraction == 0 { text += "." }
        text += String(repeating: "0", count: max(0, minimumFractionDigits - fraction))
        return text
    }

    /// Sum of two amounts in the same currency; nil when the currencies differ.
    public func adding(_ other: Money) -> Money? {
        guard currency == other.currency else { return nil }
        return Money(amount + other.amount, currency)
    }

    public func multiplied(by factor: Decimal) -> Money { Money(amount * factor, currency) }

    /// The sum of `amounts` in the first one's currency, an amount in another currency left out; nil for none.
    public static func total(_ amounts: some Sequence<Money>) -> Money? {
        amounts.reduce(nil) { total, amount in total.map { $0.adding(amount) ?? $0 } ?? amount }
    }
}

extension Decimal {
    /// To two decimal places, halves away from zero (`NSDecimalRound`'s `.plain`): a money amount in cents.
    public var roundedToCents: Decimal {
        var exact = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }
}
