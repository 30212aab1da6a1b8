public import Foundation
public import Orders
public import X12

/// The answer to a PO change request that the 865 carries: whether the change is taken, and per line what the line
/// now is, in the codes of X12 elements 587 (BCA02) and 668 (ACK01). The gateway builds it from its decision; like
/// the 855's `POAcknowledgement`, it carries codes only.
public struct ChangeAcknowledgement: Hashable, Sendable {
    /// BCA02, Acknowledgment Type (element 587).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Accepted: every line changed as asked.
        case accepted = "AT"
        /// Acknowledge, with detail and change: some lines refused.
        case acceptedWithChanges = "AC"
        /// Rejected with detail: nothing accepted.
        case rejectedWithDetail = "RD"
    }

    /// One POC loop of the 865: the line as the change request named it, and our answer in its ACK.
    public struct Line: Hashable, Sendable {
        /// POC01: the PO line answered.
        public var lineNumber: String
        /// POC02: the change asked, echoed as sent (`QD`, `DI`, `AI`, …).
        public var changeCode: String
        /// POC03: the line's ordered quantity after our answer: the new quantity when the change is accepted, the
        /// standing one when it is refused; 0 for an accepted cancel.
        public var quantity: Decimal
        /// POC05, and ACK03.
        public var unit: UnitOfMeasure
        /// ACK01 (element 668): `IA` accepted, `ID` deleted, `IQ` quantity changed, `IC` changed, or a reject code
        /// (`IR`, `R2`, …) as the retailer's profile names it.
        public var status: String
        /// ACK02: the quantity the status applies to; nil means `quantity`.
        public var statusQuantity: Decimal?
        /// The item numbers echoed in POC08 onwards, each under the qualifier the retailer gave it (`itemQualifiers`,
        /// as an `OrderLine` keeps them), as the 855 echoes a PO1's.
        public var buyerItemID: String?
        public var sku: SKU?
        public var gtin: String?
        public var itemQualifiers: ItemQualifiers?

        public init(
            lineNumber: String, changeCode: String, quantity: Decimal, unit: UnitOfMeasure = .each, status: String,
            statusQuantity: Decimal? = nil, buyerItemID: String? = nil, sku: SKU? = nil, gtin: String? = nil,
            itemQualifiers: ItemQualifiers? = nil
        ) {
            self.lineNumber = lineNumber
            self.changeCode = changeCode
            self.quantity = quantity
            self.unit = unit
            self.status = status
            self.statusQuantity = statusQuantity
            self.buyerItemID = buyerItemID
            self.sku = sku
            self.gtin = gtin
            self.itemQualifiers = itemQualifiers
        }

        /// A line echoing `line`'s unit and item numbers (the PO's line, or the one an added line brings).
        public init(
            lineNumber: String, changeCode: String, quantity: Decimal, status: String, statusQuantity: Decimal? = nil,
            echoing line: OrderLine
        ) {
            self.init(
                lineNumber: lineNumber, changeCode: changeCode, quantity: quantity, unit: line.unit, status: status,
                statusQuantity: statusQuantity, buyerItemID: line.buyerItemID, sku: line.sku, gtin: line.gtin,
                itemQualifiers: line.itemQualifiers)
        }
    }

    public var kind: Kind
    /// BCA10: the day the acknowledgement is made, in the retailer's calendar.
    public var date: CalendarDate
    /// The POC loops written, in the change's order.
    public var lines: [Line]

    public init(kind: Kind, date: CalendarDate, lines: [Line] = []) {
        self.kind = kind
        self.date = date
        self.lines = lines
    }
}

extension ChangeAcknowledgement {
    /// The 865 transaction set answering `change` (ST02 left for the control-number counter), as 004010 and 005010
    /// both lay it out: BCA, then a POC loop per line (POC, its ACK), and CTT with the POC count when there are
    /// lines.
    ///
    /// - BCA01 the 860's BCH01 (`04` change, or `01` for a whole-order cancel, when the change came with none),
    ///   BCA02 the kind, BCA03 the PO number, BCA05 the change's sequence number (BCH05), BCA06 the PO's date (BCH06;
    ///   the acknowledgement's date when the change gave none, as BCA06 is mandatory), BCA10 the acknowledgement's
    ///   date.
    /// - POC01 the line, POC02 the change code echoed, POC03 the quantity after our answer, POC05 the unit, and the
    ///   item numbers from POC08 under the qualifiers the retailer used; ACK01 the status, ACK02 its quantity, ACK03
    ///   the unit.
    public func transactionSet(for change: OrderChange) -> X12OutgoingSet {
        var body: [X12OutgoingSegment] = [
            X12OutgoingSegment(
                "BCA", change.purposeCode ?? (change.purpose == .cancel ? "01" : "04"), kind.rawValue,
                change.poNumber.rawValue, nil, change.changeNumber, X12Text.date(change.orderDate ?? date), nil, nil,
                nil, X12Text.date(date))
        ]
        for line in lines {
            let pairs = OrderLine.x12ItemPairs(
                buyerItemID: line.buyerItemID, sku: line.sku, gtin: line.gtin, qualifiers: line.itemQualifiers)
            let poc: [String?] =
                [
                    line.lineNumber, line.changeCode, X12Text.number(line.quantity), nil, line.unit.rawValue, nil, nil,
                ] + pairs
            body.append(X12OutgoingSegment("POC", simpleElements: poc))
            body.append(
                X12OutgoingSegment(
                    "ACK", line.status, X12Text.number(line.statusQuantity ?? line.quantity), line.unit.rawValue))
        }
        if !lines.isEmpty { body.append(X12OutgoingSegment("CTT", String(lines.count))) }
        return X12OutgoingSet(id: "865", body: body)
    }
}

extension OrderChange {
    /// A complete 865 interchange answering this change's source envelope: ISA and GS identities swapped from the
    /// inbound ones, ISA15 as the inbound's, one group of functional ID `CA` in the release `format` names, control
    /// numbers from `counter`.
    public func changeAcknowledgementInterchange(
        _ acknowledgement: ChangeAcknowledgement, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        try source.replyInterchange(
            functionalID: "CA", set: acknowledgement.transactionSet(for: self), timestamp: timestamp, format: format,
            counter: &counter)
    }
}
