import Foundation

/// An element's text as a `String`, made through the standard library's public API only: `String(decoding:as:)`
/// makes a value of up to 15 ASCII bytes (nearly every X12 element) as a small string, without an allocation, and
/// repairs bytes that are not UTF-8 as the rest of the reader does.
enum ElementText {
    /// The text of `buffer[range]`.
    @inline(__always)
    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// Whether `text` holds exactly the bytes of `value`.
    static func holds(_ text: String, _ value: UnsafeRawBufferPointer) -> Bool {
        guard text.utf8.count == value.count else { return false }
        let count = value.count
        let equal = text.utf8.withContiguousStorageIfAvailable { stored in
            guard let stored = stored.baseAddress, let value = value.baseAddress else { return true }
            return memcmp(stored, value, count) == 0
        }
        return equal ?? text.utf8.elementsEqual(value)
    }
}
