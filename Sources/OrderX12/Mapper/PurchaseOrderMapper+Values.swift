import Foundation
import Orders
import X12

/// The 850 mapper's readings of element values: code lists to the model's enums, dates and exact decimals, on
/// the element's bytes where the mapper reads them in place.
extension PurchaseOrderMapper {
    static let purposes = X12CodeTable(
        [
            "01": .cancellation, "03": .cancellation, "04": .replace, "05": .replace, "06": .confirmation,
            "07": .duplicate,
        ], otherwise: PurchaseOrder.Purpose.original)

    static let orderTypes = X12CodeTable(
        ["DS": .dropship, "SA": .standAlone, "NE": .newOrder], otherwise: PurchaseOrder.OrderType.other)

    static let roles = X12CodeTable(
        [
            "ST": .shipTo, "BT": .billTo, "BY": .buyer, "SF": .shipFrom, "SE": .seller, "VN": .seller, "SU": .seller,
            "SO": .soldTo, "RI": .remitTo, "SN": .store, "ZZ": .store,
        ], otherwise: Party.Role.other)

    /// NTE01 note reference codes.
    static let noteKinds = X12CodeTable(
        [
            "GFT": .giftMessage, "GIF": .giftMessage, "PCS": .packingSlip, "PKG": .packingSlip, "PAC": .packingSlip,
            "SHP": .shippingInstructions, "DEL": .shippingInstructions, "TRA": .shippingInstructions,
        ],
        otherwise: Note.Kind.general)

    /// N404 country codes sent as ISO alpha-3, read as alpha-2; any other code is kept as sent.
    static let alpha3Countries = X12CodeTable(["USA": "US", "CAN": "CA", "MEX": "MX"], otherwise: String?.none)

    /// The element's country: `alpha3Countries`' code, or the element as sent; nil when it is absent.
    static func country(_ segment: borrowing X12SegmentFields, _ position: Int) -> String? {
        alpha3Countries.value(segment, position) ?? segment[position]
    }

    /// The element as a unit of measure; `EA`, nearly every line's, without reading it as text.
    static func unit(_ segment: borrowing X12SegmentFields, _ position: Int) -> UnitOfMeasure? {
        segment.qualifier(position) == X12QualifierCode.ea
            ? .each : segment[position].map(UnitOfMeasure.init(rawValue:))
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

    /// `CCYYMMDD`, or `YYMMDD` as 003xxx versions send it, on the element's bytes: CCYYMMDD without making a
    /// `String`.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        if bytes.count == 8 {
            // CCYYMMDD, the common case, without `CalendarDate(parsing:)`'s copy: the same checks.
            var value = 0
            for byte in bytes {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value &* 10 &+ Int(byte &- 0x30)
            }
            return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.count == 6 ? CalendarDate(parsingYYMMDD: text) : CalendarDate(parsing: text)
    }

    /// Digits, points and minus signs only, at least one byte: the X12 `R`/`N` text `decimal(checked:)` reads.
    static func isDecimalText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isDecimalByte)
    }

    /// A digit, a point or a minus sign.
    @inline(__always)
    static func isDecimalByte(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || byte == 0x2E || byte == 0x2D }

    /// Bytes `isDecimalText` accepted, as an exact decimal (never through `Double`); a `String` is made only for
    /// what `Decimal.exact` leaves to the parser.
    static func decimal(checked bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        Decimal.exact(bytes) ?? Decimal(string: String(decoding: bytes, as: UTF8.self), locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}
