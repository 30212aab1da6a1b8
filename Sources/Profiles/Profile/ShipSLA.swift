public import Foundation
internal import Yams

/// When an order must ship: N business days or hours from receipt or the PO date, unless the PO carries a date the
/// profile honours (the retailer's ESD, a requested ship date). The cutoff decides which day counts as day 0.
public struct ShipSLA: Hashable, Sendable, Codable {
    public var within: ProfileDuration
    public var from: Basis
    /// PO dates that set the ship-by day when present, in order of precedence.
    public var honours: [PODate]
    /// Orders received after this time (in its zone) count from the next business day.
    public var cutoff: LocalTime
    public var calendar: BusinessCalendar

    public enum Basis: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case receipt
        case poDate = "po-date"
    }

    public enum PODate: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case expectedShip = "expected-ship-date"
        case requestedShip = "requested-ship-date"
        case requestedDelivery = "requested-delivery-date"
    }

    public init(
        within: ProfileDuration = .businessDays(2), from: Basis = .receipt, honours: [PODate] = [],
        cutoff: LocalTime, calendar: BusinessCalendar = BusinessCalendar()
    ) {
        self.within = within
        self.from = from
        self.honours = honours
        self.cutoff = cutoff
        self.calendar = calendar
    }

    /// The retailer's time zone, which the cutoff names.
    public var timeZone: TimeZone { cutoff.timeZone }
}

extension ShipSLA: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ShipSLA? {
        guard let f = d.fields(node, path: path, keys: ["within", "from", "honour", "cutoff", "calendar"]) else {
            return nil
        }
        let within: ProfileDuration? = d.required(f, "within")
        let cutoff: LocalTime? = d.required(f, "cutoff")
        let from: Basis = d.value(f, "from", default: .receipt)
        let honours: [PODate] = d.value(f, "honour", default: [])
        let calendar: BusinessCalendar = d.value(f, "calendar", default: BusinessCalendar())
        if let within, within.value < 0 {
            d.report("the SLA cannot be negative", at: f["within"], path: f.path("within"))
        }
        if let within, [.minutes, .days].contains(within.unit) {
            d.report("write the SLA in hours, business hours or business days", at: f["within"], path: f.path("within"))
        }
        guard let within, let cutoff else { return nil }
        return ShipSLA(within: within, from: from, honours: honours, cutoff: cutoff, calendar: calendar)
    }
}

extension BusinessCalendar: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> BusinessCalendar? {
        guard let f = d.fields(node, path: path, keys: ["weekends", "holidays"]) else { return nil }
        let weekends: Set<Weekday> = d.value(f, "weekends", default: [.saturday, .sunday])
        if weekends.count == 7 {
            d.report("a calendar needs at least one working day", at: f["weekends"], path: f.path("weekends"))
        }
        return BusinessCalendar(weekends: weekends, holidays: d.value(f, "holidays", default: []))
    }
}
