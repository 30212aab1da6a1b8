/// Reading elements of a segment in place, for the envelope walk's checks of every ST and SE: the answers of
/// `self[position]` and the `String` and `Int` questions asked of it, without making an `X12Element` (a copy of
/// the input's array) or, for plain digits and ASCII, a `String`; and the first three elements found in one pass
/// over the bytes, without a segment.
extension X12Segment {
    /// The byte range of element `position` (1-based), nil when the segment has fewer elements.
    func elementRange(_ position: Int) -> Range<Int>? {
        guard position >= 1 else { return nil }
        let separator = delimiters.element
        return bytes.withUnsafeBufferPointer { bytes in
            var seen = 0
            var index = range.lowerBound
            let end = range.upperBound
            while index < end {
                if bytes[index] == separator {
                    seen &+= 1
                    if seen == position {
                        var last = index &+ 1
                        while last < end, bytes[last] != separator { last &+= 1 }
                        return (index &+ 1)..<last
                    }
                }
                index &+= 1
            }
            return nil
        }
    }

    /// Whether `Int(self[position] ?? "") == value`: on the bytes when they are up to 18 plain digits.
    func element(_ position: Int, isInteger value: Int) -> Bool {
        let range = elementRange(position) ?? 0..<0
        let parsed = bytes.withUnsafeBufferPointer { X12Syntax.digitsValue(UnsafeBufferPointer(rebasing: $0[range])) }
        if let parsed { return parsed == value }
        return Int(self[position] ?? "") == value
    }

    /// Whether `(self[position] ?? "") == text`: byte for byte when both are ASCII (where `String` equality is
    /// byte equality).
    func element(_ position: Int, equals text: String) -> Bool {
        let range = elementRange(position) ?? 0..<0
        var text = text
        let equal: Bool? = text.withUTF8 { expected in
            bytes.withUnsafeBufferPointer { bytes in
                var high: UInt8 = 0
                for index in range { high |= bytes[index] }
                for byte in expected { high |= byte }
                guard high < 0x80 else { return nil }
                guard range.count == expected.count else { return false }
                for offset in 0..<expected.count where bytes[range.lowerBound &+ offset] != expected[offset] {
                    return false
                }
                return true
            }
        }
        return equal ?? ((self[position] ?? "") == text)
    }

    /// The ranges of elements 1, 2 and 3 of the segment at `range` (empty at its end when it has fewer).
    @inline(__always)
    static func firstElements(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, separator: UInt8)
        -> (Range<Int>, Range<Int>, Range<Int>)
    {
        var found = (
            range.upperBound..<range.upperBound, range.upperBound..<range.upperBound,
            range.upperBound..<range.upperBound
        )
        var seen = 0
        var start = range.upperBound
        var offset = range.lowerBound
        while offset < range.upperBound {
            if bytes[offset] == separator {
                if seen == 1 {
                    found.0 = start..<offset
                } else if seen == 2 {
                    found.1 = start..<offset
                } else if seen == 3 {
                    found.2 = start..<offset
                    return found
                }
                seen &+= 1
                start = offset &+ 1
            }
            offset &+= 1
        }
        switch seen {
        case 1: found.0 = start..<range.upperBound
        case 2: found.1 = start..<range.upperBound
        case 3: found.2 = start..<range.upperBound
        default: break
        }
        return found
    }
}
