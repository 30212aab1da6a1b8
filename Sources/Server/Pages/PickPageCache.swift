import Foundation
import Gateway
import Orders
import Store
import Synchronization

/// What the pick page keeps between renders: each pick ticket decoded, and each order's section as HTML for the
/// way it was last shown (urgency, state, the profile's words for its service). A ticket never changes once
/// written (a replaced order gets a new one), so a section is rendered again only when its order's urgency or
/// state moves, the profiles reload, or the ticket's bytes differ; a tablet that reloads the page every minute
/// costs the decoding and rendering of what changed, not of 5,000 orders.
final class PickPageCache: Sendable {
    struct Key: Hashable {
        var order: OrderID
        var node: DCID
    }

    /// One ticket: its bytes (to tell a different ticket of the same order and node), decoded, and its sections
    /// by how they were shown.
    struct Entry {
        var bytes: [UInt8]
        var ticket: PickTicket
        var sections: [String: String] = [:]
    }

    /// Past this many tickets the cache starts again empty: a bound on memory, not a policy anyone tunes.
    static let limit = 50_000

    private let entries = Mutex<[Key: Entry]>([:])

    /// The ticket of `entry`, decoded once per bytes.
    func ticket(_ entry: PickListEntry, decode: ([UInt8]) throws -> PickTicket) rethrows -> PickTicket {
        let key = Key(order: entry.order, node: entry.node)
        if let known = entries.withLock({ $0[key] }), known.bytes == entry.ticket { return known.ticket }
        let ticket = try decode(entry.ticket)
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(bytes: entry.ticket, ticket: ticket)
        }
        return ticket
    }

    /// The section of `pick` shown as `variant`, rendered by `render` when not kept.
    func section(_ pick: WarehousePages.Pick, variant: String, render: () -> String) -> String {
        let key = Key(order: pick.entry.order, node: pick.entry.node)
        if let html = entries.withLock({ entry in
            entry[key].flatMap { $0.bytes == pick.entry.ticket ? $0.sections[variant] : nil }
        }) {
            return html
        }
        let html = render()
        entries.withLock { entries in
            guard var entry = entries[key], entry.bytes == pick.entry.ticket else { return }
            // A section per way it was shown; an order moves through two or three of them.
            if entry.sections.count > 8 { entry.sections.removeAll() }
            entry.sections[variant] = html
            entries[key] = entry
        }
        return html
    }
}
