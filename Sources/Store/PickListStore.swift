public import Foundation
public import Orders

/// What the warehouse floor reads: the pick tickets of the orders it still has to ship, and every order's
/// deadlines (acknowledge by, ship by) with whether and when each step was done.
public protocol PickListStore: Sendable {
    /// The pick tickets of orders still on the floor (state `open` or `released`) at `node`, or at every node when
    /// nil, soonest ship-by first (an order without one last), then by order id. Withdrawn tickets (of a version a
    /// repeat replaced) are left out. One indexed query: a DC with 5,000 open orders reads in one round trip.
    ///
    /// Each entry carries what the floor did with its ticket (the shipments from its node and the units cancelled
    /// there, from the shipment and line-cancellation rows) and the bins its node keeps the order's SKUs in, read by
    /// subqueries on their indexes in the same statement. With `order`, that order's tickets whatever its state
    /// (a printed ticket, the ship form).
    func pickList(node: DCID?, order: OrderID?) async throws(StoreError) -> [PickListEntry]

    /// The orders whose deadlines the deadline watch looks at, at `node` or every node: every order on the floor,
    /// every shipped order whose ASN has not reached the retailer, and every order received (or shipped) since
    /// `since` whose acknowledgement or ASN left after its deadline (late, done).
    /// Soonest ship-by first, then by order id.
    func deadlineRows(node: DCID?, since: Date) async throws(StoreError) -> [DeadlineRow]
}

/// One pick ticket of an order on the floor, as the store keeps it: the ticket itself is the gateway's JSON
/// (`PickTicket`), byte for byte; the order's fields beside it are what the list sorts and marks by.
public struct PickListEntry: Hashable, Sendable {
    public var order: OrderID
    /// `released` also when the column says `open` but this ticket has left the outbox.
    public var state: OrderState
    public var retailer: RetailerID
    public var poNumber: PONumber
    /// The DC the ticket is for.
    public var node: DCID
    public var acknowledgeBy: Date?
    public var shipBy: Date?
    /// The `PickTicket` JSON.
    public var ticket: [UInt8]
    /// The shipments recorded from `node` for the order (the shipment rows' confirmations), in no set order: what
    /// shipped of each line, as the shipment review counts it.
    public var shipments: [ShipConfirmation]
    /// Units cancelled at `node` per PO line: the line-cancellation rows, of floor cancels and of retailers'
    /// cancels honoured after release alike.
    public var cancelled: [String: Int]
    /// The bins `node` keeps the order's SKUs in (`inventory.location`), of the SKUs the order holds there (a kit
    /// holds its components); a SKU without a bin is absent.
    public var locations: [SKU: BinLocation]

    public init(
        order: OrderID, state: OrderState, retailer: RetailerID, poNumber: PONumber, node: DCID,
        acknowledgeBy: Date?, shipBy: Date?, ticket: [UInt8], shipments: [ShipConfirmation] = [],
        cancelled: [String: Int] = [:], locations: [SKU: BinLocation] = [:]
    ) {
        self.order = order
        self.state = state
        self.retailer = retailer
        self.poNumber = poNumber
        self.node = node
        self.acknowledgeBy = acknowledgeBy
        self.shipBy = shipBy
        self.ticket = ticket
        self.shipments = shipments
        self.cancelled = cancelled
        self.locations = locations
    }

    /// The floor's facts as the pick list query aggregates them, each a text or NULL: the node's shipment
    /// confirmations as a JSON array; units cancelled and bins as records (`line␟units␞line␟units`,
    /// `sku␟bin␞…`: the ASCII unit and record separators, which no line number, SKU or bin holds). The records are
    /// read by hand, not by a JSON decoder: with bins given, every one of a DC's 5,000 entries has some, and a
    /// decoder per entry would cost more than the query.
    static func floorFacts(shipments: String?, cancelled: String?, locations: String?, order: OrderID)
        throws(StoreError) -> (shipments: [ShipConfirmation], cancelled: [String: Int], locations: [SKU: BinLocation])
    {
        let operation = "read the pick list (order \(order))"
        var shipped: [ShipConfirmation] = []
        if let shipments, !shipments.isEmpty {
            shipped = try StoreJSON.decode([ShipConfirmation].self, from: shipments, operation: operation)
        }
        var units: [String: Int] = [:]
        for (line, quantity) in try records(cancelled, operation: operation) {
            guard let quantity = Int(quantity) else {
                throw StoreError(operation, code: .corrupt, reason: "line \(line) cancels '\(quantity)' units")
            }
            units[String(line), default: 0] += quantity
        }
        var bins: [SKU: BinLocation] = [:]
        for (sku, location) in try records(locations, operation: operation) {
            // Only checked bins are written; one that does not check is shown as none rather than as typed.
            if let bin = BinLocation(checking: String(location)) { bins[SKU(String(sku))] = bin }
        }
        return (shipped, units, bins)
    }

    /// The pairs of `text` as the pick list query joins them: records split by U+001E, each a key and a value split
    /// by U+001F.
    private static func records(_ text: String?, operation: String) throws(StoreError)
        -> [(Substring, Substring)]
    {
        guard let text, !text.isEmpty else { return [] }
        var pairs: [(Substring, Substring)] = []
        for record in text.split(separator: "\u{1E}") {
            let parts = record.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw StoreError(operation, code: .corrupt, reason: "a floor record reads '\(record)'")
            }
            pairs.append((parts[0], parts[1]))
        }
        return pairs
    }
}

extension PickListStore {
    /// The pick list of `node` (every node when nil): see `pickList(node:order:)`.
    public func pickList(node: DCID?) async throws(StoreError) -> [PickListEntry] {
        try await pickList(node: node, order: nil)
    }
}

/// An order's deadlines and what was done about them, for the deadline watch.
public struct DeadlineRow: Hashable, Sendable {
    public var order: OrderID
    public var retailer: RetailerID
    public var poNumber: PONumber
    public var nodes: [DCID]
    /// Units reserved for the order (what a per-unit fee counts).
    public var units: Int
    public var acknowledgeBy: Date?
    /// Whether the order has an acknowledgement in the outbox at all (sent or not): a retailer that wants none
    /// has no acknowledge step to miss.
    public var hasAcknowledgement: Bool
    /// When the first acknowledgement (855 or cXML confirmation) was delivered; nil while none has been.
    public var acknowledgedAt: Date?
    public var shipBy: Date?
    /// When its first shipment left; nil before any did.
    public var shippedAt: Date?
    /// When an ASN is due at the retailer: the earliest one not delivered yet, else the last one (nil when the
    /// profile sets no ASN deadline or nothing shipped).
    public var asnDue: Date?
    /// When that last ASN was delivered; nil while one is still to be.
    public var asnSentAt: Date?
    /// The order's state as the column says (`open`, `released`, `shipped`, or a later one).
    public var state: String

    public init(
        order: OrderID, retailer: RetailerID, poNumber: PONumber, nodes: [DCID], units: Int, acknowledgeBy: Date?,
        hasAcknowledgement: Bool, acknowledgedAt: Date?, shipBy: Date?, shippedAt: Date? = nil, asnDue: Date? = nil,
        asnSentAt: Date? = nil, state: String
    ) {
        self.order = order
        self.retailer = retailer
        self.poNumber = poNumber
        self.nodes = nodes
        self.units = units
        self.acknowledgeBy = acknowledgeBy
        self.hasAcknowledgement = hasAcknowledgement
        self.acknowledgedAt = acknowledgedAt
        self.shipBy = shipBy
        self.shippedAt = shippedAt
        self.asnDue = asnDue
        self.asnSentAt = asnSentAt
        self.state = state
    }

    /// The ASN step as the store reads it: the earliest due ASN not delivered (`pendingDue`), else the last one due
    /// and when it was delivered.
    static func asn(pendingDue: Double?, lastDue: Double?, lastSent: Double?) -> (due: Date?, sent: Date?) {
        if let pendingDue { return (Date(timeIntervalSince1970: pendingDue), nil) }
        return (
            lastDue.map(Date.init(timeIntervalSince1970:)),
            lastDue == nil ? nil : lastSent.map(Date.init(timeIntervalSince1970:))
        )
    }

    /// Open or released: the warehouse still has it to ship.
    public var isOnFloor: Bool { state == OrderState.open.rawValue || state == OrderState.released.rawValue }
}
