public import Foundation
public import Orders
public import X12

/// The business answer to a PO that the 855 carries: what the supplier decided, per order and per line.
public struct POAcknowledgement: Hashable, Sendable {
    /// BAK02.
    public enum Kind: String, Hashable, Sendable {
        /// Accepted with detail and changes.
        case acceptedWithChanges = "AC"
        /// Accepted with detail, no change.
        case acceptedWithDetail = "AD"
        /// Accepted, no detail.
        case acceptedNoDetail = "AK"
        /// Accepted.
        case accepted = "AT"
        /// Rejected with detail.
        case rejectedWithDetail = "RD"
        /// Rejected, no detail.
        case rejected = "RJ"
    }

    /// ACK01 line item status.
    public enum LineStatus: String, Hashable, Sendable {
        case accepted = "IA"
        case backordered = "IB"
        case rejected = "IR"
        case quantityChanged = "IQ"
        case changed = "IC"
        case priceChanged = "IP"
        case substituted = "IS"
        case rescheduled = "DR"
    }

    public struct Line: Hashable, Sendable {
        /// PO101 of the line answered.
        public var lineNumber: String
        public var status: LineStatus
        /// ACK02: the quantity this status applies to; nil means the ordered quantity.
        public var quantity: Decimal?
        /// Free-text reason, written to the 855 as an NTE-free `ACK` product description is not possible, so it
        /// goes in a line-level MSG.
        public var reason: String?
        /// ACK05 with ACK04 = 068 (current schedule ship date).
        public var date: CalendarDate?

        public init(
            lineNumber: String, status: LineStatus, quantity: Decimal? = nil, reason: String? = nil,
            date: CalendarDate? = nil
        ) {
            self.lineNumber = lineNumber
            self.status = status
            self.quantity = quantity
            self.reason = reason
            self.date = date
        }
    }

    public var kind: Kind
    /// BAK04: the acknowledgement's date.
    public var date: CalendarDate
    public var lines: [Line]

    public init(kind: Kind, date: CalendarDate, lines: [Line] = []) {
        self.kind = kind
        self.date = date
        self.lines = lines
    }
}

extension POAcknowledgement {
    /// The 855 transaction set for `order` (ST02 left for the control-number counter). Lines the decision does
    /// not mention are echoed as accepted when the kind carries detail.
    public func transactionSet(for order: PurchaseOrder) -> X12OutgoingSet {
        var body: [X12OutgoingSegment] = []
        body.append(
            X12OutgoingSegment(
                "BAK", order.purpose == .original ? "00" : "06", kind.rawValue, order.poNumber.rawValue,
                Self.x12(date), nil, nil, nil, nil, order.dates.ordered.map(Self.x12)))
        if order.currency != .usd { body.append(X12OutgoingSegment("CUR", "SE", order.currency.rawValue)) }
        let withDetail = kind != .acceptedNoDetail && kind != .rejected
        if withDetail {
            for line in order.lines {
                let decision = lines.first { $0.lineNumber == line.lineNumber }
                var po1: [String?] = [
                    line.lineNumber, Self.number(line.quantity), line.unit.rawValue,
                    line.unitPrice.map { Self.number($0.amount) }, nil,
                ]
                if let sku = line.sku { po1 += ["VN", sku.rawValue] }
                if let buyer = line.buyerItemID { po1 += ["IN", buyer] }
                if let gtin = line.gtin { po1 += [gtin.count == 12 ? "UP" : "EN", gtin] }
                body.append(X12OutgoingSegment("PO1", simpleElements: po1))
                // MSG sits before the ACK loop in the 855 PO1 loop.
                if let reason = decision?.reason { body.append(X12OutgoingSegment("MSG", reason)) }
                let status = decision?.status ?? (kind == .rejectedWithDetail ? .rejected : .accepted)
                let quantity = decision?.quantity ?? line.quantity
                body.append(
                    X12OutgoingSegment(
                        "ACK", status.rawValue, Self.number(quantity), line.unit.rawValue,
                        decision?.date == nil ? nil : "068", decision?.date.map(Self.x12)))
            }
            body.append(X12OutgoingSegment("CTT", String(order.lines.count)))
        }
        return X12OutgoingSet(id: "855", body: body)
    }

    static func x12(_ date: CalendarDate) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
    }

    static func number(_ value: Decimal) -> String { "\(value)" }
}

extension PurchaseOrder {
    /// A complete 855 interchange answering this order's source envelope: IDs swapped from the inbound ISA/GS,
    /// the inbound GS08 version, control numbers from `counter`.
    public func acknowledgementInterchange(
        _ acknowledgement: POAcknowledgement, timestamp: X12Acknowledgement.Timestamp,
        delimiters: X12Delimiters = .standard, lineBreak: [UInt8] = [0x0A], groupVersion: String? = nil,
        ourGroupID: String? = nil,
        theirGroupID: String? = nil, counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        let sender = source.receiverID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        let receiver = source.senderID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        let version = X12Version(groupVersion ?? source.version ?? "004010")
        let header = ISAHeader(
            senderQualifier: sender.qualifier, senderID: sender.id, receiverQualifier: receiver.qualifier,
            receiverID: receiver.id, date: String(timestamp.date.suffix(6)), time: timestamp.time,
            repetitionOrStandards: version.isAtLeast5010 ? "^" : "U",
            version: version.isAtLeast5010 ? "00501" : "00401",
            controlNumber: "")
        let group = X12OutgoingGroup(
            functionalID: "PR", senderCode: ourGroupID ?? sender.id, receiverCode: theirGroupID ?? receiver.id,
            date: timestamp.date, time: timestamp.time, version: version.rawValue,
            sets: [acknowledgement.transactionSet(for: self)])
        var interchange = X12OutgoingInterchange(header: header, groups: [group])
        interchange.assignControlNumbers(from: &counter)
        var usedDelimiters = delimiters
        if !version.isAtLeast5010 { usedDelimiters.repetition = nil }
        // Reasons are our own free text: keep the partner's delimiters out of them.
        for group in interchange.groups.indices {
            for set in interchange.groups[group].sets.indices {
                interchange.groups[group].sets[set].body = interchange.groups[group].sets[set].body.map {
                    $0.id == "MSG" ? $0.replacingDelimiters(usedDelimiters) : $0
                }
            }
        }
        return try X12Writer(delimiters: usedDelimiters, lineBreak: lineBreak).write(interchange)
    }
}
