import Foundation
import Orders
import Profiles

/// Everything a decision found, kept as facts so that its explanation (every rule's detail, every node's checks and
/// verdict, every cancelled line's reason) is written only when read. One per decision, shared by its parts
/// (`Shared`); a plain value that holds no router, so a decision reads the same wherever and whenever it is read.
/// Compared by its fields (`DecisionFacts+Equality.swift`).
struct DecisionFacts: Sendable {
    /// What the sentences read of the profile and network.
    let context: Shared<ExplanationContext>
    /// What the rules' details say of the order (the order itself is a large value to keep).
    let orderType: PurchaseOrder.OrderType
    let lineCount: Int
    let shipTo: Address?
    let mapping: CarrierMapping?
    let deadlines: Deadlines
    let services: [CarrierServiceID]
    let isPOBox: Bool
    let table: LineTable
    /// The candidates in rank order, then the bystanders (alternates of a retailer-assigned program).
    let assessments: [NodeAssessment]
    let candidateCount: Int
    let unconsidered: [(node: DCID, rank: Int)]
    let assigned: DCID?
    let shipments: [Shipment]
    /// The lines cancelled (indexes into the resolved lines).
    let cancels: [Int]
    let primaryID: DCID?
    /// Every rule checked, in order: passed or not, and a failed static rule's failures as one sentence.
    let rules: [RuleOutcome]
    /// For an order the profile would let wait, cancelled because no stock on its way covers it in time.
    var inboundLate: DecisionBuilder.InboundLate?

    /// Why a node was or was not chosen.
    enum Verdict: Hashable, Sendable {
        case chosen(shipment: Int)
        case cannotShip
        case couldShipEverything
        case cannotShipEveryLine
        case cannotShipTogether
        /// Row indexes `unconsidered`.
        case notConsidered
        case bystander(couldShip: Bool)
    }

    /// Why a line is cancelled.
    enum CancelWhy: Hashable, Sendable {
        /// The first node with stock and capability fails a general check.
        case nodeFailure(row: Int)
        case outOfStock
        case restricted
        /// The nodes with the stock have no room today for the line's units.
        case noCapacity
        /// The line could ship alone, but not together with the lines that do (capacity, or a SKU they share).
        case notTogether
        /// Every node holding the line's stock needs this item, which the line shares with others (a kit's
        /// component), for the lines it ships.
        case sharedStock(SKU)
        /// Every line could ship from some node, but no node allowed to ship the order has every line in stock.
        case stockSpread
        /// The line could ship, but goes with the line at this index, which cannot (order fill-or-kill, ship
        /// complete).
        case collateral(line: Int)
        /// No node can ship it now, and the stock on its way comes too late for the profile's backorder window.
        case inboundLate(DecisionBuilder.InboundLate)
    }

    init(
        context: Shared<ExplanationContext>, order: borrowing PurchaseOrder, mapping: CarrierMapping?,
        deadlines: Deadlines,
        services: [CarrierServiceID], isPOBox: Bool, table: LineTable, assessments: [NodeAssessment],
        candidateCount: Int, unconsidered: [(node: DCID, rank: Int)], assigned: DCID?, shipments: [Shipment],
        cancels: [Int], primaryID: DCID?,
        rules: [RuleOutcome]
    ) {
        self.context = context
        orderType = order.orderType
        lineCount = order.lines.count
        shipTo = order.partyIndex(.shipTo).flatMap { order.parties[$0].address }
        self.mapping = mapping
        self.deadlines = deadlines
        self.services = services
        self.isPOBox = isPOBox
        self.table = table
        self.assessments = assessments
        self.candidateCount = candidateCount
        self.unconsidered = unconsidered
        self.assigned = assigned
        self.shipments = shipments
        self.cancels = cancels
        self.primaryID = primaryID
        self.rules = rules
    }

    // MARK: The decision's lists

    /// `shared`: these facts, as the decision shares them.
    func ruleChecks(_ shared: Shared<DecisionFacts>) -> [RuleCheck] {
        rules.map { rule in
            RuleCheck(
                rule: rule.rule, passed: rule.passed,
                lazyDetail: LazyText(rule.failures.map { .given($0) } ?? .rule(shared, rule.rule)))
        }
    }

    func cancelledLines(_ shared: Shared<DecisionFacts>) -> [CancelledLine] {
        let own = cancels.map(ownCancelReason)
        // Under a policy that ships the order whole or not at all, a line that could ship goes with the first line
        // that cannot: that line's reason is the order's.
        let together = profile.fulfilment.fill != .lineFillOrKill
        let root = together ? cancels.indices.first { own[$0] != nil }.map { cancels[$0] } : nil
        return cancels.indices.map { position in
            let index = cancels[position]
            let line = table.lines[index]
            let (reason, why): (Reason, CancelWhy)
            if let late = inboundLate {
                (reason, why) = (.outOfStock, .inboundLate(late))
            } else if let cause = own[position] {
                (reason, why) = cause
            } else if let root {
                (reason, why) = (.fillOrKill, .collateral(line: root))
            } else if together && !anyNodeHoldsEveryLine() {
                (reason, why) = (.outOfStock, .stockSpread)
            } else if let sku = sharedShortage(of: index) {
                (reason, why) = (.outOfStock, .sharedStock(sku))
            } else {
                (reason, why) = (.noCapacity, .notTogether)
            }
            var causing: String?
            if case .collateral(let other) = why { causing = table.lines[other].lineNumber }
            return CancelledLine(
                lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, reason: reason,
                code: profile.reasonCodes.code(for: reason), causingLine: causing,
                lazyDetail: LazyText(.cancel(shared, line: index, why)))
        }
    }

    /// Why a line cannot ship from any candidate even alone, or nil when some candidate could ship it by itself.
    /// The most telling reason: no stock anywhere beats everything else; then capability; then the first failing
    /// general check at a node that has the stock; then capacity for the line's units.
    func ownCancelReason(_ index: Int) -> (Reason, CancelWhy)? {
        let candidates = assessments[..<candidateCount]
        var anyWithStock = false
        var anyCapable = false
        var failing: (Reason, CancelWhy)?
        for row in candidates.indices where table.hasStock(candidates[row].row, index) {
            anyWithStock = true
            guard table.handles(index, candidates[row].capabilities) else { continue }
            anyCapable = true
            if candidates[row].generalOK {
                if table.lines[index].quantity <= candidates[row].unitsLeft { return nil }
                continue
            }
            guard failing == nil, let failure = candidates[row].firstFailure else { continue }
            let reason: Reason
            switch failure {
            case .enabled, .open, .capability: reason = .nodeUnavailable
            case .capacity: reason = .noCapacity
            case .carrier: reason = .noCarrierService
            default: reason = .cannotMeetShipBy
            }
            failing = (reason, .nodeFailure(row: row))
        }
        if let failing { return failing }
        if !anyWithStock { return (.outOfStock, .outOfStock) }
        if !anyCapable { return (.itemRestricted, .restricted) }
        return (.noCapacity, .noCapacity)
    }

    /// Whether some candidate that passes its general checks has every line in stock and can handle each.
    func anyNodeHoldsEveryLine() -> Bool {
        assessments[..<candidateCount].contains { a in
            a.generalOK && table.lines.indices.allSatisfy { table.ok(a.row, $0, a.capabilities) }
                && table.fitsTogether(a.row, Array(table.lines.indices))
        }
    }

    /// The item the line at `index` shares with other lines (a kit's component) that keeps it off every candidate
    /// holding it in stock alone: each needs that item for the lines it ships. Nil when the line shares nothing, no
    /// candidate holds it, or one would have room in its shared items for it.
    func sharedShortage(of index: Int) -> SKU? {
        guard table.shared.contains(where: { $0.draws.contains { $0.line == index } }) else { return nil }
        var short: SKU?
        for row in 0..<candidateCount {
            let a = assessments[row]
            guard a.generalOK, table.ok(a.row, index, a.capabilities) else { continue }
            let shipped =
                shipments.first { $0.node == a.id }?.lines.compactMap { line in
                    table.lines.firstIndex { $0.lineNumber == line.lineNumber }
                } ?? []
            guard let (over, _) = table.overdrawn(a.row, shipped + [index]),
                table.shared[over].draws.contains(where: { $0.line == index })
            else { return nil }
            short = short ?? table.shared[over].sku
        }
        return short
    }

    /// `lines 1, 2 need 3 of HP-10001 together, 2 available`: the item lines of different SKUs share (a kit's
    /// component) that the node in `row` has too little of for them all; nil when it has enough of each.
    func sharedShortfall(_ row: Int) -> String? {
        guard let (index, needed) = table.overdrawn(assessments[row].row, Array(table.lines.indices)) else {
            return nil
        }
        let shared = table.shared[index]
        let lines = shared.draws.map { table.lines[$0.line].lineNumber }.joined(separator: ", ")
        let available = table.sharedAvailable[assessments[row].row * table.shared.count + index]
        return "lines \(lines) need \(needed) of \(shared.sku) together, \(available) available"
    }

    /// The candidates in rank order, those not considered, then the bystanders.
    func nodeEvaluations(_ shared: Shared<DecisionFacts>) -> [NodeEvaluation] {
        var nodes: [NodeEvaluation] = []
        nodes.reserveCapacity(assessments.count + unconsidered.count)
        for row in 0..<candidateCount {
            let a = assessments[row]
            let canShipAll = a.shipsAll && a.option != nil
            let verdict: Verdict
            let chosen = shipments.firstIndex { $0.node == a.id }
            if let chosen {
                verdict = .chosen(shipment: chosen)
            } else if a.firstFailure != nil {
                verdict = .cannotShip
            } else if canShipAll {
                verdict = .couldShipEverything
            } else if a.failingLines > 0 {
                verdict = .cannotShipEveryLine
            } else {
                verdict = .cannotShipTogether
            }
            nodes.append(
                NodeEvaluation(
                    node: a.id, rank: a.rank, candidate: true, chosen: chosen != nil, canShipAll: canShipAll,
                    distanceMiles: a.distance.map { ($0 * 10).rounded() / 10 },
                    lazyChecks: LazyList(shared, part: row), lazyVerdict: LazyText(.verdict(shared, row: row, verdict))
                ))
        }
        for (index, entry) in unconsidered.enumerated() {
            nodes.append(
                NodeEvaluation(
                    node: entry.node, rank: entry.rank, candidate: true, chosen: false, canShipAll: false,
                    distanceMiles: nil, lazyChecks: LazyList([]),
                    lazyVerdict: LazyText(.verdict(shared, row: index, .notConsidered))))
        }
        for row in assessments.indices.dropFirst(candidateCount) {
            let a = assessments[row]
            let canShipAll = a.shipsAll && a.option != nil
            nodes.append(
                NodeEvaluation(
                    node: a.id, rank: a.rank, candidate: false, chosen: false, canShipAll: canShipAll,
                    distanceMiles: a.distance.map { ($0 * 10).rounded() / 10 },
                    lazyChecks: LazyList(shared, part: row),
                    lazyVerdict: LazyText(.verdict(shared, row: row, .bystander(couldShip: canShipAll)))))
        }
        return nodes
    }

    private var profile: RetailerProfile { context.value.profile }

    func label(_ line: Int) -> String { "line \(table.lines[line].lineNumber) \(table.lines[line].sku)" }

    // MARK: Node checks

    /// The checks a node shows: the general ones, then the failing line checks or one saying every line passed.
    func checks(_ row: Int) -> [NodeCheck] {
        var checks = generalChecks(assessments[row])
        checks += lineFailures(assessments[row])
        if assessments[row].failingLines == 0 {
            checks.append(
                NodeCheck(kind: .stock, passed: true, detail: "all \(table.lines.count) line(s) in stock and handled"))
            if let shortfall = sharedShortfall(row) {
                checks.append(NodeCheck(kind: .stock, passed: false, detail: shortfall))
            }
        }
        return checks
    }

    /// The general checks of a node, in the order they show; with `first`, only the first that fails (the one a
    /// verdict names), without writing the sentence of any other.
    func generalChecks(_ a: NodeAssessment, first: Bool = false) -> [NodeCheck] {
        let context = context.value
        let zone = context.nodeZones[a.position]
        var checks: [NodeCheck] = []
        var stop = false
        func append(_ kind: NodeCheck.Kind, _ passed: Bool, _ detail: @autoclosure () -> String) {
            guard !stop, !(first && passed) else { return }
            checks.append(NodeCheck(kind: kind, passed: passed, detail: detail()))
            if first && !passed { stop = true }
        }
        append(.enabled, a.enabled, context.switchTexts[a.position])
        if stop { return checks }
        var shipBy: String { Format.instant(deadlines.shipBy, context.profileZone) }
        var closed: String { a.closures.isEmpty ? "" : "; " + a.closures.map(Format.closure).joined(separator: ", ") }
        switch a.carrier {
        case .pickup(let ready):
            if let ready, let pickup = a.pickup {
                append(.capability, true, "offers store pickup, ready at \(ready)")
                append(
                    .shipBy, pickup.meets,
                    "ready for pickup \(Format.instant(pickup.at, zone)) "
                        + (pickup.meets ? "meets" : "misses") + " ship-by \(shipBy)" + closed)
            } else {
                append(.capability, false, "offers no store pickup (capability and pickup-ready)")
            }
        case .none:
            let why = isPOBox ? " that delivers to PO boxes" : ""
            append(.carrier, false, "has none of \(services.map(\.rawValue).joined(separator: ", "))\(why)")
            if !a.closures.isEmpty {
                append(.open, true, a.closures.map(Format.closure).joined(separator: ", "))
            }
        case .all, .some:
            let usable =
                a.carrier == .all
                ? services
                : context.usable(services, at: a.position, toPOBox: isPOBox)
            append(.carrier, true, "ships \(usable.map(\.rawValue).joined(separator: ", "))")
            if let pickup = a.pickup {
                append(
                    .shipBy, pickup.meets,
                    "earliest pickup \(Format.instant(pickup.at, zone)) via \(services[pickup.service]) "
                        + (pickup.meets ? "meets" : "misses") + " ship-by \(shipBy)" + closed)
            } else {
                append(.shipBy, false, "no pickup within a year (closed)")
            }
            if let delivery = a.delivery, let deliverBy = deadlines.deliverBy {
                append(
                    .deliverBy, delivery.met,
                    "earliest delivery \(delivery.arrival.map(\.description) ?? "unknown (no zone)") vs deliver-by \(deliverBy)"
                )
            }
            if !a.closures.isEmpty {
                append(.open, a.pickup?.meets == true, a.closures.map(Format.closure).joined(separator: ", "))
            }
        }
        if stop { return checks }
        let capacity = context.capacities[a.position]
        append(
            .capacity, a.ordersLeft > 0 && a.unitsLeft > 0,
            "\(max(0, a.ordersLeft)) of \(capacity.orders) orders and \(max(0, a.unitsLeft)) of "
                + "\(capacity.units) units left today")
        return checks
    }

    /// One check per line short of stock, and one per line the node cannot handle, in line order.
    func lineFailures(_ a: NodeAssessment, first: Bool = false) -> [NodeCheck] {
        var checks: [NodeCheck] = []
        guard a.failingLines > 0 else { return checks }
        for index in table.lines.indices {
            let line = table.lines[index]
            let available = table.available(a.row, index)
            if available < line.quantity {
                checks.append(
                    NodeCheck(
                        kind: .stock, passed: false,
                        detail: "\(label(index)): \(available) available, \(line.quantity) needed"))
                if first { return checks }
            }
            if !table.handles(index, a.capabilities) {
                let missing = line.needs & ~a.capabilities
                let names = [
                    missing & ResolvedLine.oversizeBit != 0 ? "oversize" : nil,
                    missing & ResolvedLine.hazmatBit != 0 ? "hazmat" : nil,
                    missing & ResolvedLine.giftWrapBit != 0 ? "gift wrap" : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                checks.append(
                    NodeCheck(
                        kind: .capability, passed: false,
                        detail: "\(label(index)) needs \(names); the node has no such capability"))
                if first { return checks }
            }
        }
        return checks
    }

    /// The first failing general check, as the verdicts name it.
    func firstFailure(_ a: NodeAssessment) -> NodeCheck? {
        a.firstFailure == nil ? nil : generalChecks(a, first: true).first { !$0.passed }
    }

    /// `stock: line 3 B-100123: 0 available, 1 needed`.
    func firstLineFailure(_ a: NodeAssessment) -> String? {
        lineFailures(a, first: true).first.map { "\($0.kind.rawValue): \($0.detail)" }
    }

    // MARK: Fees avoided

    /// The check that kept the node in `row` from shipping the order, and the lines it failed on (empty for a
    /// general check): its first failing general check; else its first failing line check (stock, then capability,
    /// in line order); else capacity (the order's units exceed what is left today) or stock (lines naming one SKU
    /// need more than the node holds). Integer work only: routing asks it of the primary of every reroute.
    func failedCheck(_ row: Int) -> (kind: NodeCheck.Kind, lines: [Int]) {
        let a = assessments[row]
        if let failure = a.firstFailure { return (failure, []) }
        var kind: NodeCheck.Kind?
        var lines: [Int] = []
        if a.failingLines > 0 {
            for index in table.lines.indices {
                let failing: NodeCheck.Kind? =
                    !table.hasStock(a.row, index)
                    ? .stock : table.handles(index, a.capabilities) ? nil : .capability
                guard let failing else { continue }
                if kind == nil { kind = failing }
                if failing == kind { lines.append(index) }
            }
        }
        if let kind { return (kind, lines) }
        return (table.totalUnits > a.unitsLeft ? .capacity : .stock, [])
    }

    /// `ORD1 stock: line 3 B-100123: 0 available, 1 needed`: why the node in `row` could not have shipped.
    func avoidedFeeCause(_ row: Int) -> String {
        let a = assessments[row]
        let (kind, lines) = failedCheck(row)
        let detail: String
        if let check = firstFailure(a) {
            detail = check.detail
        } else if !lines.isEmpty {
            detail = lineFailures(a).first { $0.kind == kind }?.detail ?? ""
        } else if kind == .capacity {
            detail = "\(max(0, a.unitsLeft)) unit(s) left today, \(table.totalUnits) needed"
        } else {
            detail = sharedShortfall(row) ?? "lines naming the same SKU need more than it holds"
        }
        return "\(a.id) \(kind.rawValue): \(detail)"
    }

    /// Why the failure in `row` would have cost a fee had the order stayed there (`DecisionBuilder.violation`).
    func avoidedFeeNote(_ row: Int) -> String {
        let (kind, lines) = failedCheck(row)
        let lineNumbers = lines.map { table.lines[$0].lineNumber }.joined(separator: ", ")
        let scope = profile.fulfilment.fill == .lineFillOrKill ? "line(s) \(lineNumbers)" : "the order"
        switch kind {
        case .stock:
            return "left there, \(scope) would be cancelled for stock"
        case .capability:
            return profile.fulfilment.fill == .lineFillOrKill
                ? "left there, \(scope) could not ship and would be rejected"
                : "left there, the order could not ship (line(s) \(lineNumbers)) and would be rejected"
        case .enabled:
            return "switched off with no date to ship, the order would be cancelled"
        case .capacity:
            return "left there, the order would wait for capacity and ship after ship-by"
        case .carrier:
            return "left there, the order would ship by a service the retailer did not authorize"
        case .deliverBy:
            return "left there, the order would arrive after the deliver-by date"
        default:
            return "left there, the order would ship after ship-by"
        }
    }

    // MARK: Verdicts

    func verdict(_ row: Int, _ verdict: Verdict) -> String {
        func named(_ check: NodeCheck) -> String { "\(check.kind.rawValue): \(check.detail)" }
        switch verdict {
        case .chosen(let index):
            let shipment = shipments[index]
            let zone = context.value.nodeZones[assessments[row].position]
            return "chosen: lines \(shipment.lines.map(\.lineNumber).joined(separator: ", ")) via "
                + "\(shipment.service.rawValue), pickup \(Format.instant(shipment.shipAt, zone))"
        case .cannotShip:
            return "cannot ship: " + (firstFailure(assessments[row]).map(named) ?? "")
        case .couldShipEverything:
            return "could ship everything, but ranks below the chosen node"
        case .cannotShipEveryLine:
            return "cannot ship every line: " + (firstLineFailure(assessments[row]) ?? "")
        case .cannotShipTogether:
            return "cannot ship these lines together"
                + (sharedShortfall(row).map { ": " + $0 } ?? " within capacity or stock")
        case .notConsidered:
            return "not considered: \(shipments.first?.node.rawValue ?? "") ranks higher and ships every line"
        case .bystander(let couldShip):
            let reason = "not a candidate: the retailer assigned \(primaryID?.rawValue ?? "another node")"
            if couldShip { return reason + "; could have shipped everything" }
            let a = assessments[row]
            return reason + "; could not ship either ("
                + (firstFailure(a).map(named) ?? firstLineFailure(a) ?? "stock or capacity") + ")"
        }
    }

    // MARK: Cancelled lines

    func cancelDetail(_ line: Int, _ why: CancelWhy) -> String {
        "\(label(line)): " + cancelCause(line, why)
    }

    /// `cancelDetail` without the line's label.
    func cancelCause(_ line: Int, _ why: CancelWhy) -> String {
        switch why {
        case .nodeFailure(let row):
            let failure = firstFailure(assessments[row])
            return "\(assessments[row].id) \(failure?.kind.rawValue ?? ""): \(failure?.detail ?? "")"
        case .outOfStock:
            // One candidate is the node the retailer assigned: name it, so the reason reads as what to tell them.
            let holder =
                candidateCount == 1
                ? "the only candidate, \(assessments[0].id), has fewer than" : "no candidate node has"
            return "\(holder) \(table.lines[line].quantity) available"
        case .restricted:
            return "no node with stock can handle the item"
        case .noCapacity:
            return "no node with the stock has room for \(table.lines[line].quantity) more unit(s) today"
        case .notTogether:
            return "no node can take it together with the rest within today's capacity"
        case .sharedStock(let sku):
            return "no node that has it holds enough \(sku) for it beside the lines it ships"
        case .stockSpread:
            let policy = profile.fulfilment
            return policy.fill == .orderFillOrKill || policy.maxShipments <= 1
                ? "no single node has every line of the order in stock, and \(policy.fill.rawValue) ships from one"
                : "no \(policy.maxShipments) nodes together can ship every line of the order"
        case .inboundLate(let late):
            let backorder = profile.fulfilment.backorder.map { " (backorders up to \($0))" } ?? ""
            return "no node can ship it now, and "
                + (late.earliest.map { "the stock on its way covers the order only on \($0)" }
                    ?? "the stock on its way never covers the order")
                + ", after \(late.latest), the last day the profile lets it wait\(backorder)"
        case .collateral(let other):
            let cause = ownCancelReason(other).map { cancelCause(other, $0.1) } ?? "it cannot ship"
            return "cancelled with \(label(other)), which cannot ship (\(cause)); "
                + "\(profile.fulfilment.fill.rawValue) ships every line or none"
        }
    }

    // MARK: Rules

    /// The detail of a rule the order passed (a failed static rule's detail is its failures, given as text).
    func detail(of rule: RuleCheck.Rule) -> String {
        switch rule {
        case .purpose: return "a new \(orderType.rawValue) order"
        case .requiredData: return "ship-to, \(lineCount) line(s) and quantities present"
        case .shipMethod:
            return
                "'\(mapping?.label ?? "")' maps to \(mapping?.services.map(\.rawValue).joined(separator: " or ") ?? "")"
        case .shipTo: return "\(shipTo.map(StaticCompliance.describe) ?? "") is allowed"
        case .items: return "every item is in the catalog"
        case .quantityLimits: return StaticCompliance.limitsDescription(profile.items)
        case .ackDeadline:
            return "acknowledge by \(Format.instant(deadlines.acknowledgeBy, context.value.profileZone))"
                + " (\(profile.documents.acknowledgement.deadline) from receipt)"
        case .shipBy:
            return "ship by \(Format.instant(deadlines.shipBy, context.value.profileZone)): \(deadlines.basis)"
                + (deadlines.deliverBy.map { "; deliver by \($0)" } ?? "")
        case .routingAuthority:
            if let assigned { return "the retailer assigned \(assigned); no reroute allowed" }
            let routed = assessments[..<candidateCount].map(\.id) + unconsidered.map(\.node)
            return "supplier routes: \(routed.map(\.rawValue).joined(separator: ", ")) by "
                + profile.sourcing.strategy.rawValue
        case .fulfilmentPolicy:
            let policy = profile.fulfilment
            let text: String
            switch policy.fill {
            case .orderFillOrKill: text = "order fill-or-kill: one node ships every line, or the order is cancelled"
            case .lineFillOrKill:
                text =
                    "line fill-or-kill: each line ships complete or is cancelled (up to \(policy.maxShipments) shipment(s))"
            case .shipComplete:
                text =
                    "ship complete in up to \(policy.maxShipments) shipment(s)"
                    + (policy.backorder.map { ", backorders up to \($0)" } ?? ", no backorders")
            }
            return text + "; plan: \(shipments.count) shipment(s), \(cancels.count) line(s) cancelled"
        case .sourcing:
            return shipments.isEmpty
                ? "no candidate can ship compliantly"
                : "ships from \(shipments.map(\.node.rawValue).joined(separator: " + "))"
        }
    }
}
