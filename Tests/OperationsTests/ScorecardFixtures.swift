import Foundation
import Operations
import Orders
import Profiles

/// Profiles and instants the scorecard tests share.
enum ScorecardFixtures {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let november = ScorecardMonth(year: 2026, month: 11)!

    /// A retailer like the Walmart sample: late-ship $5 beyond 1% of orders, cancel-for-stock $5 a unit beyond 0.1%
    /// of units, late ASN $2 with no allowance, on-time ship 99%.
    static func profile(
        _ id: RetailerID, name: String, zone: TimeZone, fees: [FeeSchedule.Violation: Fee]? = nil
    ) -> RetailerProfile {
        RetailerProfile(
            id: id, name: name,
            shipSLA: ShipSLA(cutoff: LocalTime(TimeOfDay(hour: 12, minute: 0)!, zone)),
            fees: FeeSchedule(
                fees: fees ?? [
                    .lateShip: Fee(amount: .fixed(usd(5)), allowance: .init(percent: 1, of: .orders)),
                    .cancelForStock: Fee(
                        amount: .perUnit(usd(5)), allowance: .init(percent: Decimal(string: "0.1")!, of: .units)),
                    .lateASN: Fee(amount: .fixed(usd(2))),
                ],
                scorecard: [.onTimeShip: 99, .cancelRate: 2, .carrierCompliance: 99]))
    }

    static func usd(_ amount: Decimal) -> Money { Money(amount, .usd) }

    /// An instant given as a local wall-clock time in `zone`.
    static func local(_ zone: TimeZone, _ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: mi, second: s))!
    }

    static func iso(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A PO received at `at`, shipped from `node` by its ship-by a day later, or late when `late`.
    static func order(
        _ id: Int64, _ retailer: RetailerID, at: Date, units: Int = 1, late: Bool = false, node: DCID = "EWR1"
    ) -> ScorecardOrder {
        let shipBy = at.addingTimeInterval(86_400)
        let shipped = shipBy.addingTimeInterval(late ? 3_600 : -3_600)
        return ScorecardOrder(
            id: id, retailer: retailer, receivedAt: at, units: units, outcome: .ship, nodes: [node], shipBy: shipBy,
            progress: .shipped,
            shipments: [.init(node: node, shippedAt: shipped, asnDue: nil, asnDeliveredAt: nil)])
    }
}
