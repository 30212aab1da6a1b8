public import Foundation
public import Orders

/// What one decision read of the mutable world: each node's stock of the PO's items as routing saw it, what each
/// node had taken of its capacity that day, the stock due of those items, and the operators' node switches. With
/// the PO, the profiles, the network and the clock, it is everything `Router.route` needs: the gateway keeps it with
/// each PO's first decision, and a replay decides the PO again from it, reproducing the decision exactly when
/// nothing else changed.
public struct DecisionInputs: Hashable, Sendable {
    /// A node's stock of one item.
    public struct Position: Hashable, Sendable {
        public var node: DCID
        public var sku: SKU
        /// Units available to promise, as routing read them.
        public var available: Int
        /// For an item the store stocks (not a kit, whose figure is derived from its components): on hand, safety
        /// stock, and on hand − reserved − safety stock before the floor at zero, so that a replay can change on
        /// hand or safety stock and know what would have been available.
        public var stocked: Stocked?

        public struct Stocked: Hashable, Sendable {
            public var onHand: Int
            public var safetyStock: Int
            public var surplus: Int

            public init(onHand: Int, safetyStock: Int, surplus: Int) {
                self.onHand = onHand
                self.safetyStock = safetyStock
                self.surplus = surplus
            }
        }

        public init(node: DCID, sku: SKU, available: Int, stocked: Stocked? = nil) {
            self.node = node
            self.sku = sku
            self.available = available
            self.stocked = stocked
        }
    }

    /// In node, then SKU order.
    public var stock: [Position]
    /// Orders and units each node had taken on the decision's day.
    public var usage: [DCID: DailyUsage]
    /// Stock due of the PO's items, in node, SKU and day order.
    public var inbound: [InboundRow]
    /// The node switches in force, as the store kept them.
    public var switches: [NodeSwitch]

    public init(
        stock: [Position], usage: [DCID: DailyUsage], inbound: [InboundRow], switches: [NodeSwitch]
    ) {
        self.stock = stock.sorted { ($0.node, $0.sku) < ($1.node, $1.sku) }
        self.usage = usage
        self.inbound = inbound.sorted { ($0.node, $0.sku, $0.due) < ($1.node, $1.sku, $1.due) }
        self.switches = switches
    }

    /// What `state` holds of `skus` (the SKUs the PO's lines are routed as), with `stocked` figures where the
    /// caller knows them.
    public init(
        state: NetworkState, skus: some Sequence<SKU>, nodes: [DCID], stocked: (DCID, SKU) -> Position.Stocked?,
        switches: [NodeSwitch]
    ) {
        var stock: [Position] = []
        var inbound: [InboundRow] = []
        for node in nodes {
            for sku in skus {
                let available = state.stock.available(sku, at: node)
                let figures = stocked(node, sku)
                if available != 0 || figures != nil {
                    stock.append(Position(node: node, sku: sku, available: available, stocked: figures))
                }
                for arrival in state.inbound.arrivals(of: sku, at: node) {
                    inbound.append(InboundRow(node: node, sku: sku, quantity: arrival.quantity, due: arrival.due))
                }
            }
        }
        self.init(
            stock: stock,
            usage: state.usage.filter { $0.value != DailyUsage() },
            inbound: inbound, switches: switches)
    }

    /// The state routing reads: this stock, usage and stock due, nothing else.
    public var state: NetworkState {
        var stock = Stock()
        for position in self.stock { stock.set(position.available, of: position.sku, at: position.node) }
        return NetworkState(
            stock: stock, usage: usage, inbound: InboundStock(inbound))
    }
}
