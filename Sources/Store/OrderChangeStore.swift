public import Foundation
public import Orders

/// What the store keeps of a retailer's change and cancel requests (860, cXML update/delete): each request with
/// the review that answered it, what it did to the order, and its answer in the outbox, all in one transaction.
public protocol OrderChangeStore: Sendable {
    /// Records a change request and acts on it in one transaction: a row naming its document and place, the effect
    /// (the order replaced by its re-decided version, or units cancelled with their reservations released), an
    /// audit event on the order, and the answer in the outbox. Idempotent on the document and place: recording it
    /// again (a document finished after a crash) writes nothing and returns the first call's id and outbox rows.
    /// An effect that no longer fits (the order moved on, stock taken) is `.conflict` and nothing is written.
    func recordChange(_ change: ChangeCommit) async throws(StoreError) -> ChangeResult

    /// Change requests, oldest first, as `filter` narrows them.
    func changeRequests(_ filter: ChangeRequestFilter) async throws(StoreError) -> [ChangeRequestRecord]
}

public struct ChangeRequestID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A change request to record, with what it does.
public struct ChangeCommit: Sendable {
    public var document: DocumentID
    /// Its place among the document's requests: with the document, what makes recording it idempotent.
    public var position: Int
    public var retailer: RetailerID
    public var poNumber: PONumber
    /// The order it changes; nil for a PO never recorded.
    public var order: OrderID?
    public var receivedAt: Date
    /// `accepted`, `partly-accepted` or `refused`.
    public var verdict: String
    /// Why the whole request was refused (`unknown-order`, `change-after-shipment`, …): what the deadlines page
    /// shows; nil when some of it was accepted.
    public var reason: String?
    /// The retailer's number for the change (BCH05).
    public var changeNumber: String?
    /// The review, as JSON.
    public var reviewJSON: String
    /// For the order's audit trail.
    public var detail: String
    public var effect: ChangeEffect
    /// The answer (865, 855 or cXML confirmation), or nothing.
    public var outbound: [OutboundDraft]

    public init(
        document: DocumentID, position: Int, retailer: RetailerID, poNumber: PONumber, order: OrderID?,
        receivedAt: Date, verdict: String, reason: String?, changeNumber: String?, reviewJSON: String,
        detail: String, effect: ChangeEffect, outbound: [OutboundDraft]
    ) {
        self.document = document
        self.position = position
        self.retailer = retailer
        self.poNumber = poNumber
        self.order = order
        self.receivedAt = receivedAt
        self.verdict = verdict
        self.reason = reason
        self.changeNumber = changeNumber
        self.reviewJSON = reviewJSON
        self.detail = detail
        self.effect = effect
        self.outbound = outbound
    }

    /// The outbox key its answer is written under.
    var outboxKey: String { "change in document \(document.rawValue) at \(position)" }
}

/// What an accepted change does to the order in the store.
public enum ChangeEffect: Sendable {
    /// Nothing: the request is refused, or asks for nothing left to do.
    case none
    /// The order re-decided as changed replaces its recorded version (`RepeatedOrderStore.replace`, with the
    /// replacement's `note` in the audit trail).
    case replace(OrderReplacement)
    /// Units cancelled as the floor cancels them (`ShipmentStore.recordCancellation`); an order left with nothing
    /// reserved and nothing shipped is cancelled, and its pick tickets not yet sent are withdrawn.
    case cancel(CancellationCommit)
}

public enum ChangeResult: Sendable {
    /// Written (or written before, by an earlier call for the same document and place).
    case recorded(ChangeRequestID, [OutboxEntry])
    /// The order moved on under the review: nothing was written; review again.
    case conflict(String)
}

/// A change request as recorded.
public struct ChangeRequestRecord: Hashable, Sendable {
    public var id: ChangeRequestID
    public var document: DocumentID
    public var position: Int
    public var retailer: RetailerID
    public var poNumber: PONumber
    public var order: OrderID?
    public var receivedAt: Date
    public var verdict: String
    public var reason: String?
    public var changeNumber: String?
    public var reviewJSON: String

    public init(
        id: ChangeRequestID, document: DocumentID, position: Int, retailer: RetailerID, poNumber: PONumber,
        order: OrderID?, receivedAt: Date, verdict: String, reason: String?, changeNumber: String?,
        reviewJSON: String
    ) {
        self.id = id
        self.document = document
        self.position = position
        self.retailer = retailer
        self.poNumber = poNumber
        self.order = order
        self.receivedAt = receivedAt
        self.verdict = verdict
        self.reason = reason
        self.changeNumber = changeNumber
        self.reviewJSON = reviewJSON
    }
}

public struct ChangeRequestFilter: Sendable {
    public var retailer: RetailerID?
    public var order: OrderID?
    /// Only requests refused whole (an unknown PO, one after shipment…): what someone should look at.
    public var refusedOnly: Bool
    public var since: Date?

    public init(retailer: RetailerID? = nil, order: OrderID? = nil, refusedOnly: Bool = false, since: Date? = nil) {
        self.retailer = retailer
        self.order = order
        self.refusedOnly = refusedOnly
        self.since = since
    }
}
