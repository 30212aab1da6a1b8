public import Foundation

/// A day on the calendar with no time zone, as X12 `DT` elements and cXML dates carry it (`20261125`). Which
/// instant a day starts at depends on whose calendar is asked: the retailer's, or a DC's.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    // Stored in 6 bytes, 8 as an optional: three `Int`s took 24, and 32 as an optional. An order holds five dates
    // and each of its lines two, and a file maps to hundreds of thousands of orders. A part set beyond what its
    // storage holds (no day of a real calendar) is clamped.
    @usableFromInline var storedYear: Int32
    @usableFromInline var storedMonth: UInt8
    @usableFromInline var storedDay: UInt8

    public var year: Int {
        @inlinable get { Int(storedYear) }
        set { storedYear = Int32(clamping: newValue) }
    }
    public var month: Int {
        @inlinable get { Int(storedMonth) }
        set { storedMonth = UInt8(clamping: newValue) }
    }
    public var day: Int {
        @inlinable get { Int(storedDay) }
        set { storedDay = UInt8(clamping: newValue) }
    }

    /// Validates the day against the Gregorian calendar (leap years included); nil for 2026-02-30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        storedYear = Int32(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// Parses `CCYYMMDD` (X12 `DT` with 8 digits) or `CCYY-MM-DD` (ISO 8601, also the first 10 characters of an
    /// ISO date-time such as cXML's `2026-11-25T10:00:00-08:00`).
    public init?(parsing text: some StringProtocol) {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = digits[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        if digits.count == 8, let y = number(0..<4), let m = number(4..<6), let d = number(6..<8) {
            self.init(year: y, month: m, day: d)
        } else if digits.count >= 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// Parses X12 six-digit `YYMMDD` (ISA09): years 00–49 are 20xx, 50–99 are 19xx.
    public init?(parsingYYMMDD text: some StringProtocol) {
        guard text.utf8.count == 6, let value = Int(text) else { return nil }
        let yy = value / 10_000
        self.init(year: yy < 50 ? 2000 + yy : 1900 + yy, month: value / 100 % 100, day: value % 100)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day this instant falls on in `timeZone`: from the zone's offset at the instant and `CivilTime`'s
    /// arithmetic, without `Calendar`'s microseconds a call on Linux (a service asks for every node's day of every
    /// document it decides). Instants before 1583 (where `Calendar` turns Julian) or past 9999 go through `Calendar`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let since1970 = instant.timeIntervalSince1970
        if since1970 >= -12_212_553_600, since1970 < 253_402_214_400 {
            let civil = CivilTime(
                secondsSince1970: Int(since1970.rounded(.down)), offset: timeZone.secondsFromGMT(for: instant))
            storedYear = Int32(civil.year)
            storedMonth = UInt8(civil.month)
            storedDay = UInt8(civil.day)
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        storedYear = Int32(clamping: parts.year ?? 1970)
        storedMonth = UInt8(clamping: parts.month ?? 1)
        storedDay = UInt8(clamping: parts.day ?? 1)
    }

    /// `2026-11-25`.
    public var description: String {
        if (1000...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            // Four-digit years and two-digit months and days (all a valid date has): the ten bytes directly.
            let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value) }
            let bytes: [UInt8] = [
                digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), UInt8(ascii: "-"),
                digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10),
            ]
            return String(decoding: bytes, as: UTF8.self)
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.storedYear, lhs.storedMonth, lhs.storedDay) < (rhs.storedYear, rhs.storedMonth, rhs.storedDay)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let start =
            calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        let shifted = calendar.date(byAdding: .day, value: count, to: start) ?? start
        return CalendarDate(shifted, in: calendar.timeZone)
    }

    /// 1 = Sunday … 7 = Saturday, as `Calendar` numbers weekdays.
    public var weekday: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let date =
            calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        return calendar.component(.weekday, from: date)
    }

    /// The instant at `hour:minute` local time on this day in `timeZone`. In a DST gap the clock time that does not
    /// exist moves forward, as `Calendar` does.
    public func instant(hour: Int = 0, minute: Int = 0, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
