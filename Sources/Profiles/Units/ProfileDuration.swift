public import Foundation

/// A span as profiles write it, with its unit in the text: `48h`, `24 hours`, `2 business days`,
/// `48 business hours`, `30 days`, `15m`. Business units skip the days a calendar marks as closed.
public struct ProfileDuration: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: Int
    public var unit: Unit

    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        case minutes, hours, days
        case businessHours = "business hours"
        case businessDays = "business days"
    }

    public init(_ value: Int, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }

    public static func hours(_ n: Int) -> Self { .init(n, .hours) }
    public static func businessDays(_ n: Int) -> Self { .init(n, .businessDays) }

    public init(parsing text: String) throws(ValueProblem) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber }
        let rest = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let value = Int(digits) else {
            throw ValueProblem("expected a duration like '48h' or '2 business days', got '\(text)'")
        }
        let unit: Unit
        switch rest {
        case "m", "min", "minute", "minutes": unit = .minutes
        case "h", "hour", "hours": unit = .hours
        case "d", "day", "days": unit = .days
        case "business hour", "business hours", "bh": unit = .businessHours
        case "business day", "business days", "bd": unit = .businessDays
        default:
            throw ValueProblem(
                "unknown duration unit '\(rest)' in '\(text)' (use m, h, days, business hours or business days)")
        }
        self.init(value, unit)
    }

    /// Clock seconds for the units that do not depend on a calendar; nil for business units.
    public var seconds: TimeInterval? {
        switch unit {
        case .minutes: TimeInterval(value * 60)
        case .hours: TimeInterval(value * 3600)
        case .days: TimeInterval(value * 86_400)
        case .businessHours, .businessDays: nil
        }
    }

    public var description: String {
        switch unit {
        case .minutes: "\(value)m"
        case .hours: "\(value)h"
        case .days: value == 1 ? "1 day" : "\(value) days"
        case .businessHours: value == 1 ? "1 business hour" : "\(value) business hours"
        case .businessDays: value == 1 ? "1 business day" : "\(value) business days"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try ProfileDuration(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
