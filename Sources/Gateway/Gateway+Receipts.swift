public import Foundation
import Logging
public import Orders
import Profiles
public import Routing
public import Store

/// What receiving stock did: the waiting orders it released to the warehouse, in the order they were decided
/// again, and those still waiting for the received SKUs.
public struct ReceiptReport: Hashable, Sendable {
    /// A waiting order decided again with the received stock: its new decision's outcome and nodes.
    public struct Released: Hashable, Sendable {
        public var order: OrderID
        public var retailer: RetailerID
        public var poNumber: PONumber
        public var outcome: DecisionOutcome
        public var nodes: [DCID]
    }

    public var released: [Released] = []
    /// Waiting orders for the received SKUs that the stock does not cover yet, in ship-by order.
    public var waiting: [OrderID] = []
    /// Outbound files written to the output folder (855s, pick tickets, explanations).
    public var written: [URL] = []
}

extension Gateway {
    /// Receives stock and releases the orders waiting for it. The store moves the received units on hand (out of
    /// what was due, earliest first); then every open order whose decision is `backorder` and that orders a
    /// received SKU is decided again with the fresh stock, earliest ship-by first (the order's id breaks a tie),
    /// and put in place of its waiting version in one transaction (`RepeatedOrderStore.replace`): its
    /// reservations, capacity, pick tickets and answer (an 855 accept) together. The first order the stock no
    /// longer covers keeps waiting, and so does every order after it, so that no later deadline jumps an earlier
    /// one.
    public func receive(_ receipts: [StockReceipt], at now: Date) async throws(StoreError) -> ReceiptReport {
        try await store.receive(receipts)
        var report = ReceiptReport()
        let received = Set(receipts.map(\.sku))
        let catalog = profiles.catalog
        var candidates: [(summary: OrderSummary, floor: FloorOrder)] = []
        for summary in try await store.orders(OrderFilter(outcome: .backorder)) {
            guard let floor = try await store.floorOrder(summary.id), floor.state == .open else { continue }
            let skus = floor.order.lines.compactMap(catalog.sku(of:))
            if skus.contains(where: received.contains) { candidates.append((summary, floor)) }
        }
        candidates.sort {
            ($0.summary.shipBy ?? .distantFuture, $0.summary.id.rawValue)
                < ($1.summary.shipBy ?? .distantFuture, $1.summary.id.rawValue)
        }
        var stopped = false
        for (summary, floor) in candidates {
            if !stopped, let released = try await release(summary, floor, at: now, report: &report) {
                report.released.append(released)
            } else {
                stopped = true
                report.waiting.append(summary.id)
            }
        }
        logger.info(
            "stock received",
            metadata: ["released": "\(report.released.count)", "waiting": "\(report.waiting.count)"])
        return report
    }

    /// Decides a waiting order again on the figures of the moment and replaces it when every line now ships; nil
    /// when it still cannot (it keeps waiting) or the order moved on under it too often.
    private func release(
        _ summary: OrderSummary, _ floor: FloorOrder, at now: Date, report: inout ReceiptReport
    ) async throws(StoreError) -> ReceiptReport.Released? {
        guard let profile = profiles[floor.retailer], let document = summary.documentID else { return nil }
        let switches = try await store.nodeSwitches()
        let routers = switchedRouters.routers(for: switches, profiles: profiles) ?? self.routers
        let router =
            routers[profile.id] ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
        for _ in 0..<maximumAttempts {
            guard let recorded = try await store.recordedOrders([floor.id], for: document)[floor.id],
                recorded.state == .open
            else { return nil }
            let stocked = try await stockedSnapshot(for: [floor.order], at: now, deciding: floor.id)
            var state = stocked.state
            let claims = giveBack(recorded, for: floor.order, to: &state, at: now)
            let decision = router.route(floor.order, state: state, now: now)
            guard !decision.shipments.isEmpty, decision.cancelledLines.isEmpty else { return nil }
            let tickets = pickTickets(floor.order, decision, profile: profile, positions: stocked.positions)
            let commit = makeCommit(
                floor.order, decision, tickets: tickets, profile: profile, document: document, at: now)
            switch try await store.replace(
                OrderReplacement(
                    replacing: floor.id, version: recorded.version, position: 0, commit: commit, released: claims,
                    note: "stock received: released from backorder"))
            {
            case .replaced(let id, let entries):
                report.written += write(entries, retailer: profile.id)
                return ReceiptReport.Released(
                    order: id, retailer: profile.id, poNumber: floor.order.poNumber, outcome: decision.outcome,
                    nodes: decision.shipments.map(\.node))
            case .refused:
                return nil
            case .conflict(let why):
                logger.debug(
                    "release lost a race; deciding again",
                    metadata: ["po": "\(floor.order.poNumber)", "why": "\(why)"])
            }
        }
        return nil
    }

    /// Stock due at the nodes, less what orders already waiting for it were promised (`BackorderedLine.awaiting`
    /// in their recorded decisions): what a new order may still wait for. The order being decided again
    /// (`deciding`) counts its own promise as free.
    func unpromisedInbound(of skus: Set<SKU>, except deciding: OrderID? = nil) async throws(StoreError)
        -> InboundStock
    {
        let rows = try await store.inbound(of: skus)
        var inbound = InboundStock(rows)
        guard !rows.isEmpty else { return inbound }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let backordered = try await store.orders(OrderFilter(outcome: .backorder))
        // Only orders still waiting hold a promise: one the retailer cancelled since holds none.
        let states = try await store.recordedOrders(backordered.map(\.id), for: DocumentID(0))
        for summary in backordered where states[summary.id]?.state == .open && summary.id != deciding {
            guard let waiting = try? decoder.decode(WaitingLines.self, from: Data(summary.explanationJSON.utf8))
            else { continue }
            for line in waiting.backorderedLines where skus.contains(line.sku) {
                if let awaiting = line.awaiting { inbound.take(awaiting, of: line.sku, at: line.node) }
            }
        }
        return inbound
    }

    /// The part of a recorded decision that says what it waits for.
    private struct WaitingLines: Decodable {
        var backorderedLines: [BackorderedLine]
    }
}
