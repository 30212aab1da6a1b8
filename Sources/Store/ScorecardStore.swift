public import Foundation
public import Orders

/// The plain facts the operations scorecard counts, read in a few set-based queries: no order's or explanation's
/// JSON is decoded, so a month of a million POs reads in about a second.
public protocol ScorecardStore: Sendable {
    /// Every PO of `window.retailer` (or of all) received in `[window.receivedSince, window.until)` whose receipt,
    /// ship-by, or a shipment (shipped or ASN deadline) falls in `[window.from, window.until)`, in no set order.
    func scorecardRecords(_ window: ScorecardWindow) async throws(StoreError) -> [ScorecardRecord]

    /// The same POs as `scorecardRecords(window)`, the plain ones counted in SQL (`ScorecardCount`) and the rest as
    /// records: what a month of a million POs is read as. `days` holds, per retailer, the first instant of each day
    /// of the month and the next month's first instant (`ScorecardMonth.dayStarts(in:)`); a retailer without them
    /// has no days counted. Verdicts are as of `asOf`.
    func scorecardCounts(
        _ window: ScorecardWindow, days: [RetailerID: [Date]], asOf: Date
    ) async throws(StoreError) -> ScorecardCounts
}

extension ScorecardStore {
    /// Every PO as a record: right for any store, fast for none.
    public func scorecardCounts(
        _ window: ScorecardWindow, days: [RetailerID: [Date]], asOf: Date
    ) async throws(StoreError) -> ScorecardCounts {
        ScorecardCounts(counts: [], records: try await scorecardRecords(window))
    }
}

/// The instants a scorecard counts, `[from, until)`, and how far before `from` a PO may have been received and
/// still ship, or owe an ASN, in them.
public struct ScorecardWindow: Hashable, Sendable {
    public var from: Date
    public var until: Date
    public var retailer: RetailerID?
    /// The earliest receipt read by receipt: POs are found by when they were received (the one index that finds a
    /// month of them fast). `lookback` before `from` by default: a PO is due within days of its receipt. One
    /// received earlier whose ship-by or shipment falls in the window is found as a straggler
    /// (`ScorecardStragglers`).
    public var receivedSince: Date
    /// Retailers whose POs' values the scorecard needs (a fee that is a share of the order's value), with the
    /// violations it prices so: their records carry the PO number and `PurchaseOrder.extendedTotal`, and
    /// `scorecardCounts` reads each of their POs late or at risk of such a violation as a record, never in a count
    /// (a count carries no value). Empty: no PO's JSON is read.
    public var valued: [RetailerID: Priced]

    /// The violations a retailer's scorecard prices by each PO's value.
    public struct Priced: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Late to ship, or still to ship by its ship-by.
        public static let shipping = Priced(rawValue: 1)
        /// A shipment's ASN late, or still due.
        public static let asn = Priced(rawValue: 2)
        /// Units cancelled by the first decision (a cancel from the floor is read as a record anyway).
        public static let cancel = Priced(rawValue: 4)
    }

    public init(
        from: Date, until: Date, retailer: RetailerID? = nil, receivedSince: Date? = nil,
        valued: [RetailerID: Priced] = [:]
    ) {
        self.from = from
        self.until = until
        self.retailer = retailer
        self.receivedSince = receivedSince ?? from.addingTimeInterval(-Self.lookback)
        self.valued = valued
    }

    /// How long before a window its POs are read by receipt: a month of 31 days.
    public static let lookback: TimeInterval = 31 * 86_400
}

/// One PO as the scorecard reads it.
public struct ScorecardRecord: Hashable, Sendable {
    public var id: OrderID
    public var retailer: RetailerID
    public var receivedAt: Date
    /// Units the PO ordered, as its first decision recorded them (0 for a PO decided before that was kept).
    public var units: Int
    /// The decision now in force: outcome, nodes, ship-by (nil outcome: none recorded).
    public var outcome: DecisionOutcome?
    public var nodes: [DCID]
    public var shipBy: Date?
    public var state: OrderState
    /// Units the first decision cancelled.
    public var cancelledUnits: Int
    /// Units cancelled from the floor per node, other than at the retailer's request.
    public var floorCancelledUnits: [DCID: Int]
    /// The first decision's fees avoided and incurred.
    public var feesAvoided: Money?
    public var feesIncurred: Money?
    /// The retailer cancelled units of it (a change request we accepted: `retailer-cancel` on the floor).
    public var cancelledByRetailer: Bool
    public var shipments: [ScorecardShipment]
    /// For a retailer of `ScorecardWindow.valued` only (nil otherwise): the PO number, and the PO's extended value
    /// as it stands now (`PurchaseOrder.extendedTotal`: quantity × unit price over the lines priced in the order's
    /// currency), what a fee that is a share of the order is a share of.
    public var poNumber: PONumber?
    public var value: Money?
    /// For a retailer of `ScorecardWindow.valued` only (nil otherwise): what the units we cancelled (the first
    /// decision's and the floor's, `cancelledUnits` and `floorCancelledUnits`) were worth at the PO's prices, what a
    /// cancel-for-stock fee that is a share of value is a share of. For a row written before these values were
    /// kept, the PO's value in proportion to the units cancelled.
    public var cancelledValue: Money?

    public init(
        id: OrderID, retailer: RetailerID, receivedAt: Date, units: Int, outcome: DecisionOutcome?, nodes: [DCID],
        shipBy: Date?, state: OrderState, cancelledUnits: Int, floorCancelledUnits: [DCID: Int], feesAvoided: Money?,
        feesIncurred: Money?, cancelledByRetailer: Bool, shipments: [ScorecardShipment], poNumber: PONumber? = nil,
        value: Money? = nil, cancelledValue: Money? = nil
    ) {
        self.cancelledValue = cancelledValue
        self.id = id
        self.retailer = retailer
        self.receivedAt = receivedAt
        self.units = units
        self.outcome = outcome
        self.nodes = nodes
        self.shipBy = shipBy
        self.state = state
        self.cancelledUnits = cancelledUnits
        self.floorCancelledUnits = floorCancelledUnits
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
        self.cancelledByRetailer = cancelledByRetailer
        self.shipments = shipments
        self.poNumber = poNumber
        self.value = value
    }
}

/// A shipment of a PO: where from, when, when its ASN was due, and when the first ASN (856 or cXML ship notice)
/// for it was delivered (nil: not yet).
public struct ScorecardShipment: Hashable, Sendable {
    public var node: DCID
    public var shippedAt: Date
    public var asnDue: Date?
    public var asnDeliveredAt: Date?
    /// Whether its review flagged no `unauthorized-carrier`: it went with a service the profile maps the PO's ship
    /// method to.
    public var carrierCompliant: Bool

    public init(node: DCID, shippedAt: Date, asnDue: Date?, asnDeliveredAt: Date?, carrierCompliant: Bool = true) {
        self.node = node
        self.shippedAt = shippedAt
        self.asnDue = asnDue
        self.asnDeliveredAt = asnDeliveredAt
        self.carrierCompliant = carrierCompliant
    }
}

/// The SQL both stores read the records with, and how their rows become records.
enum ScorecardQuery {
    /// The reason a floor cancellation carries when the retailer asked for it (`Reason.retailerCancel`).
    static let retailerCancel = "retailer-cancel"
    /// The outbox kinds that are an ASN.
    static let asnKinds = [OutboundKind.shipNotice.rawValue, OutboundKind.cXMLShipNotice.rawValue]
    /// The flag a shipment's review carries when it went with a carrier service the profile does not map the PO's
    /// ship method to (`FeeSchedule.Violation.unauthorizedCarrier`, in `ShipmentReview.flags`).
    static let unauthorizedCarrier = "unauthorized-carrier"

    /// Of a PO `p` (with its first decision `o`) of a retailer of `valued`: the PO number, its value, the order's
    /// JSON only where its value was not kept (a row older than `order_value`), and what its first decision's
    /// cancelled units were worth. All NULL for any other retailer's, and when `valued` is empty (nothing more is
    /// read).
    static func valuedColumns(_ valued: [RetailerID: ScorecardWindow.Priced]) -> String {
        guard !valued.isEmpty else {
            return "CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT)"
        }
        let names = valued.keys.map(\.rawValue).sorted().map(ScorecardCountQuery.quoted).joined(separator: ", ")
        return """
            CASE WHEN p.retailer IN (\(names)) THEN p.po_number END,
                CASE WHEN p.retailer IN (\(names)) THEN p.order_value END,
                CASE WHEN p.retailer IN (\(names)) AND p.order_value IS NULL THEN p.order_json END,
                CASE WHEN p.retailer IN (\(names)) THEN o.cancelled_value END
            """
    }

    /// Records being assembled: the POs in the order read, and where each id is.
    struct Assembly {
        var records: [ScorecardRecord] = []
        var index: [Int64: Int] = [:]

        mutating func add(
            id: Int64, retailer: String, receivedAt: Double, state: String, outcome: String?, nodes: [String],
            shipBy: Double?, units: Int?, cancelledUnits: Int?, feesAvoided: String?, feesIncurred: String?,
            poNumber: String?, orderValue: String?, orderJSON: String?, cancelledValue: String?, operation: String
        ) throws(StoreError) {
            guard let state = OrderState(rawValue: state) else {
                throw StoreError(operation, code: .corrupt, reason: "order \(id) is in an unknown state '\(state)'")
            }
            var decided: DecisionOutcome?
            if let outcome {
                guard let known = DecisionOutcome(rawValue: outcome) else {
                    throw StoreError(
                        operation, code: .corrupt, reason: "order \(id) has an unknown outcome '\(outcome)'")
                }
                decided = known
            }
            var value: Money?
            if let orderValue {
                value = try OriginalDecisionQuery.money(orderValue, order: id, operation: operation)
            } else if let orderJSON {
                value = try StoreJSON.decode(PurchaseOrder.self, from: orderJSON, operation: operation).extendedTotal
            }
            let units = units ?? 0
            let cancelledUnits = cancelledUnits ?? 0
            var cancelled: Money?
            if let value {
                if let cancelledValue {
                    cancelled =
                        try OriginalDecisionQuery.money(cancelledValue, order: id, operation: operation)
                        ?? .zero(value.currency)
                } else {
                    cancelled = Self.share(of: value, units: cancelledUnits, of: units)
                }
            }
            index[id] = records.count
            records.append(
                ScorecardRecord(
                    id: OrderID(id), retailer: RetailerID(retailer),
                    receivedAt: Date(timeIntervalSince1970: receivedAt),
                    units: units, outcome: decided, nodes: nodes.filter { !$0.isEmpty }.map(DCID.init(rawValue:)),
                    shipBy: shipBy.map(Date.init(timeIntervalSince1970:)), state: state,
                    cancelledUnits: cancelledUnits, floorCancelledUnits: [:],
                    feesAvoided: try OriginalDecisionQuery.money(feesAvoided ?? "", order: id, operation: operation),
                    feesIncurred: try OriginalDecisionQuery.money(feesIncurred ?? "", order: id, operation: operation),
                    cancelledByRetailer: false, shipments: [], poNumber: poNumber.map(PONumber.init(rawValue:)),
                    value: value, cancelledValue: cancelled))
        }

        /// `value` in proportion to `part` units of `whole`, to the cent (all of it when `whole` is unknown): what a
        /// value kept before the cancelled units' own values were is estimated as.
        static func share(of value: Money, units part: Int, of whole: Int) -> Money {
            guard part > 0 else { return .zero(value.currency) }
            guard whole > part else { return value }
            return Money((value.amount * Decimal(part) / Decimal(whole)).roundedToCents, value.currency)
        }

        mutating func addShipment(
            order: Int64, node: String, shippedAt: Double, asnDue: Double?, deliveredAt: Double?,
            carrierCompliant: Bool
        ) {
            guard let at = index[order] else { return }
            records[at].shipments.append(
                ScorecardShipment(
                    node: DCID(node), shippedAt: Date(timeIntervalSince1970: shippedAt),
                    asnDue: asnDue.map(Date.init(timeIntervalSince1970:)),
                    asnDeliveredAt: deliveredAt.map(Date.init(timeIntervalSince1970:)),
                    carrierCompliant: carrierCompliant))
        }

        /// A line cancelled from the floor, with what it was worth (nil: written before that was kept).
        mutating func addCancellation(
            order: Int64, node: String, byRetailer: Bool, quantity: Int, value: String?, operation: String
        ) throws(StoreError) {
            guard let at = index[order] else { return }
            if byRetailer {
                records[at].cancelledByRetailer = true
                return
            }
            records[at].floorCancelledUnits[DCID(node), default: 0] += quantity
            guard let total = records[at].cancelledValue, let orderValue = records[at].value else { return }
            let worth: Money?
            if let value {
                worth = try OriginalDecisionQuery.money(value, order: order, operation: operation)
            } else {
                worth = Self.share(of: orderValue, units: quantity, of: records[at].units)
            }
            if let worth, let sum = total.adding(worth) { records[at].cancelledValue = sum }
        }

        /// The records with something in `[from, until)`: receipt, ship-by, a shipment or an ASN deadline.
        consuming func inWindow(from: Date, until: Date) -> [ScorecardRecord] {
            func inside(_ instant: Date?) -> Bool { instant.map { $0 >= from && $0 < until } ?? false }
            var kept = records
            records = []
            kept.removeAll { record in
                !(inside(record.receivedAt) || inside(record.shipBy)
                    || record.shipments.contains { inside($0.shippedAt) || inside($0.asnDue) })
            }
            return kept
        }
    }
}
