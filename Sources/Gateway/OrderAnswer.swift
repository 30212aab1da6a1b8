public import Foundation
public import OrderX12
public import OrderXML
public import Orders
public import Profiles
public import Routing

/// The business answer to a routed PO, decided from the decision and what the retailer's profile accepts, before
/// it is written as an X12 855 or a cXML ConfirmationRequest.
public struct OrderAnswer: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Every line accepted as ordered.
        case accept
        /// Some lines accepted, others cancelled or backordered.
        case partial
        /// Nothing ships: cancelled for stock, or rejected against the retailer's rules.
        case reject
    }

    public struct Line: Hashable, Sendable {
        public var lineNumber: String
        public var ordered: Decimal
        public var accepted: Decimal
        public var backordered: Decimal
        public var rejected: Decimal
        /// The retailer's reason code and a few words, for lines not accepted.
        public var reason: String?
        public var backorderUntil: CalendarDate?
    }

    public var kind: Kind
    public var lines: [Line]
    public var shipDate: Date?
    /// The reason for an order-level reject, in the retailer's code and a few words.
    public var reason: String?

    public init(order: PurchaseOrder, decision: RoutingDecision) {
        var lines: [Line] = []
        let cancelledLines = decision.cancelledLines
        for line in order.lines {
            let shipped = decision.shipments.flatMap(\.lines).filter { $0.lineNumber == line.lineNumber }
                .reduce(0) { $0 + $1.quantity }
            let backordered = decision.backorderedLines.first { $0.lineNumber == line.lineNumber }
            let cancelled = cancelledLines.first { $0.lineNumber == line.lineNumber }
            let rejection = decision.rejections.first { $0.lineNumber == line.lineNumber || $0.lineNumber == nil }
            var answer = Line(
                lineNumber: line.lineNumber, ordered: line.quantity, accepted: Decimal(shipped),
                backordered: Decimal(backordered?.quantity ?? 0), rejected: 0, reason: nil,
                backorderUntil: backordered?.until)
            answer.rejected = max(0, line.quantity - answer.accepted - answer.backordered)
            if answer.rejected > 0 {
                answer.reason =
                    cancelled.map { "\($0.code) \($0.detail)" } ?? rejection.map { "\($0.code) \($0.detail)" }
            }
            lines.append(answer)
        }
        self.lines = lines
        shipDate = decision.shipments.map(\.shipAt).min()
        if lines.allSatisfy({ $0.accepted == $0.ordered }) {
            kind = .accept
        } else if lines.allSatisfy({ $0.accepted == 0 && $0.backordered == 0 }) {
            kind = .reject
            reason =
                decision.rejections.first.map { "\($0.code) \($0.detail)" }
                ?? cancelledLines.first.map { "\($0.code) \($0.detail)" }
        } else {
            kind = .partial
        }
    }

    /// Whether the profile wants this answer sent: some retailers take only cancellations (no answer for a PO that
    /// ships complete), others every accept and reject.
    public func isWanted(by profile: RetailerProfile) -> Bool {
        let rules = profile.documents.acknowledgement
        let carries: AcknowledgementRules.Kind
        switch kind {
        case .accept: carries = .accept
        case .reject: carries = rules.kinds.contains(.reject) ? .reject : .cancel
        case .partial:
            carries = lines.contains { $0.backordered > 0 } && rules.kinds.contains(.backorder) ? .backorder : .cancel
        }
        return rules.kinds.contains(carries) || (rules.required && kind == .accept)
    }

    /// The X12 855 form: BAK02 and one ACK per line (every line for `every-line` profiles).
    public func x12Acknowledgement(date: CalendarDate, scope: AcknowledgementRules.Scope) -> POAcknowledgement {
        let bak: POAcknowledgement.Kind
        switch kind {
        case .accept: bak = scope == .everyLine ? .acceptedWithDetail : .acceptedNoDetail
        case .partial: bak = .acceptedWithChanges
        case .reject: bak = scope == .everyLine ? .rejectedWithDetail : .rejected
        }
        let acks = lines.map { line -> POAcknowledgement.Line in
            if line.backordered > 0 {
                return .init(
                    lineNumber: line.lineNumber, status: .backordered, quantity: line.backordered,
                    reason: nil, date: line.backorderUntil)
            }
            if line.rejected > 0 {
                return .init(
                    lineNumber: line.lineNumber, status: .rejected, quantity: line.rejected, reason: line.reason)
            }
            return .init(lineNumber: line.lineNumber, status: .accepted, quantity: line.accepted)
        }
        return POAcknowledgement(kind: bak, date: date, lines: acks)
    }

    /// The cXML ConfirmationRequest form.
    public func confirmation(noticeDate: Date, order: PurchaseOrder) -> OrderConfirmation {
        OrderConfirmation(
            noticeDate: noticeDate,
            lines: lines.map { line in
                let ordered = order.lines.first { $0.lineNumber == line.lineNumber }
                return OrderConfirmation.Line(
                    lineNumber: line.lineNumber, ordered: line.ordered, unit: ordered?.unit ?? .each,
                    accepted: line.accepted, rejected: line.rejected, backordered: line.backordered,
                    unitPrice: ordered?.unitPrice, shipmentDate: line.accepted > 0 ? shipDate : nil,
                    comment: line.reason)
            },
            comment: reason)
    }
}
