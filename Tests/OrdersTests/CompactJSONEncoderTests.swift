import Foundation
import Orders
import Testing

/// The store's JSON must be the same JSON value Foundation's encoder writes (it is read back with `JSONDecoder` and
/// shown by `orders show`): every shape Codable can produce, compared as parsed values, and read back whole.
@Suite("Compact JSON for the store's records")
struct CompactJSONEncoderTests {
    struct Widths: Codable, Equatable {
        var int8: Int8 = -8
        var int16: Int16 = 1600
        var int32: Int32 = -32
        var uint8: UInt8 = 255
        var uint: UInt = 42
        var uint64: UInt64 = .max
        var int64: Int64 = .min
        var float: Float = 1.5
        var double: Double = 0.1
        var whole: Double = 12
        var big: Double = 1e300
        var tiny: Double = -2.5e-8
    }

    enum Kind: String, Codable { case ship, reroute }

    struct Nested: Codable, Equatable {
        var name: String
        var kind: Kind
        var optional: Int?
        var absent: String?
        var list: [[Int]]
        var map: [String: Int]
        var when: Date
        var day: Date?
        var flags: [Bool]
        var zone: TimeZone
        var price: Decimal
        var bytes: Data
        var url: URL
        var children: [Nested]
    }

    /// A type that writes nested containers and a super encoder by hand, interleaving nothing.
    struct HandWritten: Codable, Equatable {
        var a: Int
        var b: [String]

        enum Keys: String, CodingKey { case a, inner, list, parent }

        init(a: Int, b: [String]) {
            self.a = a
            self.b = b
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let inner = try container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            a = try inner.decode(Int.self, forKey: .a)
            var list = try container.nestedUnkeyedContainer(forKey: .list)
            var b: [String] = []
            while !list.isAtEnd { b.append(try list.decode(String.self)) }
            self.b = b
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encode(a, forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            for text in b { try list.encode(text) }
            let parent = container.superEncoder(forKey: .parent)
            var single = parent.singleValueContainer()
            try single.encode("up")
        }
    }

    static let texts = [
        "plain", "", "quote \" and \\ backslash", "line\nfeed\ttab\r\u{8}\u{C}", "control \u{1} \u{1F}",
        "slash / and <tag> & 'apos'", "non-ASCII: Käse, 東京, 🚚", "\u{7F} delete",
    ]

    func sample(_ text: String, depth: Int = 2) -> Nested {
        Nested(
            name: text, kind: depth % 2 == 0 ? .ship : .reroute, optional: depth == 1 ? nil : -depth, absent: nil,
            list: [[], [1, -2, 3]], map: ["b": 2, "a": 1, text: 3],
            when: Date(timeIntervalSince1970: 1_795_532_400 + Double(depth) * 86_399),
            day: depth == 0 ? nil : Date(timeIntervalSince1970: -86_401), flags: [true, false],
            zone: TimeZone(identifier: "America/Chicago")!, price: Decimal(string: "12.3456")!,
            bytes: Data([0, 1, 254, 255]), url: URL(string: "https://example.com/a?b=c")!,
            children: depth == 0 ? [] : [sample(text + "!", depth: depth - 1)])
    }

    func foundation(_ value: some Encodable, dates: JSONEncoder.DateEncodingStrategy) throws -> Any {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = dates
        return try JSONSerialization.jsonObject(with: encoder.encode(value), options: [.fragmentsAllowed])
    }

    func compact(_ value: some Encodable, dates: CompactJSONEncoder.DateFormat) throws -> Any {
        let bytes = try CompactJSONEncoder(dates: dates).encode(value)
        return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    @Test("every shape is the JSON value Foundation writes", arguments: texts)
    func sameValue(text: String) throws {
        let value = sample(text)
        for (ours, theirs) in [
            (CompactJSONEncoder.DateFormat.iso8601, JSONEncoder.DateEncodingStrategy.iso8601),
            (.secondsSince1970, .secondsSince1970),
        ] {
            let expected = try foundation(value, dates: theirs) as? NSDictionary
            let actual = try compact(value, dates: ours) as? NSDictionary
            #expect(expected != nil && actual == expected)
        }
    }

    @Test("numbers of every width read back the same")
    func widths() throws {
        let expected = try foundation(Widths(), dates: .iso8601) as? NSDictionary
        #expect(try compact(Widths(), dates: .iso8601) as? NSDictionary == expected)
        let decoded = try JSONDecoder().decode(
            Widths.self, from: Data(CompactJSONEncoder().encode(Widths())))
        #expect(decoded == Widths())
    }

    @Test("a value decodes back to itself with the matching date strategy", arguments: texts)
    func roundTrip(text: String) throws {
        let value = sample(text)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let bytes = try CompactJSONEncoder(dates: .secondsSince1970).encode(value)
        #expect(try decoder.decode(Nested.self, from: Data(bytes)) == value)
    }

    @Test("hand-written containers: nested, unkeyed and super encoders close in order")
    func handWritten() throws {
        let value = HandWritten(a: 7, b: ["x", "y"])
        let bytes = try CompactJSONEncoder().encode(value)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"inner":{"a":7},"list":["x","y"],"parent":"up"}"#)
        #expect(try JSONDecoder().decode(HandWritten.self, from: Data(bytes)) == value)
    }

    @Test(
        "instants are whole UTC seconds, before 1970 and after 2100 too",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_532_400.75, "2026-11-24T15:00:00Z"), (4_107_542_399, "2100-02-28T23:59:59Z"),
            (-2_208_988_800, "1900-01-01T00:00:00Z"),
        ])
    func instants(seconds: Double, text: String) throws {
        let bytes = try CompactJSONEncoder().encode([Date(timeIntervalSince1970: seconds)])
        #expect(String(decoding: bytes, as: UTF8.self) == "[\"\(text)\"]")
    }

    @Test("a number JSON cannot hold is refused, saying where")
    func nonFinite() {
        #expect {
            try CompactJSONEncoder().encode(["a": [1, Double.nan]])
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["a", "Index 1"]
        }
    }
}
