import Foundation
import Orders
import Store
import Testing

/// What the warehouse floor reads from the store: the pick tickets of orders still on the floor, and the deadlines.
@Suite("Order store: the pick list and the deadlines")
struct StorePickListTests {
    func instant(_ seconds: Double) -> Date { Date(timeIntervalSince1970: t0.timeIntervalSince1970 + seconds) }

    /// A pick ticket for `node` whose bytes name the PO, as the gateway's JSON would.
    func ticket(_ po: String, node: DCID) -> OutboundDraft {
        OutboundDraft(kind: .pickTicket, partner: node.rawValue, name: "walmart-\(po)-\(node).json") { _ in
            Array(#"{"po":"\#(po)","node":"\#(node)"}"#.utf8)
        }
    }

    /// Commits an order received at `at` (ship-by a day later, acknowledge-by an hour later) with its tickets.
    func commit(
        _ store: any OrderStore, _ po: String, nodes: [DCID] = ["EWR1"], at: Date, units: Int = 0
    ) async throws -> OrderID {
        let reservations = units > 0 ? [Reservation(node: nodes[0], sku: "HP-10001", quantity: units)] : []
        let result = try await store.commit(
            orderCommit(
                po, nodes: nodes, reservations: reservations,
                outbound: [numberedDraft()] + nodes.map { ticket(po, node: $0) }, at: at))
        return try #require(result.orderID, "\(result)")
    }

    @Test(
        "the pick list holds the tickets of orders on the floor at a node, soonest ship-by first",
        arguments: Backend.allCases)
    func pickList(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            #expect(try await store.pickList(node: nil).isEmpty)
            let later = try await commit(store, "LATER", at: instant(7200))
            let sooner = try await commit(store, "SOONER", at: instant(0))
            let chicago = try await commit(store, "CHICAGO", nodes: ["ORD1"], at: instant(60))
            let shipped = try await commit(store, "SHIPPED", at: instant(-600))
            let released = try await commit(store, "RELEASED", at: instant(3600))
            let handed = try await commit(store, "HANDED", at: instant(5400))
            let replaced = try await commit(store, "REPLACED", at: instant(30))
            #expect(try await store.mark(shipped, as: .shipped, at: instant(100), detail: "shipped"))
            #expect(try await store.mark(released, as: .released, at: instant(100), detail: "taken"))
            // A ticket that has left the outbox hands its order over; a withdrawn one is no longer on the floor.
            try database.execute(
                "UPDATE outbox SET state = 'sent' WHERE kind = 'pick-ticket' AND order_id = \(handed.rawValue)")
            try database.execute(
                "UPDATE outbox SET state = 'withdrawn' WHERE kind = 'pick-ticket' AND order_id = \(replaced.rawValue)")

            let newark = try await store.pickList(node: "EWR1")
            #expect(newark.map(\.order) == [sooner, released, handed, later])
            #expect(newark.map(\.poNumber) == ["SOONER", "RELEASED", "HANDED", "LATER"])
            #expect(newark.map(\.state) == [.open, .released, .released, .open])
            #expect(Set(newark.map(\.node)) == ["EWR1"])
            let first = try #require(newark.first)
            #expect(first.retailer == "walmart")
            #expect(first.shipBy == instant(86_400))
            #expect(first.acknowledgeBy == instant(3600))
            #expect(String(decoding: first.ticket, as: UTF8.self) == #"{"po":"SOONER","node":"EWR1"}"#)

            let everywhere = try await store.pickList(node: nil)
            #expect(everywhere.map(\.order) == [sooner, chicago, released, handed, later])
            #expect(try await store.pickList(node: "ORD1").map(\.order) == [chicago])
            #expect(try await store.pickList(node: "NOPE").isEmpty)
        }
    }

    @Test("a split order is on the pick list of each of its nodes, once", arguments: Backend.allCases)
    func splitOrder(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let split = try await commit(store, "SPLIT", nodes: ["EWR1", "ORD1"], at: t0)
            #expect(try await store.pickList(node: "EWR1").map(\.order) == [split])
            #expect(try await store.pickList(node: "ORD1").map(\.order) == [split])
            #expect(try await store.pickList(node: nil).map(\.node) == ["EWR1", "ORD1"])
        }
    }

    @Test(
        "the deadline rows are the orders on the floor and those acknowledged late since an instant",
        arguments: Backend.allCases)
    func deadlineRows(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "HP-10001", onHand: 100, safetyStock: 0)])
            let open = try await commit(store, "OPEN", at: instant(0), units: 3)
            let lateAck = try await commit(store, "LATE-ACK", at: instant(60))
            let onTimeAck = try await commit(store, "ON-TIME-ACK", at: instant(120))
            let oldLateAck = try await commit(store, "OLD-LATE-ACK", at: instant(-86_400))
            let chicago = try await commit(store, "CHICAGO", nodes: ["ORD1"], at: instant(30))
            for order in [lateAck, onTimeAck, oldLateAck] {
                #expect(try await store.mark(order, as: .shipped, at: instant(200), detail: "shipped"))
            }
            // Acknowledge-by is an hour after receipt: LATE-ACK's left two hours after, ON-TIME-ACK's after a minute.
            func deliver(_ order: OrderID, at seconds: Double) throws {
                try database.execute(
                    "UPDATE outbox SET state = 'sent', delivered_at = \(instant(seconds).timeIntervalSince1970) "
                        + "WHERE kind = '855' AND order_id = \(order.rawValue)")
            }
            try deliver(lateAck, at: 60 + 7200)
            try deliver(onTimeAck, at: 180)
            try deliver(oldLateAck, at: -86_400 + 7200)

            let rows = try await store.deadlineRows(node: nil, since: instant(-3600))
            #expect(rows.map(\.order) == [open, chicago, lateAck])
            let first = try #require(rows.first)
            #expect(first.poNumber == "OPEN")
            #expect(first.nodes == ["EWR1"])
            #expect(first.units == 3)
            #expect(first.hasAcknowledgement)
            #expect(first.acknowledgedAt == nil)
            #expect(first.acknowledgeBy == instant(3600))
            #expect(first.shipBy == instant(86_400))
            #expect(first.state == "open")
            #expect(first.isOnFloor)
            let late = try #require(rows.last)
            #expect(late.state == "shipped")
            #expect(!late.isOnFloor)
            #expect(late.acknowledgedAt == instant(60 + 7200))
            #expect(try await store.deadlineRows(node: "ORD1", since: instant(-3600)).map(\.order) == [chicago])
            // From further back, the old late acknowledgement too.
            #expect(
                try await store.deadlineRows(node: "EWR1", since: instant(-2 * 86_400)).map(\.order)
                    == [oldLateAck, open, lateAck])
        }
    }

    @Test("an order with no acknowledgement in the outbox says so", arguments: Backend.allCases)
    func noAcknowledgement(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let result = try await store.commit(orderCommit("QUIET", outbound: [ticket("QUIET", node: "EWR1")]))
            let order = try #require(result.orderID)
            let rows = try await store.deadlineRows(node: nil, since: t0)
            #expect(rows.map(\.order) == [order])
            #expect(rows.first?.hasAcknowledgement == false)
        }
    }
}
