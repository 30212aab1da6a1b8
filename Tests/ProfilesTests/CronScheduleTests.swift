import Foundation
import Orders
import Profiles
import PropertyBased
import Testing

@Suite("feed schedules: when a cron expression fires, and when a feed is due")
struct CronScheduleTests {
    static func instant(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }

    @Test(
        "the next firing, in the schedule's own zone",
        arguments: [
            // Walmart's 05:00 Chicago feed: 11:00Z in winter (CST), 10:00Z in summer (CDT).
            ("0 5 * * * America/Chicago", "2026-12-06T12:00:00Z", "2026-12-07T11:00:00Z"),
            ("0 5 * * * America/Chicago", "2026-07-01T09:59:59Z", "2026-07-01T10:00:00Z"),
            // Strictly after: a feed built at the firing waits for the next one.
            ("0 5 * * * America/Chicago", "2026-12-07T11:00:00Z", "2026-12-08T11:00:00Z"),
            // Amazon's every four hours in Los Angeles (PST, UTC−8).
            ("0 */4 * * * America/Los_Angeles", "2026-12-06T12:00:00Z", "2026-12-06T16:00:00Z"),
            ("0 */4 * * * America/Los_Angeles", "2026-12-06T16:00:00Z", "2026-12-06T20:00:00Z"),
            // Weekdays only: Saturday 2026-12-05 after 06:00 waits for Monday.
            ("0 6 * * 1-5 UTC", "2026-12-05T07:00:00Z", "2026-12-07T06:00:00Z"),
            // Day of month and day of week both named: either fires (the 1st, or a Monday).
            ("0 0 1 * 1 UTC", "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"),
            ("0 0 1 * 1 UTC", "2026-12-28T00:00:00Z", "2027-01-01T00:00:00Z"),
            // 7 is Sunday, as 0 is.
            ("30 8 * * 7 UTC", "2026-12-06T09:00:00Z", "2026-12-13T08:30:00Z"),
            // The 29th of February only: the next leap year.
            ("0 12 29 2 * UTC", "2026-12-06T00:00:00Z", "2028-02-29T12:00:00Z"),
            // Months and lists.
            ("15,45 9 * 1,7 * UTC", "2026-12-06T00:00:00Z", "2027-01-01T09:15:00Z"),
        ])
    func firing(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(parsing: expression)
        #expect(schedule.firing(after: try Self.instant(after)) == (try Self.instant(expected)))
    }

    @Test(
        "a wall time skipped when daylight saving starts fires after the change; one repeated when it ends fires once",
        arguments: [
            // 2026-03-08: Chicago's 02:00–03:00 does not exist; 02:30 is read as 03:30 CDT = 08:30Z.
            ("30 2 * * * America/Chicago", "2026-03-08T07:00:00Z", "2026-03-08T08:30:00Z"),
            ("30 2 * * * America/Chicago", "2026-03-08T08:30:00Z", "2026-03-09T07:30:00Z"),
            // 2026-11-01: 01:30 happens twice (CDT 06:30Z, then CST 07:30Z); it fires at the first only.
            ("30 1 * * * America/Chicago", "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z"),
            ("30 1 * * * America/Chicago", "2026-11-01T06:30:00Z", "2026-11-02T07:30:00Z"),
        ])
    func daylightSaving(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(parsing: expression)
        #expect(schedule.firing(after: try Self.instant(after)) == (try Self.instant(expected)))
    }

    @Test("an expression that names no day that exists, or a field out of range, is refused saying why")
    func refused() {
        for (text, expected) in [
            ("0 6 30 2 * UTC", "never fires"), ("0 6 31 4,6,9,11 * UTC", "never fires"),
            ("61 6 * * * UTC", "outside 0–59"), ("0 6 * * 8 UTC", "outside 0–7"), ("0 6 * * UTC", "five cron fields"),
            ("0 6 * * * Mars/Olympus", "Mars/Olympus"),
        ] {
            #expect {
                try CronSchedule(parsing: text)
            } throws: { error in
                "\(error)".contains(expected)
            }
        }
        // The 30th of February or of any Monday: the day of the week fires, so it is not refused.
        #expect((try? CronSchedule(parsing: "0 6 30 2 1 UTC")) != nil)
    }

    /// A brute-force reading of the expression: every minute from `after` on (days that cannot fire skipped whole), in
    /// a zone without daylight saving, until one matches all five fields as cron reads them.
    static func bruteForce(_ fields: [String], after: Date, zone: TimeZone, limitMinutes: Int) -> Date? {
        func values(_ text: String, _ range: ClosedRange<Int>) -> Set<Int> {
            var result: Set<Int> = []
            for item in text.split(separator: ",") {
                let parts = item.split(separator: "/")
                let step = parts.count == 2 ? Int(parts[1])! : 1
                let bounds: ClosedRange<Int> =
                    parts[0] == "*"
                    ? range
                    : parts[0].contains("-")
                        ? Int(parts[0].split(separator: "-")[0])!...Int(parts[0].split(separator: "-")[1])!
                        : Int(parts[0])!...(parts.count == 2 ? range.upperBound : Int(parts[0])!)
                result.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
            }
            return result
        }
        let minutes = values(fields[0], 0...59)
        let hours = values(fields[1], 0...23)
        let days = values(fields[2], 1...31)
        let months = values(fields[3], 1...12)
        let weekdays = Set(values(fields[4], 0...7).map { $0 % 7 })
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var minute = (after.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        for _ in 0..<limitMinutes {
            let date = Date(timeIntervalSince1970: minute)
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
            let dayOfMonth = days.contains(parts.day!)
            let dayOfWeek = weekdays.contains(parts.weekday! - 1)
            // As Vixie cron reads them: a field starting with `*` (`*/10` too) does not restrict the day.
            let dayMatches =
                !fields[2].hasPrefix("*") && !fields[4].hasPrefix("*")
                ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
            guard months.contains(parts.month!), dayMatches else {
                // No minute of this day fires: on to the next local midnight (these zones keep one offset).
                minute += Double(1440 - parts.hour! * 60 - parts.minute!) * 60
                continue
            }
            if minutes.contains(parts.minute!), hours.contains(parts.hour!) { return date }
            minute += 60
        }
        return nil
    }

    @Test("on random expressions, the firing is the first minute a brute-force search finds")
    func randomExpressions() async {
        let minuteFields = ["*/15", "0", "7,37", "5-10", "*/7", "59"]
        let hourFields = ["*", "*/4", "6", "0,12", "9-17", "23"]
        let dayFields = ["*", "1", "15", "*/10", "28-31"]
        let monthFields = ["*", "*", "1-6", "12"]
        let weekdayFields = ["*", "*", "1-5", "0", "6,0", "3"]
        let zones = ["Etc/UTC", "America/Phoenix", "Asia/Tokyo", "Asia/Kolkata"]
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0..<(6 * 6 * 5 * 4 * 6)), Gen.int(in: 0...3), Gen.int(in: 1_767_225_600...1_830_297_600)
        ) { combination, zoneIndex, seconds in
            var rest = combination
            func take(_ fields: [String]) -> String {
                defer { rest /= fields.count }
                return fields[rest % fields.count]
            }
            let fields = [
                take(minuteFields), take(hourFields), take(dayFields), take(monthFields), take(weekdayFields),
            ]
            let zone = TimeZone(identifier: zones[zoneIndex])!
            let schedule: CronSchedule
            do { schedule = try CronSchedule(parsing: (fields + [zones[zoneIndex]]).joined(separator: " ")) } catch {
                Issue.record("\(fields) did not parse: \(error)")
                return
            }
            let after = Date(timeIntervalSince1970: Double(seconds))
            let found = schedule.firing(after: after)
            // A year of minutes bounds the search; every expression here fires within one.
            let expected = Self.bruteForce(fields, after: after, zone: zone, limitMinutes: 366 * 1440)
            #expect(found == expected, "\(fields) \(zones[zoneIndex]) after \(after)")
        }
    }

    @Test(
        "a feed is due at once the first time, then at the first firing after the last, and never sooner than the minimum interval"
    )
    func due() throws {
        var settings = FeedSettings(
            format: .csv, schedule: try CronSchedule(parsing: "0 */4 * * * UTC"),
            destination: URL(string: "https://example.test/feed")!)
        let now = try Self.instant("2026-12-06T10:30:00Z")
        #expect(settings.isDue(at: now, last: nil))
        let last = try Self.instant("2026-12-06T08:05:00Z")
        #expect(settings.nextDue(after: last) == (try Self.instant("2026-12-06T12:00:00Z")))
        #expect(!settings.isDue(at: now, last: last))
        #expect(settings.isDue(at: try Self.instant("2026-12-06T12:00:00Z"), last: last))
        // Missed firings (no gateway ran for two days) make one feed: the next is counted from it.
        let late = try Self.instant("2026-12-08T13:10:00Z")
        #expect(settings.isDue(at: late, last: last))
        #expect(settings.nextDue(after: late) == (try Self.instant("2026-12-08T16:00:00Z")))
        // A minimum interval of six hours pushes the 12:00 firing to 14:05.
        settings.minimumInterval = try ProfileDuration(parsing: "6 hours")
        #expect(settings.nextDue(after: last) == (try Self.instant("2026-12-06T14:05:00Z")))
    }
}
