import Foundation
import Orders
import Store
import Testing

@testable import Server

/// The pick page keeps each order's section between renders: a reload shows exactly what a fresh renderer would,
/// an order that turned overdue is shown overdue, and a different ticket for the same order is read afresh.
@Suite("Pick page cache")
struct PickPageCacheTests {
    typealias T = PageTemplateTests

    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? Date() }

    @Test("a reload renders what a fresh renderer renders, as the clock and the tickets move")
    func reloadMatchesFresh() throws {
        let kept = try WarehousePages()
        var entries = [
            T.entry(1, try T.ticketJSON(po: "1001", shipBy: "2026-11-24T12:00:00-05:00"), po: "1001"),
            T.entry(2, try T.ticketJSON(po: "1002", shipBy: "2026-11-25T12:00:00-05:00"), po: "1002"),
        ]
        func both(_ now: Date) throws -> (kept: String, fresh: String) {
            let fresh = try WarehousePages()
            return (
                kept.pickList(kept.picks(entries).picks, dc: "EWR1", profiles: T.world, now: now),
                fresh.pickList(fresh.picks(entries).picks, dc: "EWR1", profiles: T.world, now: now)
            )
        }
        let morning = try both(Self.instant("2026-11-24T06:00:00-05:00"))
        #expect(morning.kept == morning.fresh)
        #expect(!morning.kept.contains("OVERDUE"))
        #expect(!morning.kept.contains(">false<"), "a value the ticket lacks is an empty cell")
        // Past order 1's ship-by: its section is rendered again, overdue.
        let afternoon = try both(Self.instant("2026-11-24T13:00:00-05:00"))
        #expect(afternoon.kept == afternoon.fresh)
        #expect(afternoon.kept.components(separatedBy: "OVERDUE").count == 2, "one order overdue")
        // Order 2's ticket replaced (a repeat replaced the order): the new description shows.
        entries[1] = T.entry(
            2, try T.ticketJSON(po: "1002", description: "Linen Throw", shipBy: "2026-11-25T12:00:00-05:00"),
            po: "1002")
        let replaced = try both(Self.instant("2026-11-24T13:00:00-05:00"))
        #expect(replaced.kept == replaced.fresh)
        #expect(replaced.kept.contains("Linen Throw"))
        #expect(replaced.kept.components(separatedBy: "Bath Towel").count == 2, "order 1's towel only")
    }
}
