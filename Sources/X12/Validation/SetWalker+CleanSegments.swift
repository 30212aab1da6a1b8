/// The walker's quick answer for the usual segment: nothing wrong with it. One pass over its bytes, eight at a
/// time, finds the element separators; a value holding any other delimiter or a control byte, or any element that
/// fails its check, sends the segment to `checkElements`' detailed pass, which finds every problem in order. So
/// the quick pass only ever says "clean" where the detailed pass would report nothing, and it keeps the same
/// state the detailed pass keeps for a clean segment (`notesPassed`).
extension SetWalker {
    /// Whether the segment at `range` passes every element check of `definition` (rule `ruleIndex`); false also
    /// whenever the quick pass cannot tell (delimiters inside values, 64 or more elements). Static, as the other
    /// helpers of the walk: a method would copy the walker.
    @inline(__always)
    static func isClean(
        _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, classes: X12ByteClasses,
        definition: X12SegmentRules.Segment, ruleIndex: Int, rules: X12SegmentRules.Unsafe,
        codeLists: UnsafeBufferPointer<X12SegmentRules.CodeList>, notesPassed: UnsafeMutableBufferPointer<UInt64>
    ) -> Bool {
        let useCount = definition.elements.count
        let end = range.upperBound
        guard useCount < 64, let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        // Sixteen bytes at a time while sixteen are left in the buffer; the bytes of its last sixteen are read a
        // word at a time, the last word gathered from the bytes left (a stream set's SE ends its window).
        let wholeChunks = bytes.count &- 16
        let wholeWords = bytes.count &- 8
        // Rules are read in place: a rule passed by value is copied whole before its first field is tested.
        guard let ruleBase = rules.elements.baseAddress else { return false }
        let firstRule = definition.elements.lowerBound
        var present: UInt64 = 0
        var position = 0
        var start = range.lowerBound
        var chunk = range.lowerBound
        while chunk < end {
            // One bit per byte from here on.
            var separators: UInt32
            var others: UInt32
            let width: Int
            if chunk <= wholeChunks {
                (separators, others) = classes.classify16(base + chunk)
                width = 16
            } else {
                let word =
                    chunk <= wholeWords
                    ? UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: chunk, as: UInt64.self))
                    : Self.partialWord(raw, from: chunk, to: end)
                let (wordSeparators, wordOthers) = classes.classify(word)
                separators = Self.bitPerByte(wordSeparators)
                others = Self.bitPerByte(wordOthers)
                width = 8
            }
            let left = end &- chunk
            if left < width {
                let valid: UInt32 = (1 << UInt32(left)) &- 1
                separators &= valid
                others &= valid
            }
            if others != 0 { return false }
            while separators != 0 {
                let offset = chunk &+ separators.trailingZeroBitCount
                separators &= separators &- 1
                if position > 0, start < offset {
                    guard position <= useCount,
                        passes(
                            ruleBase + (firstRule &+ position &- 1), bytes: bytes, from: start, to: offset,
                            codeLists: codeLists)
                    else { return false }
                    present |= 1 << UInt64(position &- 1)
                }
                position &+= 1
                start = offset &+ 1
            }
            chunk &+= width
        }
        if position > 0, start < end {
            guard position <= useCount,
                passes(
                    ruleBase + (firstRule &+ position &- 1), bytes: bytes, from: start, to: end, codeLists: codeLists)
            else { return false }
            present |= 1 << UInt64(position &- 1)
        }
        if definition.mandatoryMask & ~present != 0 { return false }
        // The syntax notes, as the detailed pass checks them: a pattern of present elements that passed once
        // passes again.
        guard !definition.notes.isEmpty, notesPassed[ruleIndex] != present else { return true }
        for note in definition.notes where violates(rules.notes[note], present: present) { return false }
        notesPassed[ruleIndex] = present
        return true
    }

    /// A mask with bit 7 of byte `n` set (as `X12ByteClasses.classify` marks bytes) as one with bit `n` set.
    @inline(__always)
    private static func bitPerByte(_ marks: UInt64) -> UInt32 {
        var marks = marks
        var bits: UInt32 = 0
        while marks != 0 {
            bits |= 1 << UInt32(marks.trailingZeroBitCount >> 3)
            marks &= marks &- 1
        }
        return bits
    }

    /// The bytes from `start` up to `end` (fewer than eight) as the low bytes of a little-endian word; the bytes
    /// above are zero, and the caller masks them off.
    @inline(never)
    private static func partialWord(_ raw: UnsafeRawPointer, from start: Int, to end: Int) -> UInt64 {
        var word: UInt64 = 0
        var offset = end &- 1
        while offset >= start {
            word = word << 8 | UInt64(raw.load(fromByteOffset: offset, as: UInt8.self))
            offset &-= 1
        }
        return word
    }

    /// Whether a value with no delimiter or control byte in it passes its rule: what `checkElements` asks of such
    /// a value.
    @inline(__always)
    private static func passes(
        _ rule: UnsafePointer<X12SegmentRules.Element>, bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
        codeLists: UnsafeBufferPointer<X12SegmentRules.CodeList>
    ) -> Bool {
        if rule.pointee.isPlain {
            let length = end &- start
            return !rule.pointee.checksLength || (length >= rule.pointee.minLength && length <= rule.pointee.maxLength)
        }
        return problem(
            UnsafeBufferPointer(rebasing: bytes[start..<end]), flags: 0, rule: rule.pointee, codeLists: codeLists)
            == nil
    }
}
