import Foundation
import Orders
import Testing

@Suite("decimals read from their digits")
struct DecimalExactTests {
    static let decimals = [
        "1", "17.99", "-3.25", ".5", "5.", "-.5", "12.3456", "1.500", "100", "000123", "0.0000001", "-100.00",
        "999999999999999999", "123456789012345678", "18.990",
    ]

    @Test("a decimal built from its digits is, bit for bit, what Decimal(string:) reads", arguments: decimals)
    func exactDecimal(_ text: String) throws {
        let fast = try #require(Decimal.exact(text))
        let slow = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: slow) { Array($0) })
        #expect(fast.description == slow.description)
    }

    @Test(
        "zero, signs alone and long digit runs are left to Decimal(string:)",
        arguments: ["0", "-0", "0.00", "-", ".", "1234567890123456789", "1-2", "1..2"])
    func leftToTheParser(_ text: String) {
        #expect(Decimal.exact(text) == nil)
    }

    @Test("random decimal texts read the same both ways")
    func randomDecimals() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-00")
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 1...20, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            guard let fast = Decimal.exact(text) else { continue }
            let slow = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(
                slow.map { s in withUnsafeBytes(of: s) { Array($0) } } == withUnsafeBytes(of: fast) { Array($0) },
                "\(text)")
        }
    }
}
