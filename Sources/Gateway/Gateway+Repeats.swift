import Foundation
import Logging
import Orders
import Profiles
import Routing
import Store

/// A PO waiting to be decided: its place among the POs being decided (an index of their origins and results), the
/// order, and the profile that claims it.
typealias WaitingOrder = (index: Int, order: PurchaseOrder, profile: RetailerProfile)

extension Gateway {
    /// POs recorded before, each with the order it repeats. One from this very document (a document finished after
    /// a crash), or from a document with the same bytes (a redelivery), is already done. Any other follows its
    /// profile's duplicate policy: refused (recorded against the first order, answered only with the profile's
    /// duplicate code), or, under `replace` while the first order is open, decided afresh with the first one's stock
    /// and capacity given back and committed in its place (one transaction a repeat: repeats are rare, so they are
    /// not group-committed). Returns the repeats whose replacement lost a race, to be handled again with fresh
    /// figures.
    func handleRepeats(
        _ repeats: [(entry: WaitingOrder, earlier: OrderID)], from origins: [OrderOrigin],
        routers: [RetailerID: Router], results: inout [OrderReport?], reports: inout [DocumentReport]
    ) async throws(StoreError) -> [WaitingOrder] {
        var again: [WaitingOrder] = []
        // Asked a document at a time: what a recorded order is to a repeat depends on the repeat's own document.
        for group in Dictionary(grouping: repeats, by: { origins[$0.entry.index].report }).sorted(by: {
            $0.key < $1.key
        }) {
            let origin = origins[group.value[0].entry.index]
            again += try await handleRepeats(
                group.value, document: origin.document, at: origin.receivedAt, origins: origins, routers: routers,
                results: &results, report: &reports[group.key])
        }
        return again.sorted { $0.index < $1.index }
    }

    /// `handleRepeats(_:from:routers:results:reports:)` for the repeats of one document.
    private func handleRepeats(
        _ repeats: [(entry: WaitingOrder, earlier: OrderID)], document: DocumentID, at now: Date,
        origins: [OrderOrigin], routers: [RetailerID: Router], results: inout [OrderReport?],
        report: inout DocumentReport
    ) async throws(StoreError) -> [WaitingOrder] {
        let recorded = try await store.recordedOrders(repeats.map(\.earlier), for: document)
        var again: [WaitingOrder] = []
        for (entry, earlier) in repeats {
            let (index, order, profile) = entry
            let position = origins[index].position
            // This very document finished after a crash, or the same bytes delivered again: nothing new.
            guard let first = recorded[earlier], first.documentID != document, !first.sameBytes else {
                results[index] = OrderReport(
                    retailer: profile.id, poNumber: order.poNumber, result: .duplicate(of: earlier))
                continue
            }
            var refusal = "policy reject"
            if profile.orders.duplicates == .replace {
                guard first.state == .open else {
                    refusal = "policy replace, but the first order is \(first.state.rawValue)"
                    try await refuseRepeat(
                        entry, position: position, repeating: first, why: refusal, document: document, at: now,
                        results: &results, report: &report)
                    continue
                }
                switch try await replace(
                    first, with: entry, position: position, document: document, at: now, routers: routers,
                    report: &report)
                {
                case .replaced(let decision):
                    results[index] = OrderReport(
                        retailer: profile.id, poNumber: order.poNumber, result: .decided(decision))
                    continue
                case .refused(let state):
                    refusal = "policy replace, but the first order is \(state.rawValue)"
                case .lost:
                    again.append(entry)
                    continue
                }
            }
            try await refuseRepeat(
                entry, position: position, repeating: first, why: refusal, document: document, at: now,
                results: &results, report: &report)
        }
        return again
    }

    /// Records a repeat as refused, answering it only when the profile maps a `duplicate-order` reason code and
    /// takes rejects: an 855 reject names the PO number, so without a code of its own the retailer would read it as
    /// rejecting the first order.
    private func refuseRepeat(
        _ entry: WaitingOrder, position: Int, repeating first: RecordedOrder, why: String, document: DocumentID,
        at now: Date, results: inout [OrderReport?], report: inout DocumentReport
    ) async throws(StoreError) {
        let (index, order, profile) = entry
        let answer = OrderAnswer(rejecting: order, reason: .duplicateOrder)
        let answers =
            profile.reasonCodes.codes[.duplicateOrder] != nil && answer.isWanted(by: profile)
            && (order.source.format != .x12 || profile.documents.expects.contains(.x855))
        let code = profile.reasonCodes.code(for: .duplicateOrder)
        let interchange = order.interchangeKey.map { " (interchange \($0))" } ?? ""
        let detail =
            "PO \(order.poNumber) sent again in document \(document)\(interchange): refused as a duplicate (\(why)); "
            + (answers ? "answered with a reject, code \(code)" : "not answered (no duplicate-order reason code)")
        let entries = try await store.recordRepeat(
            OrderRepeat(
                order: first.id, document: document, position: position, at: now, detail: detail,
                outbound: answers ? [answerDraft(answer, order: order, profile: profile, at: now)] : []))
        report.written += write(entries, retailer: profile.id)
        report.notes.append("\(report.origin): PO \(order.poNumber): \(detail)")
        results[index] = OrderReport(retailer: profile.id, poNumber: order.poNumber, result: .duplicate(of: first.id))
    }

    enum Replacement {
        case replaced(RoutingDecision)
        case refused(OrderState)
        /// Another process took the stock or capacity, or changed the order, first.
        case lost
    }

    /// Decides the repeat as if the first order had never taken anything (its stock and today's capacity given back
    /// in the snapshot) and asks the store to put it in the first one's place.
    private func replace(
        _ first: RecordedOrder, with entry: WaitingOrder, position: Int, document: DocumentID, at now: Date,
        routers: [RetailerID: Router], report: inout DocumentReport
    ) async throws(StoreError) -> Replacement {
        let (_, order, profile) = entry
        let stocked = try await stockedSnapshot(for: [order], at: now, deciding: first.id)
        var state = stocked.state
        let claims = giveBack(first, for: order, to: &state, at: now)
        let router =
            routers[profile.id] ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
        let decision = router.route(order, state: state, now: now)
        let tickets = pickTickets(order, decision, profile: profile, positions: stocked.positions)
        let commit = makeCommit(order, decision, tickets: tickets, profile: profile, document: document, at: now)
        let result = try await store.replace(
            OrderReplacement(
                replacing: first.id, version: first.version, position: position, commit: commit, released: claims))
        switch result {
        case .replaced(let id, let entries):
            report.written += write(entries, retailer: profile.id)
            appendCSV(tickets, report: &report)
            report.notes.append(
                "\(report.origin): PO \(order.poNumber): sent again; replaces order \(id) (version \(first.version)), "
                    + "decided afresh")
            return .replaced(decision)
        case .refused(let state):
            return .refused(state)
        case .conflict(let why):
            logger.debug(
                "replacement lost a race; deciding again", metadata: ["po": "\(order.poNumber)", "why": "\(why)"])
            return .lost
        }
    }
}

extension Gateway {
    /// Gives a recorded order's stock and capacity back in `state`, as if it had never taken them (a replacement or a
    /// change decides it afresh): its reservations added to what is available, and, on the day it was decided, one
    /// order and its units per node taken off the node's usage when that day is today there. Returns the capacity
    /// claims the store releases when the new version is committed.
    func giveBack(_ first: RecordedOrder, for order: PurchaseOrder, to state: inout NetworkState, at now: Date)
        -> [CapacityClaim]
    {
        // The first order's reservations are in what the store stocks (a kit's components): the kits `order` asks
        // for are worked out again from them.
        let kits = KitStock(catalog: profiles.catalog, skus: orderedSKUs([order]))
        var released: [DCID: (orders: Int, units: Int)] = [:]
        for reservation in first.reservations {
            kits.giveBack(reservation.quantity, of: reservation.sku, at: reservation.node, in: &state.stock)
            released[reservation.node, default: (1, 0)].units += reservation.quantity
        }
        let claims = released.sorted { $0.key < $1.key }.compactMap { node, taken -> CapacityClaim? in
            guard let info = profiles.network.node(node) else { return nil }
            return CapacityClaim(
                node: node, day: CalendarDate(first.decidedAt, in: info.timeZone), orders: taken.orders,
                units: taken.units, maximumOrders: info.capacity.orders, maximumUnits: info.capacity.units)
        }
        for claim in claims
        where profiles.network.node(claim.node).map({ CalendarDate(now, in: $0.timeZone) }) == claim.day {
            state.usage[claim.node, default: DailyUsage()].orders -= claim.orders
            state.usage[claim.node, default: DailyUsage()].units -= claim.units
        }
        return claims
    }
}
