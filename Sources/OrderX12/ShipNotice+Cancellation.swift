public import Foundation
public import Orders
public import X12

extension ShipNotice {
    /// SN108, Line Item Status Code (element 668): what the seller did with a line the buyer asked for. Only a
    /// cancel's notice writes one (SN1 as in stedi.com/edi/x12-004020/segment/SN1; the codes of element 668 as in
    /// stedi.com/edi/x12-003060/element/668, the list our element dictionary checks 004010 and 005010 against).
    public enum LineStatus: String, Hashable, Sendable, CaseIterable {
        /// `ID`, Item Deleted: nothing more of the line ships; every unit left open is cancelled.
        case deleted = "ID"
        /// `IQ`, Item Accepted – Quantity Changed: some of the line is cancelled and the rest still ships, so the
        /// line stands with fewer units. Not `IR` (Item Rejected), which refuses the line as a whole, nor `IB`
        /// (Item Backordered) or `BP` (partial shipment, balance backordered), which promise the cancelled units
        /// later.
        case quantityChanged = "IQ"
    }

    /// A stand-alone 856 written when the floor cancels PO lines for a program that takes cancels on the ASN
    /// (`documents.cancel-on: 856`): no retailer publishes how an 856 carries a cancel, so it says so in the
    /// standard's own terms, as an ASN that ships nothing. One PO per notice, laid out as the shipment's 856 (same
    /// BSN, HL S and O, LIN) so that whoever reads our ASNs reads this one:
    ///
    /// - `BSN*00*<id>*<CCYYMMDD>*<HHMM>*0004`: original, our id of it, when the cancel was made (in `timeZone`),
    ///   hierarchy 0004, Shipment, Order, Item (element 1005, stedi.com/edi/x12-004010/element/1005): there is no
    ///   package to describe.
    /// - HL S (shipment): `N1*ST` the PO's ship-to and `N1*SF` the node, as the shipment's 856 writes them; no TD1,
    ///   TD5, `REF` tracking or `DTM*011`, since nothing shipped (all optional in the 004010 and 005010 HL loop).
    /// - HL O (order): `PRF*<PO number>***<PO date>`.
    /// - HL I per PO line cancelled, in the PO's order: `LIN` as the shipment's 856 writes it, then
    ///   `SN1*<PO line>*0*<unit>**<ordered>*<unit>**<status>`: SN101 the PO line, SN102 no units shipped, SN103 the
    ///   line's unit, SN105/SN106 the quantity ordered and its unit (P0506: both or neither), SN108 the line's
    ///   `LineStatus`.
    /// - `CTT*<HL count>`, counted as the shipment's 856 counts it (CTT01, element 354, is "number of line items";
    ///   on the 856 that is the HL count, so a reader totals both notices alike).
    public struct Cancellation: Hashable, Sendable {
        /// BSN05: Shipment, Order, Item (element 1005).
        public static let structure = "0004"

        /// One PO line the notice cancels units of.
        public struct Line: Hashable, Sendable {
            /// LIN01/SN101: the PO line.
            public var lineNumber: String
            /// Our SKU of the line, written as `VN` when the PO gave the line no vendor number (as a shipment does).
            public var sku: SKU?
            /// SN108.
            public var status: LineStatus

            public init(lineNumber: String, sku: SKU?, status: LineStatus) {
                self.lineNumber = lineNumber
                self.sku = sku
                self.status = status
            }
        }

        /// BSN02: our id of this notice, 2 to 30 characters, never one a shipment's ASN has.
        public var shipmentID: String
        /// BSN03/04: when the cancel was made, written on the wall clock of `timeZone`.
        public var created: Date
        /// The retailer's zone, as for a shipment's 856.
        public var timeZone: TimeZone
        /// N1*SF: the node the lines were to ship from (see `ShipNotice.shipFromParty`).
        public var shipFrom: Party
        /// The lines cancelled; written in the PO's order, a line the PO does not have left out.
        public var lines: [Line]

        public init(shipmentID: String, created: Date, timeZone: TimeZone = .gmt, shipFrom: Party, lines: [Line]) {
            self.shipmentID = shipmentID
            self.created = created
            self.timeZone = timeZone
            self.shipFrom = shipFrom
            self.lines = lines
        }
    }
}

extension ShipNotice.Cancellation {
    /// The 856 transaction set for `order` (ST02 left for the control-number counter), written with the shipment
    /// 856's own segment writers; see the type's description for each element.
    public func transactionSet(for order: PurchaseOrder) -> X12OutgoingSet {
        let cancelled = order.lines.compactMap { line in
            lines.first { $0.lineNumber == line.lineNumber }.map { (line: line, cancel: $0) }
        }
        var body = X12SegmentList(capacity: 12 + cancelled.count * 3)
        ShipNotice.bsn(shipmentID, created: created, in: timeZone, structure: Self.structure, to: &body)
        body.segment("HL", "1", nil, "S", "1")
        ShipNotice.appendParties(order, shipFrom: shipFrom, to: &body)
        body.segment("HL", "2", "1", "O", cancelled.isEmpty ? "0" : "1")
        ShipNotice.prf(order, to: &body)
        for (index, (line, cancel)) in cancelled.enumerated() {
            body.segment("HL", String(index + 3), "2", "I", "0")
            ShipNotice.appendItemSegments(
                line, sku: cancel.sku, quantity: 0, assignedID: line.lineNumber, status: cancel.status, to: &body)
        }
        body.segment("CTT", String(cancelled.count + 2))
        return X12OutgoingSet(id: "856", body: body.segments)
    }
}

extension PurchaseOrder {
    /// A complete 856 interchange (functional group SH) cancelling lines of this order, answering its source
    /// envelope as the shipment's 856 does: identities swapped, ISA15 as the inbound's, control numbers from
    /// `counter`.
    ///
    /// Throws `X12Error` when a code or identifier holds one of the partner's delimiters.
    public func shipNoticeInterchange(
        _ cancellation: ShipNotice.Cancellation, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        try replyInterchange(
            functionalID: "SH", set: cancellation.transactionSet(for: self), timestamp: timestamp, format: format,
            counter: &counter)
    }
}
