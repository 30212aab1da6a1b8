public import Foundation
public import Orders

/// A document as it arrived, kept byte for byte before anything else happens to it, so that nothing is lost
/// even when it cannot be read.
public struct InboundDocument: Sendable {
    public var receivedAt: Date
    /// File name or request id it came from.
    public var origin: String
    public var format: DocumentFormat
    /// Its bytes, when it is held in memory; empty when `source` gives them.
    public var bytes: [UInt8]
    /// Where its bytes are read from a part at a time (a file), for a document too large to hold: the store
    /// keeps it in parts (`DocumentParts`) without ever holding it whole.
    public var source: (any DocumentSource)?
    /// The trading partner (its profile id) whose key posted it; nil for a document read from a folder or posted
    /// by staff.
    public var partner: String?

    public init(receivedAt: Date, origin: String, format: DocumentFormat, bytes: [UInt8], partner: String? = nil) {
        self.receivedAt = receivedAt
        self.origin = origin
        self.format = format
        self.bytes = bytes
        self.partner = partner
    }

    /// A document read from `source` as it is kept.
    public init(
        receivedAt: Date, origin: String, format: DocumentFormat, source: any DocumentSource, partner: String? = nil
    ) {
        self.init(receivedAt: receivedAt, origin: origin, format: format, bytes: [], partner: partner)
        self.source = source
    }
}

/// Bytes a document is read from a range at a time (an open file), so that keeping it never holds it whole.
public protocol DocumentSource: Sendable {
    /// How many bytes it holds.
    var count: Int { get }
    /// The bytes of `range`; throws when they cannot all be read.
    func bytes(in range: Range<Int>) throws -> [UInt8]
}

/// What became of an inbound document.
public enum DocumentStatus: String, Sendable, Codable, CaseIterable {
    case received, accepted
    case acceptedWithErrors = "accepted-with-errors"
    case rejected, unreadable
    /// The same bytes, or every interchange in it, had been received before: nothing new was done.
    case duplicate
}

public struct DocumentID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

public struct OrderID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A kept document and whether its bytes were kept before.
public struct KeptDocument: Hashable, Sendable {
    public var id: DocumentID
    /// The first document with the same bytes, when this is not it.
    public var sameBytesAs: DocumentID?

    public init(id: DocumentID, sameBytesAs: DocumentID?) {
        self.id = id
        self.sameBytesAs = sameBytesAs
    }
}

/// A kept document not finished yet.
public struct PendingDocument: Sendable {
    public var id: DocumentID
    public var document: InboundDocument

    public init(id: DocumentID, document: InboundDocument) {
        self.id = id
        self.document = document
    }
}

/// An X12 interchange as a redelivery is recognised by: who sent it and its ISA13.
public struct InterchangeKey: Hashable, Sendable, CustomStringConvertible {
    public var senderQualifier: String
    public var senderID: String
    public var controlNumber: String

    public init(senderQualifier: String, senderID: String, controlNumber: String) {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.controlNumber = controlNumber
    }

    public var description: String { "\(senderQualifier):\(senderID)#\(controlNumber)" }
}

public enum InterchangeClaim: Hashable, Sendable {
    /// This document is the one that processes the interchange.
    case first
    /// Received before in another document.
    case repeated(of: DocumentID)
}

/// A node's figures for a SKU as committed in the store.
/// A node's figures of a SKU as a read of the whole table gives them (`OrderStore.inventory()`): those of an
/// `InventoryPosition` without its bin, so that a million rows take 56 bytes each rather than 80.
public struct StockRow: Hashable, Sendable {
    public var node: DCID
    public var sku: SKU
    public var onHand: Int
    public var safetyStock: Int
    public var reserved: Int

    public init(node: DCID, sku: SKU, onHand: Int, safetyStock: Int, reserved: Int) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.safetyStock = safetyStock
        self.reserved = reserved
    }
}

public struct InventoryPosition: Hashable, Sendable {
    public var node: DCID
    public var sku: SKU
    public var onHand: Int
    public var safetyStock: Int
    public var reserved: Int
    /// The bin the node keeps the SKU in (the inventory's `location`), read with the figures so that the pick
    /// tickets of a decision name the bins of the same rows its stock came from.
    public var location: BinLocation?

    public init(
        node: DCID, sku: SKU, onHand: Int, safetyStock: Int, reserved: Int, location: BinLocation? = nil
    ) {
        self.node = node
        self.sku = sku
        self.onHand = onHand
        self.safetyStock = safetyStock
        self.reserved = reserved
        self.location = location
    }

    /// Available to promise: on hand − reserved − safety stock, never below zero.
    public var available: Int { max(0, onHand - reserved - safetyStock) }
}

/// Orders and units a node has taken on a day.
public struct CapacityUse: Hashable, Sendable {
    public var orders: Int
    public var units: Int

    public init(orders: Int = 0, units: Int = 0) {
        self.orders = orders
        self.units = units
    }
}

/// Stock held for an order at one node, so no other order can promise it.
public struct Reservation: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var quantity: Int

    public init(node: DCID, sku: SKU, quantity: Int) {
        self.node = node
        self.sku = sku
        self.quantity = quantity
    }
}

/// A slot of a node's daily capacity an order takes, and the node's limits it must stay within.
public struct CapacityClaim: Hashable, Sendable {
    public var node: DCID
    public var day: CalendarDate
    public var orders: Int
    public var units: Int
    public var maximumOrders: Int
    public var maximumUnits: Int

    public init(node: DCID, day: CalendarDate, orders: Int, units: Int, maximumOrders: Int, maximumUnits: Int) {
        self.node = node
        self.day = day
        self.orders = orders
        self.units = units
        self.maximumOrders = maximumOrders
        self.maximumUnits = maximumUnits
    }
}

/// The routing decision as the store keeps it: the outcome and nodes for queries, the full explanation as JSON so
/// that any decision can be shown and replayed later.
public struct DecisionRecord: Sendable {
    public var outcome: DecisionOutcome
    public var nodes: [DCID]
    public var acknowledgeBy: Date?
    public var shipBy: Date?
    public var decidedAt: Date
    public var explanationJSON: String

    public init(
        outcome: DecisionOutcome, nodes: [DCID], acknowledgeBy: Date? = nil, shipBy: Date?, decidedAt: Date,
        explanationJSON: String
    ) {
        self.outcome = outcome
        self.nodes = nodes
        self.acknowledgeBy = acknowledgeBy
        self.shipBy = shipBy
        self.decidedAt = decidedAt
        self.explanationJSON = explanationJSON
    }
}

/// A PO's first decision as it was made, kept once and never changed (later versions of the order do not touch it):
/// what the scorecard counts of it and what `dropgate replay` decides again. `figures` and `inputs` are the
/// routing's own compact texts (`DecisionFigures`, `DecisionInputs`); the store keeps them as they come.
public struct OriginalDecision: Sendable, Hashable {
    /// Units the PO ordered.
    public var units: Int
    /// Units the decision cancelled (a cancel, or lines cut by fill-or-kill); none for a rejected PO.
    public var cancelledUnits: Int
    /// What the cancelled units were worth at the PO's prices (a line without a price counts nothing): what a fee
    /// that is a share of the cancelled value is charged on.
    public var cancelledValue: Money?
    /// Fees the decision avoided by rerouting, and the fees it incurs before any allowance; nil when none.
    public var feesAvoided: Money?
    public var feesIncurred: Money?
    /// The plan in a line: outcome, shipments (node, day, units), cancels and backorders.
    public var figures: String
    /// SHA-256 (hex) of the decision's JSON as first committed: a replay that reproduces it byte for byte matches.
    public var digest: String
    /// What routing read: stock, capacity used and stock due at each node for the PO's items, and node switches.
    public var inputs: String

    public init(
        units: Int, cancelledUnits: Int, cancelledValue: Money? = nil, feesAvoided: Money?, feesIncurred: Money?,
        figures: String, digest: String, inputs: String
    ) {
        self.units = units
        self.cancelledUnits = cancelledUnits
        self.cancelledValue = cancelledValue
        self.feesAvoided = feesAvoided
        self.feesIncurred = feesIncurred
        self.figures = figures
        self.digest = digest
        self.inputs = inputs
    }
}

/// Everything one decided order leaves behind, committed in one transaction.
public struct OrderCommit: Sendable {
    public var order: PurchaseOrder
    public var retailer: RetailerID
    public var documentID: DocumentID?
    public var receivedAt: Date
    public var decision: DecisionRecord
    public var reservations: [Reservation]
    public var capacity: [CapacityClaim]
    /// The answer, pick tickets and explanation, numbered and rendered inside the transaction.
    public var outbound: [OutboundDraft]
    /// The decision with its inputs, for the scorecard and replay; nil leaves no such record.
    public var original: OriginalDecision?

    public init(
        order: PurchaseOrder, retailer: RetailerID, documentID: DocumentID?, receivedAt: Date,
        decision: DecisionRecord, reservations: [Reservation], capacity: [CapacityClaim], outbound: [OutboundDraft],
        original: OriginalDecision? = nil
    ) {
        self.original = original
        self.order = order
        self.retailer = retailer
        self.documentID = documentID
        self.receivedAt = receivedAt
        self.decision = decision
        self.reservations = reservations
        self.capacity = capacity
        self.outbound = outbound
    }
}

/// What makes a PO the same PO: its retailer, number and purpose.
public struct OrderKey: Hashable, Sendable {
    public var retailer: RetailerID
    public var poNumber: PONumber
    public var purpose: String

    public init(retailer: RetailerID, poNumber: PONumber, purpose: String) {
        self.retailer = retailer
        self.poNumber = poNumber
        self.purpose = purpose
    }

    public init(_ order: PurchaseOrder, retailer: RetailerID) {
        self.init(retailer: retailer, poNumber: order.poNumber, purpose: order.purpose.rawValue)
    }
}

/// What committing an order did.
public enum CommitResult: Hashable, Sendable {
    case committed(OrderID, [OutboxEntry])
    /// The same PO was recorded before; nothing was written. `sameDocument` when it was recorded from this very
    /// document (a document finished after a crash).
    case duplicate(of: OrderID, sameDocument: Bool)
    /// Another process took the stock or capacity the plan counted on: decide again with fresh figures.
    case conflict(String)
}

/// What a document we send is.
public enum OutboundKind: String, Hashable, Sendable, Codable, CaseIterable {
    case functionalAcknowledgement = "997"
    case implementationAcknowledgement = "999"
    case interchangeAcknowledgement = "TA1"
    case purchaseOrderAcknowledgement = "855"
    case changeAcknowledgement = "865"
    /// An 870 order status report: lines cancelled, for a retailer that takes cancels on it.
    case orderStatus = "870"
    case cXMLConfirmation = "cxml-confirmation"
    case shipNotice = "856"
    case invoice = "810"
    case cXMLShipNotice = "cxml-ship-notice"
    case cXMLInvoice = "cxml-invoice"
    case pickTicket = "pick-ticket"
    case explanation
}

/// Which counter a control number comes from, per partner.
public enum ControlNumberKind: String, Hashable, Sendable, CaseIterable {
    case interchange = "ISA13"
    case group = "GS06"
    case transactionSet = "ST02"

    /// The largest value before the counter wraps to 1: nine digits for ISA13 and GS06, four for ST02.
    public var limit: Int { self == .transactionSet ? 9999 : 999_999_999 }
}

/// A partner's control numbers as drawn inside a transaction: the store loads the current values (locked), a
/// renderer draws what it needs, and the store writes the new values back in the same transaction, so a number is
/// never used twice nor skipped by a rollback.
public struct ControlNumbers: Sendable {
    public let partner: String
    public private(set) var values: [ControlNumberKind: Int]
    /// Every number drawn, in order: which groups and sets a rendering numbered (`DrawnGroup`), recorded as sent
    /// where a 997 may answer them.
    public private(set) var drawn: [(ControlNumberKind, Int)] = []

    public init(partner: String, values: [ControlNumberKind: Int]) {
        self.partner = partner
        self.values = values
    }

    public mutating func next(_ kind: ControlNumberKind) -> Int {
        let current = values[kind] ?? 0
        let next = current >= kind.limit ? 1 : current + 1
        values[kind] = next
        drawn.append((kind, next))
        return next
    }
}

/// A document to put in the outbox: rendered in the committing transaction, with control numbers from `partner`'s
/// counters when it needs them.
public struct OutboundDraft: Sendable {
    public var kind: OutboundKind
    /// The retailer (or `QUALIFIER-ID` sender) it goes to, whose counters number it.
    public var partner: String
    /// A file name for it (`855-31846207.x12`).
    public var name: String
    /// Where it goes (a URL of the profile, `file:` for a folder); nil until the delivery issue says.
    public var destination: String?
    public var render: @Sendable (inout ControlNumbers) throws -> [UInt8]

    public init(
        kind: OutboundKind, partner: String, name: String, destination: String? = nil,
        render: @escaping @Sendable (inout ControlNumbers) throws -> [UInt8]
    ) {
        self.kind = kind
        self.partner = partner
        self.name = name
        self.destination = destination
        self.render = render
    }
}

/// Where an outbox row is on its way out: `pending` (queued: waiting, or waiting for its next attempt after a
/// failure) → `sending` (claimed by one deliverer until its lease ends) → `sent` (delivered) or `failed` (a final
/// refusal, or every attempt used).
public enum OutboxState: String, Hashable, Sendable, Codable, CaseIterable {
    case pending, sending, sent, failed
    /// Never to be sent: a pick ticket of an order version that a repeat of its PO replaced.
    case withdrawn
}

public struct OutboxID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A row of the outbox: a document waiting to leave (or gone).
public struct OutboxEntry: Hashable, Sendable {
    public var id: OutboxID
    public var kind: OutboundKind
    public var partner: String
    public var orderID: OrderID?
    public var inReplyTo: DocumentID?
    public var name: String
    public var destination: String?
    public var state: OutboxState
    public var createdAt: Date
    public var bytes: [UInt8]

    public init(
        id: OutboxID, kind: OutboundKind, partner: String, orderID: OrderID?, inReplyTo: DocumentID?, name: String,
        destination: String?, state: OutboxState, createdAt: Date, bytes: [UInt8]
    ) {
        self.id = id
        self.kind = kind
        self.partner = partner
        self.orderID = orderID
        self.inReplyTo = inReplyTo
        self.name = name
        self.destination = destination
        self.state = state
        self.createdAt = createdAt
        self.bytes = bytes
    }
}

/// Which orders a listing shows.
public struct OrderFilter: Hashable, Sendable {
    public var outcome: DecisionOutcome?
    public var retailer: RetailerID?
    public var node: DCID?
    public var since: Date?
    public var poNumber: PONumber?

    public init(
        outcome: DecisionOutcome? = nil, retailer: RetailerID? = nil, node: DCID? = nil, since: Date? = nil,
        poNumber: PONumber? = nil
    ) {
        self.outcome = outcome
        self.retailer = retailer
        self.node = node
        self.since = since
        self.poNumber = poNumber
    }

    public static let all = OrderFilter()
}

/// A row of the order list: what happened to one PO.
public struct OrderSummary: Hashable, Sendable {
    public var id: OrderID
    public var retailer: RetailerID
    public var poNumber: PONumber
    public var outcome: DecisionOutcome
    public var nodes: [DCID]
    public var acknowledgeBy: Date?
    public var shipBy: Date?
    public var receivedAt: Date
    public var documentID: DocumentID?
    public var explanationJSON: String
    /// The PO's purpose (`original`, …), where the store keeps it.
    public var purpose: String?

    public init(
        id: OrderID, retailer: RetailerID, poNumber: PONumber, outcome: DecisionOutcome, nodes: [DCID],
        acknowledgeBy: Date?,
        shipBy: Date?, receivedAt: Date, documentID: DocumentID?, explanationJSON: String, purpose: String? = nil
    ) {
        self.id = id
        self.retailer = retailer
        self.poNumber = poNumber
        self.outcome = outcome
        self.nodes = nodes
        self.acknowledgeBy = acknowledgeBy
        self.shipBy = shipBy
        self.receivedAt = receivedAt
        self.documentID = documentID
        self.explanationJSON = explanationJSON
        self.purpose = purpose
    }
}

/// One line of an order's audit trail.
public struct AuditEvent: Hashable, Sendable {
    public var at: Date
    public var event: String
    public var detail: String

    public init(at: Date, event: String, detail: String) {
        self.at = at
        self.event = event
        self.detail = detail
    }
}
