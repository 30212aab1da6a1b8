public import Foundation
public import Orders
public import Routing
public import Store

/// What the gateway did with one inbound document: its status, every problem, every order and what became of
/// it, and the files it wrote.
public struct DocumentReport: Sendable {
    public var origin: String
    public var kind: DocumentFormat
    public var documentID: DocumentID?
    public var status: DocumentStatus
    public var problems: [String]
    public var orders: [OrderReport]
    public var written: [URL]
    /// Notes that are not problems: layout the reader forgave, an interchange received before.
    public var notes: [String] = []
    /// Set when a PO could not be committed now: the document stays pending for a later run to finish.
    public var leavePending = false
    /// The orders already handed to the gateway's `orderSink`, and so no longer in `orders`.
    public var handedOver = OrderTally()

    /// How many orders the document held: those in `orders` and those handed over.
    public var orderCount: Int { orders.count + handedOver.count }
}

/// Counts of orders' results, for a document whose orders were handed on as they were decided (`Gateway.orderSink`)
/// instead of kept in its report: what its status and a command's exit status need of them.
public struct OrderTally: Sendable, Equatable {
    public private(set) var count = 0
    /// Of an interchange received before: acknowledged again, nothing else done.
    public private(set) var redelivered = 0
    /// Rejected before routing.
    public private(set) var notProcessed = 0

    public init() {}

    public mutating func add(_ orders: [OrderReport]) {
        for order in orders {
            count += 1
            switch order.result {
            case .redelivered: redelivered += 1
            case .notProcessed: notProcessed += 1
            default: break
            }
        }
    }
}

/// What became of one PO.
public struct OrderReport: Sendable {
    public var retailer: RetailerID?
    public var poNumber: PONumber?
    public var result: Result

    public enum Result: Sendable {
        /// Routed and recorded; the answer and pick tickets were written.
        case decided(RoutingDecision)
        /// The same PO was recorded before: nothing was done a second time.
        case duplicate(of: OrderID)
        /// Its interchange was received before: acknowledged again, nothing else done.
        case redelivered(interchange: InterchangeKey)
        /// The set or document was rejected before routing (envelope or syntax errors, an unmappable order).
        case notProcessed(reasons: [String])
        /// No retailer profile claims the sender.
        case unknownPartner(String)
        /// A change or cancel request for the PO: reviewed, recorded and answered.
        case changeRequest(ChangeOutcome)
    }
}
