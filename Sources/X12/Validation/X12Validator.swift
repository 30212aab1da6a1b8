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

    init(document: X12Document, context: X12SetContext, definitions: X12Definitions) {
        self.document = document
        self.context = context
        self.definitions = definitions
        cursor = context.set.segments.lowerBound
        end = context.set.segments.upperBound
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
        let allIDs = definition.body.reduce(into: Set<String>()) { $0.formUnion($1.allIDs) }
        sequence(definition.body, follow: [], before: [], allIDs: allIDs)
        while cursor < end {
            report(unexpected: cursor, earlier: [], allIDs: allIDs)
            cursor += 1
        }
    }

    private var currentID: String? { cursor < end ? document.segment(cursor).id : nil }

    /// Matches segments to `children` in order. `follow` holds the IDs that end this sequence (they belong to an
    /// enclosing loop), `before` those that came earlier in enclosing sequences (seeing one again is out of order).
    private mutating func sequence(
        _ children: [X12SetDefinition.Node], follow: Set<String>, before: Set<String>, allIDs: Set<String>
    ) {
        var position = 0
        var counts = Array(repeating: 0, count: children.count)
        while cursor < end, let id = currentID {
            if let match = children.indices.first(where: { $0 >= position && children[$0].startID == id }) {
                for skipped in position..<match where counts[skipped] == 0 && children[skipped].isMandatory {
                    errors.append(X12Error(.mandatorySegmentMissing(children[skipped].startID), at: location(cursor)))
                }
                position = match
                counts[match] += 1
                switch children[match] {
                case .segment(_, _, let maxUse):
                    if counts[match] > maxUse { errors.append(X12Error(.segmentOverMaximumUse, at: location(cursor))) }
                    checkElements(cursor)
                    cursor += 1
                case .loop(let loopID, _, let repeatCount, let loopChildren):
                    if counts[match] > repeatCount {
                        errors.append(X12Error(.loopOverMaximum(loopID), at: location(cursor)))
                    }
                    checkElements(cursor)
                    cursor += 1
                    var inner = follow
                    for later in children[match...] { inner.insert(later.startID) }
                    let earlier = before.union(children[..<match].map(\.startID))
                    sequence(Array(loopChildren.dropFirst()), follow: inner, before: earlier, allIDs: allIDs)
                }
            } else if follow.contains(id) {
                break
            } else {
                let earlier = before.union(children[..<position].map(\.startID))
                report(unexpected: cursor, earlier: earlier, allIDs: allIDs)
                cursor += 1
            }
        }
        for index in position..<children.count where counts[index] == 0 && children[index].isMandatory {
            errors.append(X12Error(.mandatorySegmentMissing(children[index].startID), at: location(min(cursor, end - 1))))
        }
    }

    private mutating func report(unexpected index: Int, earlier: Set<String>, allIDs: Set<String>) {
        let segment = document.segment(index)
        guard segment.hasValidID else { return }  // already reported by checkSegmentIDs
        let id = segment.id
        let kind: X12Error.Kind =
            earlier.contains(id) ? .segmentOutOfOrder : allIDs.contains(id) ? .unexpectedSegment : .segmentNotInDefinedSet
        errors.append(X12Error(kind, at: location(index)))
    }

    private mutating func checkElements(_ index: Int) {
        let segment = document.segment(index)
        guard let definition = definitions.segments[segment.id] else { return }
        let uses = definition.elements
        var present = Array(repeating: false, count: uses.count)
        segment.forEachElement { position, range in
            guard position <= uses.count else {
                if !range.isEmpty {
                    errors.append(X12Error(.tooManyElements, at: location(index, element: position, byteOffset: range.lowerBound)))
                }
                return
            }
            guard !range.isEmpty else { return }
            present[position - 1] = true
            let use = uses[position - 1]
            let element = X12Element(bytes: segment.bytes, range: range, delimiters: segment.delimiters)
            let at = location(index, element: position, byteOffset: range.lowerBound)
            if use.requirement == .notUsed {
                errors.append(X12Error(.elementNotUsed, at: at))
                return
            }
            if use.repeatCount == 1, element.containsRepetitionSeparator {
                errors.append(X12Error(.tooManyRepetitions, at: at))
                return
            }
            if use.isComposite { return }
            if element.containsComponentSeparator {
                errors.append(X12Error(.tooManyComponents, at: at))
                return
            }
            guard let spec = definitions.elements[use.reference] else { return }
            check(segment.bytes[range], spec: spec, at: at)
        }
        for (offset, use) in uses.enumerated() where use.requirement == .mandatory && !present[offset] {
            errors.append(X12Error(.mandatoryElementMissing, at: location(index, element: offset + 1)))
        }
        for note in definition.syntaxNotes { check(note, present: present, segment: index) }
    }

    /// X12 syntax notes: AK403 2 for a conditionally required element that is missing, 10 for an exclusion.
    private mutating func check(_ note: X12SyntaxNote, present: [Bool], segment index: Int) {
        func isPresent(_ position: Int) -> Bool { position >= 1 && position <= present.count && present[position - 1] }
        let here = note.positions.filter(isPresent)
        func missing(_ positions: [Int]) {
            for position in positions where !isPresent(position) {
                errors.append(X12Error(.conditionalElementMissing, at: location(index, element: position)))
            }
        }
        switch note.kind {
        case .paired:
            if !here.isEmpty { missing(note.positions) }
        case .required:
            if here.isEmpty, let first = note.positions.first {
                errors.append(X12Error(.conditionalElementMissing, at: location(index, element: first)))
            }
        case .exclusion:
            if here.count > 1 { errors.append(X12Error(.exclusionViolated, at: location(index, element: here[1]))) }
        case .conditional:
            if let first = note.positions.first, isPresent(first) { missing(Array(note.positions.dropFirst())) }
        case .listConditional:
            if let first = note.positions.first, isPresent(first), here.count == 1, note.positions.count > 1 {
                errors.append(X12Error(.conditionalElementMissing, at: location(index, element: note.positions[1])))
            }
        }
    }

    private mutating func check(_ value: ArraySlice<UInt8>, spec: X12ElementDefinition, at location: X12Location) {
        let length: Int
        switch spec.type {
        case .n, .n0, .n1, .n2, .n3, .n4, .n5, .n6:
            guard X12Syntax.isNumeric(value) else {
                errors.append(X12Error(.invalidCharacter, at: location))
                return
            }
            length = X12Syntax.significantLength(value)
        case .decimal:
            guard X12Syntax.isDecimal(value) else {
                errors.append(X12Error(.invalidCharacter, at: location))
                return
            }
            length = X12Syntax.significantLength(value)
        case .date:
            let text = String(decoding: value, as: UTF8.self)
            if !X12Syntax.isDate(text) { errors.append(X12Error(.invalidDate, at: location)) }
            return
        case .time:
            let text = String(decoding: value, as: UTF8.self)
            if !X12Syntax.isTime(text) { errors.append(X12Error(.invalidTime, at: location)) }
            return
        default:
            length = value.count
            if value.contains(where: { $0 < 0x20 }) {
                errors.append(X12Error(.invalidCharacter, at: location))
                return
            }
        }
        if spec.type == .id, let codes = spec.codes {
            var text = String(decoding: value, as: UTF8.self)
            while text.last == " " { text.removeLast() }
            if !codes.contains(text) {
                errors.append(X12Error(.invalidCodeValue(text), at: location))
                return
            }
        }
        if length < spec.minLength {
            errors.append(X12Error(.elementTooShort, at: location))
        } else if length > spec.maxLength {
            errors.append(X12Error(.elementTooLong, at: location))
        }
    }
}
