public import Foundation
public import Orders
public import Profiles

extension Scorecard {
    /// The scorecard of `month` from POs the store counted in groups (`groups`) and the rest one by one (`orders`):
    /// equal to `compute` over every PO of the groups and `orders` (each group counts as its POs would; money sums
    /// are exact, so a fee times a count is the fee added that many times).
    public static func compute(
        _ groups: some Sequence<ScorecardGroup>, orders: some Sequence<ScorecardOrder>, profiles: [RetailerProfile],
        month: ScorecardMonth, asOf: Date
    ) -> Scorecard {
        var tallies: [RetailerID: RetailerTally] = [:]
        for profile in profiles { tallies[profile.id] = RetailerTally(profile: profile, month: month, asOf: asOf) }
        for group in groups { tallies[group.retailer]?.add(group) }
        for order in orders { tallies[order.retailer]?.add(order) }
        let retailers = tallies.keys.sorted().compactMap { tallies[$0]?.scorecard() }
        return Scorecard(month: month.description, asOf: asOf, retailers: retailers)
    }
}

extension RetailerTally {
    /// `add(_:)` of each PO of `group`: a plain PO counts for its decision's nodes, ships (if at all) from its
    /// one node, and was cancelled only by its first decision.
    mutating func add(_ group: ScorecardGroup) {
        let count = group.orders
        // `ScorecardOrder.countedNodes` of a PO with no shipment but from its one node and no floor cancel.
        let counted = group.nodes.count <= 1 ? group.nodes : Set(group.nodes).sorted()
        if let day = group.receivedDay, days.indices.contains(day) {
            addReceived(group, day: day, nodes: counted)
        }
        if let day = group.shipByDay, days.indices.contains(day), let verdict = group.shipVerdict {
            countShip(verdict, day: day, orders: count, units: group.units, nodes: counted)
        }
        if let day = group.asnDay, days.indices.contains(day), let verdict = group.asnVerdict {
            countASN(verdict, day: day, shipments: count, units: group.units, nodes: counted)
        }
        if group.shipped, let node = group.nodes.first {
            countShipments(count, compliant: count, node: node)
        }
    }

    private mutating func addReceived(_ group: ScorecardGroup, day: Int, nodes counted: [DCID]) {
        let count = group.orders
        total.orders += count
        total.units += group.units
        if group.cancelledOrders > 0 {
            total.cancelledOrders += group.cancelledOrders
            total.cancelledUnits += group.cancelledUnits
            if cancelFee != nil {
                days[day].feesIncurred.add(
                    cost(cancelFee, orders: group.cancelledOrders, units: group.cancelledUnits))
            }
        }
        let reroutes = group.outcome == .reroute ? count : 0
        total.reroutes += reroutes
        let avoided = group.feesAvoided?.multiplied(by: Decimal(count))
        if let avoided {
            total.feesAvoided.add(avoided)
            days[day].feesAvoided.add(avoided)
        }
        for node in counted {
            var figures = nodes[node] ?? zeroFigures
            figures.orders += count
            figures.units += group.units
            if group.cancelledOrders > 0 {
                figures.cancelledOrders += group.cancelledOrders
                figures.cancelledUnits += group.cancelledUnits
            }
            figures.reroutes += reroutes
            if let avoided { figures.feesAvoided.add(avoided) }
            nodes[node] = figures
            days[day].unitsByNode[node, default: 0] += group.units
            days[day].cancelledUnitsByNode[node, default: 0] += group.cancelledUnits
        }
    }
}
