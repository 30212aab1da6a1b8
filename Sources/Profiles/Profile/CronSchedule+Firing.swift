public import Foundation
public import Orders

extension CronSchedule {
    /// The first instant after `instant` at which the schedule fires: the first of its minutes of the day, on the
    /// first day in its time zone whose month and day it names, that is later than `instant`. Days are read in the
    /// zone, so a feed at `0 5 * * * America/Chicago` goes at 05:00 in Chicago in winter and in summer. A wall time
    /// that occurs twice (the hour repeated when daylight saving ends) fires once, at its first occurrence; one that
    /// never occurs (the hour skipped when it starts) fires at the instant it would have been, read with the offset
    /// before the change (02:30 becomes 03:30), as cron runs a job of the skipped hour after the change. Nil only for
    /// a schedule that fires on no day of the next eight years (every parsed schedule fires within them).
    public func firing(after instant: Date) -> Date? {
        let offsets = ZoneOffsets.of(timeZone)
        // From the day before in the zone: a skipped wall time of that day may map to an instant after `instant`.
        var day = CalendarDate.on(instant, in: offsets).plus(days: -1)
        for _ in 0..<(366 * 8 + 2) {
            if fires(on: day) {
                for minute in minutesOfDay {
                    let candidate = day.instant(at: TimeOfDay(minutesSinceMidnight: minute), in: offsets)
                    if candidate > instant { return candidate }
                }
            }
            day = day.plus(days: 1)
        }
        return nil
    }

    /// Whether the schedule fires on `day` (its month, day of the month and day of the week; see
    /// `restrictsDayOfMonth`).
    public func fires(on day: CalendarDate) -> Bool {
        guard months.contains(day.month) else { return false }
        let dayOfMonth = daysOfMonth.contains(day.day)
        let dayOfWeek = daysOfWeek.contains(day.dayOfWeek.number - 1)
        return restrictsDayOfMonth && restrictsDayOfWeek ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
    }
}
