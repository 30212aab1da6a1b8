import Foundation
import Orders
import Profiles

/// Where an order no candidate can ship waits, under a profile that allows backorders (`fulfilment.backorder`).
///
/// With no stock of the order's SKUs known to be on its way, every line waits at the first candidate that passes
/// its general checks until the end of the profile's window (the behaviour before inbound stock was known). With
/// inbound stock known, the order waits at the candidate (in rank order, among those that pass their general
/// checks) whose inbound stock covers every line earliest, beyond what its on-hand stock covers; the lines wait
/// until that due day, which must fall within the window, else the order is cancelled as out of stock. A waiting
/// order's ship-by is the profile's SLA counted from the start of that due day.
extension DecisionBuilder {
    enum Wait {
        /// Every line waits at `node` until `until`; `awaiting` is each line's units of inbound stock, nil when none
        /// is known.
        case wait(node: DCID, until: CalendarDate, awaiting: [Int]?)
        /// Stock is on its way, but none covers the order by `latest`: `earliest` is the day some node's would.
        case tooLate(InboundLate)
    }

    /// Why a backorder with stock on its way is cancelled: the last day the profile lets it wait, and the first day
    /// a candidate's inbound stock would cover it (nil when none ever does).
    struct InboundLate: Hashable, Sendable {
        var latest: CalendarDate
        var earliest: CalendarDate?
    }

    /// How the order waits, or nil when no candidate passes its general checks (it is cancelled as before).
    static func wait(
        _ lines: [ResolvedLine], candidates: ArraySlice<NodeAssessment>, state: NetworkState, latest: CalendarDate
    ) -> Wait? {
        let eligible = candidates.filter(\.generalOK)
        guard let first = eligible.first else { return nil }
        guard lines.contains(where: { state.inbound.hasArrivals(of: $0.sku) }) else {
            return .wait(node: first.id, until: latest, awaiting: nil)
        }
        var best: (node: DCID, day: CalendarDate, awaiting: [Int])?
        for candidate in eligible {
            // On-hand stock goes to the lines in order; the rest is what must arrive.
            var onHand: [SKU: Int] = [:]
            var awaiting: [Int] = []
            var needed: [SKU: Int] = [:]
            for line in lines {
                let left = onHand[line.sku] ?? state.stock.available(line.sku, at: candidate.id)
                let fromStock = min(left, line.quantity)
                onHand[line.sku] = left - fromStock
                awaiting.append(line.quantity - fromStock)
                needed[line.sku, default: 0] += line.quantity - fromStock
            }
            var day: CalendarDate?
            var covered = true
            for (sku, quantity) in needed where quantity > 0 {
                guard let due = state.inbound.day(covering: quantity, of: sku, at: candidate.id) else {
                    covered = false
                    break
                }
                day = max(day ?? due, due)
            }
            // A node whose stock already covers the order but cannot ship it waits for nothing that is coming.
            guard covered, let day else { continue }
            if best.map({ day < $0.day }) ?? true { best = (candidate.id, day, awaiting) }
        }
        guard let best, best.day <= latest else {
            return .tooLate(InboundLate(latest: latest, earliest: best?.day))
        }
        return .wait(node: best.node, until: best.day, awaiting: best.awaiting)
    }

    /// `deadlines` with ship-by counted by the profile's SLA from the start of `day` (the inbound stock's due day,
    /// in the profile's zone); the acknowledgement deadline stays the receipt's.
    static func deadlines(
        _ deadlines: Deadlines, waitingUntil day: CalendarDate, order: PurchaseOrder, tables: RoutingTables
    ) -> Deadlines {
        let from = DeadlineCalculator.deadlines(
            for: order, profile: tables.profile, now: day.start(in: tables.profileZone), zone: tables.profileZone)
        var moved = deadlines
        moved.shipBy = max(deadlines.shipBy, from.shipBy)
        moved.shipByDay = max(deadlines.shipByDay, from.shipByDay)
        moved.basis = "inbound stock due \(day): " + from.basis
        return moved
    }
}
