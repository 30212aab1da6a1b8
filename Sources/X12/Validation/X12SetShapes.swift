import Foundation

/// Sequences of segment IDs (packed, as `SetWalker` reads them) that one set definition's structure accepts: a
/// set of the same sequence is right in order, loops, requirement and use without another walk of the definition.
/// A few are kept, the oldest replaced first: the sets a retailer sends come in a handful of shapes (one, two or
/// more lines; with or without a gift message). Exact: a sequence is only known after comparing it ID by ID.
struct X12SetShapes: Sendable {
    private struct Shape: Sendable {
        var hash: UInt64
        var codes: [X12SegmentCode]
        /// Each segment's rule (`X12SegmentRules.Unsafe.index` of its code), found once for the shape.
        var rules: [Int32]
    }

    static let capacity = 16

    private var shapes: [Shape] = []
    private var next = 0
    /// The last sequence `contains` did not know, for `insertLastLooked`.
    private var lastLooked: [X12SegmentCode] = []
    private var lookedHash: UInt64 = 0
    /// The rules of the shape `contains` last found.
    private(set) var foundRules: [Int32] = []

    /// Whether the sequence `codes` is known (its rules are then `foundRules`). One it does not know is kept for
    /// `insertLastLooked`. The caller reads the codes into a buffer of its own: a closure called per code kept the
    /// walker's checks on each one from being inlined, and an array appended to asked each time whether it was
    /// uniquely referenced.
    mutating func contains(_ codes: UnsafeBufferPointer<X12SegmentCode>) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for code in codes { hash = (hash ^ UInt64(code.rawValue)) &* 0x0000_0100_0000_01B3 }
        for shape in shapes where shape.hash == hash && shape.codes.count == codes.count {
            let equal = shape.codes.withUnsafeBufferPointer { known in
                guard let known = known.baseAddress, let codes = codes.baseAddress else { return true }
                return memcmp(known, codes, shape.codes.count * MemoryLayout<X12SegmentCode>.stride) == 0
            }
            if equal {
                foundRules = shape.rules
                return true
            }
        }
        lookedHash = hash
        lastLooked.removeAll(keepingCapacity: true)
        lastLooked.append(contentsOf: codes)
        return false
    }

    /// Keeps the sequence `contains` did not know last, with the rule of each code.
    mutating func insertLastLooked(rule: (X12SegmentCode) -> Int) {
        let shape = Shape(hash: lookedHash, codes: lastLooked, rules: lastLooked.map { Int32(rule($0)) })
        if shapes.count < Self.capacity {
            shapes.append(shape)
        } else {
            shapes[next] = shape
            next = (next + 1) % Self.capacity
        }
    }

    mutating func removeAll() {
        shapes.removeAll()
        next = 0
    }
}
