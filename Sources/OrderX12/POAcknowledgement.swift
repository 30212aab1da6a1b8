public import Foundation
public import Orders
public import X12

/// The business answer to a PO that the 855 carries: what the supplier decided, per order and per line, in the
/// codes of X12 elements 587 (BAK02) and 668 (ACK01). It carries codes only: a retailer reads codes its profile
/// lists, never our explanation.
public struct POAcknowledgement: Hashable, Sendable {
    /// BAK02, Acknowledgment Type (element 587).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Acknowledge, with detail and change: every line, some not accepted as ordered.
        case acceptedWithChanges = "AC"
        /// Acknowledge, with detail, no change: every line, each accepted.
        case acceptedWithDetail = "AD"
        /// Acknowledge, with exception detail only: only the lines not accepted as ordered.
        case acceptedWithExceptions = "AE"
        /// Acknowledge, no detail or change.
        case acceptedNoDetail = "AK"
        /// Rejected with detail: every line, with why.
        case rejectedWithDetail = "RD"
        /// Rejected, no detail.
        case rejected = "RJ"

        /// Whether this kind carries PO1/ACK lines.
        public var carriesLines: Bool { self != .acceptedNoDetail && self != .rejected }
    }

    /// ACK01, Line Item Status Code (element 668): the codes an 855 here may carry.
    public enum LineStatus: String, Hashable, Sendable, CaseIterable {
        case accepted = "IA"
        case backordered = "IB"
        case rejected = "IR"
        case deleted = "ID"
        case quantityChanged = "IQ"
        case changed = "IC"
        case priceChanged = "IP"
        case substituted = "IS"
        case rescheduled = "DR"
        /// Item rejected, not a contract item.
        case rejectedNotContractItem = "R1"
        /// Item rejected, invalid item product number.
        case rejectedInvalidItem = "R2"
        /// Item rejected, invalid unit of issue.
        case rejectedInvalidUnit = "R3"
        /// Item rejected, contract item not available.
        case rejectedNotAvailable = "R4"

        /// The codes that say a line will not ship: the ones a profile's reason codes may name.
        public static let rejections: [LineStatus] = [
            .rejected, .deleted, .rejectedNotContractItem, .rejectedInvalidItem, .rejectedInvalidUnit,
            .rejectedNotAvailable,
        ]
    }

    public struct Line: Hashable, Sendable {
        /// PO101 of the line answered.
        public var lineNumber: String
        public var status: LineStatus
        /// ACK02: the quantity this status applies to; nil means the ordered quantity.
        public var quantity: Decimal?
        /// ACK05 with ACK04 = 068 (current schedule ship): when a backordered line ships.
        public var date: CalendarDate?

        public init(lineNumber: String, status: LineStatus, quantity: Decimal? = nil, date: CalendarDate? = nil) {
            self.lineNumber = lineNumber
            self.status = status
            self.quantity = quantity
            self.date = date
        }
    }

    public var kind: Kind
    /// BAK09: the day the acknowledgement is made, in the retailer's calendar.
    public var date: CalendarDate
    /// The lines written, in the PO's order; ignored for kinds without detail.
    public var lines: [Line]

    public init(kind: Kind, date: CalendarDate, lines: [Line] = []) {
        self.kind = kind
        self.date = date
        self.lines = lines
    }
}

extension POAcknowledgement {
    /// The 855 transaction set for `order` (ST02 left for the control-number counter), as 004010 and 005010 both
    /// lay it out: BAK, CUR when not US dollars, then a PO1 loop per line written (PO1, its ACK) and CTT.
    ///
    /// - BAK01 `00` original (`06` confirmation for a PO that is not an original), BAK03 the PO number, BAK04 the
    ///   PO's date (BEG05; the acknowledgement's date when the PO gave none, as BAK04 is mandatory), BAK09 the
    ///   acknowledgement's date.
    /// - PO1 echoes the PO's line: number, quantity, unit, price and each item number under the qualifier the PO
    ///   gave it, in the PO's order (retailers match lines on them).
    public func transactionSet(for order: PurchaseOrder) -> X12OutgoingSet {
        var body: [X12OutgoingSegment] = []
        body.append(
            X12OutgoingSegment(
                "BAK", order.purpose == .original ? "00" : "06", kind.rawValue, order.poNumber.rawValue,
                X12Text.date(order.dates.ordered ?? date), nil, nil, nil, nil, X12Text.date(date)))
        if order.currency != .usd { body.append(X12OutgoingSegment("CUR", "SE", order.currency.rawValue)) }
        guard kind.carriesLines else { return X12OutgoingSet(id: "855", body: body) }
        var written = 0
        for line in order.lines {
            guard let answer = lines.first(where: { $0.lineNumber == line.lineNumber }) else { continue }
            written += 1
            var po1: [String?] = [
                line.lineNumber, X12Text.number(line.quantity), line.unit.rawValue,
                line.unitPrice.map { X12Text.number($0.amount) }, nil,
            ]
            line.appendX12ItemPairs(to: &po1)
            body.append(X12OutgoingSegment("PO1", simpleElements: po1))
            body.append(
                X12OutgoingSegment(
                    "ACK", answer.status.rawValue, X12Text.number(answer.quantity ?? line.quantity), line.unit.rawValue,
                    answer.date == nil ? nil : "068", answer.date.map(X12Text.date)))
        }
        body.append(X12OutgoingSegment("CTT", String(written)))
        return X12OutgoingSet(id: "855", body: body)
    }
}

extension PurchaseOrder {
    /// A complete 855 interchange answering this order's source envelope: ISA and GS identities swapped from the
    /// inbound ones, ISA15 as the inbound's, the release `format` names, control numbers from `counter`.
    public func acknowledgementInterchange(
        _ acknowledgement: POAcknowledgement, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        try replyInterchange(
            functionalID: "PR", set: acknowledgement.transactionSet(for: self), timestamp: timestamp, format: format,
            counter: &counter)
    }
}
