public import Foundation
import Orders

/// A month of the calendar with no time zone (`2026-11`): which instants it holds depends on whose zone is asked,
/// so each retailer's month begins at its own midnight.
public struct ScorecardMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `2026-11`.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `instant` falls in, in `timeZone`.
    public init(containing instant: Date, in timeZone: TimeZone) {
        let parts = Self.calendar(timeZone).dateComponents([.year, .month], from: instant)
        year = parts.year ?? 1970
        month = parts.month ?? 1
    }

    public var description: String {
        let digits = String(month)
        return "\(year)-\(digits.count == 1 ? "0" + digits : digits)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// The Gregorian calendar in `timeZone`: its days are 23 or 25 hours long where the zone changes its clocks.
    public static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The first instant of each day of the month in `timeZone`, and the next month's first instant after them:
    /// `daysInMonth + 1` instants.
    public func dayStarts(in timeZone: TimeZone) -> [Date] {
        let calendar = Self.calendar(timeZone)
        let count = CalendarDate.daysIn(month: month, year: year)
        var starts: [Date] = []
        starts.reserveCapacity(count + 1)
        for day in 1...(count + 1) {
            var parts = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
            if day > count {
                parts = DateComponents(
                    year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1, hour: 0)
            }
            // Midnight exists in every zone dropgate's retailers use; where a zone skips it, the calendar takes the
            // first instant after the gap.
            starts.append(calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0))
        }
        return starts
    }
}
