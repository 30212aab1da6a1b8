import CByteScan
import X12

/// Splitting a segment into its elements by hand: one pass, sixteen bytes a step, storing each range into the
/// fields' own memory without a check.
extension X12SegmentFields {
    /// Loads the segment at `range`, whose ID `code(of:in:separator:)` has read as `code` (the caller keeps it: the
    /// ID's length is all the split needs of it). Not inlined: in the mapper's large loop the scan below
    /// would lose its registers to the stack.
    @inline(never)
    mutating func load(_ range: Range<Int>, separator: UInt8, code: X12SegmentCode) {
        count = 0
        // A code is the whole ID, one to three bytes, the separator (or the segment's end) after it; without one,
        // the ID runs to the first separator.
        var index = range.lowerBound
        if code == .invalid {
            while index < range.upperBound, bytes[index] != separator { index &+= 1 }
        } else {
            index &+= code.rawValue > 0xFFFF ? 3 : code.rawValue > 0xFF ? 2 : 1
        }
        guard index < range.upperBound, let base = bytes.baseAddress else { return }
        // At most one element per byte after the ID, and one more: room for all of them first, so that the loop
        // stores each range without a check, through locals the loop keeps in registers.
        let most = range.upperBound &- index &+ 1
        if most > capacity { reserve(most) }
        let out = ranges
        var loaded = 0
        // Every separator of the segment in one pass, sixteen bytes a step (`dg_match16`, one bit per byte, the
        // segment's last step masked to its bytes) while sixteen are left in the buffer, then byte by byte. Elements
        // are short, so one search per element would cost its setup for a few bytes each time. Each element starts
        // after the one before it ends (`start` never passes a separator found after it): the ranges are made without
        // Range's check.
        var start = index &+ 1
        var position = start
        let end = range.upperBound
        let wholeChunks = bytes.count &- 16
        while position < end, position <= wholeChunks {
            var matches = dg_match16(base + position, separator)
            let left = end &- position
            if left < 16 { matches &= (1 << UInt32(left)) &- 1 }
            while matches != 0 {
                let at = position &+ matches.trailingZeroBitCount
                (out + loaded).initialize(to: Range(uncheckedBounds: (start, at)))
                loaded &+= 1
                start = at &+ 1
                matches &= matches &- 1
            }
            position &+= 16
        }
        while position < end {
            if bytes[position] == separator {
                (out + loaded).initialize(to: Range(uncheckedBounds: (start, position)))
                loaded &+= 1
                start = position &+ 1
            }
            position &+= 1
        }
        (out + loaded).initialize(to: Range(uncheckedBounds: (start, end)))
        count = loaded &+ 1
    }

    /// Room for `minimum` ranges; what was loaded is dropped (`load` calls it before loading any).
    private mutating func reserve(_ minimum: Int) {
        while capacity < minimum { capacity *= 2 }
        ranges.deallocate()
        ranges = .allocate(capacity: capacity)
    }
}
