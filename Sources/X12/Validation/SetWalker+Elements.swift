/// A walker's element checks: types, lengths, code lists, delimiters inside values, mandatory elements and syntax
/// notes, found on the document's bytes.
extension SetWalker {
    /// Element checks for one segment, in one pass over its bytes: each byte's class (separator, component,
    /// repetition, control) is looked up once, so an element's value is scanned again only for its type. A
    /// location (and its strings) is only made for an element that has a problem.
    mutating func checkElements(_ index: Int, code: X12SegmentCode) {
        checkElements(index, rule: rules.index(code))
    }

    /// `checkElements(_:code:)` with the code's rule found (`X12SegmentRules.Unsafe.index`), -1 for none.
    mutating func checkElements(_ index: Int, rule ruleIndex: Int) {
        guard ruleIndex >= 0 else { return }
        let definition = rules.segments[ruleIndex]
        let range = ranges[index]
        // A segment that passed before, byte for byte, passes again.
        var hash: UInt64 = 0
        if let cleanSegments {
            hash = X12CleanSegments.hash(range, in: bytes)
            if cleanSegments.pointee.contains(hash, range, in: bytes) { return }
        }
        // Most segments have nothing wrong and no delimiter inside a value: one quick pass says so, and only the
        // others are checked in detail (which then finds every problem, in order).
        if Self.isClean(
            range, in: bytes, classes: classes, definition: definition, ruleIndex: ruleIndex, rules: rules,
            codeLists: codeLists, notesPassed: notesPassed)
        {
            cleanSegments?.pointee.insert(hash, range, in: bytes)
            return
        }
        checkElementsInDetail(index, ruleIndex: ruleIndex, definition: definition)
    }

    /// `checkElements` for a segment the quick pass did not find clean: every problem, in order. Apart, so that
    /// the quick answers for the usual segment are a small function (this one's frame is large).
    @inline(never)
    private mutating func checkElementsInDetail(_ index: Int, ruleIndex: Int, definition: X12SegmentRules.Segment) {
        let range = ranges[index]
        let bytes = self.bytes
        let classes = self.classes
        let elements = rules.elements
        let firstRule = definition.elements.lowerBound
        let useCount = definition.elements.count
        var present: UInt64 = 0
        var position = 0
        var start = range.lowerBound
        var flags: UInt8 = 0
        /// The element from `start` to `end` (a separator or the segment's end) is complete.
        @inline(__always)
        func close(at end: Int) {
            guard position > 0, start < end else { return }
            if position > useCount {
                errors.append(X12Error(.tooManyElements, at: location(index, element: position, byteOffset: start)))
                return
            }
            if position <= 64 { present |= 1 << UInt64(position &- 1) }
            let rule = elements[firstRule &+ position &- 1]
            let length = end &- start
            // The common case inline: plain text that needs at most a length check.
            if flags == 0, rule.isPlain {
                if rule.checksLength, length < rule.minLength || length > rule.maxLength {
                    let kind: X12Error.Kind = length < rule.minLength ? .elementTooShort : .elementTooLong
                    errors.append(X12Error(kind, at: location(index, element: position, byteOffset: start)))
                }
            } else if let kind = Self.problem(
                UnsafeBufferPointer(rebasing: bytes[start..<end]), flags: flags, rule: rule, codeLists: codeLists)
            {
                errors.append(X12Error(kind, at: location(index, element: position, byteOffset: start)))
            }
        }
        // Sixteen bytes at a time: one mask of the marked bytes (delimiters, control bytes), each marked byte then
        // taken from the mask, lowest first.
        var chunk = range.lowerBound
        while chunk < range.upperBound {
            let (separators, others) = classes.classify16(bytes, at: chunk, to: range.upperBound)
            var marked = separators | others
            while marked != 0 {
                let offset = chunk &+ marked.trailingZeroBitCount
                marked &= marked &- 1
                let byteClass = classes[bytes[offset]]
                if byteClass & X12ByteClasses.separator != 0 {
                    close(at: offset)
                    position &+= 1
                    start = offset &+ 1
                    flags = 0
                } else {
                    flags |= byteClass
                }
            }
            chunk &+= 16
        }
        close(at: range.upperBound)
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
        // The notes depend on nothing but the elements present: a pattern that passed them once passes again.
        // `notesPassed` starts at all ones, which no segment of fewer than 64 elements can have present.
        guard !definition.notes.isEmpty, useCount >= 64 || notesPassed[ruleIndex] != present else { return }
        var passes = true
        for note in definition.notes {
            let rule = rules.notes[note]
            let faults = rule.faults(present: present)
            if faults != 0 {
                passes = false
                report(rule, faults: faults, segment: index)
            }
        }
        if passes { notesPassed[ruleIndex] = present }
    }

    /// What is wrong with one element on the document's bytes, by its flattened rule (not used, repetitions,
    /// components, type, code list, length); `flags` are the byte classes seen in the value. Static: a method on
    /// the walker would copy it (all of it) for every element, as `checkElements` holds it `inout`.
    static func problem(
        _ value: UnsafeBufferPointer<UInt8>, flags: UInt8, rule: X12SegmentRules.Element,
        codeLists: UnsafeBufferPointer<X12SegmentRules.CodeList>
    ) -> X12Error.Kind? {
        if rule.requirement == .notUsed { return .elementNotUsed }
        if flags == 0, rule.type == .alphanumeric || !rule.hasSpec || rule.isComposite {
            // The common case: plain text, nothing to scan again.
            guard rule.hasSpec, !rule.isComposite else { return nil }
            if value.count < rule.minLength { return .elementTooShort }
            if value.count > rule.maxLength { return .elementTooLong }
            return nil
        }
        if rule.repeatsOnce, flags & X12ByteClasses.repetition != 0 { return .tooManyRepetitions }
        if rule.isComposite { return nil }
        if flags & X12ByteClasses.component != 0 { return .tooManyComponents }
        guard rule.hasSpec else { return nil }
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
        if rule.type == .id, rule.codeList >= 0,
            let kind = Self.codeProblem(value, list: codeLists[rule.codeList])
        {
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

    /// Reports what a syntax note found (`X12SegmentRules.Note.faults`): AK403 10 at the second element of an
    /// exclusion, AK403 2 for each conditionally required element that is missing.
    private mutating func report(_ note: X12SegmentRules.Note, faults: UInt64, segment index: Int) {
        if note.kind == .exclusion {
            errors.append(
                X12Error(.exclusionViolated, at: location(index, element: faults.trailingZeroBitCount + 1)))
            return
        }
        var missing = faults
        while missing != 0 {
            let position = missing.trailingZeroBitCount + 1
            errors.append(X12Error(.conditionalElementMissing, at: location(index, element: position)))
            missing &= missing - 1
        }
    }
}
