public import Foundation
import Orders

/// An instant as it reads on one clock: `2026-11-25T16:00:00-06:00`. A pick ticket shows the carrier pickup on the
/// DC's clock and the retailer's ship-by on the retailer's, so nobody reads a Wednesday-evening deadline as
/// Thursday's UTC date. Encodes as that one string (RFC 3339 with the zone's offset at the instant), whatever the
/// encoder's date strategy; the zone's name is not part of it, so a decoded value holds a fixed-offset zone.
public struct ZonedInstant: Hashable, Sendable, Codable, CustomStringConvertible {
    public var instant: Date
    public var timeZone: TimeZone

    public init(_ instant: Date, in timeZone: TimeZone) {
        self.instant = instant
        self.timeZone = timeZone
    }

    /// The zone's offset from UTC at the instant, in seconds (daylight saving included).
    public var offsetSeconds: Int { timeZone.secondsFromGMT(for: instant) }

    /// `2026-11-25T16:00:00-06:00`; `+00:00` for UTC, never `Z`, so every ticket's times have one shape.
    public var description: String {
        let offset = offsetSeconds
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
            + "\(sign)\(pad(minutes / 60)):\(pad(minutes % 60))"
    }

    /// Reads `description`'s form back (and any RFC 3339 instant with an offset or `Z`).
    public init?(parsing text: String) {
        // `description`'s own shape without a formatter (a DC's pick page reads thousands of tickets), the rest
        // through one.
        if let (seconds, offset) = CivilTime.parse(rfc3339: text), let zone = TimeZone(secondsFromGMT: offset) {
            self.init(Date(timeIntervalSince1970: TimeInterval(seconds)), in: zone)
            return
        }
        guard let instant = ISO8601DateFormatter().date(from: text) else { return nil }
        var offset = 0
        if !text.hasSuffix("Z"), text.count >= 6 {
            let tail = text.suffix(6)
            let sign: Int = tail.first == "-" ? -1 : 1
            let parts = tail.dropFirst().split(separator: ":")
            guard tail.first == "-" || tail.first == "+", parts.count == 2, let hours = Int(parts[0]),
                let minutes = Int(parts[1])
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard let zone = TimeZone(secondsFromGMT: offset) else { return nil }
        self.init(instant, in: zone)
    }

    /// Equal when the same instant reads the same on both clocks (a decoded value equals the one encoded).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.instant == rhs.instant && lhs.offsetSeconds == rhs.offsetSeconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(instant)
        hasher.combine(offsetSeconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ZonedInstant(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an instant with its offset, like 2026-11-25T16:00:00-06:00")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
