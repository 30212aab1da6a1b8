/// One segment: a view into the input (ID start up to, not including, the terminator). Reading an element scans
/// the segment's bytes; nothing is copied until a caller asks for a `String`.
public struct X12Segment: Sendable {
    public let bytes: [UInt8]
    /// From the first byte of the segment ID to the terminator (exclusive).
    public let range: Range<Int>
    public let delimiters: X12Delimiters
    /// 0-based index in the whole document.
    public let index: Int

    public init(bytes: [UInt8], range: Range<Int>, delimiters: X12Delimiters, index: Int) {
        self.bytes = bytes
        self.range = range
        self.delimiters = delimiters
        self.index = index
    }

    public var byteOffset: Int { range.lowerBound }

    /// Byte range of the segment ID (element 0).
    public var idRange: Range<Int> {
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] != delimiters.element { end += 1 }
        return range.lowerBound..<end
    }

    public var id: String { String(decoding: bytes[idRange], as: UTF8.self) }

    /// Compares the ID without making a `String`.
    public func hasID(_ id: StaticString) -> Bool {
        let idRange = idRange
        guard idRange.count == id.utf8CodeUnitCount else { return false }
        return id.withUTF8Buffer { expected in
            var offset = 0
            for byte in expected {
                if bytes[idRange.lowerBound + offset] != byte { return false }
                offset += 1
            }
            return true
        }
    }

    /// True for 2–3 upper-case letters or digits starting with a letter, as every X12 segment ID is.
    public var hasValidID: Bool {
        let idRange = idRange
        guard (2...3).contains(idRange.count) else { return false }
        for (offset, byte) in bytes[idRange].enumerated() {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if offset == 0 ? !isUpper : !(isUpper || isDigit) { return false }
        }
        return true
    }

    /// Number of elements after the ID, counting empty ones up to the last separator.
    public var elementCount: Int {
        var count = 0
        for index in range where bytes[index] == delimiters.element { count += 1 }
        return count
    }

    /// Calls `body` with each element's 1-based position and byte range, in order, without allocating.
    public func forEachElement(_ body: (Int, Range<Int>) throws -> Void) rethrows {
        var position = 0
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == delimiters.element {
                if position > 0 { try body(position, start..<index) }
                position += 1
                start = index + 1
            }
            index += 1
        }
        if position > 0 { try body(position, start..<range.upperBound) }
    }

    /// The element at a 1-based position; nil when the segment has fewer elements.
    public func element(_ position: Int) -> X12Element? {
        guard position >= 1 else { return nil }
        var seen = 0
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == delimiters.element {
                seen += 1
                if seen == position {
                    var end = index + 1
                    while end < range.upperBound, bytes[end] != delimiters.element { end += 1 }
                    return X12Element(bytes: bytes, range: (index + 1)..<end, delimiters: delimiters)
                }
            }
            index += 1
        }
        return nil
    }

    /// The element's text, or nil when absent or empty: what a mapper wants.
    public subscript(position: Int) -> String? {
        guard let range = elementRange(position), !range.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
        }
    }

    /// Every element's text, for writers and JSON.
    public var elementTexts: [String] {
        var result: [String] = []
        forEachElement { _, range in result.append(String(decoding: bytes[range], as: UTF8.self)) }
        return result
    }
}

/// One element: a byte range, split further into repetitions and components on demand.
public struct X12Element: Sendable {
    public let bytes: [UInt8]
    public let range: Range<Int>
    public let delimiters: X12Delimiters

    public var isEmpty: Bool { range.isEmpty }
    public var text: String { String(decoding: bytes[range], as: UTF8.self) }

    /// The text with trailing spaces removed (ISA elements are padded).
    public var trimmedText: String {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// Components of the (first repetition of the) element, 1-based in X12 terms, 0-based here.
    public var components: [String] {
        let first = repetitionRanges.first ?? range
        return split(first, on: delimiters.component).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    public func component(_ position: Int) -> String? {
        let parts = components
        guard position >= 1, position <= parts.count, !parts[position - 1].isEmpty else { return nil }
        return parts[position - 1]
    }

    public var repetitionRanges: [Range<Int>] {
        guard let repetition = delimiters.repetition else { return [range] }
        return split(range, on: repetition)
    }

    public var containsComponentSeparator: Bool { bytes[range].contains(delimiters.component) }
    public var containsRepetitionSeparator: Bool {
        guard let repetition = delimiters.repetition else { return false }
        return bytes[range].contains(repetition)
    }

    private func split(_ range: Range<Int>, on separator: UInt8) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where bytes[index] == separator {
            result.append(start..<index)
            start = index + 1
        }
        result.append(start..<range.upperBound)
        return result
    }
}
