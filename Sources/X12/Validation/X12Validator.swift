/// Checks a document: envelope errors from reading, then every set against its definition (segment order, loops,
/// requirement, max use, element count, type, length and code lists). Collects every problem and goes on.
public struct X12Validator: Sendable {
    public var definitions: X12Definitions

    public init(definitions: X12Definitions = .standard) {
        self.definitions = definitions
    }

    /// Checks the document; `rules` add a trading partner's narrowing on top of the standard.
    public func validate(_ document: X12Document, rules: X12PartnerRules? = nil) -> X12ValidationReport {
        var errors = document.envelopeErrors
        var skipped: [String] = []
        // Sets of one group share a version: look the definition up once per (set ID, version).
        var cachedKey: (id: String, version: X12Version)?
        var cached: X12SetDefinition?
        var classes = X12ByteClasses(.standard)
        let segmentRules = definitions.segmentRules
        document.bytes.withUnsafeBufferPointer { bytes in
            document.segmentRanges.withUnsafeBufferPointer { ranges in
                // By index rather than through `transactionSets`: a set context copies its envelopes (dozens of
                // strings) for every set.
                for (interchangeIndex, interchange) in document.interchanges.enumerated() {
                    if classes.delimiters != interchange.delimiters { classes = X12ByteClasses(interchange.delimiters) }
                    for (groupIndex, group) in interchange.groups.enumerated() {
                        let version = group.version
                        for (setIndex, set) in group.sets.enumerated() {
                            var walker = SetWalker(
                                document: document, set: set, interchangeIndex: interchangeIndex,
                                groupIndex: groupIndex, setIndex: setIndex, delimiters: interchange.delimiters,
                                rules: segmentRules, bytes: bytes, ranges: ranges, classes: classes)
                            walker.checkSegmentIDs()
                            if cachedKey?.id != set.id || cachedKey?.version != version {
                                cachedKey = (set.id, version)
                                cached = definitions.definition(for: set.id, version: version)
                            }
                            if let definition = cached {
                                if definition.version != version.base {
                                    skipped.append(
                                        "set \(set.id) \(set.controlNumber) (version \(version)): "
                                            + "checked against the \(definition.version) table, release differences "
                                            + "not checked")
                                }
                                walker.walk(definition)
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
        guard !errors.isEmpty else { return X12ValidationReport(errors: [], skippedChecks: skipped) }
        // Keep the reader's order: by byte offset, stable.
        let ordered = errors.enumerated().sorted {
            ($0.element.location.byteOffset, $0.offset) < ($1.element.location.byteOffset, $1.offset)
        }.map(\.element)
        return X12ValidationReport(errors: ordered, skippedChecks: skipped)
    }
}

/// Walks one set's segments against a definition tree. Reads the document through pointers that are valid for the
/// `validate` call; strings and locations are made only for a problem found.
struct SetWalker {
    let document: X12Document
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
    let rules: X12SegmentRules
    let classes: X12ByteClasses

    init(
        document: X12Document, set: X12TransactionSet, interchangeIndex: Int, groupIndex: Int, setIndex: Int,
        delimiters: X12Delimiters, rules: X12SegmentRules, bytes: UnsafeBufferPointer<UInt8>,
        ranges: UnsafeBufferPointer<Range<Int>>, classes: X12ByteClasses
    ) {
        self.document = document
        self.set = set
        self.interchangeIndex = interchangeIndex
        self.groupIndex = groupIndex
        self.setIndex = setIndex
        self.delimiters = delimiters
        self.bytes = bytes
        self.ranges = ranges
        self.rules = rules
        self.classes = classes
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
        for index in set.segments where !hasValidID(index) {
            errors.append(X12Error(.unrecognizedSegmentID, at: location(index)))
        }
    }

    /// `X12Segment.hasValidID` on the bytes: 2–3 upper-case letters or digits, starting with a letter.
    private func hasValidID(_ index: Int) -> Bool {
        let range = ranges[index]
        let separator = delimiters.element
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
        let allCodes = definition.allCodes
        sequence(definition.table, scope: 0, from: 0, allCodes: allCodes)
        while cursor < end {
            report(unexpected: cursor, earlier: [], allCodes: allCodes)
            cursor += 1
        }
    }

    /// The current segment's ID as a code (no `String`); 0 past the end.
    private var currentCode: UInt32 {
        guard cursor < end else { return 0 }
        let range = ranges[cursor]
        let separator = delimiters.element
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
    private mutating func sequence(_ table: X12SetTable, scope: Int, from start: Int, allCodes: Set<UInt32>) {
        let children = table.children
        let range = table.scopes[scope].children
        let first = range.lowerBound
        let childCount = range.count
        var position = start
        var count = 0
        while cursor < end {
            let code = currentCode
            let match = table.match(code, scope: scope, from: position)
            if match >= 0 {
                if match != position {
                    var skipped = children[first + position].nextMandatory
                    while skipped < match {
                        if skipped != position || count == 0 {
                            errors.append(
                                X12Error(.mandatorySegmentMissing(table.startIDs[first + skipped]), at: location(cursor)))
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
                    sequence(table, scope: child.loop, from: 1, allCodes: allCodes)
                }
            } else if table.follows(code, scope: scope) {
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
                    X12Error(.mandatorySegmentMissing(table.startIDs[first + skipped]), at: location(min(cursor, end - 1))))
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

    /// Element checks for one segment, in one pass over its bytes: each byte's class (separator, component,
    /// repetition, control) is looked up once, so an element's value is scanned again only for its type. A
    /// location (and its strings) is only made for an element that has a problem.
    private mutating func checkElements(_ index: Int, code: UInt32) {
        guard let definition = rules.segment(code) else { return }
        let range = ranges[index]
        let bytes = self.bytes
        let classes = self.classes
        let elements = rules.elements
        let firstRule = definition.elements.lowerBound
        let useCount = definition.elements.count
        var present: UInt64 = 0
        var position = 0
        var start = range.lowerBound
        var offset = range.lowerBound
        var flags: UInt8 = 0
        while true {
            offset = classes.nextMarked(in: bytes, from: offset, to: range.upperBound)
            let atEnd = offset == range.upperBound
            let byteClass = atEnd ? X12ByteClasses.separator : classes[Int(bytes[offset])]
            if byteClass & X12ByteClasses.separator != 0 {
                if position > 0, start < offset {
                    if position > useCount {
                        errors.append(
                            X12Error(.tooManyElements, at: location(index, element: position, byteOffset: start)))
                    } else {
                        if position <= 64 { present |= 1 << UInt64(position - 1) }
                        if let kind = problem(start..<offset, flags: flags, rule: elements[firstRule + position - 1]) {
                            errors.append(X12Error(kind, at: location(index, element: position, byteOffset: start)))
                        }
                    }
                }
                if atEnd { break }
                position += 1
                start = offset + 1
                flags = 0
            } else {
                flags |= byteClass
            }
            offset += 1
        }
        var missing = definition.mandatoryMask & ~present
        while missing != 0 {
            let missingOffset = missing.trailingZeroBitCount
            errors.append(X12Error(.mandatoryElementMissing, at: location(index, element: missingOffset + 1)))
            missing &= missing - 1
        }
        if useCount > 64 {
            for missingOffset in 64..<useCount where elements[firstRule + missingOffset].requirement == .mandatory {
                errors.append(X12Error(.mandatoryElementMissing, at: location(index, element: missingOffset + 1)))
            }
        }
        for note in definition.notes { check(rules.notes[note], present: present, segment: index) }
    }

    /// `problem(_:use:spec:delimiters:)` on the document's bytes with a flattened rule; `flags` are the byte
    /// classes seen in the value.
    private func problem(_ range: Range<Int>, flags: UInt8, rule: X12SegmentRules.Element) -> X12Error.Kind? {
        if rule.requirement == .notUsed { return .elementNotUsed }
        if flags == 0, rule.type == .alphanumeric || !rule.hasSpec || rule.isComposite {
            // The common case: plain text, nothing to scan again.
            guard rule.hasSpec, !rule.isComposite else { return nil }
            if range.count < rule.minLength { return .elementTooShort }
            if range.count > rule.maxLength { return .elementTooLong }
            return nil
        }
        if rule.repeatsOnce, flags & X12ByteClasses.repetition != 0 { return .tooManyRepetitions }
        if rule.isComposite { return nil }
        if flags & X12ByteClasses.component != 0 { return .tooManyComponents }
        guard rule.hasSpec else { return nil }
        let value = UnsafeBufferPointer(rebasing: bytes[range])
        let length: Int
        switch rule.type {
        case .n, .n0, .n1, .n2, .n3, .n4, .n5, .n6:
            guard let digits = X12Syntax.numericLength(value) else { return .invalidCharacter }
            length = digits
        case .decimal:
            guard let digits = X12Syntax.decimalLength(value) else { return .invalidCharacter }
            length = digits
        case .date:
            return X12Syntax.isDate(value) ? nil : .invalidDate
        case .time:
            return X12Syntax.isTime(value) ? nil : .invalidTime
        default:
            length = value.count
            if flags & X12ByteClasses.control != 0 { return .invalidCharacter }
        }
        if rule.type == .id, rule.codeList >= 0, let kind = Self.codeProblem(value, list: rules.codeLists[rule.codeList]) {
            return kind
        }
        if length < rule.minLength { return .elementTooShort }
        if length > rule.maxLength { return .elementTooLong }
        return nil
    }

    /// Looks an ID value (trailing spaces trimmed) up in its code list; the value's `String` is made only when
    /// it is not there, or when the list or value cannot be compared as packed bytes (non-ASCII compares as
    /// `String` does, with canonical equivalence).
    static func codeProblem(_ value: UnsafeBufferPointer<UInt8>, list: X12SegmentRules.CodeList) -> X12Error.Kind? {
        var count = value.count
        while count > 0, value[count - 1] == 0x20 { count -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: value[0..<count])
        if list.strings == nil, count <= 8 {
            var packed: UInt64 = 0
            var ascii: UInt8 = 0
            for byte in trimmed {
                packed = packed << 8 | UInt64(byte)
                ascii |= byte
            }
            if ascii < 0x80 {
                if list.contains(packed) { return nil }
                return .invalidCodeValue(String(decoding: trimmed, as: UTF8.self))
            }
        }
        let text = String(decoding: trimmed, as: UTF8.self)
        if let strings = list.strings {
            return strings.contains(text) ? nil : .invalidCodeValue(text)
        }
        // Packed list, value too long or not ASCII: compare as strings for canonical equivalence.
        for packed in list.packed where Self.unpack(packed) == text { return nil }
        return .invalidCodeValue(text)
    }

    private static func unpack(_ packed: UInt64) -> String {
        var bytes: [UInt8] = []
        var rest = packed
        while rest != 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func problem(
        _ value: ArraySlice<UInt8>, use: X12ElementUse, spec: X12ElementDefinition?, delimiters: X12Delimiters
    ) -> X12Error.Kind? {
        if use.requirement == .notUsed { return .elementNotUsed }
        if use.repeatCount == 1, let repetition = delimiters.repetition, value.contains(repetition) {
            return .tooManyRepetitions
        }
        if use.isComposite { return nil }
        if value.contains(delimiters.component) { return .tooManyComponents }
        guard let spec else { return nil }
        return problem(value, spec: spec)
    }

    static func problem(_ value: ArraySlice<UInt8>, spec: X12ElementDefinition) -> X12Error.Kind? {
        let length: Int
        switch spec.type {
        case .n, .n0, .n1, .n2, .n3, .n4, .n5, .n6:
            guard X12Syntax.isNumeric(value) else { return .invalidCharacter }
            length = X12Syntax.significantLength(value)
        case .decimal:
            guard X12Syntax.isDecimal(value) else { return .invalidCharacter }
            length = X12Syntax.significantLength(value)
        case .date:
            return X12Syntax.isDate(value) ? nil : .invalidDate
        case .time:
            return X12Syntax.isTime(value) ? nil : .invalidTime
        default:
            length = value.count
            if value.contains(where: { $0 < 0x20 }) { return .invalidCharacter }
        }
        if spec.type == .id, let codes = spec.codes {
            var text = String(decoding: value, as: UTF8.self)
            while text.last == " " { text.removeLast() }
            if !codes.contains(text) { return .invalidCodeValue(text) }
        }
        if length < spec.minLength { return .elementTooShort }
        if length > spec.maxLength { return .elementTooLong }
        return nil
    }

    /// X12 syntax notes: AK403 2 for a conditionally required element that is missing, 10 for an exclusion.
    private mutating func check(_ note: X12SegmentRules.Note, present: UInt64, segment index: Int) {
        let mask = note.mask
        let here = present & mask
        let firstBit = note.firstBit
        var missing: UInt64 = 0
        switch note.kind {
        case .paired:
            if here != 0 { missing = mask & ~present }
        case .required:
            if here == 0 { missing = firstBit }
        case .exclusion:
            if here.nonzeroBitCount > 1 {
                let second = (here & ~(here & (~here &+ 1))).trailingZeroBitCount + 1
                errors.append(X12Error(.exclusionViolated, at: location(index, element: second)))
            }
        case .conditional:
            if present & firstBit != 0 { missing = mask & ~present }
        case .listConditional:
            if present & firstBit != 0, here == firstBit, note.hasSecond { missing = note.secondBit }
        }
        while missing != 0 {
            let position = missing.trailingZeroBitCount + 1
            errors.append(X12Error(.conditionalElementMissing, at: location(index, element: position)))
            missing &= missing - 1
        }
    }
}
