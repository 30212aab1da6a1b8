import Foundation
import Orders

/// The 850 mapper's readings of element values: code lists to the model's enums, dates and exact decimals, on
/// the element's bytes where the mapper reads them in place.
extension PurchaseOrderMapper {
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

    // The same readings on an element read packed (`X12SegmentFields.qualifier`), with no `String` made: a value of
    // up to three bytes is compared as bytes, which for these ASCII codes answers as comparing `String`s does (no
    // other text of three bytes or fewer is canonically equivalent to one); a longer one is read as text.

    static func purpose(_ segment: X12SegmentFields, _ position: Int) -> PurchaseOrder.Purpose {
        switch segment.qualifier(position) {
        case UInt32.max: purpose(segment[position])
        case 0x3031, 0x3033: .cancellation  // 01, 03
        case 0x3034, 0x3035: .replace  // 04, 05
        case 0x3036: .confirmation  // 06
        case 0x3037: .duplicate  // 07
        default: .original
        }
    }

    static func orderType(_ segment: X12SegmentFields, _ position: Int) -> PurchaseOrder.OrderType {
        switch segment.qualifier(position) {
        case UInt32.max: orderType(segment[position])
        case 0x4453: .dropship  // DS
        case 0x5341: .standAlone  // SA
        case 0x4E45: .newOrder  // NE
        default: .other
        }
    }

    static func role(_ segment: X12SegmentFields, _ position: Int) -> Party.Role {
        switch segment.qualifier(position) {
        case UInt32.max: role(segment[position])
        case 0x5354: .shipTo  // ST
        case 0x4254: .billTo  // BT
        case 0x4259: .buyer  // BY
        case 0x5346: .shipFrom  // SF
        case 0x5345, 0x564E, 0x5355: .seller  // SE, VN, SU
        case 0x534F: .soldTo  // SO
        case 0x5249: .remitTo  // RI
        case 0x534E, 0x5A5A: .store  // SN, ZZ
        default: .other
        }
    }

    /// `country(_:)` of the element, nil when it is absent.
    static func country(_ segment: X12SegmentFields, _ position: Int) -> String? {
        switch segment.qualifier(position) {
        case 0x555341: "US"  // USA
        case 0x43414E: "CA"  // CAN
        case 0x4D4558: "MX"  // MEX
        default: segment[position].map(country)
        }
    }

    /// The element as a unit of measure; `EA`, nearly every line's, without reading it as text.
    static func unit(_ segment: X12SegmentFields, _ position: Int) -> UnitOfMeasure? {
        segment.qualifier(position) == 0x4541 ? .each : segment[position].map(UnitOfMeasure.init(rawValue:))
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
        var text = text
        return text.withUTF8 { date($0) }
    }

    /// `date(_:)` on an element's bytes: CCYYMMDD without making a `String`.
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
        !bytes.isEmpty && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }
    }

    /// Bytes `isDecimalText` accepted, as an exact decimal (never through `Double`); a `String` is made only for
    /// what `exactDecimal` leaves to the parser.
    static func decimal(checked bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        exactDecimal(bytes) ?? Decimal(string: String(decoding: bytes, as: UTF8.self), locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    static func exactDecimal(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { exactDecimal($0) }
    }

    /// `-ddd.ddd` with at most 18 digits and not zero, built from its digits: bit for bit the value
    /// `Decimal(string:locale:)` gives (compact: trailing zeros moved into the exponent), without its parser and
    /// locale look-up. Nil for anything else, which that parser then reads.
    static func exactDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var point = false
        var first = true
        for byte in bytes {
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
            mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
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
