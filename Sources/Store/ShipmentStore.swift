public import Foundation
public import Orders

/// What the warehouse floor records: shipments confirmed (with the ASN and invoice they produce) and lines
/// cancelled, each in one transaction with the reservations it consumes or releases, the order's state and an
/// audit event.
public protocol ShipmentStore: Sendable {
    /// An order as the floor sees it: the PO as kept, its retailer and state, and what was shipped and cancelled.
    func floorOrder(_ id: OrderID) async throws(StoreError) -> FloorOrder?

    /// Records a shipment in one transaction: consumes its units from the order's reservations at the node (each a
    /// conditional update: a unit not reserved any more is `.conflict`) and from the node's on-hand stock, writes the
    /// shipment, its outbox documents (ASN, invoice) numbered in the transaction, moves the order to `shipped` once
    /// nothing is reserved for it any more (else to `released`), and an audit event.
    func recordShipment(_ shipment: ShipmentCommit) async throws(StoreError) -> FloorResult

    /// Records lines cancelled from the floor in one transaction: releases their reservations, writes the
    /// cancellation and its outbox documents (the 855 or confirmation that tells the retailer), moves the order to
    /// `shipped` or `cancelled` once nothing is reserved for it, and an audit event.
    func recordCancellation(_ cancellation: CancellationCommit) async throws(StoreError) -> FloorResult
}

/// An order as the floor sees it.
public struct FloorOrder: Sendable {
    public var id: OrderID
    public var retailer: RetailerID
    public var order: PurchaseOrder
    public var state: OrderState
    public var version: Int
    public var shipments: [ShipmentRecord]
    public var cancellations: [CancellationRecord]

    public init(
        id: OrderID, retailer: RetailerID, order: PurchaseOrder, state: OrderState, version: Int,
        shipments: [ShipmentRecord], cancellations: [CancellationRecord]
    ) {
        self.id = id
        self.retailer = retailer
        self.order = order
        self.state = state
        self.version = version
        self.shipments = shipments
        self.cancellations = cancellations
    }
}

public struct ShipmentID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A shipment as recorded.
public struct ShipmentRecord: Sendable {
    public var id: ShipmentID
    public var orderID: OrderID
    public var confirmation: ShipConfirmation
    public var recordedAt: Date
    public var recordedBy: String
    /// When its ASN is due at the retailer, where the profile sets a deadline.
    public var asnDue: Date?
    /// The review that accepted it (its checks and the fees flagged), as JSON.
    public var reviewJSON: String

    public init(
        id: ShipmentID, orderID: OrderID, confirmation: ShipConfirmation, recordedAt: Date, recordedBy: String,
        asnDue: Date?, reviewJSON: String
    ) {
        self.id = id
        self.orderID = orderID
        self.confirmation = confirmation
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.asnDue = asnDue
        self.reviewJSON = reviewJSON
    }
}

/// Units of one line cancelled from the floor, as recorded.
public struct CancellationRecord: Hashable, Sendable {
    public var orderID: OrderID
    public var node: DCID
    public var lineNumber: String
    public var sku: SKU
    public var quantity: Int
    public var reason: String
    public var at: Date
    public var recordedBy: String
    /// The review of the cancel this line was part of (its flags and checks), as JSON; empty until recorded.
    public var reviewJSON: String
    /// What the cancelled units were worth at the PO line's price (nil: the line has none in the PO's currency).
    public var value: Money?

    public init(
        orderID: OrderID, node: DCID, lineNumber: String, sku: SKU, quantity: Int, reason: String, at: Date,
        recordedBy: String, reviewJSON: String = "", value: Money? = nil
    ) {
        self.value = value
        self.orderID = orderID
        self.node = node
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.reason = reason
        self.at = at
        self.recordedBy = recordedBy
        self.reviewJSON = reviewJSON
    }
}

/// A shipment to record, with what it consumes and the documents it produces.
public struct ShipmentCommit: Sendable {
    public var orderID: OrderID
    /// The order version the review was made against: another version (a replacement in between) is `.conflict`.
    public var version: Int
    public var confirmation: ShipConfirmation
    /// Units per SKU taken from the order's reservations and the node's on-hand stock.
    public var consumed: [Reservation]
    public var recordedAt: Date
    public var recordedBy: String
    public var asnDue: Date?
    public var reviewJSON: String
    public var outbound: [OutboundDraft]

    public init(
        orderID: OrderID, version: Int, confirmation: ShipConfirmation, consumed: [Reservation], recordedAt: Date,
        recordedBy: String, asnDue: Date?, reviewJSON: String, outbound: [OutboundDraft]
    ) {
        self.orderID = orderID
        self.version = version
        self.confirmation = confirmation
        self.consumed = consumed
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.asnDue = asnDue
        self.reviewJSON = reviewJSON
        self.outbound = outbound
    }
}

/// Lines cancelled from the floor, with the reservations they release and the documents that tell the retailer.
public struct CancellationCommit: Sendable {
    public var orderID: OrderID
    public var version: Int
    /// The lines as cancelled: the PO line's own SKU and units (a kit's, for a kit line).
    public var lines: [CancellationRecord]
    /// Units per node and SKU given back from the order's reservations and the node's reserved stock: what is
    /// stocked and reserved, so a kit line's components (kits × quantity per kit), not the kit.
    public var released: [Reservation]
    public var reviewJSON: String
    public var outbound: [OutboundDraft]

    /// A cancellation that releases `released`; when nil, each line's own SKU and units (lines of ordinary items,
    /// or records already in stocked units).
    public init(
        orderID: OrderID, version: Int, lines: [CancellationRecord], released: [Reservation]? = nil,
        reviewJSON: String, outbound: [OutboundDraft]
    ) {
        self.orderID = orderID
        self.version = version
        self.lines = lines
        self.released =
            released ?? lines.map { Reservation(node: $0.node, sku: $0.sku, quantity: $0.quantity) }
        self.reviewJSON = reviewJSON
        self.outbound = outbound
    }
}

/// What recording a shipment or a cancellation did.
public enum FloorResult: Sendable {
    /// Written: the shipment's id (nil for a cancellation), the order's state after it, the outbox rows.
    case recorded(ShipmentID?, OrderState, [OutboxEntry])
    /// The order changed under the review (replaced, shipped or cancelled by someone else, units no longer
    /// reserved): nothing was written; review again.
    case conflict(String)
}
