public import Foundation
public import Orders
internal import Yams

/// How the retailer wants available-to-sell inventory: format, content, schedule, destination.
public struct FeedSettings: Hashable, Sendable, Codable {
    public var format: Format
    public var mode: Mode
    /// One figure per node (`true`, Walmart's 846 per facility) or summed over the network.
    public var perNode: Bool
    /// Whether an item we cannot ship is sent with 0 or left out (a full feed that omits an item may zero it).
    public var unavailable: Unavailable
    public var schedule: CronSchedule
    /// The destination refuses feeds more often than this.
    public var minimumInterval: ProfileDuration?
    public var destination: URL
    /// Names of environment variables holding the credentials, never the secrets themselves.
    public var credentials: [String: String]
    public var buffer: Buffer?
    /// The most units ever advertised per item.
    public var cap: Int?
    /// Columns of the CSV format.
    public var columns: [String]
    /// Our SKU → the retailer's item id, where they differ.
    public var itemIDs: [SKU: String]
    /// Method, API-key header, known hosts and CA bundle for sending to `destination`.
    public var delivery: DeliveryOptions
    /// The most items (LIN loops) in one 846 transaction set, where the retailer's guide sets one; a larger feed is
    /// split into several sets of one interchange. Nil: the standard's own limit.
    public var maxItemsPerSet: Int?
    /// When the retailer counts as holding what a run sent, so that the next delta is taken against it: on
    /// delivery, or once its 997 accepts the 846 (an X12 846 only).
    public var acceptedOn: FeedAcceptance
    /// How long after a run is delivered its 997 is due, where the profile waits for one: past that, `feed status`
    /// says the acknowledgement is overdue. Nil: no deadline.
    public var acknowledgementDue: ProfileDuration?

    public init(
        format: Format, mode: Mode = .full, perNode: Bool = false, unavailable: Unavailable = .zero,
        schedule: CronSchedule, minimumInterval: ProfileDuration? = nil, destination: URL,
        credentials: [String: String] = [:], buffer: Buffer? = nil, cap: Int? = nil,
        columns: [String] = ["sku", "quantity"],
        itemIDs: [SKU: String] = [:], delivery: DeliveryOptions = DeliveryOptions(), maxItemsPerSet: Int? = nil,
        acceptedOn: FeedAcceptance = .delivery, acknowledgementDue: ProfileDuration? = nil
    ) {
        self.format = format
        self.mode = mode
        self.perNode = perNode
        self.unavailable = unavailable
        self.schedule = schedule
        self.minimumInterval = minimumInterval
        self.destination = destination
        self.credentials = credentials
        self.buffer = buffer
        self.cap = cap
        self.columns = columns
        self.itemIDs = itemIDs
        self.delivery = delivery
        self.maxItemsPerSet = maxItemsPerSet
        self.acceptedOn = acceptedOn
        self.acknowledgementDue = acknowledgementDue
    }

    /// Where the feed is sent, and how.
    public var endpoint: DeliveryEndpoint {
        DeliveryEndpoint(destination: destination, credentials: credentials, options: delivery)
    }

    public enum Format: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case x12846 = "x12-846"
        case csv, json, xml
    }

    public enum Mode: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case full, delta
    }

    public enum Unavailable: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case zero, omit
    }

    /// Held back from what is advertised: a number of units, or a percentage of ATS.
    public enum Buffer: Hashable, Sendable, Codable {
        case units(Int)
        case percent(Decimal)
    }
}

extension FeedAcceptance: YAMLEnum {}

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) in a time zone.
public struct CronSchedule: Hashable, Sendable, Codable, CustomStringConvertible {
    public var expression: String
    public var timeZone: TimeZone
    /// The minutes of the day it fires at (from the minute and hour fields).
    public var minutesOfDay: [Int]
    /// The days of the month (1–31), months (1–12) and days of the week (0 = Sunday … 6; cron's 7 is 0) it fires on.
    public var daysOfMonth: Set<Int>
    public var months: Set<Int>
    public var daysOfWeek: Set<Int>
    /// Whether the day-of-month and day-of-week fields each name days (are not `*`): when both do, a day matching
    /// either fires, as cron reads them; otherwise a day must match both.
    public var restrictsDayOfMonth: Bool
    public var restrictsDayOfWeek: Bool

    /// Parses `"0 6 * * * America/Chicago"`.
    public init(parsing text: String) throws(ValueProblem) {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 6 else {
            throw ValueProblem(
                "expected five cron fields and a time zone like '0 6 * * * America/Chicago', got '\(text)'")
        }
        let minutes = try CronSchedule.field(parts[0], 0...59, "minute")
        let hours = try CronSchedule.field(parts[1], 0...23, "hour")
        daysOfMonth = Set(try CronSchedule.field(parts[2], 1...31, "day-of-month"))
        months = Set(try CronSchedule.field(parts[3], 1...12, "month"))
        daysOfWeek = Set(try CronSchedule.field(parts[4], 0...7, "day-of-week").map { $0 % 7 })
        restrictsDayOfMonth = !parts[2].hasPrefix("*")
        restrictsDayOfWeek = !parts[4].hasPrefix("*")
        timeZone = try TimeZone.parsing(parts[5])
        expression = parts[0..<5].joined(separator: " ")
        minutesOfDay = hours.flatMap { hour in minutes.map { hour * 60 + $0 } }.sorted()
        // Days of the month alone (any weekday) must fall in one of the months: `0 6 30 2 *` would never fire.
        if restrictsDayOfMonth && !restrictsDayOfWeek
            && !months.contains(where: { month in daysOfMonth.contains { $0 <= Self.longestMonth[month - 1] } })
        {
            throw ValueProblem("cron '\(expression)' never fires: no month it names has the days it names")
        }
    }

    /// The most days each month has (February in a leap year).
    static let longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    static func field(_ text: String, _ range: ClosedRange<Int>, _ name: String) throws(ValueProblem) -> [Int] {
        var values: Set<Int> = []
        for item in text.split(separator: ",") {
            let stepParts = item.split(separator: "/")
            let step = stepParts.count == 2 ? Int(stepParts[1]) : 1
            guard let step, step > 0, stepParts.count <= 2 else {
                throw ValueProblem("bad cron \(name) field '\(text)'")
            }
            let base = stepParts[0]
            var bounds: ClosedRange<Int>
            if base == "*" {
                bounds = range
            } else if let dash = base.firstIndex(of: "-"), let low = Int(base[..<dash]),
                let high = Int(base[base.index(after: dash)...]), low <= high
            {
                bounds = low...high
            } else if let single = Int(base) {
                bounds = single...(stepParts.count == 2 ? range.upperBound : single)
            } else {
                throw ValueProblem("bad cron \(name) field '\(text)'")
            }
            guard range.contains(bounds.lowerBound), range.contains(bounds.upperBound) else {
                throw ValueProblem("cron \(name) '\(text)' is outside \(range.lowerBound)–\(range.upperBound)")
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values.sorted()
    }

    /// The shortest gap between two firings on the same day or across midnight, in minutes.
    public var shortestGapMinutes: Int {
        guard minutesOfDay.count > 1, let first = minutesOfDay.first, let last = minutesOfDay.last else { return 1440 }
        let gaps = zip(minutesOfDay, minutesOfDay.dropFirst()).map { $1 - $0 }
        return min(gaps.min() ?? 1440, first + 1440 - last)
    }

    public var description: String { "\(expression) \(timeZone.identifier)" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try CronSchedule(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CronSchedule: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> CronSchedule { try CronSchedule(parsing: text) }
}

extension FeedSettings: YAMLReadable {
    static let keys =
        [
            "format", "mode", "per-node", "unavailable", "schedule", "minimum-interval", "destination",
            "credentials", "buffer", "cap", "columns", "item-ids", "max-items-per-set", "accepted-on",
            "acknowledgement-due",
        ] + DeliveryOptions.keys

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> FeedSettings? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let format: Format? = d.required(f, "format")
        let schedule: CronSchedule? = d.required(f, "schedule")
        let destination: URL? = d.required(f, "destination")
        let minimum: ProfileDuration? = d.optional(f, "minimum-interval")
        let credentials: [String: String] = d.value(f, "credentials", default: [:])
        DeliveryEndpoint.checkCredentials(credentials, f, &d)
        let delivery = DeliveryOptions.read(f, &d)
        if let schedule, let minimum, let seconds = minimum.seconds, Double(schedule.shortestGapMinutes * 60) < seconds
        {
            d.report(
                "schedule '\(schedule.expression)' fires every \(schedule.shortestGapMinutes) minutes, more often "
                    + "than the destination allows (\(minimum))", at: f["schedule"], path: f.path("schedule"))
        }
        var buffer: Buffer?
        if let text: String = d.optional(f, "buffer") {
            let parts = text.split(separator: " ")
            if text.hasSuffix("%"), let value = Decimal(string: String(text.dropLast())), value >= 0, value < 100 {
                buffer = .percent(value)
            } else if parts.count == 2, ["unit", "units"].contains(parts[1]), let value = Int(parts[0]), value >= 0 {
                buffer = .units(value)
            } else {
                d.report(
                    "expected a buffer like '2 units' or '10%', got '\(text)'", at: f["buffer"],
                    path: f.path("buffer"))
            }
        }
        let cap: Int? = d.optional(f, "cap")
        if let cap, cap < 0 { d.report("the cap cannot be negative", at: f["cap"], path: f.path("cap")) }
        let maxItemsPerSet: Int? = d.optional(f, "max-items-per-set")
        if let maxItemsPerSet, !(1...10_000).contains(maxItemsPerSet) {
            d.report(
                "max-items-per-set must be 1 to 10000 (the 846's LIN loop repeats at most 10000 times), got "
                    + "\(maxItemsPerSet)", at: f["max-items-per-set"], path: f.path("max-items-per-set"))
        }
        let acceptedOn: FeedAcceptance = d.value(f, "accepted-on", default: .delivery)
        if acceptedOn == .functionalAcknowledgement, let format, format != .x12846 {
            d.report(
                "a feed in \(format.rawValue) cannot be acknowledged: only an X12 846 gets a 997 back, so "
                    + "accepted-on: 997 needs format: x12-846 (or accepted-on: delivery)",
                at: f["accepted-on"], path: f.path("accepted-on"))
        }
        let acknowledgementDue: ProfileDuration? = d.optional(f, "acknowledgement-due")
        if let acknowledgementDue {
            if acceptedOn != .functionalAcknowledgement {
                d.report(
                    "acknowledgement-due is when a 997 is due, but this feed is accepted on delivery: set "
                        + "accepted-on: 997, or leave acknowledgement-due out",
                    at: f["acknowledgement-due"], path: f.path("acknowledgement-due"))
            } else if (acknowledgementDue.seconds ?? 0) <= 0 {
                d.report(
                    "acknowledgement-due must be a positive wall-clock duration like 24h or 2 days, got "
                        + "\(acknowledgementDue)",
                    at: f["acknowledgement-due"], path: f.path("acknowledgement-due"))
            }
        }
        guard let format, let schedule, let destination else { return nil }
        return FeedSettings(
            format: format, mode: d.value(f, "mode", default: .full), perNode: d.value(f, "per-node", default: false),
            unavailable: d.value(f, "unavailable", default: .zero), schedule: schedule, minimumInterval: minimum,
            destination: destination, credentials: credentials, buffer: buffer, cap: cap,
            columns: d.value(f, "columns", default: ["sku", "quantity"]), itemIDs: d.value(f, "item-ids", default: [:]),
            delivery: delivery, maxItemsPerSet: maxItemsPerSet, acceptedOn: acceptedOn,
            acknowledgementDue: acknowledgementDue)
    }
}
