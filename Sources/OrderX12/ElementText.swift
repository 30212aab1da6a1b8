import Foundation

/// An element's text as a `String`, made without the standard library's validation and copy where it can be. An
/// ASCII value of at most 15 bytes (nearly every X12 element) is a small string, whose 16 bytes hold the text and its
/// length, laid out as the standard library lays them out on 64-bit little-endian platforms. That layout is checked
/// once, on first use, against strings the standard library made itself: were it ever to differ, every value would
/// take `String(decoding:as:)`, as any value that is longer or not ASCII does.
enum ElementText {
    /// The text of `buffer[range]`. `smallLayout` is `layoutHolds`, read once by the caller: a static `let` is a lazy
    /// global, asked whether it is initialised on every read.
    @inline(__always)
    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, smallLayout: Bool = layoutHolds)
        -> String
    {
        // Two words read from the element's start must stay inside the buffer.
        if range.count <= 15, range.lowerBound + 16 <= buffer.count, smallLayout, let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base + range.lowerBound)
            if let small = small(
                raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                count: range.count)
            {
                return small
            }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// Whether `text` holds exactly the bytes of `value`.
    static func holds(_ text: String, _ value: UnsafeRawBufferPointer) -> Bool {
        text.utf8.count == value.count
            && text.utf8.withContiguousStorageIfAvailable { stored in
                memcmp(stored.baseAddress!, value.baseAddress!, value.count) == 0
            } == true
    }

    /// The small string of the first `count` (≤ 15) bytes of `first` and `second` (little-endian words), nil when
    /// they are not ASCII.
    @inline(__always)
    private static func small(_ first: UInt64, _ second: UInt64, count: Int) -> String? {
        let low = count >= 8 ? first : first & ((1 &<< UInt64(8 &* count)) &- 1)
        let high = count > 8 ? second & ((1 &<< UInt64(8 &* (count &- 8))) &- 1) : 0
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        // The top byte: small, immortal and ASCII (0xE), then the length. Written over an empty string rather than
        // cast: a cast value is retained on its way out (a runtime call, for a string that has nothing to retain).
        var text = ""
        withUnsafeMutableBytes(of: &text) { raw in
            raw.storeBytes(of: low, as: UInt64.self)
            raw.storeBytes(of: high | (0xE0 | UInt64(count)) << 56, toByteOffset: 8, as: UInt64.self)
        }
        return text
    }

    /// Whether `small` makes exactly the strings the standard library makes, bit for bit, for a sample of lengths.
    static let layoutHolds: Bool = {
        guard MemoryLayout<String>.size == 16, UInt64(1).littleEndian == 1 else { return false }
        for sample in ["", "A", "EA", "1234567", "12345678", "123456789", "NORTH BERGEN NJ"] {
            let bytes = Array(sample.utf8) + [UInt8](repeating: 0x58, count: 16)
            let made = String(decoding: bytes[..<sample.utf8.count], as: UTF8.self)
            let ours = bytes.withUnsafeBytes { raw in
                small(
                    raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    count: sample.utf8.count)
            }
            guard let ours, ours == made, ours.utf8.count == made.utf8.count,
                unsafeBitCast(ours, to: (UInt64, UInt64).self) == unsafeBitCast(made, to: (UInt64, UInt64).self)
            else { return false }
        }
        return true
    }()
}
