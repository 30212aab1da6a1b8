/// Wall-clock fields of an instant at a fixed UTC offset, and back, by arithmetic on the proleptic Gregorian
/// calendar (`CalendarDate+Ordinal`: Howard Hinnant's `days_from_civil` / `civil_from_days`,
/// https://howardhinnant.github.io/date_algorithms.html). A `Calendar` or an `ISO8601DateFormatter` costs
/// microseconds to make; the pick page of a DC reads and writes three times a ticket for thousands of tickets.
package struct CivilTime: Hashable, Sendable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// 0 Sunday … 6 Saturday.
    package var weekday: Int

    /// The fields of `seconds` since 1970 (whole seconds, rounded down) read `offset` seconds east of UTC.
    package init(secondsSince1970 seconds: Int, offset: Int) {
        let local = seconds + offset
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let rest = local - days * 86_400
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        // 1970-01-01 was a Thursday.
        weekday = ((days % 7) + 11) % 7
        (year, month, day) = CalendarDate.fields(daysSince1970: days)
    }

    /// Seconds since 1970 of these fields read `offset` seconds east of UTC (`weekday` is not read).
    package func secondsSince1970(offset: Int) -> Int {
        // The fields' day through `ordinal`, which takes any day of a month (31 February is 3 March, as the
        // algorithm reads it).
        let days = CalendarDate.daysSince1970(year: year, month: month, day: day)
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// `2026-11-25T16:00:00-06:00` (or `Z`): RFC 3339 with whole seconds, as `ZonedInstant` writes it; nil for
    /// any other shape. The instant in seconds since 1970 and the offset in seconds.
    package static func parse(rfc3339 text: String) -> (seconds: Int, offset: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<(from + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116, bytes[13] == 58, bytes[16] == 58,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        if bytes.count == 20 {
            guard bytes[19] == 90 || bytes[19] == 122 else { return nil }
        } else {
            guard bytes[19] == 43 || bytes[19] == 45, bytes[22] == 58, let hours = number(20, 2),
                let minutes = number(23, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (bytes[19] == 45 ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let fields = CivilTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, weekday: 0)
        // A day past the month's end (February 30) is not a date.
        let seconds = fields.secondsSince1970(offset: offset)
        guard CivilTime(secondsSince1970: seconds, offset: offset).day == day else { return nil }
        return (seconds, offset)
    }

    package init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.weekday = weekday
    }
}
