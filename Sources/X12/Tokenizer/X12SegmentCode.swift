/// A segment ID (or a short code: a qualifier, a unit) of one to three bytes, packed big-endian into one integer so
/// that IDs compare, hash and switch as one word: `PO1` is 0x504F31. The one place IDs are packed: the validator's
/// tables and walk and the 850 mapper all read them through this type.
///
/// Public rather than `package` for one reason: Swift 6.3 does not inline an `@inlinable package` declaration into
/// another module (it calls it), and the 850 mapper in OrderX12 compares a code per segment and per qualifier.
public struct X12SegmentCode: Hashable, Comparable, Sendable {
    /// The bytes, big-endian; `invalid.rawValue` for what is not one to three non-zero bytes.
    public let rawValue: UInt32

    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The code of `id`: its first three bytes, as the definitions name segments.
    public init(_ id: String) {
        rawValue = id.utf8.prefix(3).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The code of `bytes` when they are one to three non-zero bytes, nil otherwise: a value that packs compares
    /// with a code without a `String` being made.
    @inlinable
    public init?(packing bytes: UnsafeBufferPointer<UInt8>) {
        guard (1...3).contains(bytes.count) else { return nil }
        var packed: UInt32 = 0
        for byte in bytes {
            if byte == 0 { return nil }
            packed = packed << 8 | UInt32(byte)
        }
        rawValue = packed
    }

    @inlinable
    public static func < (left: X12SegmentCode, right: X12SegmentCode) -> Bool { left.rawValue < right.rawValue }

    // Written out and inlinable, as the comparisons above: the mapper switches on codes in another module, where a
    // synthesized `==` (and the standard library's generic `~=`) would be a call per case.
    @inlinable
    public static func == (left: X12SegmentCode, right: X12SegmentCode) -> Bool { left.rawValue == right.rawValue }

    @inlinable
    public static func ~= (pattern: X12SegmentCode, value: X12SegmentCode) -> Bool {
        pattern.rawValue == value.rawValue
    }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// No segment ID or code packs to it (more than three bytes, or a zero byte).
    @inlinable
    public static var invalid: X12SegmentCode { X12SegmentCode(rawValue: .max) }

    /// Whether the code is of ASCII bytes only: one that is not is compared as text, with canonical equivalence.
    @inlinable
    public var isASCII: Bool { rawValue & 0x0080_8080 == 0 }

    /// The ID of the segment at `range` in `bytes`, and whether it is a valid one (2–3 upper-case letters or digits,
    /// starting with a letter), from one read of its first four bytes where they are readable. The ID ends at the
    /// first `separator` or at the segment's end; one longer than three bytes is `invalid`.
    @inlinable @inline(__always)
    public static func read(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8)
        -> (code: X12SegmentCode, isValid: Bool)
    {
        let lower = range.lowerBound
        let count = range.upperBound &- lower
        guard lower &+ 4 <= bytes.count, let base = bytes.baseAddress else {
            return readByteByByte(range, in: bytes, separator: separator)
        }
        // The ID ends at the first separator (an exact zero-byte test on `word ^ separator…`) or at the segment's
        // end; its two or three bytes are then tested at once.
        let word = UInt32(littleEndian: UnsafeRawPointer(base + lower).loadUnaligned(as: UInt32.self))
        let x = word ^ (UInt32(separator) &* 0x0101_0101)
        var stops = ~(((x & 0x7F7F_7F7F) &+ 0x7F7F_7F7F) | x) & 0x8080_8080
        if count < 4 { stops |= 0x80 << UInt32(count &* 8) }
        let length = stops == 0 ? 4 : stops.trailingZeroBitCount >> 3
        guard length <= 3 else { return (.invalid, false) }
        let code = length == 0 ? 0 : word.byteSwapped >> UInt32(32 &- length &* 8)
        let isValid =
            length >= 2 && isUpper(UInt8(truncatingIfNeeded: word))
            && isUpperOrDigit(UInt8(truncatingIfNeeded: word >> 8))
            && (length == 2 || isUpperOrDigit(UInt8(truncatingIfNeeded: word >> 16)))
        return (X12SegmentCode(rawValue: code), isValid)
    }

    /// `read` for a segment whose first four bytes are not all readable (the end of the buffer).
    @usableFromInline
    static func readByteByByte(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8)
        -> (code: X12SegmentCode, isValid: Bool)
    {
        var packed: UInt32 = 0
        var isValid = true
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] != separator {
            let byte = bytes[index]
            let length = index - range.lowerBound
            if length >= 3 { return (.invalid, false) }
            isValid = isValid && (length == 0 ? isUpper(byte) : isUpperOrDigit(byte))
            packed = packed << 8 | UInt32(byte)
            index += 1
        }
        return (X12SegmentCode(rawValue: packed), isValid && index - range.lowerBound >= 2)
    }

    @inlinable @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    @inlinable @inline(__always)
    static func isUpperOrDigit(_ byte: UInt8) -> Bool { isUpper(byte) || byte &- 0x30 < 10 }
}
