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

        func flushParty() {
            if let party = currentParty { order.parties.append(party) }
            currentParty = nil
        }
        func flushLine() {
            if let line = currentLine { order.lines.append(line) }
            currentLine = nil
        }

        for index in set.segments {
            let segment = document.segment(index)
            let id = segment.id
            switch id {
            case "BEG":
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
            case "CUR":
                if let code = segment[2] { order.currency = CurrencyCode(code) }
            case "REF" where scope == .header:
                if let qualifier = segment[1] {
                    order.references.append(
                        Reference(qualifier: qualifier, value: segment[2] ?? segment[3] ?? "", description: segment[3]))
                }
            case "DTM":
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
            case "TD5" where scope == .header || scope == .party:
                if order.shipMethod == nil {
                    let carrier = segment[2] == "2" || segment[2] == nil ? segment[3] : nil
                    let method = ShipMethod(
                        carrierSCAC: carrier, serviceLevel: segment[12], transportMethod: segment[4], routing: segment[5])
                    if method != ShipMethod() { order.shipMethod = method }
                }
            case "N1":
                flushParty()
                if scope != .line { scope = .party }
                var party = Party(role: Self.role(segment[1]), name: segment[2])
                if let qualifier = segment[3], let value = segment[4] {
                    party.identifier = PartyIdentifier(qualifier: qualifier, value: value)
                }
                if scope == .line { break }  // line-level parties have no place in the canonical order
                currentParty = party
            case "N2":
                if let extra = [segment[1], segment[2]].compactMap({ $0 }).joined(separator: " ") as String?,
                    !extra.isEmpty
                {
                    let name = [currentParty?.name, extra].compactMap { $0 }.joined(separator: " ")
                    currentParty?.name = name
                }
            case "N3":
                guard currentParty != nil else { break }
                var address = currentParty?.address ?? Address(lines: [])
                address.lines += [segment[1], segment[2]].compactMap { $0 }
                currentParty?.address = address
            case "N4":
                guard currentParty != nil else { break }
                var address = currentParty?.address ?? Address(lines: [])
                address.city = segment[1]
                address.region = segment[2]
                address.postalCode = segment[3]
                address.country = segment[4].map(Self.country)
                currentParty?.address = address
            case "PER":
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
            case "PO1":
                flushParty()
                flushLine()
                scope = .line
                currentLine = try line(segment, index: index, ordinal: order.lines.count + 1, currency: order.currency)
            case "PID":
                guard scope == .line, let text = segment[5] else { break }
                let description = [currentLine?.description, text].compactMap { $0 }.joined(separator: " ")
                currentLine?.description = description
            case "MSG", "NTE":
                let text = id == "MSG" ? segment[1] : segment[2]
                guard let text else { break }
                let note = Note(kind: id == "NTE" ? Self.noteKind(segment[1]) : .general, text: text)
                if scope == .line { currentLine?.notes.append(note) } else { order.notes.append(note) }
            case "N9":
                // N9 loops carry MSG text; N902/N903 often say what the text is for ("GIFT MESSAGE").
                pendingNoteKind = Self.noteKind(fromTitle: [segment[2], segment[3]].compactMap { $0 }.joined(separator: " "))
            case "SAC":
                let description = (segment[15] ?? "").uppercased()
                if description.contains("GIFT") && description.contains("WRAP") {
                    if scope == .line { currentLine?.giftWrap = true } else { orderGiftWrap = true }
                }
            case "CTT":
                flushParty()
                flushLine()
                scope = .summary
            case "AMT":
                if segment[1] == "TT" || segment[1] == "1", let amount = segment[2].flatMap(Self.decimal) {
                    if scope != .line { order.statedTotal = Money(amount, order.currency) }
                }
            case "TDS":
                // TDS01 is N2: implied two decimals.
                if let cents = segment[1].flatMap(Self.decimal) { order.statedTotal = Money(cents / 100, order.currency) }
            case "SE":
                flushParty()
                flushLine()
            default:
                break
            }
            if id == "MSG", let kind = pendingNoteKind {
                if scope == .line {
                    if let count = currentLine?.notes.count, count > 0 { currentLine?.notes[count - 1].kind = kind }
                } else if !order.notes.isEmpty {
                    order.notes[order.notes.count - 1].kind = kind
                }
            }
            if id != "MSG" && id != "N9" { pendingNoteKind = nil }
        }
        flushParty()
        flushLine()
        guard sawBEG else { throw OrderX12Error(.missingSegment("BEG"), at: location(set.segments.lowerBound)) }
        if orderGiftWrap { for index in order.lines.indices { order.lines[index].giftWrap = true } }
        return order
    }

    private func line(_ segment: X12Segment, index: Int, ordinal: Int, currency: CurrencyCode) throws(OrderX12Error)
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
        text.utf8.count == 6 ? CalendarDate(parsingYYMMDD: text) : CalendarDate(parsing: text)
    }

    /// X12 `R`/`N` text to an exact decimal (never through `Double`).
    static func decimal(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }) else {
            return nil
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
