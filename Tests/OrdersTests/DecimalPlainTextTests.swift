import Foundation
import Orders
import Testing

/// `Decimal.plainText` is what X12 writes a quantity, price or weight as: it must be `description`, byte for byte.
@Suite("decimals written from their digits")
struct DecimalPlainTextTests {
    @Test(
        "quantities, prices and weights are written as Foundation writes them",
        arguments: [
            "1", "2", "12.5", "177.99", "0.05", "-0.5", "12.50", "300", "1e20", "123e-30", "0", "-3.25", "0.0000001",
            "18446744073709551615", "18446744073709551616", "-18446744073709551615", "99999999999999999999.5",
        ])
    func known(_ text: String) throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(value.plainText == value.description)
    }

    @Test("not a number is written as description writes it")
    func notANumber() {
        #expect(Decimal.nan.plainText == Decimal.nan.description)
    }

    @Test("random significands of up to 64 bits and more, every exponent, both signs, and arithmetic results")
    func random() {
        var generator = SystemRandomNumberGenerator()
        var values: [Decimal] = []
        for _ in 0..<20_000 {
            let bits = Int.random(in: 1...64, using: &generator)
            let significand =
                bits == 64 ? UInt64.random(in: 0...UInt64.max, using: &generator) : UInt64.random(in: 0..<(1 << bits))
            let exponent = Int.random(in: -128...127, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(significand)))
            values.append(Decimal(sign: sign, exponent: exponent / 16, significand: Decimal(significand)))
            // Past 64 bits: description's own digits.
            values.append(Decimal(significand) * Decimal(significand) * Decimal(Int.random(in: 2...1000)))
            let price = Decimal(Int.random(in: -100_000...100_000, using: &generator)) / 100
            let quantity = Decimal(Int.random(in: 0...1000, using: &generator)) / 10
            values += [price + quantity, price * quantity, price - price, price * 100]
        }
        let wrong = values.filter { $0.plainText != $0.description }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { "\($0): \($0.plainText)" })")
    }
}
