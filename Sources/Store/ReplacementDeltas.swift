import Orders

/// Replacing an order moves its reservations from the old plan to the new one: per node and SKU, only the difference
/// is reserved or given back, in node and SKU order (the order every commit locks inventory rows in). Reserving
/// only what the new plan needs beyond the old one is what lets a repeat take the very units its first version held.
enum StockDelta {
    struct Key: Hashable, Comparable {
        var node: DCID
        var sku: SKU
        static func < (a: Self, b: Self) -> Bool { (a.node, a.sku) < (b.node, b.sku) }
    }

    /// New minus old, per node and SKU, leaving out what does not change.
    static func between(_ old: [Reservation], _ new: [Reservation]) -> [(key: Key, delta: Int)] {
        var deltas: [Key: Int] = [:]
        for reservation in old {
            deltas[Key(node: reservation.node, sku: reservation.sku), default: 0] -= reservation.quantity
        }
        for reservation in new {
            deltas[Key(node: reservation.node, sku: reservation.sku), default: 0] += reservation.quantity
        }
        return deltas.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// The capacity counterpart of `StockDelta`: per node and day, the orders and units the new plan takes beyond what
/// the old one gave back, with the limits a growth must stay within.
enum CapacityDelta {
    struct Key: Hashable, Comparable {
        var node: DCID
        var day: CalendarDate
        static func < (a: Self, b: Self) -> Bool { (a.node, a.day) < (b.node, b.day) }
    }

    struct Change {
        var orders = 0
        var units = 0
        var maximumOrders = Int.max
        var maximumUnits = Int.max
    }

    static func between(_ released: [CapacityClaim], _ claimed: [CapacityClaim]) -> [(key: Key, delta: Change)] {
        var changes: [Key: Change] = [:]
        for claim in released {
            changes[Key(node: claim.node, day: claim.day), default: Change()].orders -= claim.orders
            changes[Key(node: claim.node, day: claim.day), default: Change()].units -= claim.units
        }
        for claim in claimed {
            let key = Key(node: claim.node, day: claim.day)
            changes[key, default: Change()].orders += claim.orders
            changes[key, default: Change()].units += claim.units
            changes[key]?.maximumOrders = claim.maximumOrders
            changes[key]?.maximumUnits = claim.maximumUnits
        }
        return changes.filter { $0.value.orders != 0 || $0.value.units != 0 }.sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }
}

/// The audit trail's words for a replacement.
enum ReplacementNote {
    static func text(version: Int, was: String, by document: DocumentID?, withdrawn: Int, note: String? = nil)
        -> String
    {
        "version \(version) (\(was)) replaced by "
            + (note ?? ("the PO sent again" + (document.map { " in document \($0)" } ?? "")))
            + "; its reservations and capacity released"
            + (withdrawn > 0 ? "; \(withdrawn) pick ticket(s) withdrawn" : "")
    }
}
