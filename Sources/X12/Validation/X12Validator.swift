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
        for context in document.transactionSets {
            var walker = SetWalker(document: document, context: context, definitions: definitions)
            walker.checkSegmentIDs()
            if let definition = definitions.definition(for: context.set.id, version: context.group.version) {
                if definition.version != context.group.version.base {
                    skipped.append(
                        "set \(context.set.id) \(context.set.controlNumber) (version \(context.group.version)): "
                            + "checked against the \(definition.version) table, release differences not checked")
                }
                walker.walk(definition)
            } else {
                skipped.append(
                    "set \(context.set.id) \(context.set.controlNumber) (version \(context.group.version)): "
                        + "no definition, only envelope checks ran")
            }
            if let rules, !rules.isEmpty { walker.apply(rules) }
            errors += walker.errors
        }
        // Keep the reader's order: by byte offset, stable.
        let ordered = errors.enumerated().sorted {
            ($0.element.location.byteOffset, $0.offset) < ($1.element.location.byteOffset, $1.offset)
        }.map(\.element)
        return X12ValidationReport(errors: ordered, skippedChecks: skipped)
    }
}

/// Walks one set's segments against a definition tree.
struct SetWalker {
    let document: X12Document
    let context: X12SetContext
    let definitions: X12Definitions
    var errors: [X12Error] = []
    var cursor: Int
    let end: Int
    let elementSeparator: UInt8

    init(document: X12Document, context: X12SetContext, definitions: X12Definitions) {
        self.document = document
        self.context = context
        self.definitions = definitions
        cursor = context.set.segments.lowerBound
        end = context.set.segments.upperBound
        elementSeparator = context.interchange.delimiters.element
    }

    func location(_ index: Int, element: Int? = nil, component: Int? = nil, byteOffset: Int? = nil) -> X12Location {
        let segment = document.segment(min(index, document.segmentCount - 1))
        return X12Location(
            byteOffset: byteOffset ?? segment.byteOffset, segmentIndex: index,
            segmentID: segment.hasValidID ? segment.id : String(segment.id.prefix(3)),
            segmentPosition: index - context.set.segments.lowerBound + 1, elementPosition: element,
            componentPosition: component, interchange: context.interchangeIndex, group: context.groupIndex,
            set: context.setIndex)
    }

    mutating func checkSegmentIDs() {
        for index in context.set.segments where !document.segment(index).hasValidID {
            errors.append(X12Error(.unrecognizedSegmentID, at: location(index)))
        }
    }

    mutating func walk(_ definition: X12SetDefinition) {
        let allCodes = definition.allCodes
        sequence(definition.body, scope: definition.bodyScope, from: 0, allCodes: allCodes)
        while cursor < end {
            report(unexpected: cursor, earlier: [], allCodes: allCodes)
            cursor += 1
        }
    }

    /// The current segment's ID as a code (no `String`); 0 past the end.
    private var currentCode: UInt32 {
        guard cursor < end else { return 0 }
        let range = document.segmentRanges[cursor]
        let separator = elementSeparator
        var code: UInt32 = 0
        var index = range.lowerBound
        while index < range.upperBound, index < range.lowerBound + 4, document.bytes[index] != separator {
            code = code << 8 | UInt32(document.bytes[index])
            index += 1
        }
        return index - range.lowerBound > 3 ? UInt32.max : code
    }

    /// Matches segments to `children[from...]` in order. `scope.follow` holds the IDs that end this sequence (they
    /// belong to an enclosing loop), `scope.before` those that came earlier in enclosing sequences (seeing one
    /// again is out of order). Positions only move forward, so only the current entry's count is kept.
    private mutating func sequence(
        _ children: [X12SetDefinition.Node], scope: X12SetDefinition.LoopScope, from start: Int, allCodes: Set<UInt32>
    ) {
        let codes = scope.childCodes
        let mandatory = scope.childMandatory
        var position = start
        var count = 0
        while cursor < end {
            let code = currentCode
            var match = -1
            var candidate = position
            while candidate < codes.count {
                if codes[candidate] == code {
                    match = candidate
                    break
                }
                candidate += 1
            }
            if match >= 0 {
                if match != position {
                    for skipped in position..<match where mandatory[skipped] && (skipped != position || count == 0) {
                        errors.append(X12Error(.mandatorySegmentMissing(children[skipped].startID), at: location(cursor)))
                    }
                    position = match
                    count = 0
                }
                count += 1
                switch children[match] {
                case .segment(_, _, let maxUse):
                    if count > maxUse { errors.append(X12Error(.segmentOverMaximumUse, at: location(cursor))) }
                    checkElements(cursor)
                    cursor += 1
                case .loop(let loopID, _, let repeatCount, let loopChildren, let loopScope):
                    if count > repeatCount {
                        errors.append(X12Error(.loopOverMaximum(loopID), at: location(cursor)))
                    }
                    checkElements(cursor)
                    cursor += 1
                    sequence(loopChildren, scope: loopScope, from: 1, allCodes: allCodes)
                }
            } else if scope.follow.contains(code) {
                break
            } else {
                let earlier = scope.before.union(codes[start..<position])
                report(unexpected: cursor, earlier: earlier, allCodes: allCodes)
                cursor += 1
            }
        }
        let at = min(cursor, end - 1)
        for skipped in position..<codes.count where mandatory[skipped] && (skipped != position || count == 0) {
            errors.append(X12Error(.mandatorySegmentMissing(children[skipped].startID), at: location(at)))
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

    /// Element checks for one segment. Problems are found on bytes; a location (and its strings) is only made
    /// for an element that has one.
    private mutating func checkElements(_ index: Int) {
        let segment = document.segment(index)
        guard let definition = definitions.segmentsByCode[currentCode] else { return }
        let uses = definition.elements
        let bytes = segment.bytes
        let delimiters = segment.delimiters
        var present: UInt64 = 0
        var found: [(position: Int, offset: Int, kind: X12Error.Kind)] = []
        segment.forEachElement { position, range in
            guard !range.isEmpty else { return }
            guard position <= uses.count else {
                found.append((position, range.lowerBound, .tooManyElements))
                return
            }
            if position <= 64 { present |= 1 << UInt64(position - 1) }
            if let kind = Self.problem(
                bytes[range], use: uses[position - 1], spec: uses[position - 1].definition, delimiters: delimiters)
            {
                found.append((position, range.lowerBound, kind))
            }
        }
        for problem in found {
            errors.append(X12Error(problem.kind, at: location(index, element: problem.position, byteOffset: problem.offset)))
        }
        for (offset, use) in uses.enumerated()
        where use.requirement == .mandatory && (offset >= 64 || present & (1 << UInt64(offset)) == 0) {
            errors.append(X12Error(.mandatoryElementMissing, at: location(index, element: offset + 1)))
        }
        for note in definition.syntaxNotes { check(note, present: present, segment: index) }
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
    private mutating func check(_ note: X12SyntaxNote, present: UInt64, segment index: Int) {
        guard let first = note.positions.first else { return }
        let mask = note.mask
        let here = present & mask
        let firstBit: UInt64 = first <= 64 ? 1 << UInt64(first - 1) : 0
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
            if present & firstBit != 0, here == firstBit, note.positions.count > 1 {
                missing = note.positions[1] <= 64 ? 1 << UInt64(note.positions[1] - 1) : 0
            }
        }
        while missing != 0 {
            let position = missing.trailingZeroBitCount + 1
            errors.append(X12Error(.conditionalElementMissing, at: location(index, element: position)))
            missing &= missing - 1
        }
    }

}
