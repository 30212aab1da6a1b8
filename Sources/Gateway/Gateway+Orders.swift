import Feeds
import Foundation
import Logging
import Operations
import OrderX12
import OrderXML
import Orders
import Profiles
import Routing
import Store
import X12

extension Gateway {
    /// Decides `orders` against stock and capacity as committed in the store and commits each decision with
    /// everything it produces, a batch at a time (one transaction, a group commit): within a batch each order is
    /// decided on the figures its predecessors left, as if committed one by one. An order whose plan lost a race
    /// to another process is decided again with fresh figures; one that keeps losing leaves its document pending
    /// for a later run rather than being decided on stale figures. Reports come back in the orders' order.
    func decide(_ orders: [PurchaseOrder], document: DocumentID, at now: Date, report: inout DocumentReport) async
        -> [OrderReport]
    {
        let origins = orders.indices.map { OrderOrigin(document: document, receivedAt: now, position: $0, report: 0) }
        var reports = [report]
        defer { report = reports[0] }
        return await decide(orders, from: origins, reports: &reports)
    }

    /// `decide(_:document:at:report:)` for the POs of several documents at once (`origins[i]` says where
    /// `orders[i]` came from, and which of `reports` hears of it): one snapshot and one commit a batch whatever
    /// document each PO came in, each PO decided at its own document's instant. The documents' instants must fall
    /// on the same calendar day at every node (capacity is read for that day); `process(keptBatch:)` sees to it.
    func decide(_ orders: [PurchaseOrder], from origins: [OrderOrigin], reports: inout [DocumentReport]) async
        -> [OrderReport]
    {
        var results: [OrderReport?] = Array(repeating: nil, count: orders.count)
        var waiting: [(index: Int, order: PurchaseOrder, profile: RetailerProfile)] = []
        for (index, order) in orders.enumerated() {
            guard let profile = profiles.profile(for: order) else {
                let sender = order.source.senderID.map(\.description) ?? "an unnamed sender"
                let report = origins[index].report
                reports[report].problems.append(
                    "\(reports[report].origin): PO \(order.poNumber): no retailer profile claims \(sender)")
                results[index] = OrderReport(retailer: nil, poNumber: order.poNumber, result: .unknownPartner(sender))
                continue
            }
            var order = order
            order.retailer = profile.id
            waiting.append((index, order, profile))
        }
        // What each profile's run of decisions reuses (deadlines, stock tables, landed costs): kept across batches.
        var scratches: [RetailerID: RoutingScratch] = [:]
        var start = 0
        while start < waiting.count {
            let batch = Array(waiting[start..<min(start + batchSize, waiting.count)])
            start += batchSize
            var pending = batch
            var lastConflict = ""
            for _ in 0..<maximumAttempts where !pending.isEmpty {
                do {
                    // The store's node switches, once a round: routing sees them as part of the network.
                    let switches = try await store.nodeSwitches()
                    let routers = switchedRouters.routers(for: switches, profiles: profiles) ?? self.routers
                    // POs recorded already are not decided again: deciding them would count their stock twice
                    // for the POs after them in the batch. A repeat from another document follows its profile's
                    // duplicate policy, before the rest is decided (a replacement gives stock back).
                    let known = try await store.recorded(pending.map { OrderKey($0.order, retailer: $0.profile.id) })
                    var sentAgain: [(entry: WaitingOrder, earlier: OrderID)] = []
                    pending = pending.filter { entry in
                        guard let earlier = known[OrderKey(entry.order, retailer: entry.profile.id)] else {
                            return true
                        }
                        sentAgain.append((entry, earlier))
                        return false
                    }
                    let repeatsAgain = try await handleRepeats(
                        sentAgain, from: origins, routers: routers, results: &results, reports: &reports)
                    guard let first = pending.first else {
                        pending = repeatsAgain
                        continue
                    }
                    let snapshot = try await stockedSnapshot(
                        for: pending.map(\.order), at: origins[first.index].receivedAt)
                    var state = snapshot.state
                    let kits = KitStock(catalog: profiles.catalog, skus: orderedSKUs(pending.map(\.order)))
                    // What each decision reads is kept with it: the batch's takes so far, in stocked SKUs.
                    var taken: [DCID: [SKU: Int]] = [:]
                    let nodes = profiles.network.nodes.map(\.id)
                    var decided:
                        [(
                            entry: (index: Int, order: PurchaseOrder, profile: RetailerProfile),
                            decision: RoutingDecision, tickets: [PickTicket], inputs: DecisionInputs
                        )] = []
                    // A PO twice in one batch is decided once; the second is a duplicate of the first.
                    var firstInBatch: [OrderKey: Int] = [:]
                    var repeats: [(entry: (index: Int, order: PurchaseOrder, profile: RetailerProfile), first: Int)] =
                        []
                    for entry in pending {
                        let key = OrderKey(entry.order, retailer: entry.profile.id)
                        if let first = firstInBatch[key] {
                            repeats.append((entry, first))
                            continue
                        }
                        firstInBatch[key] = entry.index
                        let router =
                            routers[entry.profile.id]
                            ?? Router(profile: entry.profile, network: profiles.network, catalog: profiles.catalog)
                        let inputs = DecisionInputs(
                            state: state, skus: routedSKUs(entry.order), nodes: nodes,
                            stocked: { node, sku in
                                snapshot.positions[node]?[sku].map {
                                    .init(
                                        onHand: $0.onHand, safetyStock: $0.safetyStock,
                                        surplus: $0.onHand - $0.reserved - $0.safetyStock - (taken[node]?[sku] ?? 0))
                                }
                            }, switches: switches)
                        let decision = router.route(
                            entry.order, state: state, now: origins[entry.index].receivedAt,
                            scratch: &scratches[entry.profile.id, default: RoutingScratch()])
                        state.apply(decision)
                        kits.settle(decision, in: &state.stock)
                        for shipment in decision.shipments {
                            for line in shipment.lines {
                                for (sku, quantity) in profiles.catalog.expanded(line.sku, quantity: line.quantity) {
                                    taken[shipment.node, default: [:]][sku, default: 0] += quantity
                                }
                            }
                        }
                        let tickets = pickTickets(
                            entry.order, decision, profile: entry.profile, positions: snapshot.positions)
                        decided.append((entry, decision, tickets, inputs))
                    }
                    // Deciding is sequential (each order sees its predecessors' stock); rendering what each one
                    // keeps and sends is not, and is most of the work: it runs on every core.
                    let gateway = self
                    let commits = await Self.concurrentMap(decided) { item in
                        let origin = origins[item.entry.index]
                        return gateway.makeCommit(
                            item.entry.order, item.decision, tickets: item.tickets, profile: item.entry.profile,
                            document: origin.document, at: origin.receivedAt, inputs: item.inputs)
                    }
                    let outcomes = try await store.commit(batch: commits)
                    var lost: [(index: Int, order: PurchaseOrder, profile: RetailerProfile)] = repeatsAgain
                    for (item, outcome) in zip(decided, outcomes) {
                        let (entry, decision, tickets, _) = item
                        switch outcome {
                        case .committed(_, let entries):
                            let report = origins[entry.index].report
                            reports[report].written += write(entries, retailer: entry.profile.id)
                            appendCSV(tickets, report: &reports[report])
                            results[entry.index] = OrderReport(
                                retailer: entry.profile.id, poNumber: entry.order.poNumber, result: .decided(decision))
                        case .duplicate(let earlier, true):
                            results[entry.index] = OrderReport(
                                retailer: entry.profile.id, poNumber: entry.order.poNumber,
                                result: .duplicate(of: earlier))
                        case .duplicate:
                            // Another process recorded the PO from another document first: next round, this one
                            // is a repeat of it and follows the duplicate policy.
                            lost.append(entry)
                        case .conflict(let why):
                            lastConflict = why
                            lost.append(entry)
                        }
                    }
                    for (entry, first) in repeats {
                        if case .decided = results[first]?.result,
                            case .committed(let id, _) = zip(decided, outcomes).first(where: {
                                $0.0.entry.index == first
                            })?.1
                        {
                            results[entry.index] = OrderReport(
                                retailer: entry.profile.id, poNumber: entry.order.poNumber, result: .duplicate(of: id))
                        } else {
                            // Its first was not committed this round: it is decided again with it.
                            lost.append(entry)
                        }
                    }
                    if !lost.isEmpty {
                        logger.debug("plans lost a race; deciding again", metadata: ["orders": "\(lost.count)"])
                    }
                    pending = lost.sorted { $0.index < $1.index }
                } catch  where error.code == .busy {
                    // Another writer held the store past its wait (or a deadlock was broken): nothing of this
                    // round was written; decide it again, as after a lost race.
                    lastConflict = "\(error)"
                    logger.debug("store busy; deciding again", metadata: ["orders": "\(pending.count)"])
                } catch {
                    for entry in pending {
                        let report = origins[entry.index].report
                        reports[report].problems.append(
                            "\(reports[report].origin): PO \(entry.order.poNumber): not recorded, nothing promised: "
                                + "\(error)")
                        reports[report].leavePending = true
                        results[entry.index] = OrderReport(
                            retailer: entry.profile.id, poNumber: entry.order.poNumber,
                            result: .notProcessed(reasons: ["\(error)"]))
                    }
                    pending = []
                }
            }
            for entry in pending {
                let why =
                    "stock or capacity changed under it \(maximumAttempts) times (last: \(lastConflict)); left pending"
                let report = origins[entry.index].report
                reports[report].problems.append("\(reports[report].origin): PO \(entry.order.poNumber): \(why)")
                reports[report].leavePending = true
                results[entry.index] = OrderReport(
                    retailer: entry.profile.id, poNumber: entry.order.poNumber, result: .notProcessed(reasons: [why]))
            }
            progress?(min(start, waiting.count), waiting.count)
        }
        return results.compactMap { $0 }
    }

    /// Answers a readable PO whose set was rejected with an 855 reject, when its retailer takes rejects or
    /// cancels: once per set (the outbox key), and without recording the PO, which the retailer sends again
    /// corrected.
    func refuse(_ order: PurchaseOrder, document: DocumentID, at now: Date, report: inout DocumentReport) async {
        guard let profile = profiles.profile(for: order), let key = order.interchangeKey else { return }
        let answer = OrderAnswer(rejecting: order, reason: .invalidDocument)
        guard answer.isWanted(by: profile), profile.documents.expects.contains(.x855) else { return }
        do {
            let entries = try await store.enqueue(
                [answerDraft(answer, order: order, profile: profile, at: now)], inReplyTo: document,
                key: "855 refusing \(key) set \(order.source.setControl ?? "-")")
            report.written += write(entries, retailer: profile.id)
        } catch {
            report.problems.append("\(report.origin): PO \(order.poNumber): reject not sent: \(error)")
        }
    }

    /// The catalog's SKUs the orders' lines ask for (by SKU, or by GTIN).
    func orderedSKUs(_ orders: [PurchaseOrder]) -> Set<SKU> {
        Set(orders.flatMap(\.lines).compactMap(profiles.catalog.sku(of:)))
    }

    /// What routing reads of the stock to decide `order`, sorted: the SKUs its lines ask for, and the kits'
    /// components that lines of different SKUs share (`ItemCatalog.sharedStock(of:)`), which it checks together.
    func routedSKUs(_ order: PurchaseOrder) -> [SKU] {
        let skus = order.lines.compactMap(profiles.catalog.sku(of:))
        return Set(skus).union(profiles.catalog.sharedStock(of: skus).map(\.sku)).sorted()
    }

    /// Stock and capacity as committed: available (on hand − reserved − safety) of the order's items at every node,
    /// what each node has taken on its own calendar day, and the stock due that no waiting order was promised. A
    /// kit's figure is derived from its components' (`KitStock`): the store holds components only.
    ///
    /// `deciding` names a recorded order being decided again (a change, a receipt): what it was promised of the
    /// stock due is its own again.
    ///
    /// Beside the state, the store's rows of each stocked item at each node it was made from: their figures (what a
    /// decision's inputs keep) and bins (what its pick tickets name), from the one read.
    func stockedSnapshot(for orders: [PurchaseOrder], at now: Date, deciding: OrderID? = nil)
        async throws(StoreError) -> (state: NetworkState, positions: [DCID: [SKU: InventoryPosition]])
    {
        let skus = orderedSKUs(orders)
        var stock = Stock()
        var positions: [DCID: [SKU: InventoryPosition]] = [:]
        for position in try await store.inventory(of: KitStock.stockedSKUs(for: skus, catalog: profiles.catalog)) {
            stock.set(position.available, of: position.sku, at: position.node)
            positions[position.node, default: [:]][position.sku] = position
        }
        KitStock(catalog: profiles.catalog, skus: skus).derive(in: &stock)
        var usage: [DCID: DailyUsage] = [:]
        let days = Dictionary(grouping: profiles.network.nodes) { CalendarDate(now, in: $0.timeZone) }
        for (day, nodes) in days {
            let used = try await store.capacityUsed(on: day)
            for node in nodes {
                if let use = used[node.id] { usage[node.id] = DailyUsage(orders: use.orders, units: use.units) }
            }
        }
        let state = NetworkState(
            stock: stock, usage: usage, inbound: try await unpromisedInbound(of: skus, except: deciding))
        return (state, positions)
    }

    /// The order, its decision, reservations and capacity claims, and the documents it produces: the answer when
    /// the profile wants one, a pick ticket per shipment, and the explanation.
    func makeCommit(
        _ order: PurchaseOrder, _ decision: RoutingDecision, tickets: [PickTicket], profile: RetailerProfile,
        document: DocumentID, at now: Date, inputs: DecisionInputs? = nil
    ) -> OrderCommit {
        var reservations: [Reservation] = []
        var perNode: [DCID: (orders: Int, units: Int)] = [:]
        for shipment in decision.shipments {
            // Reserved in what the store stocks: a kit line reserves its components, from the pool they share with
            // the same components sold alone or in other kits.
            for line in shipment.lines {
                for (sku, quantity) in profiles.catalog.expanded(line.sku, quantity: line.quantity) {
                    if let index = reservations.firstIndex(where: { $0.node == shipment.node && $0.sku == sku }) {
                        reservations[index].quantity += quantity
                    } else {
                        reservations.append(Reservation(node: shipment.node, sku: sku, quantity: quantity))
                    }
                }
            }
            perNode[shipment.node, default: (0, 0)].orders = 1
            perNode[shipment.node, default: (0, 0)].units += shipment.units
        }
        let capacity = perNode.sorted { $0.key < $1.key }.compactMap { node, taken -> CapacityClaim? in
            guard let info = profiles.network.node(node) else { return nil }
            return CapacityClaim(
                node: node, day: CalendarDate(now, in: info.timeZone), orders: taken.orders, units: taken.units,
                maximumOrders: info.capacity.orders, maximumUnits: info.capacity.units)
        }
        var outbound: [OutboundDraft] = []
        let answer = OrderAnswer(order: order, decision: decision)
        if answer.isWanted(by: profile) {
            outbound.append(answerDraft(answer, order: order, profile: profile, at: now))
        }
        for ticket in tickets {
            // Rendered now, outside the store's write lock; an encoding failure shows when the outbox row is written.
            let json = Result { try ticket.outboxJSON() }
            outbound.append(
                OutboundDraft(kind: .pickTicket, partner: ticket.node.rawValue, name: "\(ticket.id).json") { _ in
                    try json.get()
                })
        }
        // The explanation is kept twice, as text and inside the decision's JSON: its sentences are written once.
        let written = decision.written()
        let text = Array((written.renderText(verbose: true) + "\n").utf8)
        outbound.append(
            OutboundDraft(kind: .explanation, partner: profile.id.rawValue, name: "\(profile.id)-\(order.poNumber).txt")
            {
                _ in text
            })
        let json = (try? written.recordJSON()) ?? "{}"
        return OrderCommit(
            order: order, retailer: profile.id, documentID: document, receivedAt: now,
            decision: DecisionRecord(
                outcome: decision.outcome, nodes: decision.shipments.map(\.node),
                acknowledgeBy: decision.deadlines?.acknowledgeBy, shipBy: decision.deadlines?.shipBy, decidedAt: now,
                explanationJSON: json),
            reservations: reservations, capacity: capacity, outbound: outbound,
            original: inputs.map { OriginalDecision(order, decision, json: json, inputs: $0) })
    }

    /// The 855 or cXML ConfirmationRequest answering `order`, numbered when committed.
    func answerDraft(_ answer: OrderAnswer, order: PurchaseOrder, profile: RetailerProfile, at now: Date)
        -> OutboundDraft
    {
        switch order.source.format {
        case .x12:
            let acknowledgement = answer.x12Acknowledgement(
                date: CalendarDate(now, in: profile.timeZone), rules: profile.documents.acknowledgement,
                reasonCodes: profile.reasonCodes)
            return x12Draft(
                .purchaseOrderAcknowledgement, name: "855-\(order.poNumber).x12", order: order, profile: profile,
                at: now
            ) { format, timestamp, counter in
                try order.acknowledgementInterchange(
                    acknowledgement, timestamp: timestamp, format: format, counter: &counter)
            }
        case .cXML, .mappedXML:
            let envelope = cXMLEnvelope(order, profile: profile, payload: order.poNumber.rawValue, at: now)
            let xml = CXMLWriter().makeConfirmationRequest(
                for: order,
                confirmation: answer.confirmation(noticeDate: now, order: order, reasonCodes: profile.reasonCodes),
                envelope: envelope)
            return OutboundDraft(
                kind: .cXMLConfirmation, partner: profile.id.rawValue, name: "confirmation-\(order.poNumber).xml"
            ) { _ in Array(xml.utf8) }
        }
    }
}

extension Gateway {
    /// `transform` of each item, in order, on as many tasks as there are cores.
    static func concurrentMap<Item: Sendable, Value: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Value
    ) async -> [Value] {
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / 16))
        guard lanes > 1 else { return items.map(transform) }
        let size = (items.count + lanes - 1) / lanes
        return await withTaskGroup(of: (Int, [Value]).self) { group in
            for lane in 0..<lanes {
                let slice = Array(items[min(lane * size, items.count)..<min((lane + 1) * size, items.count)])
                group.addTask { (lane, slice.map(transform)) }
            }
            var parts = Array(repeating: [Value](), count: lanes)
            for await (lane, values) in group { parts[lane] = values }
            return parts.flatMap { $0 }
        }
    }
}
