public import Foundation

/// JSON written straight into bytes by values that write themselves (`JSONWritable`), and by `CompactJSONEncoder`
/// for any `Encodable`: compact (the store's records), or laid out as Foundation's `JSONEncoder` lays out
/// `[.prettyPrinted, .sortedKeys]` (what the commands print), byte for byte.
public final class JSONByteWriter {
    /// How the text is laid out.
    public enum Layout: Sendable {
        /// No spaces or line breaks.
        case compact
        /// `JSONEncoder`'s `[.prettyPrinted, .sortedKeys]`: each member and element on a line of its own, indented
        /// two spaces a level, `"key" : value`, an empty array or object as its brackets around an empty line,
        /// members in the UTF-8 order of their keys. `/` is written `\/` unless
        /// `escapesSlashes` is false (`.withoutEscapingSlashes`).
        case pretty(escapesSlashes: Bool)
    }

    // The state below is written a few bytes at a time, a dozen times a member. A class's stored properties are
    // checked for overlapping access at run time on every access; that check was a seventh of `route --json`.
    // Nothing here hands out an access that could overlap another (no closure or inout argument reaches these
    // properties while one is in progress), so the checks are off for them.

    /// The text written so far.
    @exclusivity(unchecked) var buffer = UnsafeByteBuffer(capacity: 4096)
    /// Whether the next member or element needs a separator first (one has been written at this level).
    @usableFromInline @exclusivity(unchecked) var needsComma = false
    var usesHandWritten = true
    let dates: CompactJSONEncoder.DateFormat
    let isPretty: Bool
    let escapesSlashes: Bool
    /// Open objects and arrays: the indentation of the next line in pretty text.
    @exclusivity(unchecked) var depth = 0

    public init(dates: CompactJSONEncoder.DateFormat = .iso8601, layout: Layout = .compact) {
        self.dates = dates
        switch layout {
        case .compact:
            isPretty = false
            escapesSlashes = false
        case .pretty(let escapes):
            isPretty = true
            escapesSlashes = escapes
        }
    }

    /// Empties the text written so far (after it has been handed on), keeping the capacity.
    public func removeAll() {
        buffer.removeAll()
    }

    /// A copy of the text written so far.
    public var bytes: [UInt8] { buffer.array }

    /// How many bytes are written so far.
    public var count: Int { buffer.count }

    /// `body` with the text written so far, valid only during the call.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try buffer.withBytes(body)
    }

    /// Writes one whole value, the element `key` of `parent` (nil at the top): the types JSON spells its own way
    /// directly, any other through its `encode(to:)`. Compact text only.
    func write<T: Encodable>(_ value: T, parent: CompactJSONValueEncoder?, key: (any CodingKey)?) throws {
        if usesHandWritten, let writable = value as? any JSONWritable {
            try writable.writeJSON(to: self)
            return
        }
        switch value {
        case let string as String: write(string)
        case let integer as Int: write(integer)
        case let bool as Bool: write(bool)
        case let date as Date: write(date)
        case let number as Double: try write(number, codingPath: CompactJSONValueEncoder.path(parent, key))
        case let url as URL: write(url.absoluteString)
        case let decimal as Decimal: decimal.appendPlainText(to: &buffer)
        case let data as Data: write(data.base64EncodedString())
        // Every other width of number: their `encode(to:)` asks a single-value container for themselves again.
        case let integer as any BinaryInteger: write(integer)
        case let number as Float: try write(number, codingPath: CompactJSONValueEncoder.path(parent, key))
        default:
            let encoder = CompactJSONValueEncoder(writer: self, parent: parent, key: key)
            try value.encode(to: encoder)
            encoder.close()
        }
    }

    /// A value that writes itself, in this writer's layout.
    @usableFromInline
    func write(_ value: some JSONWritable) throws {
        try value.writeJSON(to: self)
    }

    func write(_ date: Date) {
        switch dates {
        case .secondsSince1970: writeFinite(date.timeIntervalSince1970)
        case .iso8601: writeISO8601(date)
        }
    }

    func write(_ bool: Bool) {
        buffer.append(bool ? "true" : "false")
    }

    func writeNull() {
        buffer.append("null" as StaticString)
    }

    func write<Integer: BinaryInteger>(_ integer: Integer) {
        guard integer != 0 else {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        if integer < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let start = buffer.count
        while magnitude > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        buffer.reverse(from: start)
    }

    /// A finite number as `JSONEncoder` writes it; throws for NaN and infinity, as it does.
    func write<Number: BinaryFloatingPoint & LosslessStringConvertible>(
        _ number: Number, codingPath: [any CodingKey]
    ) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                number,
                EncodingError.Context(codingPath: codingPath, debugDescription: "\(number) is not a JSON number"))
        }
        if isPretty {
            // `JSONEncoder`'s own rule: the shortest text that reads back the same, less a trailing `.0`.
            let text = number.description
            buffer.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        } else {
            writeFinite(number)
        }
    }

    /// The shortest text that reads back the same, without a trailing `.0`.
    private func writeFinite<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ number: Number) {
        if number == number.rounded(), abs(number) < 1e15 {
            write(Int64(number))
        } else {
            buffer.append(contentsOf: number.description.utf8)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped (and `/` in pretty text that escapes it),
    /// everything else as its UTF-8.
    func write(_ string: String) {
        let slash: UInt8 = escapesSlashes ? UInt8(ascii: "/") : 0x22
        // Most text needs no escape: then it is copied whole.
        let plain: Bool? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == slash { return false }
            buffer.appendQuoted(utf8)
            return true
        }
        if plain == true { return }
        buffer.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == slash {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case UInt8(ascii: "/"): buffer.append(contentsOf: [0x5C, UInt8(ascii: "/")])
                case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: buffer.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: buffer.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    buffer.append(contentsOf: Array("\\u00".utf8))
                    buffer.append(Self.hexDigits[Int(byte >> 4)])
                    buffer.append(Self.hexDigits[Int(byte & 0xF)])
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// `2026-11-24T15:00:00Z`: the instant's whole seconds in UTC, as `ISO8601DateFormatter`'s default options write
    /// them.
    func writeISO8601(_ date: Date) {
        let c = CivilTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)), offset: 0)
        buffer.append(UInt8(ascii: "\""))
        digits(c.year, 4)
        buffer.append(UInt8(ascii: "-"))
        digits(c.month, 2)
        buffer.append(UInt8(ascii: "-"))
        digits(c.day, 2)
        buffer.append(UInt8(ascii: "T"))
        digits(c.hour, 2)
        buffer.append(UInt8(ascii: ":"))
        digits(c.minute, 2)
        buffer.append(UInt8(ascii: ":"))
        digits(c.second, 2)
        buffer.append("Z\"" as StaticString)
    }

    private func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            value %= divisor
            divisor /= 10
        }
    }

    /// A line break and the indentation of the open objects and arrays (none at the top: the line break that ends
    /// a printed document).
    public func newLine() {
        buffer.append(0x0A)
        buffer.append(repeating: UInt8(ascii: " "), count: 2 * depth)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
