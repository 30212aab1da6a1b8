import Foundation
import Operations
import Orders
import Profiles
import Routing

/// The sample world (repository files), and a run of orders decided the way the gateway decides them, each with
/// what it read kept: the record a replay starts from.
enum ReplayWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let profiles: ProfileSet = {
        do {
            return try ProfileSet.load(
                profiles: root.appendingPathComponent("retailer-profiles"),
                network: root.appendingPathComponent("fixtures/network.yaml"),
                catalog: root.appendingPathComponent("fixtures/items.csv"))
        } catch {
            preconditionFailure("the sample world must load: \(error)")
        }
    }()

    static let now = ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-05:00")!

    static func order(_ number: String, _ lines: [(SKU, Int)], retailer: RetailerID = "amazon") -> PurchaseOrder {
        PurchaseOrder(
            retailer: retailer, poNumber: PONumber(number),
            dates: OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24)),
            parties: [
                Party(
                    role: .shipTo, name: "Pat Doe",
                    address: Address(
                        lines: ["12 Main St"], city: "Newark", region: "NJ", postalCode: "07102", country: "US"))
            ],
            shipMethod: ShipMethod(
                carrierSCAC: "UPSN", serviceLevel: "SG", transportMethod: "M", routing: "UPS GROUND"),
            lines: lines.enumerated().map { index, line in
                OrderLine(
                    lineNumber: String(index + 1), sku: line.0, quantity: Decimal(line.1), unitPrice: Money(25, .usd))
            },
            source: OrderSource(format: .x12))
    }

    /// Decides `orders` one after the other from `stock` (on hand per node and SKU, no safety stock), a minute
    /// apart, as the gateway does: each reads what its predecessors left, and what it read is kept.
    static func record(_ orders: [PurchaseOrder], stock rows: [(DCID, SKU, Int)]) -> [RecordedPO] {
        var stock = Stock()
        var onHand: [DCID: [SKU: Int]] = [:]
        for (node, sku, quantity) in rows {
            stock.set(quantity, of: sku, at: node)
            onHand[node, default: [:]][sku] = quantity
        }
        var state = NetworkState(stock: stock)
        var taken: [DCID: [SKU: Int]] = [:]
        let routers = profiles.routers()
        var recorded: [RecordedPO] = []
        for (index, order) in orders.enumerated() {
            let instant = now.addingTimeInterval(Double(index) * 60)
            let skus = Set(order.lines.compactMap(\.sku)).sorted()
            let inputs = DecisionInputs(
                state: state, skus: skus, nodes: profiles.network.nodes.map(\.id),
                stocked: { node, sku in
                    onHand[node]?[sku].map {
                        .init(onHand: $0, safetyStock: 0, surplus: $0 - (taken[node]?[sku] ?? 0))
                    }
                }, switches: [])
            let decision = routers[order.retailer!]!.route(order, state: state, now: instant)
            state.apply(decision)
            for shipment in decision.shipments {
                for line in shipment.lines { taken[shipment.node, default: [:]][line.sku, default: 0] += line.quantity }
            }
            recorded.append(
                RecordedPO(
                    id: Int64(index + 1), retailer: order.retailer!, receivedAt: instant, decidedAt: instant,
                    order: order, figures: DecisionFigures(decision), digest: decision.digest ?? "",
                    inputs: inputs, feesAvoided: nil, feesIncurred: nil))
        }
        return recorded
    }
}
