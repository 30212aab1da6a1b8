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
    /// Whether values that write themselves (`JSONWritable`) do; off, every value goes through its
    /// `encode(to:)`, which the tests compare the hand-written text with.
    var usesHandWritten = true

    public init(dates: DateFormat = .iso8601) {
        self.dates = dates
    }

    /// `value` as JSON text; throws `EncodingError.invalidValue` for a number JSON cannot hold (NaN, infinity).
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let writer = JSONByteWriter(dates: dates)
        writer.usesHandWritten = usesHandWritten
        try writer.write(value, parent: nil, key: nil)
        return writer.bytes
    }
}
