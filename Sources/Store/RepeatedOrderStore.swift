public import Foundation
public import Orders

/// What the store does with a PO number the retailer sends again in a new interchange: the profile's duplicate
/// policy decides between refusing the repeat (`recordRepeat`) and replacing the first order with it (`replace`);
/// either way the PO is never shipped twice.
public protocol RepeatedOrderStore: Sendable {
    /// What a repeat in `document` needs to know of recorded orders: whose document they came from (and whether it
    /// had the very bytes of `document`: a redelivery, not a repeat), their state and version, when they were
    /// decided and what they hold.
    func recordedOrders(_ ids: [OrderID], for document: DocumentID) async throws(StoreError)
        -> [OrderID: RecordedOrder]

    /// Records a repeat that is not acted on, in one transaction: a row naming the repeat's document and place, a
    /// `duplicate` event in the first order's audit trail, and its answer (if any) in the outbox. Idempotent on
    /// the document and place: recording it again (a document finished after a crash) writes nothing and returns
    /// the first call's outbox rows.
    func recordRepeat(_ refusal: OrderRepeat) async throws(StoreError) -> [OutboxEntry]

    /// Replaces a recorded order with the repeat decided afresh, in one transaction and only if the order is still
    /// open and at the version the decision was made against: its reservations and capacity are released, the
    /// version is kept in `order_version` as `replaced`, its pick tickets not yet sent are withdrawn, and the new
    /// decision is committed as `commit(_:)` would, with an audit event for each step. A reservation or capacity
    /// claim that no longer fits, or another process that replaced or released the order first, is `.conflict`:
    /// decide again with fresh figures.
    func replace(_ replacement: OrderReplacement) async throws(StoreError) -> ReplacementResult

    /// Moves an order on toward the warehouse (open → released → shipped, never back), with an audit event; a
    /// released order is never replaced. False when the order is not in a state that may move to `state`.
    func mark(_ order: OrderID, as state: OrderState, at: Date, detail: String) async throws(StoreError) -> Bool
}

/// Where an order stands toward the warehouse.
public enum OrderState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Decided; the warehouse has not taken it: a repeat under `replace` may still replace it.
    case open
    /// Handed to the warehouse (a pick ticket of it was sent, or the warehouse took it).
    case released
    /// Everything the warehouse was handed has shipped (some of it may have been cancelled from the floor).
    case shipped
    /// Everything the warehouse was handed was cancelled from the floor; nothing shipped.
    case cancelled

    /// The states an order may move to from this one.
    var successors: [OrderState] {
        switch self {
        case .open: [.released, .shipped, .cancelled]
        case .released: [.shipped, .cancelled]
        case .shipped, .cancelled: []
        }
    }
}

/// A recorded order as a repeat of its PO sees it.
public struct RecordedOrder: Hashable, Sendable {
    public var id: OrderID
    public var documentID: DocumentID?
    /// Its document had the same bytes as the one asking (`recordedOrders(_:for:)`): the same document delivered
    /// again (for XML, which has no interchange number, this is how a redelivery is known), so nothing new.
    public var sameBytes: Bool
    /// `released` also when the state column says `open` but a pick ticket of the order has left the outbox.
    public var state: OrderState
    public var version: Int
    public var decidedAt: Date
    public var reservations: [Reservation]

    public init(
        id: OrderID, documentID: DocumentID?, sameBytes: Bool = false, state: OrderState, version: Int,
        decidedAt: Date, reservations: [Reservation]
    ) {
        self.id = id
        self.documentID = documentID
        self.sameBytes = sameBytes
        self.state = state
        self.version = version
        self.decidedAt = decidedAt
        self.reservations = reservations
    }
}

/// A repeat that is refused: what it is a repeat of, where it came from, and its answer.
public struct OrderRepeat: Sendable {
    public var order: OrderID
    public var document: DocumentID
    /// Its place among the document's POs: with the document, what makes recording it idempotent.
    public var position: Int
    public var at: Date
    /// For the audit trail: which interchange, and what was answered.
    public var detail: String
    /// The answer (an 855 reject with the profile's duplicate code), or nothing.
    public var outbound: [OutboundDraft]

    public init(
        order: OrderID, document: DocumentID, position: Int, at: Date, detail: String, outbound: [OutboundDraft]
    ) {
        self.order = order
        self.document = document
        self.position = position
        self.at = at
        self.detail = detail
        self.outbound = outbound
    }

    /// The outbox key its answer is written under.
    var outboxKey: String { "repeat of order \(order.rawValue) in document \(document.rawValue) at \(position)" }
}

/// A repeat decided afresh that replaces a recorded order.
public struct OrderReplacement: Sendable {
    public var replacing: OrderID
    /// The version the decision was made against (`RecordedOrder.version`).
    public var version: Int
    /// The repeat's place among its document's POs (see `OrderRepeat.position`).
    public var position: Int
    /// The new decision and everything it produces, as for `commit(_:)`.
    public var commit: OrderCommit
    /// The capacity the replaced version took (one order and its units per node, on the day it was decided),
    /// given back.
    public var released: [CapacityClaim]
    /// Why it is replaced, for the audit trail, when it is not a repeat of the PO: a retailer's change request
    /// (the audit event is then `changed`, and no repeat of the PO is recorded).
    public var note: String?

    public init(
        replacing: OrderID, version: Int, position: Int, commit: OrderCommit, released: [CapacityClaim],
        note: String? = nil
    ) {
        self.replacing = replacing
        self.version = version
        self.position = position
        self.commit = commit
        self.released = released
        self.note = note
    }
}

public enum ReplacementResult: Hashable, Sendable {
    /// The order (same id, next version) and the new outbox rows.
    case replaced(OrderID, [OutboxEntry])
    /// The order is no longer open: nothing was written; the repeat is refused instead.
    case refused(OrderState)
    /// Decide again with fresh figures.
    case conflict(String)
}
