public import Orders
public import Routing
public import Store

extension PickTicket {
    /// The ticket as it stands on the floor after `history` at its node: each line's `quantity` is what is still to
    /// pick (planned less shipped and cancelled there, never below zero) with `planned` beside it where they
    /// differ, a kit's components scaled to what is left of the kit, and every line and component with its bin
    /// from `locations`.
    ///
    /// Lines come in pick-walk order: those with units left by bin (a kit by the first bin of its components when
    /// it has none of its own), then those without a bin in ticket order, then the lines done, which a person
    /// still sees struck through (they explain a short box) and a WMS never gets (`linesToPick`).
    public func standing(after history: FloorHistory, locations: [SKU: BinLocation]) -> PickTicket {
        var ticket = self
        ticket.lines = lines.map { line in
            var line = line
            let left = max(0, history.open(line.lineNumber, planned: line.quantity))
            if left != line.quantity { line.planned = line.quantity }
            line.quantity = left
            line.location = locations[line.sku]
            line.components = line.components.map { components in
                components.map { component in
                    var component = component
                    component.quantity = component.quantityPerKit * left
                    component.location = locations[component.sku]
                    return component
                }
                .walkOrdered(by: \.location)
            }
            return line
        }
        ticket.lines = Array(
            ticket.lines.enumerated().sorted { a, b in
                if a.element.isDone != b.element.isDone { return !a.element.isDone }
                switch (a.element.walkLocation, b.element.walkLocation) {
                case (let x?, let y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.offset < b.offset
                }
            }.map(\.element))
        return ticket
    }

    /// Every line shipped or was cancelled: the order has left this node's pick list.
    public var isDone: Bool { lines.allSatisfy(\.isDone) }

    /// The ticket with only its lines that have units left to pick: what a WMS imports as pick tasks.
    public var linesToPick: PickTicket {
        var ticket = self
        ticket.lines = lines.filter { !$0.isDone }
        return ticket
    }
}

extension PickTicket.Line {
    /// Where a picker goes for the line: its own bin, else the first of its components' (a kit put together from
    /// parts).
    public var walkLocation: BinLocation? {
        location ?? components?.compactMap(\.location).min()
    }
}

extension Array {
    /// The elements with a bin by bin, then those without in the order they were in.
    fileprivate func walkOrdered(by location: (Element) -> BinLocation?) -> [Element] {
        enumerated().sorted { a, b in
            switch (location(a.element), location(b.element)) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

extension PickListEntry {
    /// What the floor did with this entry's ticket at its node, from the store's shipment and line-cancellation
    /// rows: the same count the shipment review makes (`FloorOrder.history(at:)`).
    public var history: FloorHistory {
        FloorHistory(at: node, shipments: shipments, cancelled: cancelled.map { ($0.key, $0.value) })
    }

    /// `ticket` (this entry's, decoded) as it stands on the floor: see `PickTicket.standing(after:locations:)`.
    public func standing(_ ticket: PickTicket) -> PickTicket {
        shipments.isEmpty && cancelled.isEmpty && locations.isEmpty
            ? ticket : ticket.standing(after: history, locations: locations)
    }
}

extension FloorHistory {
    /// What the floor did at `node`: units shipped per PO line by the shipments from it (others are left out), each
    /// shipment's units as the review counts them, and `cancelled` units per PO line there.
    init(at node: DCID, shipments: some Sequence<ShipConfirmation>, cancelled: some Sequence<(String, Int)>) {
        self.init()
        for confirmation in shipments where confirmation.node == node {
            self.shipments += 1
            for (line, quantity) in confirmation.shippedQuantities {
                shipped[line, default: 0] += ShipmentReview.units(quantity)
            }
        }
        for (line, quantity) in cancelled { self.cancelled[line, default: 0] += quantity }
    }
}
