/// The walker's quick answer for the usual segment: nothing wrong with it. One pass over its bytes, sixteen at a
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
        guard useCount < 64 else { return false }
        // Rules are read in place: a rule passed by value is copied whole before its first field is tested.
        guard let ruleBase = rules.elements.baseAddress else { return false }
        let firstRule = definition.elements.lowerBound
        var present: UInt64 = 0
        var position = 0
        var start = range.lowerBound
        var chunk = range.lowerBound
        while chunk < end {
            var (separators, others) = classes.classify16(bytes, at: chunk, to: end)
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
            chunk &+= 16
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
        for note in definition.notes where rules.notes[note].faults(present: present) != 0 { return false }
        notesPassed[ruleIndex] = present
        return true
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
