public import Foundation

/// The allowance arithmetic of a fee, in one place: how many violations a base lets go free, how many are charged,
/// and a month-to-date figure carried to the month's end at today's rate.
public enum FeeAllowance {
    /// floor(`percent`% × `base`): the violations the allowance lets go free (0 without an allowance). Exact: the
    /// product is a `Decimal`, so 1% of 300 is 3, never 2.999….
    public static func free(percent: Decimal?, base: Int) -> Int {
        guard let percent, percent > 0, base > 0 else { return 0 }
        var exact = percent * Decimal(base) / 100
        var floored = Decimal()
        NSDecimalRound(&floored, &exact, 0, .down)
        return NSDecimalNumber(decimal: floored).intValue
    }

    /// The violations beyond the free ones.
    public static func charged(count: Int, free: Int) -> Int { max(0, count - free) }

    /// How many more violations are free before the next one is charged.
    public static func remaining(count: Int, free: Int) -> Int { max(0, free - count) }

    /// `value` after `daysElapsed` of `daysInMonth` days, carried to the month's end at the same daily rate,
    /// rounded to the nearest whole (halves away from zero). Unchanged once the month is over, or before it began.
    public static func projected(_ value: Int, daysElapsed: Double, daysInMonth: Int) -> Int {
        guard daysElapsed > 0, daysElapsed < Double(daysInMonth) else { return value }
        return Int((Double(value) * Double(daysInMonth) / daysElapsed).rounded(.toNearestOrAwayFromZero))
    }
}
