/// Checks a document: envelope errors from reading, then every set against its definition (segment order, loops,
/// requirement, max use, element count, type, length and code lists). Collects every problem and goes on.
public struct X12Validator: Sendable {
    public var definitions: X12Definitions

    public init(definitions: X12Definitions = .standard) {
        self.definitions = definitions
    }

    /// Checks the document; `rules` add a trading partner's narrowing on top of the standard.
    public func validate(_ document: X12Document, rules: X12PartnerRules? = nil) -> X12ValidationReport {
        var cache = X12ValidationCache()
        return validate(document, rules: rules, cache: &cache)
    }

    /// `validate(_:rules:)` keeping what one set's checks find for the next in `cache`: a stream validates set by
    /// set, each in a document of its own. A cache serves these `definitions` only.
    func validate(_ document: X12Document, rules: X12PartnerRules?, cache: inout X12ValidationCache)
        -> X12ValidationReport
    {
        var errors = document.envelopeErrors
        var skipped: [String] = []
        var classes = X12ByteClasses(.standard)
        let segmentRules = definitions.segmentRules
        let codeLists = segmentRules.codeLists
        if cache.notesPassed.count != segmentRules.segments.count {
            cache.notesPassed = Array(repeating: .max, count: segmentRules.segments.count)
        }
        segmentRules.withUnsafeRules { tables in
            var notesPassed = cache.notesPassed
            cache.notesPassed = []  // uniquely referenced while the walkers write to it
            defer { cache.notesPassed = notesPassed }
            notesPassed.withUnsafeMutableBufferPointer { notesPassed in
                withUnsafePointer(to: document) { document in
                    document.pointee.bytes.withUnsafeBufferPointer { bytes in
                        document.pointee.segmentRanges.withUnsafeBufferPointer { ranges in
                            // By index rather than through `transactionSets`: a set context copies its envelopes (dozens of
                            // strings) for every set.
                            for (interchangeIndex, interchange) in document.pointee.interchanges.enumerated() {
                                if classes.delimiters != interchange.delimiters {
                                    classes = X12ByteClasses(interchange.delimiters)
                                }
                                for (groupIndex, group) in interchange.groups.enumerated() {
                                    let version = group.version
                                    for (setIndex, set) in group.sets.enumerated() {
                                        var walker = SetWalker(
                                            document: document, set: set, interchangeIndex: interchangeIndex,
                                            groupIndex: groupIndex, setIndex: setIndex,
                                            delimiters: interchange.delimiters,
                                            rules: tables, codeLists: codeLists, bytes: bytes, ranges: ranges,
                                            classes: classes, notesPassed: notesPassed)
                                        walker.checkSegmentIDs()
                                        // Sets of one group share a version: one look-up per set ID and version.
                                        if cache.key?.id != set.id || cache.key?.version != version {
                                            cache.key = (set.id, version)
                                            cache.definition = definitions.definition(for: set.id, version: version)
                                        }
                                        // Moved out of the cache for the set and back: reading it in place from the
                                        // cache (captured by these closures) copies it, a score of retains per set.
                                        if let definition = cache.definition.take() {
                                            if definition.version != version.base {
                                                skipped.append(
                                                    "set \(set.id) \(set.controlNumber) (version \(version)): "
                                                        + "checked against the \(definition.version) table, release "
                                                        + "differences not checked")
                                            }
                                            walker.walk(definition)
                                            cache.definition = consume definition
                                        } else {
                                            skipped.append(
                                                "set \(set.id) \(set.controlNumber) (version \(version)): "
                                                    + "no definition, only envelope checks ran")
                                        }
                                        if let rules, !rules.isEmpty { walker.apply(rules) }
                                        errors += walker.errors
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard !errors.isEmpty else { return X12ValidationReport(errors: [], skippedChecks: skipped) }
        // Keep the reader's order: by byte offset, stable.
        let ordered = errors.enumerated().sorted {
            ($0.element.location.byteOffset, $0.offset) < ($1.element.location.byteOffset, $1.offset)
        }.map(\.element)
        return X12ValidationReport(errors: ordered, skippedChecks: skipped)
    }
}

/// What validating one set after another keeps (see `X12Validator.validate(_:rules:cache:)`).
struct X12ValidationCache: Sendable {
    /// The last set ID and version looked up, and the definition found for them.
    var key: (id: String, version: X12Version)? = nil
    var definition: X12SetDefinition? = nil
    /// Per segment rule, a pattern of present elements known to pass its syntax notes (see `checkElements`).
    var notesPassed: [UInt64] = []
}

/// Walks one set's segments against a definition tree. Reads the document through pointers that are valid for the
/// `validate` call; strings and locations are made only for a problem found.
struct SetWalker {
    /// The document being validated, valid for the `validate` call: held by pointer, so that making a walker for
    /// each set retains none of its arrays.
    let documentPointer: UnsafePointer<X12Document>
    var document: X12Document { documentPointer.pointee }
    let set: X12TransactionSet
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
    let codeLists: [X12SegmentRules.CodeList]
    let classes: X12ByteClasses
    /// See `checkElements`; one entry per segment rule.
    let notesPassed: UnsafeMutableBufferPointer<UInt64>

    init(
        document: UnsafePointer<X12Document>, set: X12TransactionSet, interchangeIndex: Int, groupIndex: Int,
        setIndex: Int,
        delimiters: X12Delimiters, rules: X12SegmentRules.Unsafe, codeLists: [X12SegmentRules.CodeList],
        bytes: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>, classes: X12ByteClasses,
        notesPassed: UnsafeMutableBufferPointer<UInt64>
    ) {
        self.documentPointer = document
        self.set = set
        self.interchangeIndex = interchangeIndex
        self.groupIndex = groupIndex
        self.setIndex = setIndex
        self.delimiters = delimiters
        self.bytes = bytes
        self.ranges = ranges
        self.rules = rules
        self.codeLists = codeLists
        self.classes = classes
        self.notesPassed = notesPassed
        cursor = set.segments.lowerBound
        end = set.segments.upperBound
    }

    func location(_ index: Int, element: Int? = nil, component: Int? = nil, byteOffset: Int? = nil) -> X12Location {
        let segment = document.segment(min(index, document.segmentCount - 1))
        return X12Location(
            byteOffset: byteOffset ?? segment.byteOffset, segmentIndex: index,
            segmentID: segment.hasValidID ? segment.id : String(segment.id.prefix(3)),
            segmentPosition: index - set.segments.lowerBound + 1, elementPosition: element,
            componentPosition: component, interchange: interchangeIndex, group: groupIndex, set: setIndex)
    }

    mutating func checkSegmentIDs() {
        let bytes = self.bytes
        let ranges = self.ranges
        let separator = delimiters.element
        for index in set.segments where !Self.hasValidID(ranges[index], in: bytes, separator: separator) {
            errors.append(X12Error(.unrecognizedSegmentID, at: location(index)))
        }
    }

    /// `X12Segment.hasValidID` on the bytes: 2–3 upper-case letters or digits, starting with a letter. Static, as
    /// every helper the walk calls for each segment: a method would copy the walker, held `inout`, on each call.
    @inline(__always)
    private static func hasValidID(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8)
        -> Bool
    {
        var offset = range.lowerBound
        while offset < range.upperBound, bytes[offset] != separator {
            let byte = bytes[offset]
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if offset == range.lowerBound ? !isUpper : !(isUpper || isDigit) { return false }
            offset += 1
            if offset - range.lowerBound > 3 { return false }
        }
        return offset - range.lowerBound >= 2
    }

    mutating func walk(_ definition: X12SetDefinition) {
        definition.table.withUnsafeTable { unsafe in
            sequence(definition.table, unsafe, scope: 0, from: 0, allCodes: definition.allCodes)
        }
        while cursor < end {
            report(unexpected: cursor, earlier: [], allCodes: definition.allCodes)
            cursor += 1
        }
    }

    /// The segment's ID as a code (no `String`).
    @inline(__always)
    private static func code(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> UInt32 {
        let lower = range.lowerBound
        if lower &+ 4 <= bytes.count, let base = bytes.baseAddress {
            // The first four bytes as one word: the ID ends at the first separator or at the segment's end.
            let word = UInt32(
                littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: lower, as: UInt32.self))
            let x = word ^ (UInt32(separator) &* 0x0101_0101)
            var stops = ~(((x & 0x7F7F_7F7F) &+ 0x7F7F_7F7F) | x) & 0x8080_8080
            let count = range.upperBound &- lower
            if count < 4 { stops |= 0x80 << UInt32(count &* 8) }
            let length = stops == 0 ? 4 : stops.trailingZeroBitCount >> 3
            if length > 3 { return UInt32.max }
            return length == 0 ? 0 : word.byteSwapped >> UInt32(32 &- length &* 8)
        }
        var code: UInt32 = 0
        var index = range.lowerBound
        while index < range.upperBound, index < range.lowerBound + 4, bytes[index] != separator {
            code = code << 8 | UInt32(bytes[index])
            index += 1
        }
        return index - range.lowerBound > 3 ? UInt32.max : code
    }

    /// Matches segments to the children of scope `scope` from `start` on, in order. The scope's `follow` codes end
    /// this sequence (they belong to an enclosing loop), its `before` codes came earlier in enclosing sequences
    /// (seeing one again is out of order). Positions only move forward, so only the current entry's count is kept.
    private mutating func sequence(
        _ table: X12SetTable, _ unsafe: X12SetTable.Unsafe, scope: Int, from start: Int, allCodes: Set<UInt32>
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
                    if count > child.limit { errors.append(X12Error(.segmentOverMaximumUse, at: location(cursor))) }
                    checkElements(cursor, code: code)
                    cursor += 1
                } else {
                    if count > child.limit {
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
                errors.append(
                    X12Error(
                        .mandatorySegmentMissing(table.startIDs[first + skipped]), at: location(min(cursor, end - 1))))
            }
            skipped = skipped + 1 < childCount ? children[first + skipped + 1].nextMandatory : childCount
        }
    }

    private mutating func report(unexpected index: Int, earlier: Set<UInt32>, allCodes: Set<UInt32>) {
        let segment = document.segment(index)
        guard segment.hasValidID else { return }  // already reported by checkSegmentIDs
        let code = X12SetDefinition.code(segment.id)
        let kind: X12Error.Kind =
            earlier.contains(code)
            ? .segmentOutOfOrder : allCodes.contains(code) ? .unexpectedSegment : .segmentNotInDefinedSet
        errors.append(X12Error(kind, at: location(index)))
    }
}
