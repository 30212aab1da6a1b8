public import Foundation

/// Reads JSON text a token at a time, for the types that read themselves back (`JSONReadable`): the store's records
/// of orders, read a million at a time by a replay, without `JSONDecoder`'s tree of every value and its keyed
/// containers. It reads any valid JSON (members in any order, whitespace, every escape, unknown members skipped),
/// not only what `JSONByteWriter` writes.
///
/// An object is read as `beginObject()`, then `while try nextMember() { if isKey("a") { … } else { skipValue() } }`;
/// an array as `beginArray()`, then `while try nextElement() { … }`.
public struct JSONByteReader {
    public let bytes: [UInt8]
    /// Where the next token starts (after whitespace).
    public private(set) var offset = 0
    /// The last key `nextMember()` read, as a range of `bytes`, or its unescaped text when it held an escape.
    private var key: Range<Int> = 0..<0
    private var escapedKey: [UInt8]?
    /// Whether the container being read has had an element or member, for the comma before the next.
    private var started: [Bool] = []

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    // MARK: Containers

    public mutating func beginObject() throws(JSONReadError) {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
    }

    /// Moves to the next member of the object being read and reads its key; false at the object's end.
    public mutating func nextMember() throws(JSONReadError) -> Bool {
        guard try next(closing: UInt8(ascii: "}"), "a member or '}'") else { return false }
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw problem("a member's key") }
        let start = offset + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            key = start..<end
            escapedKey = nil
            offset = end + 1
        } else {
            escapedKey = try stringBytes()
        }
        try expect(UInt8(ascii: ":"), "':' after a key")
        return true
    }

    /// Whether the member `nextMember()` read is `name`.
    public func isKey(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { wanted in
            if let escapedKey { return escapedKey.elementsEqual(wanted) }
            guard key.count == wanted.count else { return false }
            var index = key.lowerBound
            for byte in wanted {
                guard bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }
    }

    /// The key `nextMember()` read, for messages.
    public var currentKey: String {
        if let escapedKey { return String(decoding: escapedKey, as: UTF8.self) }
        return String(decoding: bytes[key], as: UTF8.self)
    }

    public mutating func beginArray() throws(JSONReadError) {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
    }

    /// How deep objects and arrays may nest: text nested deeper is refused, not read into a stack overflow.
    public static let maximumDepth = 512

    private mutating func enter() throws(JSONReadError) {
        guard started.count < Self.maximumDepth else {
            throw problem("at most \(Self.maximumDepth) objects and arrays one inside another")
        }
        started.append(false)
    }

    /// Moves to the next element of the array being read; false at the array's end.
    public mutating func nextElement() throws(JSONReadError) -> Bool {
        try next(closing: UInt8(ascii: "]"), "an element or ']'")
    }

    /// Past the comma before the next item, or past the closing bracket (false).
    private mutating func next(closing: UInt8, _ expected: String) throws(JSONReadError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count, let isStarted = started.last else { throw problem(expected) }
        if bytes[offset] == closing {
            offset += 1
            started.removeLast()
            return false
        }
        if isStarted {
            guard bytes[offset] == UInt8(ascii: ",") else { throw problem(expected) }
            offset += 1
        } else {
            started[started.count - 1] = true
        }
        return true
    }

    // MARK: Values

    /// Whether the next value is `null`; consumes it when it is.
    public mutating func takeNull() -> Bool {
        skipWhitespace()
        guard bytes.count - offset >= 4, bytes[offset] == UInt8(ascii: "n"), bytes[offset + 1] == UInt8(ascii: "u"),
            bytes[offset + 2] == UInt8(ascii: "l"), bytes[offset + 3] == UInt8(ascii: "l")
        else { return false }
        offset += 4
        return true
    }

    public mutating func string() throws(JSONReadError) -> String {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw problem("a string") }
        let start = offset + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                offset = end + 1
                return try text(start..<end)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw problem("no control character in a string", at: end) }
            end += 1
        }
        guard let text = String(validating: try stringBytes(), as: UTF8.self) else {
            throw problem("UTF-8 in a string", at: start)
        }
        return text
    }

    /// The bytes of `range` as text, refused unless UTF-8 (as `JSONDecoder` refuses it); plain ASCII, most text
    /// here, without the validator's generic path.
    private func text(_ range: Range<Int>) throws(JSONReadError) -> String {
        var ascii = true
        for index in range where bytes[index] >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes[range], as: UTF8.self) }
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw problem("UTF-8 in a string", at: range.lowerBound)
        }
        return text
    }

    public mutating func bool() throws(JSONReadError) -> Bool {
        skipWhitespace()
        if matches("true") { return true }
        if matches("false") { return false }
        throw problem("true or false")
    }

    public mutating func int() throws(JSONReadError) -> Int {
        let start = offset
        let text = try numberBytes()
        guard let value = bytes.withUnsafeBufferPointer({ Int(digits: UnsafeBufferPointer(rebasing: $0[text])) }) else {
            throw problem("a whole number that fits in 64 bits", at: start)
        }
        return value
    }

    /// A number read exactly as a decimal (as `JSONDecoder` reads a `Decimal`).
    public mutating func decimal() throws(JSONReadError) -> Decimal {
        let start = offset
        let text = try numberBytes()
        if let exact = bytes.withUnsafeBufferPointer({ buffer in
            Decimal.exact(UnsafeBufferPointer(rebasing: buffer[text]))
        }) {
            return exact
        }
        guard let value = Decimal(string: String(decoding: bytes[text], as: UTF8.self), locale: nil) else {
            throw problem("a number", at: start)
        }
        return value
    }

    /// Skips the next value, whatever it is.
    public mutating func skipValue() throws(JSONReadError) {
        skipWhitespace()
        guard offset < bytes.count else { throw problem("a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            try beginObject()
            while try nextMember() { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        case UInt8(ascii: "\""):
            _ = try stringBytes()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try bool()
        case UInt8(ascii: "n"):
            guard takeNull() else { throw problem("a value") }
        default:
            _ = try numberBytes()
        }
    }

    /// Checks that nothing but whitespace follows the value read.
    public mutating func end() throws(JSONReadError) {
        skipWhitespace()
        guard offset == bytes.count else { throw problem("the end of the text") }
    }

    /// A problem with the member being read: `expected`, at the current offset.
    public func problem(_ expected: String) -> JSONReadError {
        problem(expected, at: offset)
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ expected: String) throws(JSONReadError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { throw problem(expected) }
        offset += 1
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { return false }
        let same = word.withUTF8Buffer { wanted in
            var index = offset
            for byte in wanted {
                guard bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }
        if same { offset += count }
        return same
    }

    /// The range of a number's text, checked against JSON's grammar.
    private mutating func numberBytes() throws(JSONReadError) -> Range<Int> {
        skipWhitespace()
        let start = offset
        var index = offset
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = index
        guard digits() > 0, bytes[whole] != 0x30 || index - whole == 1 else { throw problem("a number", at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw problem("digits after '.'", at: index) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { throw problem("an exponent's digits", at: index) }
        }
        offset = index
        return start..<index
    }

    /// A string's UTF-8 with its escapes resolved; `offset` is at its opening quote.
    private mutating func stringBytes() throws(JSONReadError) -> [UInt8] {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw problem("a string") }
        var index = offset + 1
        var result: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                offset = index + 1
                return result
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { break }
                index += 1
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(bytes[index])
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad(at: index + 1)
                    index += 4
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // A high surrogate: its low half must follow as another \u escape.
                        guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                            bytes[index + 2] == UInt8(ascii: "u")
                        else { throw problem("the low half of a surrogate pair", at: index + 1) }
                        let low = try hexQuad(at: index + 3)
                        guard low >= 0xDC00, low < 0xE000 else {
                            throw problem("the low half of a surrogate pair", at: index + 1)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw problem("a Unicode scalar, not a lone surrogate", at: index - 5)
                    }
                    result.append(contentsOf: UTF8.encode(unicode).map(Array.init) ?? [])
                default:
                    throw problem("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)", at: index - 1)
                }
                index += 1
                continue
            default:
                if byte < 0x20 { throw problem("no control character in a string", at: index) }
                result.append(byte)
            }
            index += 1
        }
        throw problem("the string's closing quote", at: bytes.count)
    }

    private func hexQuad(at start: Int) throws(JSONReadError) -> UInt32 {
        guard start + 4 <= bytes.count else { throw problem("four hex digits", at: start) }
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw problem("four hex digits", at: start)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func problem(_ expected: String, at offset: Int) -> JSONReadError {
        JSONReadError(offset: offset, expected: expected)
    }
}

/// JSON text that does not read as the value asked for: where (byte offset), and what was expected there.
public struct JSONReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var expected: String

    public init(offset: Int, expected: String) {
        self.offset = offset
        self.expected = expected
    }

    public var description: String { "at byte \(offset): expected \(expected)" }
}

/// A value that reads itself back from the JSON its `writeJSON(to:)` (or `encode(to:)`) wrote, as its `Decodable`
/// conformance would read it: the same members required, the same values.
public protocol JSONReadable {
    init(json reader: inout JSONByteReader) throws(JSONReadError)
}

extension JSONByteReader {
    /// A value that reads itself.
    public mutating func read<Value: JSONReadable>(_ type: Value.Type) throws(JSONReadError) -> Value {
        try Value(json: &self)
    }

    /// An array of values that read themselves.
    public mutating func array<Value: JSONReadable>(of type: Value.Type) throws(JSONReadError) -> [Value] {
        var values: [Value] = []
        try beginArray()
        while try nextElement() { values.append(try Value(json: &self)) }
        return values
    }

    /// An array of strings.
    public mutating func strings() throws(JSONReadError) -> [String] {
        var values: [String] = []
        try beginArray()
        while try nextElement() { values.append(try string()) }
        return values
    }

    /// A string naming a case of `type`.
    public mutating func code<Code: RawRepresentable>(_ type: Code.Type) throws(JSONReadError) -> Code
    where Code.RawValue == String {
        let start = offset
        let text = try string()
        guard let code = Code(rawValue: text) else {
            throw JSONReadError(offset: start, expected: "a \(Code.self), not '\(text)'")
        }
        return code
    }

    /// A value that reads itself, or nil for `null`.
    public mutating func optional<Value: JSONReadable>(_ type: Value.Type) throws(JSONReadError) -> Value? {
        takeNull() ? nil : try Value(json: &self)
    }

    /// A string, or nil for `null`.
    public mutating func optionalString() throws(JSONReadError) -> String? {
        takeNull() ? nil : try string()
    }

    /// Fails naming `key` when a required member was missing.
    public func required<Value>(_ value: Value?, _ key: String) throws(JSONReadError) -> Value {
        guard let value else { throw problem("the member '\(key)' before the object's end") }
        return value
    }
}

extension StringIdentifier {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        self.init(rawValue: try reader.string())
    }
}
