public import Foundation
import Logging
public import Orders
public import Profiles
public import Routing
public import Store

/// Why the floor's shipment or cancel was not recorded.
public enum FloorError: Error, Sendable, CustomStringConvertible {
    case unknownOrder(OrderID)
    /// The order is shipped or cancelled already: nothing is left on the floor.
    case notOnFloor(OrderID, OrderState)
    /// No profile for the order's retailer is loaded.
    case unknownRetailer(RetailerID)
    /// The review refused it: every reason.
    case refused([String])
    /// The order changed under every attempt (another shipment or a replacement won each time).
    case conflict(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .unknownOrder(let id): "no order \(id)"
        case .notOnFloor(let id, let state): "order \(id) is \(state.rawValue): nothing of it is left to ship"
        case .unknownRetailer(let retailer): "no profile for retailer \(retailer) is loaded"
        case .refused(let reasons): reasons.joined(separator: "; ")
        case .conflict(let reason): "the order changed while it was recorded: \(reason)"
        case .store(let error): "\(error)"
        }
    }
}

/// A shipment recorded: its id, the review that accepted it (checks and fees), the order's state after it, and
/// the documents queued for the retailer.
public struct ShipmentOutcome: Sendable {
    public var shipment: ShipmentID
    public var order: OrderID
    public var retailer: RetailerID
    public var confirmation: ShipConfirmation
    public var review: ShipmentReview
    public var state: OrderState
    public var outbox: [OutboxEntry]
}

/// Lines cancelled from the floor: what the fill rule cancelled with them, what it costs, the order's state, the
/// answer queued for the retailer.
public struct CancellationOutcome: Sendable {
    public var order: OrderID
    public var retailer: RetailerID
    public var review: FloorCancelReview
    public var state: OrderState
    public var outbox: [OutboxEntry]
}

/// A shipment as the floor enters it (form, API, command line): the order, the node (the order's only one when
/// left out), the service, the ship time and each package with its tracking number and units per PO line. The
/// gateway completes it into a `ShipConfirmation` from the pick ticket (SKUs) and the profile (the SCAC, service
/// level and routing the retailer reads for the service).
public struct ShipmentRequest: Sendable {
    public var order: OrderID
    public var node: DCID?
    public var service: String
    public var shippedAt: Date
    public var billOfLading: String?
    public var packages: [Package]

    public struct Package: Sendable {
        public var trackingNumber: String
        public var sscc: String?
        public var weight: Decimal?
        public var dimensions: ShipConfirmation.Dimensions?
        /// Units per PO line.
        public var contents: [(line: String, quantity: Decimal)]

        public init(
            trackingNumber: String, sscc: String? = nil, weight: Decimal? = nil,
            dimensions: ShipConfirmation.Dimensions? = nil, contents: [(line: String, quantity: Decimal)]
        ) {
            self.trackingNumber = trackingNumber
            self.sscc = sscc
            self.weight = weight
            self.dimensions = dimensions
            self.contents = contents
        }
    }

    public init(
        order: OrderID, node: DCID? = nil, service: String, shippedAt: Date, billOfLading: String? = nil,
        packages: [Package]
    ) {
        self.order = order
        self.node = node
        self.service = service
        self.shippedAt = shippedAt
        self.billOfLading = billOfLading
        self.packages = packages
    }
}

/// The order, its profile, the plan per node and what the floor did so far: what a review needs.
struct FloorContext: Sendable {
    var floor: FloorOrder
    var profile: RetailerProfile
    var plans: [ShipmentPlan]
    /// An answer that told the retailer the lines ship (855 or confirmation) is in the outbox.
    var acknowledged: Bool
    /// The order status reports (870s) in the outbox: the next one is numbered after them.
    var statusReports: Int
    /// The 856s in the outbox that cancel lines (`cancel-on: 856`): the next one is numbered after them.
    var cancelNotices: Int

    func history(at node: DCID) -> FloorHistory { floor.history(at: node) }

    /// The node named, or the order's only node; refused when none is named and the order has several.
    func node(named: DCID?) throws(FloorError) -> DCID {
        if let named { return named }
        guard plans.count == 1, let only = plans.first else {
            throw .refused([
                plans.isEmpty
                    ? "PO \(floor.order.poNumber) has no pick ticket: it was not released to any node"
                    : "PO \(floor.order.poNumber) ships from \(plans.map(\.node.rawValue).joined(separator: " and ")): "
                        + "say which node"
            ])
        }
        return only.node
    }

    /// The confirmation `request` makes: SKUs from the node's pick ticket, the carrier as the retailer reads it
    /// from the profile's mapping that lists the service (the PO's own method first), else the network's carrier.
    func confirmation(of request: ShipmentRequest, network: Network) throws(FloorError) -> ShipConfirmation {
        let node = try node(named: request.node)
        let plan = plans.first { $0.node == node }
        var problems: [String] = []
        let packages = request.packages.enumerated().map { index, package in
            ShipConfirmation.Package(
                trackingNumber: package.trackingNumber.trimmingCharacters(in: .whitespaces), sscc: package.sscc,
                weight: package.weight, dimensions: package.dimensions,
                contents: package.contents.filter { $0.quantity != 0 }.compactMap { item in
                    guard
                        let sku = plan?.lines.first(where: { $0.lineNumber == item.line })?.sku
                            ?? floor.order.lines.first(where: { $0.lineNumber == item.line })?.sku
                    else {
                        problems.append("package \(index + 1): PO \(floor.order.poNumber) has no line \(item.line)")
                        return nil
                    }
                    return ShipConfirmation.PackedItem(lineNumber: item.line, sku: sku, quantity: item.quantity)
                })
        }
        if !problems.isEmpty { throw .refused(problems) }
        let service = CarrierServiceID(request.service)
        let mapping =
            floor.order.shipMethod.flatMap(profile.carrierMapping(for:)).flatMap {
                $0.services.contains(service) ? $0 : nil
            }
            ?? profile.carriers.first { $0.services.contains(service) }
        let method = ShipMethod(
            carrierSCAC: mapping?.scac ?? network.services[service]?.scac,
            serviceLevel: mapping?.serviceLevel, transportMethod: "U", routing: mapping?.routing)
        return ShipConfirmation(
            node: node, shippedAt: request.shippedAt, method: method, service: request.service,
            billOfLading: request.billOfLading, packages: packages)
    }
}

extension Gateway {
    /// Records a shipment the floor confirms for `order`: reviewed against the pick ticket and the retailer's
    /// rules, then written with the ASN and invoice the profile asks for, in one transaction. Reviewed again with
    /// fresh figures when the order changed in between.
    public func ship(_ request: ShipmentRequest, by who: String, at now: Date) async throws(FloorError)
        -> ShipmentOutcome
    {
        let order = request.order
        var lastConflict = ""
        for _ in 0..<maximumAttempts {
            let context = try await floorContext(order)
            let confirmation = try context.confirmation(of: request, network: profiles.network)
            let review = ShipmentReview(
                confirmation, order: context.floor.order, plans: context.plans,
                history: context.history(at: confirmation.node), profile: context.profile, network: profiles.network,
                now: now)
            if review.isRefused { throw .refused(review.refusals) }
            let plan = context.plans.first { $0.node == confirmation.node }
            var consumed: [Reservation] = []
            for item in confirmation.packages.flatMap(\.contents) {
                let sku = plan?.lines.first { $0.lineNumber == item.lineNumber }?.sku ?? item.sku
                // A kit shipped consumes its components, which is what was reserved for it.
                for (stocked, units) in profiles.catalog.expanded(sku, quantity: ShipmentReview.units(item.quantity)) {
                    if let index = consumed.firstIndex(where: { $0.sku == stocked }) {
                        consumed[index].quantity += units
                    } else {
                        consumed.append(Reservation(node: confirmation.node, sku: stocked, quantity: units))
                    }
                }
            }
            let drafts: [OutboundDraft]
            do {
                drafts = try shipmentDrafts(
                    confirmation, order: context.floor.order, id: order,
                    sequence: context.floor.shipments.count + 1, profile: context.profile, at: now)
            } catch {
                throw .refused(["the documents for this shipment cannot be written: \(error)"])
            }
            let result: FloorResult
            do {
                result = try await store.recordShipment(
                    ShipmentCommit(
                        orderID: order, version: context.floor.version, confirmation: confirmation,
                        consumed: consumed, recordedAt: now, recordedBy: who, asnDue: review.asnDue,
                        reviewJSON: Self.json(review), outbound: drafts))
            } catch {
                throw .store(error)
            }
            switch result {
            case .recorded(let shipment, let state, let entries):
                logger.info(
                    "shipment recorded",
                    metadata: [
                        "order": "\(order)", "node": "\(confirmation.node)", "state": "\(state.rawValue)",
                        "flags": "\(review.flags.map(\.violation.rawValue))",
                    ])
                return ShipmentOutcome(
                    shipment: shipment ?? ShipmentID(0), order: order, retailer: context.floor.retailer,
                    confirmation: confirmation, review: review,
                    state: state, outbox: entries)
            case .conflict(let reason):
                lastConflict = reason
            }
        }
        throw .conflict(lastConflict)
    }

    /// Cancels `lines` (units per PO line) of `order` at `node` from the floor for `reason`: reviewed against the
    /// pick ticket and the profile's fill rule (which may cancel more), then written with the answer that tells the
    /// retailer (the profile's `cancel-on` document: an 855 or cXML confirmation, an 870, or an 856 that ships
    /// nothing) and the reservations released: a kit line's are its components, kits × each component's quantity
    /// per kit, at the node.
    public func cancel(
        _ order: OrderID, node named: DCID?, lines: [String: Int], reason: Reason, by who: String, at now: Date
    ) async throws(FloorError) -> CancellationOutcome {
        var lastConflict = ""
        for _ in 0..<maximumAttempts {
            let context = try await floorContext(order)
            let node = try context.node(named: named)
            var review = FloorCancelReview(
                cancelling: lines, reason: reason, node: node, order: context.floor.order, plans: context.plans,
                history: context.history(at: node), profile: context.profile, acknowledged: context.acknowledged,
                now: now)
            if review.isRefused { throw .refused(review.refusals) }
            let records = review.cancelled.map {
                CancellationRecord(
                    orderID: order, node: node, lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity,
                    reason: $0.reason.rawValue, at: now, recordedBy: who,
                    value: context.floor.order.value(of: [($0.lineNumber, Decimal($0.quantity))]))
            }
            // What the lines hold at the node is what the store stocks: a kit's units are its components'.
            let released = profiles.catalog.stocked(review.cancelled.map { (node, $0.sku, $0.quantity) })
            var outbound: [OutboundDraft] = []
            let answer = OrderAnswer(
                order: context.floor.order, plans: context.plans,
                cancelled: context.floor.cancellations.map { ($0.lineNumber, $0.quantity, nil) }
                    + review.cancelled.map { ($0.lineNumber, $0.quantity, $0.reason) })
            let cancelOn = context.profile.documents.cancelOn
            switch cancelOn {
            case .x855, .cXMLConfirmation:
                if answer.isWanted(by: context.profile) {
                    outbound.append(answerDraft(answer, order: context.floor.order, profile: context.profile, at: now))
                }
            case .x870 where context.floor.order.source.format == .x12:
                outbound.append(
                    orderStatusDraft(
                        review.cancelled, order: context.floor.order, id: order, sequence: context.statusReports + 1,
                        profile: context.profile, at: now))
            case .x856 where context.floor.order.source.format == .x12:
                let notice = cancelNoticeDraft(review.cancelled, node: node, context: context, id: order, at: now)
                outbound.append(notice.draft)
                review.checks.append(notice.check)
            default:
                // An 870 or 856 answers an X12 PO in its envelope; for a PO that came otherwise (or a document that
                // carries no cancel) dropgate writes none: the cancel is recorded and nothing is sent, and the
                // explanation says so.
                review.checks.append(
                    "\(context.profile.name) takes cancels on the \(cancelOn.rawValue), which dropgate does not write"
                        + (cancelOn == .x870 || cancelOn == .x856 ? " for a PO that did not come as X12" : "")
                        + ": nothing was sent; tell the retailer by hand")
            }
            let result: FloorResult
            do {
                result = try await store.recordCancellation(
                    CancellationCommit(
                        orderID: order, version: context.floor.version, lines: records, released: released,
                        reviewJSON: Self.json(review), outbound: outbound))
            } catch {
                throw .store(error)
            }
            switch result {
            case .recorded(_, let state, let entries):
                return CancellationOutcome(
                    order: order, retailer: context.floor.retailer, review: review, state: state, outbox: entries)
            case .conflict(let reason):
                lastConflict = reason
            }
        }
        throw .conflict(lastConflict)
    }

    /// What is still to ship of `order` at a node (its only one when none is named): each pick-ticket line less
    /// what shipped or was cancelled there.
    public func openLines(_ order: OrderID, node named: DCID?) async throws(FloorError) -> [ShipmentLine] {
        let context = try await floorContext(order)
        let node = try context.node(named: named)
        guard let plan = context.plans.first(where: { $0.node == node }) else {
            throw .refused(["PO \(context.floor.order.poNumber) was not released to \(node)"])
        }
        let history = context.history(at: node)
        return plan.lines.compactMap { line in
            let open = history.open(line.lineNumber, planned: line.quantity)
            return open > 0 ? ShipmentLine(lineNumber: line.lineNumber, sku: line.sku, quantity: open) : nil
        }
    }

    /// The order as the floor sees it, its profile, the plan per node from its latest pick tickets, and whether
    /// an answer went to the retailer.
    func floorContext(_ id: OrderID) async throws(FloorError) -> FloorContext {
        let floor: FloorOrder
        let entries: [OutboxEntry]
        do {
            guard let found = try await store.floorOrder(id) else { throw FloorError.unknownOrder(id) }
            floor = found
            entries = try await store.outbox(order: id)
        } catch let error as FloorError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? StoreError("read order \(id)", underlying: error))
        }
        guard floor.state == .open || floor.state == .released else { throw .notOnFloor(id, floor.state) }
        guard let profile = profiles[floor.retailer] else { throw .unknownRetailer(floor.retailer) }
        let plans = ShipmentPlan.latest(in: entries)
        let acknowledged = entries.contains {
            $0.kind == .purchaseOrderAcknowledgement || $0.kind == .cXMLConfirmation
        }
        return FloorContext(
            floor: floor, profile: profile, plans: plans, acknowledged: acknowledged,
            statusReports: entries.filter { $0.kind == .orderStatus }.count,
            cancelNotices: entries.filter { Self.isCancelNotice($0) }.count)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension OrderAnswer {
    /// The answer after lines were cancelled from the floor: each PO line accepted for what its pick tickets still
    /// hold, the rest refused; `reason` for the units cancelled now (nil for earlier ones: the profile's default
    /// code).
    init(order: PurchaseOrder, plans: [ShipmentPlan], cancelled: [(line: String, quantity: Int, reason: Reason?)]) {
        var planned: [String: Int] = [:]
        for plan in plans { for line in plan.lines { planned[line.lineNumber, default: 0] += line.quantity } }
        var lines: [Line] = []
        for line in order.lines {
            let gone = cancelled.filter { $0.line == line.lineNumber }
            let accepted = max(0, (planned[line.lineNumber] ?? 0) - gone.reduce(0) { $0 + $1.quantity })
            lines.append(
                Line(
                    lineNumber: line.lineNumber, ordered: line.quantity, accepted: Decimal(accepted), backordered: 0,
                    rejected: max(0, line.quantity - Decimal(accepted)),
                    reason: gone.last { $0.reason != nil }?.reason, backorderUntil: nil, shipAt: nil))
        }
        self.init(lines: lines)
    }
}

extension FloorOrder {
    /// What the floor did at `node` so far: units shipped and cancelled per PO line, and how many shipments left.
    func history(at node: DCID) -> FloorHistory {
        FloorHistory(
            at: node, shipments: shipments.map(\.confirmation),
            cancelled: cancellations.filter { $0.node == node }.map { ($0.lineNumber, $0.quantity) })
    }
}

extension ShipmentPlan {
    /// The plan a pick ticket holds.
    init(_ ticket: PickTicket) {
        self.init(
            node: ticket.node, service: ticket.service, shipBy: ticket.shipBy.instant,
            lines: ticket.lines.map { ShipmentLine(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) })
    }

    /// The plan per node of an order's latest pick tickets among its outbox rows (withdrawn ones left out), in node
    /// order.
    static func latest(in entries: [OutboxEntry]) -> [ShipmentPlan] {
        var plans: [DCID: ShipmentPlan] = [:]
        let decoder = JSONDecoder()
        for entry in entries where entry.kind == .pickTicket && entry.state != .withdrawn {
            guard let ticket = try? decoder.decode(PickTicket.self, from: Data(entry.bytes)) else { continue }
            plans[ticket.node] = ShipmentPlan(ticket)
        }
        return plans.values.sorted { $0.node < $1.node }
    }
}
