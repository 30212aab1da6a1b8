import Foundation
import TestSupport
import Testing

@testable import Orders

/// The order read back by hand (`PurchaseOrder+JSONReading.swift`, through `JSONByteReader`) must read what
/// `JSONDecoder` reads: the same order from the store's compact record, from `JSONEncoder`'s text in declaration
/// order (older records) and from pretty text; the same refusals of text that is not an order; and no crash and no
/// order `JSONDecoder` would not read from mangled text.
@Suite("hand-read order JSON")
struct JSONReadingTests {
    static func decoded(_ bytes: [UInt8]) -> PurchaseOrder? {
        try? JSONDecoder().decode(PurchaseOrder.self, from: Data(bytes))
    }

    /// Keys sorted: without, two encodings of one value need not list members alike.
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func orders() -> [PurchaseOrder] {
        (0..<400 as Range<UInt64>).map { seed in
            var random = CompactJSONWritableTests.Random(generator: SplitMix(seed: seed))
            return random.order()
        }
    }

    /// The layouts a stored order may be in.
    static func layouts(of order: PurchaseOrder) throws -> [(name: String, bytes: [UInt8])] {
        let writer = JSONByteWriter(layout: .compact)
        try writer.write(order)
        let declared = JSONEncoder()
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        return [
            ("hand-written compact", writer.bytes),
            ("JSONEncoder, declaration order", [UInt8](try declared.encode(order))),
            ("JSONEncoder, pretty", [UInt8](try pretty.encode(order))),
        ]
    }

    @Test("random orders read back as JSONDecoder reads them, in every layout, byte for byte when written again")
    func randomOrders() throws {
        for (seed, order) in Self.orders().enumerated() {
            for (layout, bytes) in try Self.layouts(of: order) {
                let expected = try JSONDecoder().decode(PurchaseOrder.self, from: Data(bytes))
                let read = try PurchaseOrder(jsonBytes: bytes)
                #expect(read == expected, "seed \(seed), \(layout)")
                #expect(read == order, "seed \(seed), \(layout)")
                // Equal decimals may differ in exponent: writing again shows they are the same bits.
                #expect(try Self.sorted.encode(read) == Self.sorted.encode(expected), "seed \(seed), \(layout)")
            }
        }
    }

    @Test(
        "numbers read as the same decimal JSONDecoder reads",
        arguments: [
            "0", "-0", "0.0", "1", "-7", "12.3456", "12.3400", "0.01", "100", "1000000", "123456789012345678",
            "1234567890123456789012", "0.000000000000000000001", "1e3", "1.5E-2", "-2.50e+2", "99999.99999",
        ])
    func numbers(text: String) throws {
        let json = Array("{\"amount\":\(text),\"currency\":\"USD\"}".utf8)
        let expected = try JSONDecoder().decode(Money.self, from: Data(json))
        var reader = JSONByteReader(json)
        let read = try Money(json: &reader)
        #expect(read == expected)
        #expect(read.amount.description == expected.amount.description)
        #expect(read.amount.exponent == expected.amount.exponent)
    }

    @Test("every escape reads as JSONDecoder reads it, surrogate pairs included")
    func escapes() throws {
        let texts = [
            #"a\"b\\c\/d"#, #"\b\f\n\r\t"#, #"\u0000\u001f\u007F"#, #"\u00e9\u65E5\u672c"#, #"\ud83d\ude9a"#,
            "é日本🚚", "", #"x\u0041y"#,
        ]
        for text in texts {
            let json = Array("{\"kind\":\"general\",\"text\":\"\(text)\"}".utf8)
            let expected = try JSONDecoder().decode(Note.self, from: Data(json))
            var reader = JSONByteReader(json)
            #expect(try Note(json: &reader) == expected, "\(text)")
        }
        for bad in [#"\ud83d"#, #"\ude9a"#, #"\x"#, #"\u12"#, "\u{01}"] {
            let json = Array("{\"kind\":\"general\",\"text\":\"\(bad)\"}".utf8)
            var reader = JSONByteReader(json)
            #expect(throws: JSONReadError.self, "\(bad)") { try Note(json: &reader) }
        }
    }

    @Test("a missing member, a wrong type or a code of no case is refused, naming what was expected")
    func refusals() throws {
        let order = Self.orders()[3]
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(order)) as? [String: Any] ?? [:]
        object.removeValue(forKey: "poNumber")
        let missing = [UInt8](try JSONSerialization.data(withJSONObject: object))
        #expect(Self.decoded(missing) == nil)
        #expect {
            try PurchaseOrder(jsonBytes: missing)
        } throws: { error in
            (error as? JSONReadError)?.expected.contains("'poNumber'") ?? false
        }
        let wrong: [(String, Any)] = [
            ("purpose", "bogus"), ("lines", [String: Any]()), ("parties", 3), ("currency", NSNull()),
        ]
        for (key, value) in wrong {
            var changed = try JSONSerialization.jsonObject(with: JSONEncoder().encode(order)) as? [String: Any] ?? [:]
            changed[key] = value
            let text = [UInt8](try JSONSerialization.data(withJSONObject: changed))
            #expect(Self.decoded(text) == nil, "\(key)")
            #expect(throws: JSONReadError.self, "\(key)") { try PurchaseOrder(jsonBytes: text) }
        }
        #expect(throws: JSONReadError.self) { try PurchaseOrder(jsonBytes: Array("{} x".utf8)) }
    }

    @Test("text nested deeper than the reader goes is refused, not read into a stack overflow")
    func nesting() throws {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        var reader = JSONByteReader(Array("{\"x\":".utf8) + deep)
        #expect(throws: JSONReadError.self) {
            try reader.beginObject()
            _ = try reader.nextMember()
            try reader.skipValue()
        }
        var shallow = JSONByteReader(Array("{\"notes\":[[[[1]]]]}".utf8))
        try shallow.beginObject()
        #expect(try shallow.nextMember())
        try shallow.skipValue()
        #expect(try !shallow.nextMember())
    }

    @Test("every cut of an order's text is refused, and mangled text never reads as something JSONDecoder refuses")
    func mangled() throws {
        let bytes = try Self.layouts(of: Self.orders()[7])[0].bytes
        for count in 0..<bytes.count {
            #expect(throws: JSONReadError.self, "\(count) bytes") {
                try PurchaseOrder(jsonBytes: Array(bytes[..<count]))
            }
        }
        var generator = SplitMix(seed: 99)
        let replacements = Array("{}[]\",:0123456789.-eEtrufalsn \\u".utf8)
        var readBoth = 0
        for _ in 0..<3_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[at] = replacements[Int.random(in: 0..<replacements.count, using: &generator)]
            }
            guard let read = try? PurchaseOrder(jsonBytes: mutated) else { continue }
            let expected = Self.decoded(mutated)
            #expect(expected == read, "\(String(decoding: mutated, as: UTF8.self))")
            readBoth += 1
        }
        // Most single changes land in a string's text and still read: the comparison above was exercised.
        #expect(readBoth > 100)
    }
}
