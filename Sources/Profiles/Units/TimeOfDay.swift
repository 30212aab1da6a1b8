public import Foundation

/// A wall-clock time without a day: a cutoff such as `15:00`. Minutes since midnight, 0…1439.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// `minutes` must be in 0..<1440; the callers compute it modulo a day.
    init(minutesSinceMidnight minutes: Int) {
        hour = minutes / 60
        minute = minutes % 60
    }

    /// Parses `HH:MM` (24-hour clock).
    public init(parsing text: String) throws(ValueProblem) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { throw ValueProblem("expected a time like '14:00', got '\(text)'") }
        guard (0...23).contains(hour) else {
            throw ValueProblem("\(text) is not a time of day: hour \(hour) is not in 0–23")
        }
        guard (0...59).contains(minute) else {
            throw ValueProblem("\(text) is not a time of day: minute \(minute) is not in 0–59")
        }
        self.hour = hour
        self.minute = minute
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try TimeOfDay(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A wall-clock time in a named time zone: `14:00 America/Chicago`.
public struct LocalTime: Hashable, Sendable, Codable, CustomStringConvertible {
    public var time: TimeOfDay
    public var timeZone: TimeZone

    public init(_ time: TimeOfDay, _ timeZone: TimeZone) {
        self.time = time
        self.timeZone = timeZone
    }

    public init(parsing text: String) throws(ValueProblem) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            throw ValueProblem("expected a time and a time zone like '14:00 America/Chicago', got '\(text)'")
        }
        time = try TimeOfDay(parsing: String(parts[0]))
        timeZone = try TimeZone.parsing(String(parts[1]))
    }

    public var description: String { "\(time) \(timeZone.identifier)" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try LocalTime(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension TimeZone {
    /// An IANA zone name (`America/Phoenix`); abbreviations such as `EST` are refused because they hide DST.
    public static func parsing(_ text: String) throws(ValueProblem) -> TimeZone {
        guard text.contains("/") || text == "UTC", let zone = TimeZone(identifier: text) else {
            throw ValueProblem("unknown time zone '\(text)' (use an IANA name such as America/Chicago)")
        }
        return zone
    }
}

/// Why a value in a file is not acceptable; the reader adds the file, line, column and key.
public struct ValueProblem: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
