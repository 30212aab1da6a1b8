import Foundation
public import Orders

public enum Weekday: String, Hashable, Sendable, Codable, CaseIterable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// 1 = Sunday … 7 = Saturday, as `Calendar` and `CalendarDate.weekday` number them.
    public var number: Int { (Weekday.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// `allCases` once: the synthesized property builds a new array on every call, and day math asks per day.
    static let inOrder = allCases
}

/// Which days work happens: a retailer's business days for SLAs, a DC's operating days for shipping.
public struct BusinessCalendar: Hashable, Sendable, Codable {
    /// Days of the week that are not business days.
    public var weekends: Set<Weekday> { didSet { weekendBits = Self.bits(weekends) } }
    /// Listed closed days (Thanksgiving 2026-11-26, Christmas, …).
    public var holidays: Set<CalendarDate> { didSet { holidayOrdinals = Self.ordinals(holidays) } }
    /// The same facts as day math asks them many times an order: a bit per weekday (1 << weekday number), and the
    /// holidays as sorted day ordinals. Derived from the two above.
    private var weekendBits: UInt8 = 0
    private var holidayOrdinals: [Int] = []

    public init(weekends: Set<Weekday> = [.saturday, .sunday], holidays: Set<CalendarDate> = []) {
        self.weekends = weekends
        self.holidays = holidays
        weekendBits = Self.bits(weekends)
        holidayOrdinals = Self.ordinals(holidays)
    }

    private static func bits(_ weekends: Set<Weekday>) -> UInt8 {
        weekends.reduce(0) { $0 | 1 << UInt8($1.number) }
    }

    private static func ordinals(_ holidays: Set<CalendarDate>) -> [Int] { holidays.map(\.ordinal).sorted() }

    public func isBusinessDay(_ day: CalendarDate) -> Bool {
        let ordinal = day.ordinal
        // 1970-01-01 (ordinal 0) was a Thursday, weekday 5.
        let weekday = ((ordinal % 7) + 7 + 4) % 7 + 1
        guard weekendBits & 1 << UInt8(weekday) == 0 else { return false }
        guard !holidayOrdinals.isEmpty else { return true }
        var low = 0
        var high = holidayOrdinals.count
        while low < high {
            let middle = (low + high) / 2
            if holidayOrdinals[middle] < ordinal { low = middle + 1 } else { high = middle }
        }
        return low == holidayOrdinals.count || holidayOrdinals[low] != ordinal
    }

    /// The first business day on or after `day`; gives up after ten years of closed days and returns `day`.
    public func businessDay(onOrAfter day: CalendarDate) -> CalendarDate {
        var candidate = day
        for _ in 0..<3660 {
            if isBusinessDay(candidate) { return candidate }
            candidate = candidate.plus(days: 1)
        }
        return day
    }

    /// The business day `count` business days after `day` (`day` itself need not be one).
    public func adding(businessDays count: Int, to day: CalendarDate) -> CalendarDate {
        var current = day
        var left = count
        var guardCount = 0
        while left > 0, guardCount < 3660 {
            current = current.plus(days: 1)
            if isBusinessDay(current) { left -= 1 }
            guardCount += 1
        }
        return current
    }
}

extension BusinessCalendar {
    private enum CodingKeys: String, CodingKey { case weekends, holidays }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            weekends: try container.decode(Set<Weekday>.self, forKey: .weekends),
            holidays: try container.decode(Set<CalendarDate>.self, forKey: .holidays))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.weekends == rhs.weekends && lhs.holidays == rhs.holidays
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(weekends)
        hasher.combine(holidays)
    }

    /// Sets encode in a stable order (week order, then date order), so shown profiles and stored copies compare.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Weekday.allCases.filter(weekends.contains), forKey: .weekends)
        try container.encode(holidays.sorted(), forKey: .holidays)
    }
}
