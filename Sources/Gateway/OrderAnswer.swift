public import Foundation
public import OrderX12
public import OrderXML
public import Orders
public import Profiles
public import Routing

/// The business answer to a routed PO, decided from the decision and what the retailer's profile accepts, before
/// it is written as an X12 855 or a cXML ConfirmationRequest. It carries our reasons as typed values; what the
/// retailer reads is the profile's code and text for each, never our explanation.
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
        /// Why the line is not accepted (in part), in our words: the profile turns it into the retailer's code.
        public var reason: Reason?
        public var backorderUntil: CalendarDate?
        /// The carrier pickup of the shipment that carries the line (nil when none does).
        public var shipAt: Date?

        /// What the line is to the retailer: accepted as ordered, backordered (in part), or not shipping.
        public var disposition: AcknowledgementRules.Kind {
            if backordered > 0 { return .backorder }
            if rejected > 0 { return .cancel }
            return .accept
        }
    }

    public var kind: Kind
    public var lines: [Line]
    /// The reason for an order-level reject, in our words.
    public var reason: Reason?

    public init(order: PurchaseOrder, decision: RoutingDecision) {
        var lines: [Line] = []
        for line in order.lines {
            let shipping = decision.shipments.filter { $0.lines.contains { $0.lineNumber == line.lineNumber } }
            let shipped = shipping.flatMap(\.lines).filter { $0.lineNumber == line.lineNumber }
                .reduce(0) { $0 + $1.quantity }
            let backordered = decision.backorderedLines.first { $0.lineNumber == line.lineNumber }
            let cancelled = decision.cancelledLines.first { $0.lineNumber == line.lineNumber }
            let rejection =
                decision.rejections.first { $0.lineNumber == line.lineNumber }
                ?? decision.rejections.first { $0.lineNumber == nil }
            var answer = Line(
                lineNumber: line.lineNumber, ordered: line.quantity, accepted: Decimal(shipped),
                backordered: Decimal(backordered?.quantity ?? 0), rejected: 0, reason: nil,
                backorderUntil: backordered?.until, shipAt: shipping.map(\.shipAt).min())
            answer.rejected = max(0, line.quantity - answer.accepted - answer.backordered)
            if answer.rejected > 0 {
                answer.reason = cancelled?.reason ?? rejection?.reason ?? decision.rejections.first?.reason
            }
            lines.append(answer)
        }
        self.init(lines: lines)
        if kind == .reject {
            reason = decision.rejections.first?.reason ?? decision.cancelledLines.first?.reason
        }
    }

    /// The answer these lines make: an accept when every line is accepted as ordered, a reject when none ships or
    /// waits (for the first line's reason), partial otherwise.
    init(lines: [Line]) {
        self.lines = lines
        if lines.allSatisfy({ $0.accepted == $0.ordered }) {
            kind = .accept
        } else if lines.allSatisfy({ $0.accepted == 0 && $0.backordered == 0 }) {
            kind = .reject
            reason = lines.first { $0.reason != nil }?.reason
        } else {
            kind = .partial
        }
    }

    /// The answer to a PO refused as a whole before any decision (its set failed validation): every line rejected
    /// for `reason`.
    public init(rejecting order: PurchaseOrder, reason: Reason) {
        kind = .reject
        self.reason = reason
        lines = order.lines.map {
            Line(
                lineNumber: $0.lineNumber, ordered: $0.quantity, accepted: 0, backordered: 0, rejected: $0.quantity,
                reason: reason, backorderUntil: nil, shipAt: nil)
        }
    }

    /// What this answer is to the retailer's acknowledgement rules: an accept, a reject of the whole order (a
    /// cancel where the retailer takes only cancellations), or the exceptions of a partial answer.
    var carries: Set<AcknowledgementRules.Kind> {
        switch kind {
        case .accept: [.accept]
        case .reject: [.reject]
        case .partial: Set(lines.map(\.disposition)).subtracting([.accept])
        }
    }

    /// Whether the profile wants this answer sent: exactly the acknowledgement kinds it lists. A cancel-only
    /// retailer gets an answer only when something is cancelled; a whole-order reject is a cancel to it.
    public func isWanted(by profile: RetailerProfile) -> Bool {
        let kinds = profile.documents.acknowledgement.kinds
        if kind == .reject { return kinds.contains(.reject) || kinds.contains(.cancel) }
        return !carries.isDisjoint(with: kinds)
    }

    /// The X12 855 form, as the profile's scope and kinds allow:
    ///
    /// | answer | scope `order` | scope `every-line`, accepts listed | cancel/backorder only |
    /// | --- | --- | --- | --- |
    /// | accept | AK, no lines | AD, every line IA | (not sent) |
    /// | partial | AE, the exceptions | AC, every line | AE, the exceptions |
    /// | reject | RJ, no lines | RD, every line | RD, every line |
    ///
    /// A line not shipping carries the profile's code for its reason as ACK01 (IR, R2, …); a backordered one IB
    /// with the day it ships (ACK04 068).
    public func x12Acknowledgement(
        date: CalendarDate, rules: AcknowledgementRules, reasonCodes: ReasonCodes
    ) -> POAcknowledgement {
        let acceptsListed = rules.kinds.contains(.accept)
        let bak: POAcknowledgement.Kind
        switch (kind, rules.scope) {
        case (.accept, .order): bak = .acceptedNoDetail
        case (.accept, .everyLine): bak = .acceptedWithDetail
        case (.partial, .everyLine) where acceptsListed: bak = .acceptedWithChanges
        case (.partial, _): bak = .acceptedWithExceptions
        case (.reject, .order) where acceptsListed || rules.kinds.contains(.reject): bak = .rejected
        case (.reject, _): bak = .rejectedWithDetail
        }
        let written = lines.filter { bak != .acceptedWithExceptions || $0.disposition != .accept }
        let acks = written.map { line -> POAcknowledgement.Line in
            switch line.disposition {
            case .backorder:
                return .init(
                    lineNumber: line.lineNumber, status: .backordered, quantity: line.backordered,
                    date: line.backorderUntil)
            case .cancel, .reject, .change:
                return .init(
                    lineNumber: line.lineNumber, status: Self.status(for: line.reason ?? reason, in: reasonCodes),
                    quantity: line.rejected)
            case .accept:
                return .init(lineNumber: line.lineNumber, status: .accepted, quantity: line.accepted)
            }
        }
        return POAcknowledgement(kind: bak, date: date, lines: acks)
    }

    /// ACK01 for a line that does not ship: the profile's code for the reason when it is one an 855 can carry
    /// (`profiles check` reports any other), IR otherwise.
    static func status(for reason: Reason?, in codes: ReasonCodes) -> POAcknowledgement.LineStatus {
        let code = reason.map(codes.code(for:)) ?? codes.fallback
        return POAcknowledgement.LineStatus(rawValue: code).flatMap {
            POAcknowledgement.LineStatus.rejections.contains($0) ? $0 : nil
        } ?? .rejected
    }

    /// The cXML ConfirmationRequest form: each line's shipment date is the pickup of the shipment that carries it;
    /// a line not accepted says the retailer's words for its reason (the profile's text, else its code).
    public func confirmation(noticeDate: Date, order: PurchaseOrder, reasonCodes: ReasonCodes) -> OrderConfirmation {
        func words(_ reason: Reason?) -> String? {
            reason.map { reasonCodes.text(for: $0) ?? reasonCodes.code(for: $0) }
        }
        return OrderConfirmation(
            noticeDate: noticeDate,
            lines: lines.map { line in
                let ordered = order.lines.first { $0.lineNumber == line.lineNumber }
                return OrderConfirmation.Line(
                    lineNumber: line.lineNumber, ordered: line.ordered, unit: ordered?.unit ?? .each,
                    accepted: line.accepted, rejected: line.rejected, backordered: line.backordered,
                    unitPrice: ordered?.unitPrice, shipmentDate: line.accepted > 0 ? line.shipAt : nil,
                    comment: line.rejected > 0 ? words(line.reason) : nil)
            },
            comment: kind == .reject ? words(reason) : nil)
    }
}
