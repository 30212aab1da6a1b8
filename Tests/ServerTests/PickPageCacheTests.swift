import Foundation
import Gateway
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

    static func variant(_ urgency: WarehousePages.Urgency, carrier: String? = "FedEx") -> PickPageCache.Variant {
        PickPageCache.Variant(urgency: urgency, state: .open, methods: "FDEG", carrier: carrier)
    }

    @Test("an order's sections are kept per way it was shown, the last one and a bounded few before it")
    func sectionsByVariant() {
        var sections = PickPageCache.Sections()
        #expect(sections.html(Self.variant(.onTime)) == nil)
        sections.keep("on time", for: Self.variant(.onTime))
        sections.keep("due soon", for: Self.variant(.dueSoon))
        sections.keep("overdue", for: Self.variant(.overdue))
        #expect(sections.html(Self.variant(.onTime)) == "on time")
        #expect(sections.html(Self.variant(.dueSoon)) == "due soon")
        #expect(sections.html(Self.variant(.overdue)) == "overdue")
        // No carrier and an empty one are shown differently, so they are different ways.
        #expect(sections.html(Self.variant(.overdue, carrier: nil)) == nil)
        #expect(sections.html(Self.variant(.overdue, carrier: "")) == nil)
        // Shown a way again: rendered again, the old text replaced, not kept twice.
        sections.keep("on time again", for: Self.variant(.onTime))
        #expect(sections.html(Self.variant(.onTime)) == "on time again")
        #expect(sections.count == 3)
        for number in 0..<20 { sections.keep("carrier \(number)", for: Self.variant(.onTime, carrier: "\(number)")) }
        #expect(sections.count <= PickPageCache.Sections.limit + 1)
        #expect(sections.html(Self.variant(.onTime, carrier: "19")) == "carrier 19")
    }

    @Test("a section rendered while its order's ticket was replaced is not kept for the new ticket")
    func sectionOfReplacedTicket() throws {
        let cache = PickPageCache()
        let old = T.entry(1, try T.ticketJSON(po: "1001", description: "Bath Towel"), po: "1001")
        let new = T.entry(1, try T.ticketJSON(po: "1001", description: "Linen Throw"), po: "1001")
        let decode = { (bytes: [UInt8]) throws -> PickTicket in try PickTicket(jsonBytes: bytes) }
        let oldPick = WarehousePages.Pick(entry: old, ticket: try cache.ticket(old, decode: decode))
        let variant = Self.variant(.onTime)
        // The ticket is replaced while the old one's section is being rendered (outside the cache's lock).
        var newPick: WarehousePages.Pick?
        let stale = cache.section(oldPick, variant: variant) { _ in
            newPick = try? WarehousePages.Pick(entry: new, ticket: cache.ticket(new, decode: decode))
            return "old section"
        }
        #expect(stale == "old section")
        let replaced = try #require(newPick)
        #expect(cache.section(replaced, variant: variant) { _ in "new section" } == "new section")
        #expect(cache.section(replaced, variant: variant) { _ in "rendered again" } == "new section", "kept")
        #expect(cache.section(oldPick, variant: variant) { _ in "old again" } == "old again", "the old ticket is gone")
    }
}
