import Foundation
import Orders
import X12

/// Walks an 850 once, on the document's bytes and segment ranges (pointers valid for the mapper's life), keeping
/// track of whether it is in the header, an N1 loop or a PO1 loop. One mapper serves every 850 of a document: its
/// element ranges and segment codes are allocated once, not per order, and freed with it.
struct PurchaseOrderMapper: ~Copyable {
    /// A problem found while mapping: its kind, segment index and element, placed in the document by the caller.
    struct Failure: Error {
        let kind: OrderX12Error.Kind
        let segment: Int
        let element: Int?

        init(_ kind: OrderX12Error.Kind, segment: Int, element: Int? = nil) {
            self.kind = kind
            self.segment = segment
            self.element = element
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: UnsafeBufferPointer<Range<Int>>
    let memo: PurchaseOrderMemo?
    /// The fields of the segment being read, reused from segment to segment and order to order.
    private var fields: X12SegmentFields
    /// The packed ID of each segment of the order being mapped (`X12SegmentFields.code(of:in:separator:)`), read
    /// once.
    private var codes: UnsafeMutablePointer<X12SegmentCode>
    private var codeCapacity = 64

    private enum Scope { case header, party, line, summary }

    init(bytes: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>, memo: PurchaseOrderMemo?) {
        self.bytes = bytes
        self.ranges = ranges
        self.memo = memo
        fields = X12SegmentFields(bytes: bytes)
        codes = .allocate(capacity: codeCapacity)
    }

    deinit { codes.deallocate() }

    /// The order of the 850 whose segments (ST through SE) are `segments`, elements separated by `separator`, from
    /// `source` (its group's) with ST02 `setControl`.
    mutating func map(_ segments: Range<Int>, separator: UInt8, source: borrowing OrderSource, setControl: String)
        throws(Failure) -> PurchaseOrder
    {
        if segments.count > codeCapacity {
            while codeCapacity < segments.count { codeCapacity *= 2 }
            codes.deallocate()
            codes = .allocate(capacity: codeCapacity)
        }
        fields.memo = memo?.startOrder() == true ? memo : nil
        return try Self.map(
            segments, separator: separator, source: source, setControl: setControl, bytes: bytes, ranges: ranges,
            codes: codes, fields: &fields)
    }

    private static func map(
        _ segments: Range<Int>, separator: UInt8, source: borrowing OrderSource, setControl: String,
        bytes: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>,
        codes: UnsafeMutablePointer<X12SegmentCode>,
        fields segment: inout X12SegmentFields
    ) throws(Failure) -> PurchaseOrder {
        // The order's parts are kept apart and put together once at the end: a `var` order changed field by field
        // is copied whole on its way out.
        var poNumber = PONumber("")
        var purpose = PurchaseOrder.Purpose.original
        var orderType = PurchaseOrder.OrderType.dropship
        var dates = OrderDates()
        var parties: [Party] = []
        var shipMethod: ShipMethod? = nil
        var references: [Reference] = []
        var notes: [Note] = []
        var currency = CurrencyCode.usd
        var lines: [OrderLine] = []
        var statedTotal: Money? = nil
        var sawBEG = false
        var scope = Scope.header
        // The open party and line are the last of `parties` and `lines`, changed in place there (by index: a
        // closure capturing them would copy them).
        var partyOpen = false
        // Whether the open party is a consumer (ship-to or sold-to), whose name, street and contact come once in a
        // file of orders: they are read without the memo (`unshared`).
        var consumerOpen = false
        var lineOpen = false
        var pendingNoteKind: Note.Kind? = nil
        var orderGiftWrap = false

        // Room for every line, party and reference up front: growing the arrays one append at a time copies them.
        var lineCount = 0
        var partyCount = 0
        var referenceCount = 0
        // Each segment's code, read once here for the counts and kept for the walk.
        for index in segments {
            let code = X12SegmentFields.code(of: ranges[index], in: bytes, separator: separator)
            codes[index &- segments.lowerBound] = code
            switch code {
            case .po1: lineCount += 1
            case .n1: partyCount += 1
            case .ref: referenceCount += 1
            default: break
            }
        }
        // In the order an order's parts are freed: its parties first (and their texts after them, made in the walk
        // below), then its references and lines. Freed from their lowest address up, an order's objects are fetched
        // ahead of the release; freed in a jumping order, each release waited for memory.
        parties.reserveCapacity(partyCount)
        references.reserveCapacity(referenceCount)
        lines.reserveCapacity(lineCount)
        for index in segments {
            let id = codes[index &- segments.lowerBound]
            // Only the segments read below are split; the fields keep the last one's until the next.
            if Self.readsElements(id) { segment.load(ranges[index], separator: separator, code: id) }
            switch id {
            case .beg:
                sawBEG = true
                guard let number = segment[3] else {
                    throw Failure(
                        .missingElement(segment: "BEG", position: 3, name: "purchase order number"), segment: index,
                        element: 3)
                }
                poNumber = PONumber(number)
                purpose = Self.purposes.value(segment, 1)
                orderType = Self.orderTypes.value(segment, 2)
                if let date = segment.value(5) { dates.ordered = Self.date(date) }
            case .cur:
                if let code = segment[2] { currency = CurrencyCode(code) }
            case .ref where scope == .header:
                if let qualifier = segment[1] {
                    references.append(
                        Reference(qualifier: qualifier, value: segment[2] ?? segment[3] ?? "", description: segment[3]))
                }
            case .dtm:
                guard segment.range(1) != nil, let text = segment.value(2), let date = Self.date(text) else { break }
                let qualifier = segment.qualifier(1)
                if scope == .line, lineOpen {
                    let last = lines.count - 1
                    switch qualifier {
                    case X12QualifierCode.q010, X12QualifierCode.q038: lines[last].requestedShip = date
                    case X12QualifierCode.q002, X12QualifierCode.q106: lines[last].requestedDelivery = date
                    default: break
                    }
                } else {
                    switch qualifier {
                    case X12QualifierCode.q038: dates.requestedShip = date
                    case X12QualifierCode.q010: if dates.requestedShip == nil { dates.requestedShip = date }
                    case X12QualifierCode.q002, X12QualifierCode.q106:
                        if dates.requestedDelivery == nil || qualifier == X12QualifierCode.q002 {
                            dates.requestedDelivery = date
                        }
                    case X12QualifierCode.q001: dates.cancelAfter = date
                    case X12QualifierCode.q067: dates.expectedShip = date
                    default: break
                    }
                }
            case .td5 where scope == .header || scope == .party:
                if shipMethod == nil { shipMethod = Self.shipMethod(segment) }
            case .n1:
                partyOpen = false
                if scope != .line { scope = .party }
                if scope == .line { break }  // line-level parties have no place in the canonical order
                var identifier: PartyIdentifier? = nil
                if let qualifier = segment[3], let value = segment[4] {
                    identifier = PartyIdentifier(qualifier: qualifier, value: value)
                }
                let role = Self.roles.value(segment, 1)
                consumerOpen = role == .shipTo || role == .soldTo
                segment.sharesTexts = !consumerOpen
                let name = segment[2]
                segment.sharesTexts = true
                parties.append(Party(role: role, name: name, identifier: identifier))
                partyOpen = true
            case .n2, .n3, .n4, .per:
                guard partyOpen else { break }
                let last = parties.count - 1
                segment.sharesTexts = !consumerOpen
                switch id {
                case .n2: Self.addName(segment, to: &parties[last])
                case .n3: Self.addStreet(segment, to: &parties[last])
                case .n4: Self.addPlace(segment, to: &parties[last])
                default: Self.addContact(segment, to: &parties[last])
                }
                segment.sharesTexts = true
            case .po1:
                partyOpen = false
                lineOpen = false
                scope = .line
                lines.append(
                    try Self.line(segment, index: index, ordinal: lines.count + 1, currency: currency))
                lineOpen = true
            case .pid:
                guard scope == .line, lineOpen, let text = segment[5] else { break }
                let last = lines.count - 1
                if let description = lines[last].description {
                    lines[last].description = description + " " + text
                } else {
                    lines[last].description = text
                }
            case .msg, .nte:
                let text = id == .msg ? segment[1] : segment[2]
                guard let text else { break }
                let note = Note(
                    kind: id == .nte ? Self.noteKinds.value(segment, 1) : .general, text: text)
                if scope == .line {
                    if lineOpen { lines[lines.count - 1].notes.append(note) }
                } else {
                    notes.append(note)
                }
            case .n9:
                // N9 loops carry MSG text; N902/N903 often say what the text is for ("GIFT MESSAGE").
                pendingNoteKind = Self.noteKind(
                    fromTitle: [segment[2], segment[3]].compactMap { $0 }.joined(separator: " "))
            case .sac:
                let description = (segment[15] ?? "").uppercased()
                if description.contains("GIFT") && description.contains("WRAP") {
                    if scope == .line {
                        if lineOpen { lines[lines.count - 1].giftWrap = true }
                    } else {
                        orderGiftWrap = true
                    }
                }
            case .ctt:
                partyOpen = false
                lineOpen = false
                scope = .summary
            case .amt:
                if segment[1] == "TT" || segment[1] == "1", let amount = segment.decimal(2) {
                    if scope != .line { statedTotal = Money(amount, currency) }
                }
            case .tds:
                // TDS01 is N2: implied two decimals.
                if let cents = segment.decimal(1) {
                    statedTotal = Money(cents / 100, currency)
                }
            case .se:
                partyOpen = false
                lineOpen = false
            default:
                break
            }
            if id == .msg, let kind = pendingNoteKind {
                if scope == .line {
                    if lineOpen, !lines[lines.count - 1].notes.isEmpty {
                        let last = lines.count - 1
                        lines[last].notes[lines[last].notes.count - 1].kind = kind
                    }
                } else if !notes.isEmpty {
                    notes[notes.count - 1].kind = kind
                }
            }
            if id != .msg && id != .n9 { pendingNoteKind = nil }
        }
        guard sawBEG else { throw Failure(.missingSegment("BEG"), segment: segments.lowerBound) }
        if orderGiftWrap { for index in lines.indices { lines[index].giftWrap = true } }
        return PurchaseOrder(
            poNumber: poNumber, purpose: purpose, orderType: orderType, dates: dates, parties: parties,
            shipMethod: shipMethod, references: references, notes: notes, currency: currency, lines: lines,
            statedTotal: statedTotal, source: Self.source(source, setControl: setControl))
    }

    /// Whether the walk reads the elements of a segment with code `id`: every case of its `switch` but CTT and SE.
    @inline(__always)
    private static func readsElements(_ id: X12SegmentCode) -> Bool {
        switch id {
        case .beg, .cur, .ref, .dtm, .td5, .n1, .n2, .n3, .n4, .per, .po1, .pid, .msg, .nte, .n9, .sac, .amt, .tds:
            true
        default: false
        }
    }

    /// The group's source with the set's control number: the one copy of it the order keeps.
    private static func source(_ group: borrowing OrderSource, setControl: String) -> OrderSource {
        var source = copy group
        source.setControl = setControl
        return source
    }

    /// TD5: the carrier (TD503 when TD502 is `2`, a SCAC, or absent), service level (TD512), transport method and
    /// routing; nil for a TD5 that says none of them, which is not a `ShipMethod()`.
    static func shipMethod(_ segment: borrowing X12SegmentFields) -> ShipMethod? {
        let carrier = segment.has(2, "2") || segment.range(2) == nil ? segment[3] : nil
        let serviceLevel = segment[12]
        let transportMethod = segment[4]
        let routing = segment[5]
        guard carrier != nil || serviceLevel != nil || transportMethod != nil || routing != nil else { return nil }
        return ShipMethod(
            carrierSCAC: carrier, serviceLevel: serviceLevel, transportMethod: transportMethod, routing: routing)
    }

    /// N2: more name, after N1's.
    static func addName(_ segment: borrowing X12SegmentFields, to party: inout Party) {
        let extra = [segment[1], segment[2]].compactMap { $0 }.joined(separator: " ")
        guard !extra.isEmpty else { return }
        party.name = [party.name, extra].compactMap { $0 }.joined(separator: " ")
    }

    /// N3: street lines.
    static func addStreet(_ segment: borrowing X12SegmentFields, to party: inout Party) {
        var address = party.address.take() ?? Address(lines: [])
        // Room for the lines before their texts are made: the array is then freed before them, at a lower address.
        address.lines.reserveCapacity(address.lines.count + (segment.range(2) == nil ? 1 : 2))
        if let line = segment[1] { address.lines.append(line) }
        if let line = segment[2] { address.lines.append(line) }
        party.address = address
    }

    /// N4: city, region, postal code and country.
    static func addPlace(_ segment: borrowing X12SegmentFields, to party: inout Party) {
        var address = party.address.take() ?? Address(lines: [])
        address.city = segment[1]
        address.region = segment[2]
        address.postalCode = segment[3]
        address.country = Self.country(segment, 4)
        party.address = address
    }

    /// PER: the contact's name, and the first phone and e-mail of its three pairs.
    static func addContact(_ segment: borrowing X12SegmentFields, to party: inout Party) {
        var contact = party.contact.take() ?? Contact()
        // The contact is often the party itself (a consumer's name on both): its name's storage is shared.
        if contact.name == nil { contact.name = segment.text(2, reusing: party.name) }
        for pair in stride(from: 3, through: 7, by: 2) {
            guard segment.range(pair + 1) != nil else { continue }
            switch segment.qualifier(pair) {
            case X12QualifierCode.te, X12QualifierCode.hp, X12QualifierCode.wp, X12QualifierCode.cp:
                if contact.phone == nil { contact.phone = segment[pair + 1] }
            case X12QualifierCode.em: if contact.email == nil { contact.email = segment[pair + 1] }
            default: break
            }
        }
        party.contact = contact
    }

    private static func line(_ segment: borrowing X12SegmentFields, index: Int, ordinal: Int, currency: CurrencyCode)
        throws(Failure)
        -> OrderLine
    {
        guard segment.range(2) != nil else {
            throw Failure(
                .missingElement(segment: "PO1", position: 2, name: "quantity ordered"), segment: index, element: 2)
        }
        guard let quantity = segment.decimal(2) else {
            throw Failure(
                .invalidValue(segment: "PO1", position: 2, name: "quantity ordered"), segment: index, element: 2)
        }
        var unitPrice: Money? = nil
        if segment.range(4) != nil {
            guard let price = segment.decimal(4) else {
                throw Failure(
                    .invalidValue(segment: "PO1", position: 4, name: "unit price"), segment: index, element: 4)
            }
            unitPrice = Money(price, currency)
        }
        let ids = Self.itemIDs(segment, from: 6)
        // One initializer call with every field: setting them one by one on a `var` copies the line.
        return OrderLine(
            lineNumber: segment[1] ?? String(ordinal), buyerItemID: ids.buyerItemID, sku: ids.sku, gtin: ids.gtin,
            quantity: quantity, unit: Self.unit(segment, 3) ?? .each, unitPrice: unitPrice,
            itemQualifiers: ids.qualifiers)
    }
}
