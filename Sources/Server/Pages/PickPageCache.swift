import Foundation
import Gateway
import Orders
import Routing
import Store
import Synchronization

/// What the pick page keeps between renders: each pick ticket decoded and as it stands on the floor, and each
/// order's section as HTML for the way it was last shown (urgency, state, the profile's words for its service). A
/// ticket never changes once written (a replaced order gets a new one), but what is left of it does: an entry is
/// kept for its ticket's bytes and what the floor did with it (`Floor`: units shipped and cancelled per line, the
/// bins), so a shipment or cancel shows on the next render. A section is rendered again only when one of those,
/// its order's urgency or state moves, or the profiles reload; a tablet that reloads the page every minute costs
/// the decoding and rendering of what changed, not of 5,000 orders.
final class PickPageCache: Sendable {
    struct Key: Hashable {
        var order: OrderID
        var node: DCID
    }

    /// What a standing ticket was made from besides the ticket itself.
    struct Floor: Hashable {
        var history: FloorHistory
        var locations: [SKU: BinLocation]

        init(_ entry: PickListEntry) {
            history = entry.history
            locations = entry.locations
        }
    }

    /// One ticket: its bytes (to tell a different ticket of the same order and node), decoded, what the floor did
    /// with it and the ticket as that leaves it, and its sections by how they were shown.
    struct Entry {
        var bytes: [UInt8]
        var ticket: PickTicket
        var floor: Floor
        var standing: PickTicket
        var sections: [String: String] = [:]
    }

    /// Past this many tickets the cache starts again empty: a bound on memory, not a policy anyone tunes.
    static let limit = 50_000

    private let entries = Mutex<[Key: Entry]>([:])

    /// The ticket of `entry` as it stands on the floor (`PickListEntry.standing`), decoded once per bytes and made
    /// again only when what the floor did with it changed.
    func ticket(_ entry: PickListEntry, decode: ([UInt8]) throws -> PickTicket) rethrows -> PickTicket {
        let key = Key(order: entry.order, node: entry.node)
        let floor = Floor(entry)
        let known = entries.withLock { $0[key] }
        if let known, known.bytes == entry.ticket, known.floor == floor { return known.standing }
        let ticket = try known.flatMap { $0.bytes == entry.ticket ? $0.ticket : nil } ?? decode(entry.ticket)
        let standing = entry.standing(ticket)
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(bytes: entry.ticket, ticket: ticket, floor: floor, standing: standing)
        }
        return standing
    }

    /// The section of `pick` shown as `variant`, rendered by `render` when not kept for its ticket as it stands.
    func section(_ pick: WarehousePages.Pick, variant: String, render: () -> String) -> String {
        let key = Key(order: pick.entry.order, node: pick.entry.node)
        let isCurrent = { (entry: Entry) in entry.bytes == pick.entry.ticket && entry.standing == pick.ticket }
        if let html = entries.withLock({ entry in
            entry[key].flatMap { isCurrent($0) ? $0.sections[variant] : nil }
        }) {
            return html
        }
        let html = render()
        entries.withLock { entries in
            guard let count = entries[key].flatMap({ isCurrent($0) ? $0.sections.count : nil }) else { return }
            // A section per way it was shown; an order moves through two or three of them. Changed in place, not
            // copied out and back.
            if count > 8 { entries[key]?.sections.removeAll() }
            entries[key]?.sections[variant] = html
        }
        return html
    }

    /// Room for `count` tickets at once, so that a first render of thousands does not grow the table step by step.
    func reserve(_ count: Int) {
        entries.withLock { entries in
            if entries.capacity < count { entries.reserveCapacity(min(count, Self.limit)) }
        }
    }
}
