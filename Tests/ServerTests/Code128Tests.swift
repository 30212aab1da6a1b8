import Foundation
import Testing

@testable import Server

/// The Code 128 encoder against published encodings: check symbols worked by hand in public references, and the
/// start and stop patterns as the standard draws them.
@Suite("Code128")
struct Code128Tests {
    /// Modules as a bar (1) / space (0) string.
    static func bits(_ widths: some Sequence<Int>) -> String {
        var text = ""
        for (index, width) in widths.enumerated() {
            text += String(repeating: index % 2 == 0 ? "1" : "0", count: width)
        }
        return text
    }

    @Test(
        "the check symbol and values of published examples",
        arguments: [
            // barcoderesource.com, "Calculation of Code128 Check Character": 128B "abcdef" → 97, 128C "345678" → 73.
            ("abcdef", [104, 65, 66, 67, 68, 69, 70, 97]),
            ("345678", [105, 34, 56, 78, 73]),
            // Wikipedia's PJJ123C is 54 with start A (103); with start B (104) the sum is one more: 55.
            ("PJJ123C", [104, 48, 42, 42, 17, 18, 19, 35, 55]),
        ])
    func checkSymbols(text: String, values: [Int]) throws {
        #expect(try Code128(text).values == values)
    }

    @Test("start B, the stop and its final bar are drawn as the standard's modules")
    func patterns() throws {
        let code = try Code128("abcdef")
        let bits = Self.bits(code.widths)
        // barcodeisland.com: Start-B 11010010000; stop 11000111010 then the termination bar 11.
        #expect(bits.hasPrefix("11010010000"))
        #expect(bits.hasSuffix("1100011101011"))
        // a (65) is 121124.
        #expect(Array(bits.dropFirst(11).prefix(11)) == Array("10010110000"))
        #expect(code.modules == 11 * code.values.count + 13)
        #expect(bits.count == code.modules)
    }

    @Test("every symbol is 11 modules of three bars and three spaces, the stop 13")
    func table() {
        #expect(Code128.patterns.count == 107)
        for (value, pattern) in Code128.patterns.enumerated() {
            let widths = pattern.map { Int(String($0)) ?? 0 }
            #expect(widths.reduce(0, +) == (value == 106 ? 13 : 11), "symbol \(value)")
            #expect(widths.allSatisfy { (1...4).contains($0) }, "symbol \(value)")
        }
        #expect(Set(Code128.patterns).count == 107)
    }

    @Test("long digit runs switch to code set C and back; the symbols decode to the text")
    func codeSetC() throws {
        let code = try Code128("HP-10001234")
        // H P - in B, then C for 10 00 12 34.
        #expect(code.values.prefix(4) == [104, 40, 48, 13])
        #expect(code.values.dropFirst(4).prefix(5) == [99, 10, 0, 12, 34])
        #expect(Self.decode(code.values) == "HP-10001234")
        for text in ["4792183650", "D8kTqR2mW", "A1", "12345", "X1234567Y", "00"] {
            #expect(Self.decode(try Code128(text).values) == text, "\(text)")
        }
    }

    @Test("the SVG has the quiet zones and one rect a bar")
    func svg() throws {
        let code = try Code128("HP-10001")
        let svg = code.svg(module: 2, height: 50, label: "HP-10001")
        let bars = code.widths.count / 2 + 1
        // One white background rect, then one per bar.
        #expect(svg.components(separatedBy: "<rect").count - 1 == bars + 1)
        #expect(svg.contains("width=\"\((code.modules + 20) * 2)\""))
        #expect(svg.contains("<rect x=\"20\" y=\"0\""))
    }

    @Test("text code set B cannot hold is refused")
    func refused() {
        #expect(throws: Code128.EncodingError.unencodable("é")) { try Code128("café") }
        #expect(throws: Code128.EncodingError.empty) { try Code128("") }
    }

    /// Reads values back to text (code sets B and C), as a scanner would after the check.
    static func decode(_ values: [Int]) -> String {
        var text = ""
        var set = values.first == 105 ? 67 : 66
        for value in values.dropFirst().dropLast() {
            if value == 99 {
                set = 67
                continue
            }
            if value == 100 {
                set = 66
                continue
            }
            if set == 67 {
                text += value < 10 ? "0\(value)" : String(value)
            } else {
                text.append(Character(UnicodeScalar(UInt8(value + 32))))
            }
        }
        return text
    }
}
