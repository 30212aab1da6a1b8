import Foundation

/// Civil-from-days and days-from-civil without `Calendar` (H. Hinnant's algorithms): routing runs them for every node
/// of every order, and the store's JSON for every instant; `Calendar` costs microseconds a call on Linux, these cost
/// nanoseconds.
extension CalendarDate {
    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int { Self.daysSince1970(year: year, month: month, day: day) }

    /// `ordinal` of any fields, a day past its month's end read as the days after it (`CivilTime`'s).
    package static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let (y, m, d) = Self.fields(daysSince1970: ordinal)
        self = CalendarDate(year: y, month: m, day: d) ?? CalendarDate(Date(timeIntervalSince1970: 0), in: .gmt)
    }

    /// Year, month and day of a day since 1970, for any year (`CivilTime` reads instants a `CalendarDate` cannot
    /// hold).
    package static func fields(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
