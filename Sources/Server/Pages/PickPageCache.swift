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
///
/// Entries are read and changed in place under the lock, never copied out whole: an entry holds two tickets of a
/// dozen strings and arrays each, and a first render of thousands paid for copying and releasing them twice per
/// order.
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

    /// How an order's section was shown: all that its HTML depends on besides the ticket as it stands.
    struct Variant: Hashable {
        var urgency: WarehousePages.Urgency
        var state: OrderState
        /// The profile's ship methods for the ticket's service (`WarehousePages.methods(of:using:)`).
        var methods: String
        var carrier: String?
    }

    /// An order's sections by how they were shown: the last one inline (an order is shown one way until its
    /// urgency or state moves, so most entries hold one and cost no table of their own), earlier ones beside it.
    struct Sections {
        private var latest: (variant: Variant, html: String)?
        private var earlier: [(variant: Variant, html: String)] = []

        /// An order moves through two or three ways of being shown; past this many the earlier ones are dropped.
        static let limit = 8

        init() {}

        func html(_ variant: Variant) -> String? {
            if let latest, latest.variant == variant { return latest.html }
            return earlier.first { $0.variant == variant }?.html
        }

        mutating func keep(_ html: String, for variant: Variant) {
            earlier.removeAll { $0.variant == variant }
            if let latest, latest.variant != variant {
                if earlier.count >= Self.limit { earlier.removeAll() }
                earlier.append(latest)
            }
            latest = (variant, html)
        }

        var count: Int { (latest == nil ? 0 : 1) + earlier.count }
    }

    /// One ticket: its bytes (to tell a different ticket of the same order and node), decoded, what the floor did
    /// with it and the ticket as that leaves it, and its sections by how they were shown.
    struct Entry {
        var bytes: [UInt8]
        var ticket: PickTicket
        var floor: Floor
        var standing: PickTicket
        /// Which write of the cache made this entry: a section rendered outside the lock is kept only if the entry
        /// it was rendered for is still the one there.
        var serial: Int
        var sections = Sections()

        // The two reads below are `mutating` only to be reached in place (`Dictionary.Values`' `_modify`): its
        // getter would copy the whole entry, and release it, for each field read. They change nothing.

        /// The standing ticket when this entry holds `bytes` as the floor left them (`floor`); else, when only the
        /// floor moved, the decoded ticket; else neither.
        mutating func known(bytes: [UInt8], floor: Floor) -> (standing: PickTicket?, ticket: PickTicket?) {
            guard self.bytes == bytes else { return (nil, nil) }
            return self.floor == floor ? (standing, nil) : (nil, ticket)
        }

        /// This entry's serial and its section shown as `variant` (nil: none kept), when it holds `bytes` standing
        /// as `standing`; nil when it holds another ticket.
        mutating func section(
            bytes: [UInt8], standing: PickTicket, variant: Variant
        ) -> (serial: Int, html: String?)? {
            guard self.bytes == bytes, self.standing == standing else { return nil }
            return (serial, sections.html(variant))
        }
    }

    struct State {
        var entries: [Key: Entry] = [:]
        var serial = 0
    }

    /// Past this many tickets the cache starts again empty: a bound on memory, not a policy anyone tunes.
    static let limit = 50_000

    private let state = Mutex(State())

    /// The ticket of `entry` as it stands on the floor (`PickListEntry.standing`), decoded once per bytes and made
    /// again only when what the floor did with it changed.
    func ticket(_ entry: PickListEntry, decode: ([UInt8]) throws -> PickTicket) rethrows -> PickTicket {
        let key = Key(order: entry.order, node: entry.node)
        let floor = Floor(entry)
        // The standing ticket when it is current, else the decoded ticket when only the floor moved.
        let known: (standing: PickTicket?, ticket: PickTicket?) = state.withLock { state in
            guard let index = state.entries.index(forKey: key) else { return (nil, nil) }
            return state.entries.values[index].known(bytes: entry.ticket, floor: floor)
        }
        if let standing = known.standing { return standing }
        let ticket = try known.ticket ?? decode(entry.ticket)
        let standing = entry.standing(ticket)
        state.withLock { state in
            if state.entries.count >= Self.limit { state.entries.removeAll(keepingCapacity: true) }
            state.serial += 1
            state.entries[key] = Entry(
                bytes: entry.ticket, ticket: ticket, floor: floor, standing: standing, serial: state.serial)
        }
        return standing
    }

    /// The section of `pick` shown as `variant`, rendered by `render` when not kept for its ticket as it stands.
    func section(
        _ pick: WarehousePages.Pick, variant: Variant, render: (WarehousePages.Pick) -> String
    ) -> String {
        let key = Key(order: pick.entry.order, node: pick.entry.node)
        let kept: (serial: Int, html: String?)? = state.withLock { state in
            guard let index = state.entries.index(forKey: key) else { return nil }
            return state.entries.values[index].section(
                bytes: pick.entry.ticket, standing: pick.ticket, variant: variant)
        }
        if let html = kept?.html { return html }
        let html = render(pick)
        guard let serial = kept?.serial else { return html }
        state.withLock { state in
            guard let index = state.entries.index(forKey: key), state.entries.values[index].serial == serial else {
                return
            }
            state.entries.values[index].sections.keep(html, for: variant)
        }
        return html
    }

    /// Room for `count` tickets at once, so that a first render of thousands does not grow the table step by step.
    func reserve(_ count: Int) {
        state.withLock { state in
            if state.entries.capacity < count { state.entries.reserveCapacity(min(count, Self.limit)) }
        }
    }
}
