/// Sequences of segment IDs (packed, as `SetWalker` reads them) that one set definition's structure accepts: a
/// set of the same sequence is right in order, loops, requirement and use without another walk of the definition.
/// A few are kept, the oldest replaced first: the sets a retailer sends come in a handful of shapes (one, two or
/// more lines; with or without a gift message). Exact: a sequence is only known after comparing it ID by ID.
struct X12SetShapes: Sendable {
    private struct Shape: Sendable {
        var hash: UInt64
        var codes: [UInt32]
    }

    static let capacity = 16

    private var shapes: [Shape] = []
    private var next = 0
    /// The sequence `contains` last read, for `insertLastLooked`.
    private(set) var lastLooked: [UInt32] = []
    private var lookedHash: UInt64 = 0

    /// Whether the sequence of `count` codes `code(0)`, `code(1)`, … is known; it is kept for `insertLastLooked`.
    mutating func contains(_ count: Int, code: (Int) -> UInt32) -> Bool {
        lastLooked.removeAll(keepingCapacity: true)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for offset in 0..<count {
            let value = code(offset)
            lastLooked.append(value)
            hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3
        }
        lookedHash = hash
        for shape in shapes where shape.hash == hash && shape.codes == lastLooked { return true }
        return false
    }

    /// Keeps the sequence `contains` last read.
    mutating func insertLastLooked() {
        let shape = Shape(hash: lookedHash, codes: lastLooked)
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
