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
        transactionSets.filter { $0.set.id == "850" }.map { context in
            do throws(OrderX12Error) {
                return .success(try PurchaseOrder(x12: context, in: self, origin: origin))
            } catch {
                return .failure(error)
            }
        }
    }
}

/// Walks an 850 once, keeping track of whether it is in the header, an N1 loop or a PO1 loop.
struct PurchaseOrderMapper {
    let document: X12Document
    let context: X12SetContext
    let origin: String?

    private enum Scope { case header, party, line, summary }

    func map() throws(OrderX12Error) -> PurchaseOrder {
        let set = context.set
        guard set.id == "850" else { throw OrderX12Error(.notAPurchaseOrder(set.id), at: location(set.segments.lowerBound)) }
        let version = context.group.version
        let source = OrderSource(
            format: .x12,
            senderID: PartnerIdentity(qualifier: context.interchange.header.senderQualifier, id: context.interchange.header.senderID),
            receiverID: PartnerIdentity(
                qualifier: context.interchange.header.receiverQualifier, id: context.interchange.header.receiverID),
            interchangeControl: context.interchange.header.controlNumber, groupControl: context.group.controlNumber,
            setControl: set.controlNumber, version: version.rawValue, origin: origin)
        var order = PurchaseOrder(poNumber: PONumber(""), source: source)
        var sawBEG = false
        var scope = Scope.header
        var currentParty: Party? = nil
        var currentLine: OrderLine? = nil
        var pendingNoteKind: Note.Kind? = nil
        var orderGiftWrap = false

        // `take()` moves the value out, so appending copies (and retains) nothing.
        func flushParty() {
            if let party = currentParty.take() { order.parties.append(party) }
        }
        func flushLine() {
            if let line = currentLine.take() { order.lines.append(line) }
        }

        var segment = X12SegmentFields(bytes: document.bytes)
        let separator = context.interchange.delimiters.element
        let ranges = document.segmentRanges
        // Room for every line and party up front: growing the arrays one append at a time copies them.
        var lineCount = 0
        var partyCount = 0
        for index in set.segments {
            let code = X12SegmentFields.code(of: ranges[index], in: document.bytes, separator: separator)
            if code == X12SegmentCode.po1 { lineCount += 1 } else if code == X12SegmentCode.n1 { partyCount += 1 }
        }
        order.lines.reserveCapacity(lineCount)
        order.parties.reserveCapacity(partyCount)
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
                if let date = segment[5] { order.dates.ordered = Self.date(date) }
            case X12SegmentCode.cur:
                if let code = segment[2] { order.currency = CurrencyCode(code) }
            case X12SegmentCode.ref where scope == .header:
                if let qualifier = segment[1] {
                    order.references.append(
                        Reference(qualifier: qualifier, value: segment[2] ?? segment[3] ?? "", description: segment[3]))
                }
            case X12SegmentCode.dtm:
                guard let qualifier = segment[1], let text = segment[2], let date = Self.date(text) else { break }
                if scope == .line, currentLine != nil {
                    switch qualifier {
                    case "010", "038": currentLine?.requestedShip = date
                    case "002", "106": currentLine?.requestedDelivery = date
                    default: break
                    }
                } else {
                    switch qualifier {
                    case "038": order.dates.requestedShip = date
                    case "010": if order.dates.requestedShip == nil { order.dates.requestedShip = date }
                    case "002", "106":
                        if order.dates.requestedDelivery == nil || qualifier == "002" { order.dates.requestedDelivery = date }
                    case "001": order.dates.cancelAfter = date
                    case "067": order.dates.expectedShip = date
                    default: break
                    }
                }
            case X12SegmentCode.td5 where scope == .header || scope == .party:
                if order.shipMethod == nil {
                    let carrier = segment[2] == "2" || segment[2] == nil ? segment[3] : nil
                    let method = ShipMethod(
                        carrierSCAC: carrier, serviceLevel: segment[12], transportMethod: segment[4], routing: segment[5])
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
                currentParty = party
            case X12SegmentCode.n2:
                if let extra = [segment[1], segment[2]].compactMap({ $0 }).joined(separator: " ") as String?,
                    !extra.isEmpty
                {
                    let name = [currentParty?.name, extra].compactMap { $0 }.joined(separator: " ")
                    currentParty?.name = name
                }
            case X12SegmentCode.n3:
                guard currentParty != nil else { break }
                var address = currentParty?.address ?? Address(lines: [])
                if let line = segment[1] { address.lines.append(line) }
                if let line = segment[2] { address.lines.append(line) }
                currentParty?.address = address
            case X12SegmentCode.n4:
                guard currentParty != nil else { break }
                var address = currentParty?.address ?? Address(lines: [])
                address.city = segment[1]
                address.region = segment[2]
                address.postalCode = segment[3]
                address.country = segment[4].map(Self.country)
                currentParty?.address = address
            case X12SegmentCode.per:
                guard currentParty != nil else { break }
                var contact = currentParty?.contact ?? Contact()
                if contact.name == nil { contact.name = segment[2] }
                for pair in stride(from: 3, through: 7, by: 2) {
                    guard let qualifier = segment[pair], let value = segment[pair + 1] else { continue }
                    switch qualifier {
                    case "TE", "HP", "WP", "CP": if contact.phone == nil { contact.phone = value }
                    case "EM": if contact.email == nil { contact.email = value }
                    default: break
                    }
                }
                currentParty?.contact = contact
            case X12SegmentCode.po1:
                flushParty()
                flushLine()
                scope = .line
                currentLine = try line(segment, index: index, ordinal: order.lines.count + 1, currency: order.currency)
            case X12SegmentCode.pid:
                guard scope == .line, let text = segment[5] else { break }
                if let description = currentLine?.description {
                    currentLine?.description = description + " " + text
                } else {
                    currentLine?.description = text
                }
            case X12SegmentCode.msg, X12SegmentCode.nte:
                let text = id == X12SegmentCode.msg ? segment[1] : segment[2]
                guard let text else { break }
                let note = Note(kind: id == X12SegmentCode.nte ? Self.noteKind(segment[1]) : .general, text: text)
                if scope == .line { currentLine?.notes.append(note) } else { order.notes.append(note) }
            case X12SegmentCode.n9:
                // N9 loops carry MSG text; N902/N903 often say what the text is for ("GIFT MESSAGE").
                pendingNoteKind = Self.noteKind(fromTitle: [segment[2], segment[3]].compactMap { $0 }.joined(separator: " "))
            case X12SegmentCode.sac:
                let description = (segment[15] ?? "").uppercased()
                if description.contains("GIFT") && description.contains("WRAP") {
                    if scope == .line { currentLine?.giftWrap = true } else { orderGiftWrap = true }
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
                if let cents = segment[1].flatMap(Self.decimal) { order.statedTotal = Money(cents / 100, order.currency) }
            case X12SegmentCode.se:
                flushParty()
                flushLine()
            default:
                break
            }
            if id == X12SegmentCode.msg, let kind = pendingNoteKind {
                if scope == .line {
                    if let count = currentLine?.notes.count, count > 0 { currentLine?.notes[count - 1].kind = kind }
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

    private func line(_ segment: X12SegmentFields, index: Int, ordinal: Int, currency: CurrencyCode) throws(OrderX12Error)
        -> OrderLine
    {
        guard let quantityText = segment[2] else {
            throw OrderX12Error(.missingElement(segment: "PO1", position: 2, name: "quantity ordered"), at: location(index, element: 2))
        }
        guard let quantity = Self.decimal(quantityText) else {
            throw OrderX12Error(.invalidValue(segment: "PO1", position: 2, name: "quantity ordered"), at: location(index, element: 2))
        }
        var line = OrderLine(lineNumber: segment[1] ?? String(ordinal), quantity: quantity)
        if let unit = segment[3] { line.unit = UnitOfMeasure(unit) }
        if let priceText = segment[4] {
            guard let price = Self.decimal(priceText) else {
                throw OrderX12Error(.invalidValue(segment: "PO1", position: 4, name: "unit price"), at: location(index, element: 4))
            }
            line.unitPrice = Money(price, currency)
        }
        for pair in stride(from: 6, through: 24, by: 2) {
            guard let qualifier = segment[pair], let value = segment[pair + 1] else { continue }
            switch qualifier {
            case "VN", "VP", "VA": if line.sku == nil { line.sku = SKU(value) }
            case "IN", "BP", "SK", "CB", "PI": if line.buyerItemID == nil { line.buyerItemID = value }
            case "UP", "EN", "UK", "UA", "UI": if line.gtin == nil { line.gtin = value }
            default: break
            }
        }
        return line
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

    // MARK: Code lists

    static func purpose(_ code: String?) -> PurchaseOrder.Purpose {
        switch code {
        case "01", "03": .cancellation
        case "04", "05": .replace
        case "06": .confirmation
        case "07": .duplicate
        default: .original
        }
    }

    static func orderType(_ code: String?) -> PurchaseOrder.OrderType {
        switch code {
        case "DS": .dropship
        case "SA": .standAlone
        case "NE": .newOrder
        default: .other
        }
    }

    static func role(_ code: String?) -> Party.Role {
        switch code {
        case "ST": .shipTo
        case "BT": .billTo
        case "BY": .buyer
        case "SF": .shipFrom
        case "SE", "VN", "SU": .seller
        case "SO": .soldTo
        case "RI": .remitTo
        case "SN", "ZZ": .store
        default: .other
        }
    }

    static func noteKind(_ code: String?) -> Note.Kind {
        switch code {
        case "GFT", "GIF": .giftMessage
        case "PCS", "PKG", "PAC": .packingSlip
        case "SHP", "DEL", "TRA": .shippingInstructions
        default: .general
        }
    }

    static func noteKind(fromTitle title: String) -> Note.Kind? {
        let upper = title.uppercased()
        if upper.contains("GIFT") { return .giftMessage }
        if upper.contains("PACK") { return .packingSlip }
        if upper.contains("SHIP") || upper.contains("DELIVER") { return .shippingInstructions }
        return nil
    }

    static func country(_ code: String) -> String {
        switch code {
        case "USA": "US"
        case "CAN": "CA"
        case "MEX": "MX"
        default: code
        }
    }

    /// `CCYYMMDD`, or `YYMMDD` as 003xxx versions send it.
    static func date(_ text: String) -> CalendarDate? {
        let utf8 = text.utf8
        if utf8.count == 8 {
            // CCYYMMDD, the common case, without `CalendarDate(parsing:)`'s copy: the same checks.
            var value = 0
            for byte in utf8 {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        }
        return utf8.count == 6 ? CalendarDate(parsingYYMMDD: text) : CalendarDate(parsing: text)
    }

    /// X12 `R`/`N` text to an exact decimal (never through `Double`).
    static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }) else {
            return nil
        }
        return exactDecimal(text) ?? Decimal(string: text, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// `-ddd.ddd` with at most 18 digits and not zero, built from its digits: bit for bit the value
    /// `Decimal(string:locale:)` gives (compact: trailing zeros moved into the exponent), without its parser and
    /// locale look-up. Nil for anything else, which that parser then reads.
    static func exactDecimal(_ text: String) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var point = false
        var first = true
        for byte in text.utf8 {
            defer { first = false }
            if byte == 0x2D, first {
                negative = true
                continue
            }
            if byte == 0x2E, !point {
                point = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            digits += 1
            guard digits <= 18 else { return nil }
            mantissa = mantissa * 10 + UInt64(byte - 0x30)
            if point { fraction += 1 }
        }
        guard mantissa != 0 else { return nil }
        var exponent = -fraction
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }
}
