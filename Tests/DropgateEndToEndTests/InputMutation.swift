import TestSupport

/// Damaged copies of real inputs, the same for a seed on every run and machine: a byte changed, the file cut short,
/// a segment (or line) written twice or left out. The differential check runs the product on them, old path
/// against new, so that what bad input gives is pinned as well as what good input gives.
struct InputMutation {
    enum Kind: CaseIterable {
        case byteFlip, truncation, duplicatedSegment, droppedSegment
    }

    /// Bytes that mean something to an X12 or XML reader, tried more often than any byte.
    static let telling: [UInt8] = Array("*~^:|>\n\r<&/ ISAGEST0".utf8) + [0x00, 0xFF]

    /// `bytes` damaged once by a `kind` chosen by `generator`.
    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix) -> (kind: Kind, bytes: [UInt8]) {
        let kind = Kind.allCases.randomElement(using: &generator) ?? .byteFlip
        guard bytes.count > 2 else { return (kind, bytes + bytes) }
        var result = bytes
        switch kind {
        case .byteFlip:
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            result[index] =
                Bool.random(using: &generator)
                ? telling.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
        case .truncation:
            result.removeSubrange(Int.random(in: 1..<bytes.count, using: &generator)...)
        case .duplicatedSegment, .droppedSegment:
            let segments = segmentRanges(bytes)
            guard let chosen = segments.randomElement(using: &generator) else { break }
            if kind == .duplicatedSegment {
                result.insert(contentsOf: bytes[chosen], at: chosen.upperBound)
            } else {
                result.removeSubrange(chosen)
            }
        }
        return (kind, result)
    }

    /// The segments of X12 (each with its terminator, told by the ISA's 106th byte) or the lines of anything else.
    static func segmentRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        let terminator =
            bytes.count > 106 && bytes.starts(with: Array("ISA".utf8)) ? bytes[105] : UInt8(ascii: "\n")
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == terminator {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}
