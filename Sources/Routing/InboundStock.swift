public import Orders

/// Stock due at each node and not yet received, per SKU, earliest due first. Routing never ships it: it only tells
/// a profile that allows backorders the day an order could wait until (`DecisionBuilder`).
public struct InboundStock: Hashable, Sendable, Codable {
    /// Units due on a day.
    public struct Arrival: Hashable, Sendable, Codable {
        public var due: CalendarDate
        public var quantity: Int

        public init(due: CalendarDate, quantity: Int) {
            self.due = due
            self.quantity = quantity
        }
    }

    private var arrivals: [DCID: [SKU: [Arrival]]]

    public init(_ rows: [InboundRow] = []) {
        arrivals = [:]
        for row in rows { add(row.quantity, of: row.sku, at: row.node, due: row.due) }
    }

    public var isEmpty: Bool { arrivals.values.allSatisfy { $0.values.allSatisfy(\.isEmpty) } }

    /// Whether any node has stock of `sku` on its way.
    public func hasArrivals(of sku: SKU) -> Bool {
        arrivals.values.contains { !($0[sku]?.isEmpty ?? true) }
    }

    /// What is due of `sku` at `node`, earliest first.
    public func arrivals(of sku: SKU, at node: DCID) -> [Arrival] { arrivals[node]?[sku] ?? [] }

    /// Adds `quantity` units due on `due`; nothing for a quantity below one.
    public mutating func add(_ quantity: Int, of sku: SKU, at node: DCID, due: CalendarDate) {
        guard quantity > 0 else { return }
        var list = arrivals[node]?[sku] ?? []
        if let same = list.firstIndex(where: { $0.due == due }) {
            list[same].quantity += quantity
        } else {
            list.append(Arrival(due: due, quantity: quantity))
            list.sort { $0.due < $1.due }
        }
        arrivals[node, default: [:]][sku] = list
    }

    /// The day by which `quantity` units of `sku` will have arrived at `node`: the due day of the arrival that
    /// completes them, earliest first. Nil when everything due falls short; nil too for nothing needed.
    public func day(covering quantity: Int, of sku: SKU, at node: DCID) -> CalendarDate? {
        guard quantity > 0 else { return nil }
        var count = 0
        for arrival in arrivals(of: sku, at: node) {
            count += arrival.quantity
            if count >= quantity { return arrival.due }
        }
        return nil
    }

    /// Takes `quantity` units away, earliest due first (units promised to a waiting order, or received).
    public mutating func take(_ quantity: Int, of sku: SKU, at node: DCID) {
        var left = quantity
        var list = arrivals(of: sku, at: node)
        while left > 0, !list.isEmpty {
            let taken = min(left, list[0].quantity)
            list[0].quantity -= taken
            left -= taken
            if list[0].quantity == 0 { list.removeFirst() }
        }
        arrivals[node, default: [:]][sku] = list
    }
}
