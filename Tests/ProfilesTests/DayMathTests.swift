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
}
