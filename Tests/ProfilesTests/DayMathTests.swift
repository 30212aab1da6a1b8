import Foundation
import Orders
import Profiles
import PropertyBased
import Testing

@Suite("day arithmetic without Calendar agrees with Foundation")
struct DayMathTests {
    static let zones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
        "America/Los_Angeles", "Pacific/Honolulu", "Europe/London", "UTC",
    ]

    @Test("ordinal, weekday and day shifts match Foundation from 1696 to 2517 (Foundation turns Julian before 1582)")
    func ordinals() async {
        await propertyCheck(count: 500, input: Gen.int(in: -100_000...200_000)) { ordinal in
            let day = CalendarDate(ordinal: ordinal)
            let instant = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
            #expect(day == CalendarDate(instant, in: .gmt))
            #expect(day.ordinal == ordinal)
            #expect(day.dayOfWeek.number == day.weekday)
            #expect(day.plus(days: 40) == day.adding(days: 40))
        }
    }

    @Test("the local day and wall time of an instant match Foundation in every zone, across DST changes")
    func localDays() async {
        await propertyCheck(count: 500, input: Gen.int(in: 1_700_000_000...1_830_000_000), Gen.int(in: 0...7)) {
            seconds, zone in
            let timeZone = TimeZone(identifier: Self.zones[zone]) ?? .gmt
            let instant = Date(timeIntervalSince1970: Double(seconds))
            #expect(CalendarDate.on(instant, in: timeZone) == CalendarDate(instant, in: timeZone))
            let time = TimeOfDay.of(instant, in: timeZone)
            let day = CalendarDate.on(instant, in: timeZone)
            #expect(
                day.instant(at: time, in: timeZone) == day.instant(hour: time.hour, minute: time.minute, in: timeZone))
        }
    }

    @Test(
        "a wall time repeated when DST ends is its first occurrence; one skipped when DST starts moves forward",
        arguments: [
            ("Europe/London", 2024, 10, 27, 60, "2024-10-27T00:00:00Z"),
            ("America/New_York", 2026, 11, 1, 90, "2026-11-01T05:30:00Z"),
            ("America/New_York", 2026, 3, 8, 150, "2026-03-08T07:30:00Z"),
            ("America/Chicago", 2026, 3, 8, 0, "2026-03-08T06:00:00Z"),
        ])
    func transitions(zone: String, year: Int, month: Int, day: Int, minutes: Int, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let date = try #require(CalendarDate(year: year, month: month, day: day))
        let time = try #require(TimeOfDay(hour: minutes / 60, minute: minutes % 60))
        let instant = date.instant(at: time, in: timeZone)
        #expect(instant == (try Date(expected, strategy: .iso8601)))
        #expect(instant == date.instant(hour: minutes / 60, minute: minutes % 60, in: timeZone))
    }
}
