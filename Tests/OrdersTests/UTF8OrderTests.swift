import Orders
import TestSupport
import Testing

@Suite("strings in UTF-8 byte order")
struct UTF8OrderTests {
    @Test("precedesInUTF8 is the byte-by-byte order of the UTF-8, for ASCII, accents (composed or not) and emoji")
    func matchesTheBytes() {
        let alphabet: [String] = ["A", "a", "0", "-", " ", "é", "e\u{301}", "ß", "Ω", "😀", "\u{0}", "~"]
        var generator = SplitMix(seed: 0x5EED)
        func random() -> String {
            (0..<Int(generator.unit() * 6)).map { _ in alphabet[Int(generator.unit() * Double(alphabet.count))] }
                .joined()
        }
        for _ in 0..<5_000 {
            let (left, right) = (random(), random())
            #expect(
                left.precedesInUTF8(right) == left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) vs \(right)")
        }
        #expect("e\u{301}".precedesInUTF8("é"), "decomposed é (65 CC 81) sorts before composed é (C3 A9)")
        #expect(!"é".precedesInUTF8("e\u{301}"))
        #expect(!"abc".precedesInUTF8("abc"))
        #expect("ab".precedesInUTF8("abc"))
    }
}
