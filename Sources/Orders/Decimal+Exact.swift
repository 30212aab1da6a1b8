public import Foundation

extension Decimal {
    /// `text` read as `exact(_:)` reads its UTF-8.
    public static func exact(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { exact($0) }
    }

    /// `-ddd.ddd` with at most 18 digits and not zero, built from its digits: bit for bit the value
    /// `Decimal(string:locale:)` gives (compact: trailing zeros moved into the exponent), without its parser and
    /// locale look-up. Nil for anything else, which that parser then reads.
    public static func exact(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
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
