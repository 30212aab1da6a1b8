import Foundation
import Orders
import X12

/// Walks an 860 once, reading each segment it maps with the 850 mapper's element reader (`X12SegmentFields`) and
/// its readings of dates, units, parties, ship methods and item numbers, so that a ship-to, a TD5 or an added line
/// reads exactly as it does in an 850. It reads BCH, CUR, TD5 and the `N1*ST` loop of the header, then each POC loop
/// (POC and its PID); everything else (REF, DTM, N9/MSG, SAC, other parties, line-level N1, SLN) is read past.
/// Without the 850 mapper's memo and reuse tricks: 860s are few.
enum OrderChangeMapper {
    typealias Failure = PurchaseOrderMapper.Failure

    private enum Scope { case header, party, line, summary }

    /// The change of the 860 whose segments (ST through SE) are `segments` in `document`, with `delimiters` (its
    /// interchange's) and `source` (its envelopes', ST02 included).
    static func map(
        _ segments: Range<Int>, in document: X12Document, delimiters: X12Delimiters, source: OrderSource
    ) throws(Failure) -> OrderChange {
        try document.bytes.withUnsafeBufferPointer { bytes throws(Failure) in
            var fields = X12SegmentFields(bytes: bytes)
            return try map(
                segments, ranges: document.segmentRanges, delimiters: delimiters, source: source, fields: &fields)
        }
    }

    private static func map(
        _ segments: Range<Int>, ranges: [Range<Int>], delimiters: X12Delimiters, source: OrderSource,
        fields segment: inout X12SegmentFields
    ) throws(Failure) -> OrderChange {
        var change: OrderChange? = nil
        var currency = CurrencyCode.usd
        var shipTo: Party? = nil
        var shipMethod: ShipMethod? = nil
        var lines: [LineChange] = []
        var scope = Scope.header
        // Whether the N1 loop being read is the ship-to's: its N2, N3, N4 and PER are added to it.
        var shipToOpen = false
        for index in segments {
            let id = X12SegmentFields.code(of: ranges[index], in: segment.bytes, separator: delimiters.element)
            switch id {
            case .bch, .cur, .td5, .n1, .n2, .n3, .n4, .per, .poc, .pid:
                segment.load(ranges[index], separator: delimiters.element, code: id)
            case .ctt:
                shipToOpen = false
                scope = .summary
                continue
            default:
                continue
            }
            switch id {
            case .bch:
                change = try header(segment, index: index, source: source)
            case .cur:
                if scope == .header, let code = segment[2] { currency = CurrencyCode(code) }
            case .td5 where scope == .header || scope == .party:
                if shipMethod == nil { shipMethod = PurchaseOrderMapper.shipMethod(segment) }
            case .n1:
                shipToOpen = false
                guard scope != .line else { break }  // a line's parties have no place in the change
                scope = .party
                guard shipTo == nil, PurchaseOrderMapper.roles.value(segment, 1) == .shipTo else { break }
                var identifier: PartyIdentifier? = nil
                if let qualifier = segment[3], let value = segment[4] {
                    identifier = PartyIdentifier(qualifier: qualifier, value: value)
                }
                shipTo = Party(role: .shipTo, name: segment[2], identifier: identifier)
                shipToOpen = true
            case .n2, .n3, .n4, .per:
                guard shipToOpen, var party = shipTo else { break }
                switch id {
                case .n2: PurchaseOrderMapper.addName(segment, to: &party)
                case .n3: PurchaseOrderMapper.addStreet(segment, to: &party)
                case .n4: PurchaseOrderMapper.addPlace(segment, to: &party)
                default: PurchaseOrderMapper.addContact(segment, to: &party)
                }
                shipTo = party
            case .poc:
                shipToOpen = false
                scope = .line
                lines.append(
                    try line(segment, index: index, currency: currency, component: delimiters.component))
            case .pid:
                guard scope == .line, let text = segment[5], !lines.isEmpty else { break }
                let last = lines.count - 1
                guard var line = lines[last].line else { break }
                line.description = line.description.map { $0 + " " + text } ?? text
                lines[last].line = line
            default:
                break
            }
        }
        guard var change else { throw Failure(.missingSegment("BCH"), segment: segments.lowerBound) }
        change.lines = lines
        change.shipTo = shipTo
        change.shipMethod = shipMethod
        return change
    }

    /// BCH: the change as a whole, without its lines. BCH01 `01` is a whole-order cancel, any other purpose a
    /// change (`04` change, `05` replace, …); BCH03, the PO number, is required.
    private static func header(_ segment: borrowing X12SegmentFields, index: Int, source: OrderSource)
        throws(Failure) -> OrderChange
    {
        guard let number = segment[3] else {
            throw Failure(
                .missingElement(segment: "BCH", position: 3, name: "purchase order number"), segment: index,
                element: 3)
        }
        let purposeCode = segment[1]
        return OrderChange(
            poNumber: PONumber(number), purpose: purposeCode == "01" ? .cancel : .change, purposeCode: purposeCode,
            orderType: segment.range(2) == nil ? nil : PurchaseOrderMapper.orderTypes.value(segment, 2),
            changeNumber: segment[5], orderDate: segment.value(6).flatMap(PurchaseOrderMapper.date),
            requestDate: segment.value(11).flatMap(PurchaseOrderMapper.date), source: source)
    }

    /// POC: one line change. POC01 (the PO line) and POC02 (what is asked, one of `LineChange.Kind.codes`) are
    /// required, and POC03 (the line's quantity after the change) for an added, increased or decreased line. An
    /// added line, and a change that sends item numbers or a price, carries the line as it should be: POC03, the
    /// unit (POC05), the price (POC06) and the item numbers of POC08–POC27, read as an 850 reads PO1's.
    private static func line(
        _ segment: borrowing X12SegmentFields, index: Int, currency: CurrencyCode, component: UInt8
    ) throws(Failure) -> LineChange {
        guard let lineNumber = segment[1] else {
            throw Failure(
                .missingElement(segment: "POC", position: 1, name: "assigned identification"), segment: index,
                element: 1)
        }
        guard let code = segment[2] else {
            throw Failure(
                .missingElement(segment: "POC", position: 2, name: "change or response type code"), segment: index,
                element: 2)
        }
        guard let kind = LineChange.Kind(code: code) else {
            throw Failure(
                .unknownCode(
                    segment: "POC", position: 2, name: "change or response type code",
                    accepted: LineChange.Kind.codes), segment: index, element: 2)
        }
        var quantity: Decimal? = nil
        if segment.range(3) != nil {
            guard let value = segment.decimal(3) else {
                throw Failure(
                    .invalidValue(segment: "POC", position: 3, name: "quantity ordered"), segment: index, element: 3)
            }
            quantity = value
        } else if kind == .add || kind == .quantityIncrease || kind == .quantityDecrease {
            throw Failure(
                .missingElement(segment: "POC", position: 3, name: "quantity ordered"), segment: index, element: 3)
        }
        var unitPrice: Money? = nil
        if segment.range(6) != nil {
            guard let price = segment.decimal(6) else {
                throw Failure(
                    .invalidValue(segment: "POC", position: 6, name: "unit price"), segment: index, element: 6)
            }
            unitPrice = Money(price, currency)
        }
        let ids = PurchaseOrderMapper.itemIDs(segment, from: 8)
        var line: OrderLine? = nil
        if kind == .add || !ids.isEmpty || unitPrice != nil {
            line = OrderLine(
                lineNumber: lineNumber, buyerItemID: ids.buyerItemID, sku: ids.sku, gtin: ids.gtin,
                quantity: quantity ?? 0, unit: unit(segment[5], component: component) ?? .each, unitPrice: unitPrice,
                itemQualifiers: ids.qualifiers)
        }
        return LineChange(lineNumber: lineNumber, kind: kind, code: code, quantity: quantity, line: line)
    }

    /// POC05 (composite C001): its first component, the unit of measure code; nil when it is empty.
    private static func unit(_ text: String?, component: UInt8) -> UnitOfMeasure? {
        guard let text else { return nil }
        let code = String(decoding: text.utf8.prefix { $0 != component }, as: UTF8.self)
        return code.isEmpty ? nil : UnitOfMeasure(rawValue: code)
    }
}
