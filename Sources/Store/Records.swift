public import Foundation
public import Orders

/// A document as it arrived, kept byte for byte before anything else happens to it, so that nothing is lost
/// even when it cannot be read.
public struct InboundDocument: Sendable {
    public var receivedAt: Date
    /// File name or request id it came from.
    public var origin: String
    public var format: DocumentFormat
    public var bytes: [UInt8]

    public init(receivedAt: Date, origin: String, format: DocumentFormat, bytes: [UInt8]) {
        self.receivedAt = receivedAt
        self.origin = origin
        self.format = format
        self.bytes = bytes
    }
}

public enum DocumentFormat: String, Sendable, Codable {
    case x12, cXML = "cxml", xml, unknown
}

/// What became of an inbound document.
public enum DocumentStatus: String, Sendable, Codable {
    case received, accepted, acceptedWithErrors = "accepted-with-errors", rejected, unreadable
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

/// Everything one routed order leaves behind, written in one transaction: the order, its decision, the stock it
/// reserves and an audit line.
public struct OrderIntake: Sendable {
    public var order: PurchaseOrder
    public var retailer: RetailerID
    public var documentID: DocumentID?
    public var receivedAt: Date
    public var decision: DecisionRecord
    public var reservations: [Reservation]

    public init(
        order: PurchaseOrder, retailer: RetailerID, documentID: DocumentID?, receivedAt: Date,
        decision: DecisionRecord, reservations: [Reservation]
    ) {
        self.order = order
        self.retailer = retailer
        self.documentID = documentID
        self.receivedAt = receivedAt
        self.decision = decision
        self.reservations = reservations
    }
}

/// The routing decision as the store keeps it: the outcome code and nodes for queries, the full explanation as
/// JSON so that any decision can be shown and replayed later.
public struct DecisionRecord: Sendable {
    /// `ship`, `reroute`, `split`, `backorder`, `cancel`, `reject`.
    public var outcome: String
    public var nodes: [DCID]
    public var shipBy: Date?
    public var decidedAt: Date
    public var explanationJSON: String

    public init(outcome: String, nodes: [DCID], shipBy: Date?, decidedAt: Date, explanationJSON: String) {
        self.outcome = outcome
        self.nodes = nodes
        self.shipBy = shipBy
        self.decidedAt = decidedAt
        self.explanationJSON = explanationJSON
    }
}

/// Stock held for an accepted order at one node, so no other order can promise it.
public struct Reservation: Hashable, Sendable, Codable {
    public var node: DCID
    public var sku: SKU
    public var quantity: Decimal

    public init(node: DCID, sku: SKU, quantity: Decimal) {
        self.node = node
        self.sku = sku
        self.quantity = quantity
    }
}

/// What recording an order did. A PO the store has seen (same retailer, PO number and purpose) is a duplicate: it
/// gets no second action.
public enum IntakeResult: Hashable, Sendable {
    case recorded(OrderID)
    case duplicate(of: OrderID)
}

/// A document we produced (997, 855, pick ticket, feed), kept with what it answers.
public struct OutboundDocument: Sendable {
    public var kind: String
    public var retailer: RetailerID?
    public var orderID: OrderID?
    public var inReplyTo: DocumentID?
    public var createdAt: Date
    public var name: String
    public var bytes: [UInt8]

    public init(
        kind: String, retailer: RetailerID?, orderID: OrderID?, inReplyTo: DocumentID?, createdAt: Date, name: String,
        bytes: [UInt8]
    ) {
        self.kind = kind
        self.retailer = retailer
        self.orderID = orderID
        self.inReplyTo = inReplyTo
        self.createdAt = createdAt
        self.name = name
        self.bytes = bytes
    }
}

/// A row of the order list: what happened to one PO.
public struct OrderSummary: Hashable, Sendable {
    public var id: OrderID
    public var retailer: RetailerID
    public var poNumber: PONumber
    public var outcome: String
    public var nodes: [DCID]
    public var shipBy: Date?
    public var receivedAt: Date
}
