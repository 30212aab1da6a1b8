public import Foundation
public import Orders
internal import Yams

/// What a violation costs, so that a decision can say what it avoided or risked.
public struct FeeSchedule: Hashable, Sendable, Codable {
    public var fees: [Violation: Fee]
    /// The scorecard thresholds the retailer measures, as percentages (`on-time-ship: 99`).
    public var scorecard: [Metric: Decimal]

    public init(fees: [Violation: Fee] = [:], scorecard: [Metric: Decimal] = [:]) {
        self.fees = fees
        self.scorecard = scorecard
    }

    public func fee(for violation: Violation) -> Fee? { fees[violation] }

    public enum Violation: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum, CodingKeyRepresentable {
        case lateAck = "late-ack"
        case lateShip = "late-ship"
        case lateASN = "late-asn"
        case inaccurateASN = "inaccurate-asn"
        case unauthorizedCarrier = "unauthorized-carrier"
        case cancelAfterAck = "cancel-after-ack"
        /// Cancelling for lack of stock: the retailer sold what could not ship.
        case cancelForStock = "cancel-for-stock"
        case rejectedUnit = "rejected-unit"
        case invoiceError = "invoice-error"
    }

    public enum Metric: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum, CodingKeyRepresentable {
        case onTimeShip = "on-time-ship"
        case cancelRate = "cancel-rate"
        case validTracking = "valid-tracking"
        case carrierCompliance = "carrier-compliance"
    }
}

/// One fee: how it is computed and how many violations are tolerated first.
public struct Fee: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: Amount
    /// Fees only start beyond this share of the base (`1%` of the month's POs).
    public var allowance: Allowance?

    public enum Amount: Hashable, Sendable, Codable {
        case fixed(Money)
        case perUnit(Money)
        /// Per cent of the order's extended value.
        case percent(Decimal)
    }

    public struct Allowance: Hashable, Sendable, Codable {
        public var percent: Decimal
        public var of: Base

        public init(percent: Decimal, of base: Base) {
            self.percent = percent
            self.of = base
        }

        public enum Base: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
            case orders, units
        }
    }

    public init(amount: Amount, allowance: Allowance? = nil) {
        self.amount = amount
        self.allowance = allowance
    }

    /// The fee for `units` units worth `value`; each is worked out only if the fee depends on it (sums of `Decimal`s
    /// are slow, and most fees are fixed).
    public func charge(units: @autoclosure () -> Decimal, value: @autoclosure () -> Money) -> Money {
        switch amount {
        case .fixed(let money): money
        case .perUnit(let money): money.multiplied(by: units())
        case .percent(let percent): value().multiplied(by: percent / 100)
        }
    }

    public var description: String {
        var text: String
        switch amount {
        case .fixed(let money): text = "\(money)"
        case .perUnit(let money): text = "\(money) per unit"
        case .percent(let percent): text = "\(percent)% of the order"
        }
        if let allowance { text += " beyond \(allowance.percent)% of \(allowance.of.rawValue)" }
        return text
    }
}

extension Fee {
    /// Encodes as the file writes it: `{ fixed: 5.00 USD, allowance: 1% of orders }`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PlainKey.self)
        switch amount {
        case .fixed(let money): try container.encode(money.description, forKey: PlainKey("fixed"))
        case .perUnit(let money): try container.encode(money.description, forKey: PlainKey("perUnit"))
        case .percent(let percent): try container.encode(percent, forKey: PlainKey("percent"))
        }
        if let allowance {
            try container.encode("\(allowance.percent)% of \(allowance.of.rawValue)", forKey: PlainKey("allowance"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: PlainKey.self)
        if let text = try container.decodeIfPresent(String.self, forKey: PlainKey("fixed")),
            let money = Money(parsing: text)
        {
            amount = .fixed(money)
        } else if let text = try container.decodeIfPresent(String.self, forKey: PlainKey("perUnit")),
            let money = Money(parsing: text)
        {
            amount = .perUnit(money)
        } else {
            amount = .percent(try container.decode(Decimal.self, forKey: PlainKey("percent")))
        }
        allowance = nil
        if let text = try container.decodeIfPresent(String.self, forKey: PlainKey("allowance")) {
            let parts = text.split(separator: " ")
            if parts.count == 3, let percent = Decimal(string: String(parts[0].dropLast())),
                let base = Allowance.Base(rawValue: String(parts[2]))
            {
                allowance = Allowance(percent: percent, of: base)
            }
        }
    }
}

/// A coding key spelled at the call site.
struct PlainKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Fee: YAMLReadable {
    /// `{ fixed: 5.00 USD, allowance: 1% of orders }`, `{ per-unit: 5.00 USD }`, `{ percent: 2 }`.
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Fee? {
        guard let f = d.fields(node, path: path, keys: ["fixed", "per-unit", "percent", "allowance"]) else {
            return nil
        }
        let given = ["fixed", "per-unit", "percent"].filter { f[$0] != nil }
        guard given.count == 1, let kind = given.first else {
            d.report("give exactly one of fixed, per-unit, percent", at: node, path: path)
            return nil
        }
        let amount: Amount
        switch kind {
        case "fixed", "per-unit":
            guard let money: Money = d.required(f, kind) else { return nil }
            if money.amount < 0 {
                d.report("a fee cannot be negative, got \(money)", at: f[kind], path: f.path(kind))
            }
            amount = kind == "fixed" ? .fixed(money) : .perUnit(money)
        default:
            guard let percent: Decimal = d.required(f, kind) else { return nil }
            if percent < 0 || percent > 100 {
                d.report("a percentage is between 0 and 100, got \(percent)", at: f[kind], path: f.path(kind))
            }
            amount = .percent(percent)
        }
        var allowance: Allowance?
        if let text: String = d.optional(f, "allowance") {
            let parts = text.split(separator: " ")
            if parts.count == 3, parts[0].hasSuffix("%"), parts[1] == "of",
                let percent = Decimal(string: String(parts[0].dropLast())), percent >= 0, percent <= 100,
                let base = Allowance.Base(rawValue: String(parts[2]))
            {
                allowance = Allowance(percent: percent, of: base)
            } else {
                d.report(
                    "expected an allowance like '1% of orders' or '0.1% of units', got '\(text)'",
                    at: f["allowance"], path: f.path("allowance"))
            }
        }
        return Fee(amount: amount, allowance: allowance)
    }
}

extension FeeSchedule: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> FeeSchedule? {
        let keys = Violation.allCases.map(\.rawValue) + ["scorecard"]
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        var schedule = FeeSchedule()
        for violation in Violation.allCases {
            if let fee: Fee = d.optional(f, violation.rawValue) { schedule.fees[violation] = fee }
        }
        if let scorecard: [Metric: Decimal] = d.optional(f, "scorecard") {
            for (metric, value) in scorecard where value < 0 || value > 100 {
                d.report(
                    "\(metric.rawValue) is a percentage between 0 and 100", at: f["scorecard"],
                    path: f.path("scorecard"))
            }
            schedule.scorecard = scorecard
        }
        return schedule
    }
}
