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
    public var weekends: Set<Weekday>
    /// Listed closed days (Thanksgiving 2026-11-26, Christmas, …).
    public var holidays: Set<CalendarDate>

    public init(weekends: Set<Weekday> = [.saturday, .sunday], holidays: Set<CalendarDate> = []) {
        self.weekends = weekends
        self.holidays = holidays
    }

    public func isBusinessDay(_ day: CalendarDate) -> Bool {
        !weekends.contains(day.dayOfWeek) && !holidays.contains(day)
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

    /// Sets encode in a stable order (week order, then date order), so shown profiles and stored copies compare.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Weekday.allCases.filter(weekends.contains), forKey: .weekends)
        try container.encode(holidays.sorted(), forKey: .holidays)
    }
}
