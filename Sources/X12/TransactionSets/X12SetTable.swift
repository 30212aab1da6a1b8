/// A set definition's tree flattened for the validator's walk: every loop's children in one array of plain values
/// (start code, requirement, limit, the loop they open), so that matching a segment copies no enum payloads and
/// retains nothing. Built from the nodes and their `LoopScope`s, which stay the definition's source of truth.
struct X12SetTable: Sendable {
    struct Child: Sendable {
        var code: X12SegmentCode
        var isMandatory: Bool
        /// Max use of a segment, repeat of a loop.
        var limit: Int
        /// The scope a loop child opens; -1 for a segment.
        var loop: Int
        /// Offset in the scope of the first mandatory child at or after this one (the scope's count if none).
        var nextMandatory: Int = 0
    }

    struct Scope: Sendable {
        var children: Range<Int>
        /// Into `follow`: the codes that end this sequence, sorted.
        var follow: Range<Int>
        /// Into `codes`/`lastOffsets`: the children's codes, sorted, unique.
        var codes: Range<Int>
        /// Bit `bloomBit(code)` for each child code: a clear bit means no child has the code.
        var bloom: UInt64
    }

    private(set) var children: [Child] = []
    private(set) var scopes: [Scope] = []
    private(set) var follow: [X12SegmentCode] = []
    private(set) var codes: [X12SegmentCode] = []
    /// The offset of the last child with `codes[i]`.
    private(set) var lastOffsets: [Int] = []
    /// Per child, for messages: its start ID and, for a loop, the loop ID.
    private(set) var startIDs: [String] = []
    private(set) var loopIDs: [String] = []
    /// Per scope, the codes of earlier sequences (only read when reporting a segment out of order).
    private(set) var before: [Set<X12SegmentCode>] = []

    init(body: [X12SetDefinition.Node], scope: X12SetDefinition.LoopScope) {
        _ = add(body, scope: scope)
    }

    /// Adds a scope and, depth first, the scopes of its loops; returns its index.
    private mutating func add(_ nodes: [X12SetDefinition.Node], scope: X12SetDefinition.LoopScope) -> Int {
        let index = scopes.count
        let start = children.count
        let followStart = follow.count
        follow += scope.follow.sorted()
        var last: [X12SegmentCode: Int] = [:]
        var bloom: UInt64 = 0
        for offset in nodes.indices {
            let code = offset < scope.childCodes.count ? scope.childCodes[offset] : X12SegmentCode(rawValue: 0)
            last[code] = offset
            bloom |= Self.bloomBit(code)
        }
        let codeStart = codes.count
        for (code, offset) in last.sorted(by: { $0.key < $1.key }) {
            codes.append(code)
            lastOffsets.append(offset)
        }
        scopes.append(
            Scope(
                children: start..<(start + nodes.count), follow: followStart..<follow.count,
                codes: codeStart..<codes.count, bloom: bloom))
        before.append(scope.before)
        for (offset, node) in nodes.enumerated() {
            // The walker compares against the scope's codes and flags, as it always did.
            let code = offset < scope.childCodes.count ? scope.childCodes[offset] : X12SegmentCode(rawValue: 0)
            let isMandatory = offset < scope.childMandatory.count ? scope.childMandatory[offset] : false
            switch node {
            case .segment(_, _, let maxUse):
                children.append(Child(code: code, isMandatory: isMandatory, limit: maxUse, loop: -1))
                loopIDs.append("")
            case .loop(let id, _, let repeatCount, _, _):
                children.append(Child(code: code, isMandatory: isMandatory, limit: repeatCount, loop: -1))
                loopIDs.append(id)
            }
            startIDs.append(node.startID)
        }
        var nextMandatory = nodes.count
        for offset in nodes.indices.reversed() {
            if children[start + offset].isMandatory { nextMandatory = offset }
            children[start + offset].nextMandatory = nextMandatory
        }
        for (offset, node) in nodes.enumerated() {
            if case .loop(_, _, _, let loopChildren, let loopScope) = node {
                children[start + offset].loop = add(loopChildren, scope: loopScope)
            }
        }
        return index
    }

    @inline(__always)
    static func bloomBit(_ code: X12SegmentCode) -> UInt64 { 1 << UInt64((code.rawValue &* 0x9E37_79B1) >> 26) }

    /// The table's arrays as pointers, valid inside `body`: the walker matches every segment through them, so a
    /// match neither retains an array nor checks a bound it has already checked.
    func withUnsafeTable<Result>(_ body: (Unsafe) -> Result) -> Result {
        children.withUnsafeBufferPointer { children in
            scopes.withUnsafeBufferPointer { scopes in
                follow.withUnsafeBufferPointer { follow in
                    codes.withUnsafeBufferPointer { codes in
                        lastOffsets.withUnsafeBufferPointer { lastOffsets in
                            body(
                                Unsafe(
                                    children: children, scopes: scopes, follow: follow, codes: codes,
                                    lastOffsets: lastOffsets))
                        }
                    }
                }
            }
        }
    }

    /// `withUnsafeTable`'s view: the matching questions, on pointers into the table's arrays.
    struct Unsafe {
        let children: UnsafeBufferPointer<Child>
        let scopes: UnsafeBufferPointer<Scope>
        let follow: UnsafeBufferPointer<X12SegmentCode>
        let codes: UnsafeBufferPointer<X12SegmentCode>
        let lastOffsets: UnsafeBufferPointer<Int>

        /// The offset of the first child at or after `position` whose code is `code`, or -1. Looks at the next few
        /// children first (the usual case: the next segment of the table), then asks whether any later child has
        /// it.
        @inline(__always)
        func match(_ code: X12SegmentCode, scope: Int, from position: Int) -> Int {
            let info = scopes[scope]
            let first = info.children.lowerBound
            let count = info.children.count
            var candidate = position
            let near = min(count, position &+ 4)
            while candidate < near {
                if children[first &+ candidate].code == code { return candidate }
                candidate &+= 1
            }
            guard candidate < count, info.bloom & X12SetTable.bloomBit(code) != 0 else { return -1 }
            var low = info.codes.lowerBound
            var high = info.codes.upperBound
            while low < high {
                let middle = (low &+ high) >> 1
                if codes[middle] < code { low = middle &+ 1 } else { high = middle }
            }
            guard low < info.codes.upperBound, codes[low] == code, lastOffsets[low] >= candidate else { return -1 }
            while children[first &+ candidate].code != code { candidate &+= 1 }
            return candidate
        }

        func follows(_ code: X12SegmentCode, scope: Int) -> Bool {
            let range = scopes[scope].follow
            var low = range.lowerBound
            var high = range.upperBound
            while low < high {
                let middle = (low &+ high) >> 1
                if follow[middle] < code { low = middle &+ 1 } else { high = middle }
            }
            return low < range.upperBound && follow[low] == code
        }
    }
}
