public import Foundation

/// JSON for the records the store keeps with every order (the order itself, its decision with the full explanation):
/// compact, written straight into bytes as `encode(to:)` goes, keys in the order the value encodes them.
///
/// Foundation's `JSONEncoder` builds a tree of every value first and, for a stable text, has to sort every object's
/// keys; it was most of a durable ingest's work. The text here is as stable — a value's `encode(to:)` writes its keys
/// in one order, the same in every process — and reads back with `JSONDecoder` into the same value (with the matching
/// date strategy). What it writes is the same JSON value `JSONEncoder` writes: the same keys, strings, numbers, nils
/// left out; only key order and spacing differ.
public struct CompactJSONEncoder: Sendable {
    /// How instants are written.
    public enum DateFormat: Sendable {
        /// `2026-11-24T15:00:00Z`, whole seconds, as `JSONEncoder.DateEncodingStrategy.iso8601` writes them.
        case iso8601
        /// Seconds since 1970 as a number, as `.secondsSince1970` writes them.
        case secondsSince1970
    }

    public var dates: DateFormat
    /// Whether values that write themselves (`CompactJSONWritable`) do; off, every value goes through its
    /// `encode(to:)`, which the tests compare the hand-written text with.
    var usesHandWritten = true

    public init(dates: DateFormat = .iso8601) {
        self.dates = dates
    }

    /// `value` as JSON text; throws `EncodingError.invalidValue` for a number JSON cannot hold (NaN, infinity).
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = CompactJSONWriter(dates: dates)
        writer.usesHandWritten = usesHandWritten
        try writer.write(value, parent: nil, key: nil)
        return writer.bytes
    }
}

/// The bytes being written, shared by every encoder and container of one `encode`.
public final class CompactJSONWriter {
    var bytes: [UInt8] = []
    /// Whether the next member or element of a value written by hand (`CompactJSONWritable`) needs a comma first.
    var needsComma = false
    var usesHandWritten = true
    let dates: CompactJSONEncoder.DateFormat

    init(dates: CompactJSONEncoder.DateFormat) {
        self.dates = dates
        bytes.reserveCapacity(4096)
    }

    /// Writes one whole value, the element `key` of `parent` (nil at the top): the types JSON spells its own way
    /// directly, any other through its `encode(to:)`.
    func write<T: Encodable>(_ value: T, parent: CompactJSONValueEncoder?, key: (any CodingKey)?) throws {
        if usesHandWritten, let writable = value as? any CompactJSONWritable {
            try writable.writeCompactJSON(to: self)
            return
        }
        switch value {
        case let string as String: write(string)
        case let integer as Int: write(integer)
        case let bool as Bool: write(bool)
        case let date as Date: write(date)
        case let number as Double: try write(number, codingPath: CompactJSONValueEncoder.path(parent, key))
        case let url as URL: write(url.absoluteString)
        case let decimal as Decimal: bytes.append(contentsOf: decimal.description.utf8)
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

    func write(_ date: Date) {
        switch dates {
        case .secondsSince1970: writeFinite(date.timeIntervalSince1970)
        case .iso8601: writeISO8601(date)
        }
    }

    func write(_ bool: Bool) {
        bytes.append(contentsOf: bool ? Self.trueText : Self.falseText)
    }

    func writeNull() {
        bytes.append(contentsOf: Self.nullText)
    }

    func write<Integer: BinaryInteger>(_ integer: Integer) {
        guard integer != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// A finite number as `JSONEncoder` writes it: the shortest text that reads back the same, without a trailing
    /// `.0`.
    func write<Number: BinaryFloatingPoint & LosslessStringConvertible>(
        _ number: Number, codingPath: [any CodingKey]
    ) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                number,
                EncodingError.Context(codingPath: codingPath, debugDescription: "\(number) is not a JSON number"))
        }
        writeFinite(number)
    }

    private func writeFinite<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ number: Number) {
        if number == number.rounded(), abs(number) < 1e15 {
            write(Int64(number))
        } else {
            bytes.append(contentsOf: number.description.utf8)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as its UTF-8.
    func write(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `2026-11-24T15:00:00Z`: the instant's whole seconds in UTC, as `ISO8601DateFormatter`'s default options write
    /// them.
    func writeISO8601(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let day = CalendarDate(ordinal: days)
        bytes.append(UInt8(ascii: "\""))
        digits(day.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(day.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(contentsOf: [UInt8(ascii: "Z"), UInt8(ascii: "\"")])
    }

    private func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            value %= divisor
            divisor /= 10
        }
    }

    static let trueText = Array("true".utf8)
    static let falseText = Array("false".utf8)
    static let nullText = Array("null".utf8)
    static let hexDigits = Array("0123456789abcdef".utf8)
}
