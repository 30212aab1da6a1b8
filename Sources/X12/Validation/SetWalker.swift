/// Walks one set's segments against a definition tree. Reads the segments through pointers that are valid for the
/// `validate` call; strings and locations are made only for a problem found.
struct SetWalker {
    /// Where a set's segments are read: valid for the `validate` call, so that making a walker for each set retains
    /// none of the arrays.
    struct Input {
        /// The array `bytes` points into, for the segments a problem's location and the partner rules read.
        let source: UnsafePointer<[UInt8]>
        let bytes: UnsafeBufferPointer<UInt8>
        /// Segment ranges in `bytes`, by the walker's segment index.
        let ranges: UnsafeBufferPointer<Range<Int>>
        /// Added to byte offsets and segment indices in locations: 0 for a whole document, a stream set's file
        /// offset and index for its window.
        let byteBase: Int
        let indexBase: Int
        let delimiters: X12Delimiters
        let classes: X12ByteClasses
    }

    let source: UnsafePointer<[UInt8]>
    let byteBase: Int
    let indexBase: Int
    /// The set's segments (walker indices), its ST01 and its SE's index: what the walk reads of the set, so that
    /// making a walker copies no `X12TransactionSet`.
    let segments: Range<Int>
    let setID: String
    let trailerIndex: Int?
    let interchangeIndex: Int
    let groupIndex: Int
    let setIndex: Int
    var errors: [X12Error] = []
    var cursor: Int
    let end: Int
    let delimiters: X12Delimiters
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: UnsafeBufferPointer<Range<Int>>
    let rules: X12SegmentRules.Unsafe
    let codeLists: UnsafeBufferPointer<X12SegmentRules.CodeList>
    let classes: X12ByteClasses
    /// See `checkElements`; one entry per segment rule.
    let notesPassed: UnsafeMutableBufferPointer<UInt64>
    /// Segments known clean, byte for byte, from earlier sets; nil for the first set a cache sees. The table,
    /// locked for the walk (`X12CleanSegments.withTable`), valid as the other pointers are.
    let cleanSegments: UnsafeMutablePointer<X12CleanSegments.Table>?
    /// Problems the walk found with the set's structure (order, loops, requirement, use), as opposed to its
    /// elements: a set with none has a shape `X12SetShapes` may keep.
    private(set) var structuralProblems = 0

    init(
        input: Input, segments: Range<Int>, setID: String, trailerIndex: Int?, interchangeIndex: Int, groupIndex: Int,
        setIndex: Int,
        rules: X12SegmentRules.Unsafe, notesPassed: UnsafeMutableBufferPointer<UInt64>,
        cleanSegments: UnsafeMutablePointer<X12CleanSegments.Table>? = nil
    ) {
        self.cleanSegments = cleanSegments
        self.source = input.source
        self.byteBase = input.byteBase
        self.indexBase = input.indexBase
        self.segments = segments
        self.setID = setID
        self.trailerIndex = trailerIndex
        self.interchangeIndex = interchangeIndex
        self.groupIndex = groupIndex
        self.setIndex = setIndex
        self.delimiters = input.delimiters
        self.bytes = input.bytes
        self.ranges = input.ranges
        self.rules = rules
        self.codeLists = rules.codeLists
        self.classes = input.classes
        self.notesPassed = notesPassed
        cursor = segments.lowerBound
        end = segments.upperBound
    }

    /// The segment at walker index `index`.
    func segment(_ index: Int) -> X12Segment {
        X12Segment(bytes: source.pointee, range: ranges[index], delimiters: delimiters, index: indexBase + index)
    }

    /// Where a problem is, in the file: `byteOffset` (an offset in `bytes`) defaults to the segment's start.
    func location(_ index: Int, element: Int? = nil, component: Int? = nil, byteOffset: Int? = nil) -> X12Location {
        let segment = segment(min(index, ranges.count - 1))
        return X12Location(
            byteOffset: byteBase + (byteOffset ?? segment.byteOffset), segmentIndex: indexBase + index,
            segmentID: segment.hasValidID ? segment.id : String(segment.id.prefix(3)),
            segmentPosition: index - segments.lowerBound + 1, elementPosition: element,
            componentPosition: component, interchange: interchangeIndex, group: groupIndex, set: setIndex)
    }

    mutating func checkSegmentIDs() {
        let bytes = self.bytes
        let ranges = self.ranges
        let separator = delimiters.element
        for index in segments where !Self.hasValidID(ranges[index], in: bytes, separator: separator) {
            errors.append(X12Error(.unrecognizedSegmentID, at: location(index)))
        }
    }

    /// `X12Segment.hasValidID` on the bytes (`X12SegmentCode.read`). Static, as every helper the walk calls for each
    /// segment: a method would copy the walker, held `inout`, on each call.
    @inline(__always)
    static func hasValidID(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        X12SegmentCode.read(range, in: bytes, separator: separator).isValid
    }

    /// Checks the set against `definition`: its segment IDs (`checkSegmentIDs`, whose problems come first), its
    /// structure by a walk of the definition's tree, and every segment's elements. The structure depends on
    /// nothing but the sequence of segment IDs: a sequence `shapes` knows to be right for the definition needs no
    /// walk, only the element checks, in the order the walk makes them. A walk that finds nothing wrong with the
    /// structure adds its sequence to `shapes`.
    mutating func walk(_ definition: X12SetDefinition, shapes: inout X12SetShapes) {
        let bytes = self.bytes
        let ranges = self.ranges
        let separator = delimiters.element
        // The IDs are checked in the pass that reads their codes; `checkSegmentIDs` runs (and reports) only when
        // one is wrong.
        var idsAreValid = true
        let count = segments.count
        let first = segments.lowerBound
        let known = withUnsafeTemporaryAllocation(of: X12SegmentCode.self, capacity: max(1, count)) { codes in
            for offset in 0..<count {
                let (code, isValid) = X12SegmentCode.read(ranges[first &+ offset], in: bytes, separator: separator)
                idsAreValid = idsAreValid && isValid
                codes[offset] = code
            }
            return shapes.contains(UnsafeBufferPointer(rebasing: codes[0..<count]))
        }
        if !idsAreValid { checkSegmentIDs() }
        if known {
            let rules = shapes.foundRules
            for offset in rules.indices { checkElements(segments.lowerBound &+ offset, rule: Int(rules[offset])) }
            return
        }
        definition.table.withUnsafeTable { unsafe in
            sequence(definition.table, unsafe, scope: 0, from: 0, allCodes: definition.allCodes)
        }
        while cursor < end {
            report(unexpected: cursor, earlier: [], allCodes: definition.allCodes)
            cursor += 1
        }
        if structuralProblems == 0 { shapes.insertLastLooked { [rules] in rules.index($0) } }
    }

    /// The segment's ID as a code (no `String`).
    @inline(__always)
    static func code(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> X12SegmentCode {
        X12SegmentCode.read(range, in: bytes, separator: separator).code
    }

    /// Matches segments to the children of scope `scope` from `start` on, in order. The scope's `follow` codes end
    /// this sequence (they belong to an enclosing loop), its `before` codes came earlier in enclosing sequences
    /// (seeing one again is out of order). Positions only move forward, so only the current entry's count is kept.
    private mutating func sequence(
        _ table: X12SetTable, _ unsafe: X12SetTable.Unsafe, scope: Int, from start: Int, allCodes: Set<X12SegmentCode>
    ) {
        let children = unsafe.children
        let range = unsafe.scopes[scope].children
        let first = range.lowerBound
        let childCount = range.count
        var position = start
        var count = 0
        let bytes = self.bytes
        let ranges = self.ranges
        let separator = delimiters.element
        while cursor < end {
            let code = Self.code(ranges[cursor], in: bytes, separator: separator)
            let match = unsafe.match(code, scope: scope, from: position)
            if match >= 0 {
                if match != position {
                    var skipped = children[first + position].nextMandatory
                    while skipped < match {
                        if skipped != position || count == 0 {
                            structuralProblems += 1
                            errors.append(
                                X12Error(
                                    .mandatorySegmentMissing(table.startIDs[first + skipped]), at: location(cursor)))
                        }
                        skipped = skipped + 1 < childCount ? children[first + skipped + 1].nextMandatory : childCount
                    }
                    position = match
                    count = 0
                }
                count += 1
                let child = children[first + match]
                if child.loop < 0 {
                    if count > child.limit {
                        structuralProblems += 1
                        errors.append(X12Error(.segmentOverMaximumUse, at: location(cursor)))
                    }
                    checkElements(cursor, code: code)
                    cursor += 1
                } else {
                    if count > child.limit {
                        structuralProblems += 1
                        errors.append(X12Error(.loopOverMaximum(table.loopIDs[first + match]), at: location(cursor)))
                    }
                    checkElements(cursor, code: code)
                    cursor += 1
                    sequence(table, unsafe, scope: child.loop, from: 1, allCodes: allCodes)
                }
            } else if unsafe.follows(code, scope: scope) {
                break
            } else {
                let earlier = table.before[scope].union((start..<position).map { children[first + $0].code })
                report(unexpected: cursor, earlier: earlier, allCodes: allCodes)
                cursor += 1
            }
        }
        var skipped = position < childCount ? children[first + position].nextMandatory : childCount
        while skipped < childCount {
            if skipped != position || count == 0 {
                structuralProblems += 1
                errors.append(
                    X12Error(
                        .mandatorySegmentMissing(table.startIDs[first + skipped]), at: location(min(cursor, end - 1))))
            }
            skipped = skipped + 1 < childCount ? children[first + skipped + 1].nextMandatory : childCount
        }
    }

    private mutating func report(unexpected index: Int, earlier: Set<X12SegmentCode>, allCodes: Set<X12SegmentCode>) {
        structuralProblems += 1
        let segment = segment(index)
        guard segment.hasValidID else { return }  // already reported by checkSegmentIDs
        let code = X12SegmentCode(segment.id)
        let kind: X12Error.Kind =
            earlier.contains(code)
            ? .segmentOutOfOrder : allCodes.contains(code) ? .unexpectedSegment : .segmentNotInDefinedSet
        errors.append(X12Error(kind, at: location(index)))
    }
}
