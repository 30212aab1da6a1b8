public import Foundation
import Logging
public import Orders
public import Profiles
public import Routing
public import Store

/// A change request as a document report tells it: the review (verdict, every line's answer and why), the order it
/// changed, and the decision it was given when it was decided again.
public struct ChangeOutcome: Sendable {
    public var review: ChangeReview
    public var order: OrderID?
    public var decision: RoutingDecision?
    public var request: ChangeRequestID?
}

extension Gateway {
    /// Handles a retailer's change or cancel request (an 860, a cXML update or delete, an 850 whose BEG01 cancels or
    /// replaces): matched to the order it changes (retailer and PO number), reviewed against the order as it stands
    /// (`ChangeReview`), decided again by the same router where the order is still open, and recorded with its
    /// effect and its answer in one transaction; reviewed again with fresh figures when the order or the stock
    /// moved on in between. `position` is its place in the document, which makes recording it idempotent.
    func handle(
        _ change: OrderChange, position: Int, document: DocumentID, at now: Date, report: inout DocumentReport
    ) async -> OrderReport {
        guard let profile = profile(for: change) else {
            let sender = change.source.senderID.map(\.description) ?? "an unnamed sender"
            report.problems.append(
                "\(report.origin): change to PO \(change.poNumber): no retailer profile claims \(sender)")
            return OrderReport(retailer: nil, poNumber: change.poNumber, result: .unknownPartner(sender))
        }
        var change = change
        change.retailer = profile.id
        var lastConflict = ""
        for _ in 0..<maximumAttempts {
            do {
                switch try await attempt(change, profile: profile, position: position, document: document, at: now) {
                case .recorded(let outcome, let entries):
                    report.written += write(entries, retailer: profile.id)
                    let verdict = outcome.review.verdict.rawValue
                    report.notes.append(
                        "\(report.origin): PO \(change.poNumber): \(change.purpose.rawValue) request \(verdict): "
                            + outcome.review.checks.joined(separator: "; "))
                    logger.info(
                        "change request recorded",
                        metadata: ["po": "\(change.poNumber)", "retailer": "\(profile.id)", "verdict": "\(verdict)"])
                    return OrderReport(retailer: profile.id, poNumber: change.poNumber, result: .changeRequest(outcome))
                case .conflict(let why):
                    lastConflict = why
                }
            } catch  where error.code == .busy {
                lastConflict = "\(error)"
            } catch {
                report.problems.append(
                    "\(report.origin): change to PO \(change.poNumber): not recorded, nothing changed: \(error)")
                report.leavePending = true
                return OrderReport(
                    retailer: profile.id, poNumber: change.poNumber, result: .notProcessed(reasons: ["\(error)"]))
            }
        }
        let why = "the order changed under it \(maximumAttempts) times (last: \(lastConflict)); left pending"
        report.problems.append("\(report.origin): change to PO \(change.poNumber): \(why)")
        report.leavePending = true
        return OrderReport(retailer: profile.id, poNumber: change.poNumber, result: .notProcessed(reasons: [why]))
    }

    private enum ChangeAttempt {
        case recorded(ChangeOutcome, [OutboxEntry])
        case conflict(String)
    }

    /// One review and record of `change` on the figures of the moment.
    private func attempt(
        _ change: OrderChange, profile: RetailerProfile, position: Int, document: DocumentID, at now: Date
    ) async throws(StoreError) -> ChangeAttempt {
        let key = OrderKey(
            retailer: profile.id, poNumber: change.poNumber, purpose: PurchaseOrder.Purpose.original.rawValue)
        let id = try await store.recorded([key])[key]
        var target: ChangeTarget?
        var recorded: RecordedOrder?
        var floor: FloorOrder?
        if let id {
            recorded = try await store.recordedOrders([id], for: document)[id]
            floor = try await store.floorOrder(id)
            if let recorded, let floor {
                target = try await changeTarget(floor, recorded: recorded)
            }
        }
        var review = ChangeReview(change: change, target: target, profile: profile)
        var effect = ChangeEffect.none
        var decision: RoutingDecision?
        var tickets: [PickTicket] = []
        switch review.action {
        case .none:
            break
        case .redecide:
            guard let id, let recorded, let changed = review.changed else { break }
            let stocked = try await stockedSnapshot(for: [changed], at: now, deciding: id)
            var state = stocked.state
            let claims = giveBack(recorded, for: changed, to: &state, at: now)
            let switches = try await store.nodeSwitches()
            let routers = switchedRouters.routers(for: switches, profiles: profiles) ?? self.routers
            let router =
                routers[profile.id] ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
            let decided = router.route(changed, state: state, now: now)
            review = review.judged(by: decided)
            guard review.action == .redecide else { break }
            decision = decided
            tickets = pickTickets(changed, decided, profile: profile, positions: stocked.positions)
            var commit = makeCommit(
                changed, decided, tickets: tickets, profile: profile, document: recorded.documentID ?? document,
                at: now)
            // The change is answered by its own document (below), not by the new decision's 855.
            commit.outbound.removeAll { $0.kind == .purchaseOrderAcknowledgement || $0.kind == .cXMLConfirmation }
            effect = .replace(
                OrderReplacement(
                    replacing: id, version: recorded.version, position: position, commit: commit, released: claims,
                    note: "the retailer's \(change.purpose.rawValue) request in document \(document)"))
        case .cancel(let units):
            guard let id, let floor else { break }
            let who = "retailer \(profile.id)"
            // A line is cancelled in its own item's units (kits for a kit line), as the floor counts it; the
            // reservations released are in what the store stocks, a kit's components.
            effect = .cancel(
                CancellationCommit(
                    orderID: id, version: floor.version,
                    lines: units.map { unit in
                        CancellationRecord(
                            orderID: id, node: unit.node, lineNumber: unit.lineNumber, sku: unit.sku,
                            quantity: unit.quantity, reason: Reason.retailerCancel.rawValue, at: now, recordedBy: who)
                    },
                    released: profiles.catalog.stocked(units.map { ($0.node, $0.sku, $0.quantity) }),
                    reviewJSON: Self.json(review), outbound: []))
        }
        let outbound = changeAnswer(
            review, change: change, order: floor?.order, changed: review.changed, decision: decision, target: target,
            profile: profile, at: now)
        let refusedWhole = review.refusal ?? review.lines.compactMap(\.reason).first
        let result = try await store.recordChange(
            ChangeCommit(
                document: document, position: position, retailer: profile.id, poNumber: change.poNumber, order: id,
                receivedAt: now, verdict: review.verdict.rawValue,
                reason: review.verdict == .refused ? (refusedWhole ?? .invalidChange).rawValue : nil,
                changeNumber: change.changeNumber, reviewJSON: Self.json(review),
                detail: "\(change.purpose.rawValue) request"
                    + (change.changeNumber.map { " \($0)" } ?? "") + " in document \(document): "
                    + review.verdict.rawValue + "; " + review.checks.joined(separator: "; "),
                effect: effect, outbound: outbound))
        switch result {
        case .recorded(let request, let entries):
            return .recorded(
                ChangeOutcome(review: review, order: id, decision: decision, request: request), entries)
        case .conflict(let why):
            return .conflict(why)
        }
    }

    /// The order as a change finds it: its stage toward the warehouse, its plans and what the floor did.
    private func changeTarget(_ floor: FloorOrder, recorded: RecordedOrder) async throws(StoreError) -> ChangeTarget {
        let plans = ShipmentPlan.latest(in: try await store.outbox(order: floor.id))
        let nodes = Set(plans.map(\.node) + floor.shipments.map(\.confirmation.node) + floor.cancellations.map(\.node))
        let history = Dictionary(uniqueKeysWithValues: nodes.map { ($0, floor.history(at: $0)) })
        let stage: ChangeTarget.Stage =
            switch recorded.state {
            case .open: .open
            case .released: .released
            case .shipped: .shipped
            case .cancelled: .cancelled
            }
        return ChangeTarget(order: floor.order, stage: stage, plans: plans, history: history)
    }

    /// The profile that claims the sender of `change`.
    func profile(for change: OrderChange) -> RetailerProfile? {
        if let retailer = change.retailer { return profiles[retailer] }
        return profiles.profile(for: PurchaseOrder(poNumber: change.poNumber, source: change.source))
    }

    /// What answers `review`, as the profile's `change-answer-on` says: the 865 for every X12 request; or the 855
    /// (a cXML confirmation for cXML) telling the order as it stands after an accepted change, and nothing for a
    /// refused one (the first answer stands); or nothing.
    func changeAnswer(
        _ review: ChangeReview, change: OrderChange, order: PurchaseOrder?, changed: PurchaseOrder?,
        decision: RoutingDecision?, target: ChangeTarget?, profile: RetailerProfile, at now: Date
    ) -> [OutboundDraft] {
        guard let on = profile.documents.changeAnswerOn else { return [] }
        if change.source.format == .x12, on == .x865 {
            return [changeAcknowledgementDraft(review, change: change, order: order, profile: profile, at: now)]
        }
        guard review.verdict != .refused, let order else { return [] }
        let answer: OrderAnswer
        switch review.action {
        case .redecide:
            guard let changed, let decision else { return [] }
            answer = OrderAnswer(order: changed, decision: decision)
            return answer.isWanted(by: profile) ? [answerDraft(answer, order: changed, profile: profile, at: now)] : []
        case .cancel(let units):
            let cancelled = units.map {
                (line: $0.lineNumber, quantity: $0.quantity, reason: Reason?.some(.retailerCancel))
            }
            let before =
                target?.history.values.reduce(into: [(line: String, quantity: Int, reason: Reason?)]()) {
                    all, history in
                    for (line, quantity) in history.cancelled { all.append((line, quantity, nil)) }
                } ?? []
            answer = OrderAnswer(order: order, plans: target?.plans ?? [], cancelled: before + cancelled)
        case .none:
            return []
        }
        return answer.isWanted(by: profile) ? [answerDraft(answer, order: order, profile: profile, at: now)] : []
    }
}
