import Foundation
public import Orders
public import X12

extension PurchaseOrder {
    /// Maps one 850 transaction set to the canonical order. Segments the order has no place for (FOB, ITD, PO4,
    /// CTP, …) are read past; a missing BEG or BEG03, or a PO1 without a readable quantity, is an error naming the
    /// segment and element.
    public init(x12 context: X12SetContext, in document: X12Document, origin: String? = nil) throws(OrderX12Error) {
        let mapper = PurchaseOrderMapper(document: document, context: context, origin: origin)
        self = try mapper.map()
    }
}

extension X12Document {
    /// Every 850 in the document mapped to a canonical order, in input order; one result per 850 so that one bad
    /// PO does not hide the others.
    public func purchaseOrders(origin: String? = nil) -> [Result<PurchaseOrder, OrderX12Error>] {
        var result: [Result<PurchaseOrder, OrderX12Error>] = []
        result.reserveCapacity(count(ofTransactionSets: "850"))
        forEachTransactionSet(id: "850") { context in
            do throws(OrderX12Error) {
                result.append(.success(try PurchaseOrder(x12: context, in: self, origin: origin)))
            } catch {
                result.append(.failure(error))
            }
        }
        return result
    }
}

/// Walks an 850 once, keeping track of whether it is in the header, an N1 loop or a PO1 loop.
struct PurchaseOrderMapper {
    let document: X12Document
    let context: X12SetContext
    let origin: String?

    private enum Scope { case header, party, line, summary }

    func map() throws(OrderX12Error) -> PurchaseOrder {
        try document.bytes.withUnsafeBufferPointer { bytes throws(OrderX12Error) in try map(bytes) }
    }

    private func map(_ bytes: UnsafeBufferPointer<UInt8>) throws(OrderX12Error) -> PurchaseOrder {
        let set = context.set
        guard set.id == "850" else {
            throw OrderX12Error(.notAPurchaseOrder(set.id), at: location(set.segments.lowerBound))
        }
        let version = context.group.version
        let source = OrderSource(
            format: .x12,
            senderID: PartnerIdentity(
                qualifier: context.interchange.header.senderQualifier, id: context.interchange.header.senderID),
            receiverID: PartnerIdentity(
                qualifier: context.interchange.header.receiverQualifier, id: context.interchange.header.receiverID),
            interchangeControl: context.interchange.header.controlNumber, groupControl: context.group.controlNumber,
            setControl: set.controlNumber, version: version.rawValue, origin: origin)
        var order = PurchaseOrder(poNumber: PONumber(""), source: source)
        var sawBEG = false
        var scope = Scope.header
        // The open party and line are the last of `order.parties` and `order.lines`, changed in place there:
        // keeping them apart until they close would copy each (and its strings) on the way in.
        var partyOpen = false
        var lineOpen = false
        var pendingNoteKind: Note.Kind? = nil
        var orderGiftWrap = false

        func flushParty() { partyOpen = false }
        func changeParty(_ body: (inout Party) -> Void) {
            if partyOpen { body(&order.parties[order.parties.count - 1]) }
        }
        func flushLine() { lineOpen = false }
        func changeLine(_ body: (inout OrderLine) -> Void) {
            if lineOpen { body(&order.lines[order.lines.count - 1]) }
        }

        var segment = X12SegmentFields(bytes: bytes)
        defer { segment.deallocate() }
        let separator = context.interchange.delimiters.element
        let ranges = document.segmentRanges
        // Room for every line, party and reference up front: growing the arrays one append at a time copies them.
        var lineCount = 0
        var partyCount = 0
        var referenceCount = 0
        for index in set.segments {
            switch X12SegmentFields.code(of: ranges[index], in: bytes, separator: separator) {
            case X12SegmentCode.po1: lineCount += 1
            case X12SegmentCode.n1: partyCount += 1
            case X12SegmentCode.ref: referenceCount += 1
            default: break
            }
        }
        order.lines.reserveCapacity(lineCount)
        order.parties.reserveCapacity(partyCount)
        order.references.reserveCapacity(referenceCount)
        for index in set.segments {
            segment.load(ranges[index], separator: separator)
            let id = segment.code
            switch id {
            case X12SegmentCode.beg:
                sawBEG = true
                guard let number = segment[3] else {
                    throw OrderX12Error(
                        .missingElement(segment: "BEG", position: 3, name: "purchase order number"),
                        at: location(index, element: 3))
                }
                order.poNumber = PONumber(number)
                order.purpose = Self.purpose(segment[1])
                order.orderType = Self.orderType(segment[2])
                if let date = segment.value(5) { order.dates.ordered = Self.date(date) }
            case X12SegmentCode.cur:
                if let code = segment[2] { order.currency = CurrencyCode(code) }
            case X12SegmentCode.ref where scope == .header:
                if let qualifier = segment[1] {
                    order.references.append(
                        Reference(qualifier: qualifier, value: segment[2] ?? segment[3] ?? "", description: segment[3]))
                }
            case X12SegmentCode.dtm:
                guard segment.range(1) != nil, let text = segment.value(2), let date = Self.date(text) else { break }
                let qualifier = segment.qualifier(1)
                if scope == .line, lineOpen {
                    switch qualifier {
                    case X12QualifierCode.q010, X12QualifierCode.q038: changeLine { $0.requestedShip = date }
                    case X12QualifierCode.q002, X12QualifierCode.q106: changeLine { $0.requestedDelivery = date }
                    default: break
                    }
                } else {
                    switch qualifier {
                    case X12QualifierCode.q038: order.dates.requestedShip = date
                    case X12QualifierCode.q010: if order.dates.requestedShip == nil { order.dates.requestedShip = date }
                    case X12QualifierCode.q002, X12QualifierCode.q106:
                        if order.dates.requestedDelivery == nil || qualifier == X12QualifierCode.q002 {
                            order.dates.requestedDelivery = date
                        }
                    case X12QualifierCode.q001: order.dates.cancelAfter = date
                    case X12QualifierCode.q067: order.dates.expectedShip = date
                    default: break
                    }
                }
            case X12SegmentCode.td5 where scope == .header || scope == .party:
                if order.shipMethod == nil {
                    let carrier = segment.has(2, "2") || segment.range(2) == nil ? segment[3] : nil
                    let method = ShipMethod(
                        carrierSCAC: carrier, serviceLevel: segment[12], transportMethod: segment[4],
                        routing: segment[5])
                    if method != ShipMethod() { order.shipMethod = method }
                }
            case X12SegmentCode.n1:
                flushParty()
                if scope != .line { scope = .party }
                var party = Party(role: Self.role(segment[1]), name: segment[2])
                if let qualifier = segment[3], let value = segment[4] {
                    party.identifier = PartyIdentifier(qualifier: qualifier, value: value)
                }
                if scope == .line { break }  // line-level parties have no place in the canonical order
                order.parties.append(party)
                partyOpen = true
            case X12SegmentCode.n2:
                if let extra = [segment[1], segment[2]].compactMap({ $0 }).joined(separator: " ") as String?,
                    !extra.isEmpty
                {
                    changeParty { party in party.name = [party.name, extra].compactMap { $0 }.joined(separator: " ") }
                }
            case X12SegmentCode.n3:
                changeParty { party in
                    var address = party.address.take() ?? Address(lines: [])
                    if let line = segment[1] { address.lines.append(line) }
                    if let line = segment[2] { address.lines.append(line) }
                    party.address = address
                }
            case X12SegmentCode.n4:
                changeParty { party in
                    var address = party.address.take() ?? Address(lines: [])
                    address.city = segment[1]
                    address.region = segment[2]
                    address.postalCode = segment[3]
                    address.country = segment[4].map(Self.country)
                    party.address = address
                }
            case X12SegmentCode.per:
                changeParty { party in
                    var contact = party.contact.take() ?? Contact()
                    if contact.name == nil { contact.name = segment[2] }
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
            case X12SegmentCode.po1:
                flushParty()
                flushLine()
                scope = .line
                order.lines.append(
                    try line(segment, index: index, ordinal: order.lines.count + 1, currency: order.currency))
                lineOpen = true
            case X12SegmentCode.pid:
                guard scope == .line, let text = segment[5] else { break }
                changeLine { line in
                    if let description = line.description {
                        line.description = description + " " + text
                    } else {
                        line.description = text
                    }
                }
            case X12SegmentCode.msg, X12SegmentCode.nte:
                let text = id == X12SegmentCode.msg ? segment[1] : segment[2]
                guard let text else { break }
                let note = Note(kind: id == X12SegmentCode.nte ? Self.noteKind(segment[1]) : .general, text: text)
                if scope == .line { changeLine { $0.notes.append(note) } } else { order.notes.append(note) }
            case X12SegmentCode.n9:
                // N9 loops carry MSG text; N902/N903 often say what the text is for ("GIFT MESSAGE").
                pendingNoteKind = Self.noteKind(
                    fromTitle: [segment[2], segment[3]].compactMap { $0 }.joined(separator: " "))
            case X12SegmentCode.sac:
                let description = (segment[15] ?? "").uppercased()
                if description.contains("GIFT") && description.contains("WRAP") {
                    if scope == .line { changeLine { $0.giftWrap = true } } else { orderGiftWrap = true }
                }
            case X12SegmentCode.ctt:
                flushParty()
                flushLine()
                scope = .summary
            case X12SegmentCode.amt:
                if segment[1] == "TT" || segment[1] == "1", let amount = segment[2].flatMap(Self.decimal) {
                    if scope != .line { order.statedTotal = Money(amount, order.currency) }
                }
            case X12SegmentCode.tds:
                // TDS01 is N2: implied two decimals.
                if let cents = segment[1].flatMap(Self.decimal) {
                    order.statedTotal = Money(cents / 100, order.currency)
                }
            case X12SegmentCode.se:
                flushParty()
                flushLine()
            default:
                break
            }
            if id == X12SegmentCode.msg, let kind = pendingNoteKind {
                if scope == .line {
                    changeLine { line in if !line.notes.isEmpty { line.notes[line.notes.count - 1].kind = kind } }
                } else if !order.notes.isEmpty {
                    order.notes[order.notes.count - 1].kind = kind
                }
            }
            if id != X12SegmentCode.msg && id != X12SegmentCode.n9 { pendingNoteKind = nil }
        }
        flushParty()
        flushLine()
        guard sawBEG else { throw OrderX12Error(.missingSegment("BEG"), at: location(set.segments.lowerBound)) }
        if orderGiftWrap { for index in order.lines.indices { order.lines[index].giftWrap = true } }
        return order
    }

    private func line(_ segment: X12SegmentFields, index: Int, ordinal: Int, currency: CurrencyCode)
        throws(OrderX12Error)
        -> OrderLine
    {
        guard let quantityText = segment.value(2) else {
            throw OrderX12Error(
                .missingElement(segment: "PO1", position: 2, name: "quantity ordered"), at: location(index, element: 2))
        }
        guard let quantity = Self.decimal(quantityText) else {
            throw OrderX12Error(
                .invalidValue(segment: "PO1", position: 2, name: "quantity ordered"), at: location(index, element: 2))
        }
        var unitPrice: Money? = nil
        if let priceText = segment.value(4) {
            guard let price = Self.decimal(priceText) else {
                throw OrderX12Error(
                    .invalidValue(segment: "PO1", position: 4, name: "unit price"), at: location(index, element: 4))
            }
            unitPrice = Money(price, currency)
        }
        var sku: SKU? = nil
        var buyerItemID: String? = nil
        var gtin: String? = nil
        for pair in stride(from: 6, through: 24, by: 2) {
            guard segment.range(pair + 1) != nil else { continue }
            var qualifier = segment.qualifier(pair)
            if qualifier == UInt32.max { qualifier = X12QualifierCode.productQualifier(segment[pair]) }
            switch qualifier {
            case X12QualifierCode.vn, X12QualifierCode.vp, X12QualifierCode.va:
                if sku == nil { sku = segment[pair + 1].map(SKU.init(rawValue:)) }
            case X12QualifierCode.in, X12QualifierCode.bp, X12QualifierCode.sk, X12QualifierCode.cb,
                X12QualifierCode.pi:
                if buyerItemID == nil { buyerItemID = segment[pair + 1] }
            case X12QualifierCode.up, X12QualifierCode.en, X12QualifierCode.uk, X12QualifierCode.ua,
                X12QualifierCode.ui:
                if gtin == nil { gtin = segment[pair + 1] }
            default: break
            }
        }
        // One initializer call with every field: setting them one by one on a `var` copies the line.
        return OrderLine(
            lineNumber: segment[1] ?? String(ordinal), buyerItemID: buyerItemID, sku: sku, gtin: gtin,
            quantity: quantity, unit: segment[3].map(UnitOfMeasure.init(rawValue:)) ?? .each, unitPrice: unitPrice)
    }

    private func location(_ index: Int, element: Int? = nil) -> X12Location {
        let segment = document.segment(index)
        var byteOffset = segment.byteOffset
        if let element, let range = segment.element(element)?.range { byteOffset = range.lowerBound }
        return X12Location(
            byteOffset: byteOffset, segmentIndex: index, segmentID: segment.id,
            segmentPosition: index - context.set.segments.lowerBound + 1, elementPosition: element,
            interchange: context.interchangeIndex, group: context.groupIndex, set: context.setIndex)
    }
}
