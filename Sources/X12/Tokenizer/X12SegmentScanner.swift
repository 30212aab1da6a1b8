/// The byte loops of reading, shared by `X12Document` (the whole input at once) and `X12StreamReader` (a window of
/// it at a time): splitting an interchange's body into segments, telling envelope segments apart, skipping filler.
enum X12SegmentScanner {
    struct Scan {
        var ranges: [Range<Int>] = []
        /// Offsets in `ranges` of the segments whose `envelopeTag` is not `other`, ascending.
        var envelopes: [Int] = []
        /// Offset after the last byte consumed (after IEA and its line break, or the input's end).
        var end = 0
        var sawIEA = false
        var unterminated = false
        var tooLong = false
        /// Whitespace after terminators other than one line break, offsets in the buffer.
        var spacing = X12SpacingTally()
        /// The buffer ended inside a segment (or too close to tell an ISA) and more input may follow: read more
        /// and scan again from `end`. Only when the scan was not final.
        var needsMore = false
    }

    /// The hot loop of reading: splits one interchange's body into segment ranges, up to and including IEA or up to
    /// an ISA that starts the next interchange. Whitespace (space, tab, CR, LF) between a terminator and the next
    /// segment ID is skipped, and tallied in `spacing` unless it is one line break; nothing is skipped after IEA
    /// (the caller takes its line break). When `isFinal` is false the buffer is a prefix of the input: a segment,
    /// or a run of whitespace, cut by its end is left for the next scan (`needsMore`), so that scanning a stream
    /// window by window finds exactly the segments and whitespace one scan of the whole input finds.
    static func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, terminator: UInt8, elementSeparator: UInt8, limit: Int,
        isFinal: Bool = true
    ) -> Scan {
        var ranges: [Range<Int>] = []
        // Room for the segments of the buffer (real ones average 20–40 bytes): growing one append at a time
        // copies the array at each doubling.
        ranges.reserveCapacity((buffer.count &- start) / 24 &+ 16)
        var envelopes: [Int] = []
        var scan = scan(
            buffer, from: start, terminator: terminator, elementSeparator: elementSeparator, limit: limit,
            isFinal: isFinal, into: &ranges, envelopes: &envelopes)
        scan.ranges = ranges
        scan.envelopes = envelopes
        return scan
    }

    /// `scan` appending the segment ranges to `ranges` (the returned `Scan` has none): a document appends to its
    /// own array instead of copying a second one. The index in `ranges` of each segment whose `envelopeTag` is
    /// not `other` goes to `envelopes`, in order.
    static func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, terminator: UInt8, elementSeparator: UInt8, limit: Int,
        isFinal: Bool = true, into ranges: inout [Range<Int>], envelopes: inout [Int]
    ) -> Scan {
        // Ranges are gathered a batch at a time and appended together: one append per segment would ask whether
        // the array is uniquely referenced and has room, each time.
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 512) { batch in
            scan(
                buffer, from: start, terminator: terminator, elementSeparator: elementSeparator, limit: limit,
                isFinal: isFinal, into: &ranges, envelopes: &envelopes, batch: batch)
        }
    }

    /// `scan(…into:envelopes:)` gathering ranges in `batch` (uninitialised, valid for the call) on their way to
    /// `ranges`.
    private static func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, terminator: UInt8, elementSeparator: UInt8, limit: Int,
        isFinal: Bool, into ranges: inout [Range<Int>], envelopes: inout [Int],
        batch: UnsafeMutableBufferPointer<Range<Int>>
    ) -> Scan {
        var scan = Scan()
        let count = buffer.count
        var position = start
        let batchCapacity = batch.count
        guard let batch = batch.baseAddress else { return scan }
        var pending = 0
        func flush() {
            ranges.append(contentsOf: UnsafeBufferPointer(start: batch, count: pending))
            batch.deinitialize(count: pending)
            pending = 0
        }
        defer { flush() }
        @inline(__always) func add(_ range: Range<Int>) {
            (batch + pending).initialize(to: range)
            pending &+= 1
            if pending == batchCapacity { flush() }
        }
        if position < count, !startsSegmentID(buffer[position]) {
            switch skipSpacing(buffer, from: position, limit: limit, isFinal: isFinal, tally: &scan.spacing) {
            case .next(let next): position = next
            case .cut:
                scan.needsMore = true
                scan.end = position
                return scan
            case .tooLong:
                scan.tooLong = true
                scan.end = position
                return scan
            }
        }
        segments: while position < count {
            if !isFinal, position + 3 >= count {
                scan.needsMore = true
                break
            }
            // Another ISA before an IEA (its own delimiters may differ): this interchange lacks its trailer.
            if position + 3 < count, buffer[position] == 0x49, buffer[position + 1] == 0x53,
                buffer[position + 2] == 0x41, !X12Delimiters.isAlphanumeric(buffer[position + 3])
            {
                break
            }
            let searchEnd = min(count, position &+ limit &+ 1)
            let end = find(terminator, in: buffer, from: position, to: searchEnd)
            guard end < searchEnd else {
                if searchEnd < count {
                    scan.tooLong = true
                    scan.end = position
                    return scan
                }
                if !isFinal {
                    scan.needsMore = true
                    break
                }
                // Input ends inside a segment.
                if envelopeTag(buffer, position..<count, separator: elementSeparator) != .other {
                    envelopes.append(ranges.count &+ pending)
                }
                add(position..<count)
                scan.unterminated = true
                position = count
                break
            }
            // GS, GE, ST, SE and TA1 start with G, S or T: only those are told apart, while their bytes are at hand.
            let first = buffer[position]
            if first == 0x47 || first == 0x53 || first == 0x54,
                envelopeTag(buffer, position..<end, separator: elementSeparator) != .other
            {
                envelopes.append(ranges.count &+ pending)
            }
            add(position..<end)
            let isIEA =
                end - position >= 3 && buffer[position] == 0x49 && buffer[position + 1] == 0x45
                && buffer[position + 2] == 0x41 && (end - position == 3 || buffer[position + 3] == elementSeparator)
            position = end &+ 1
            if isIEA {
                scan.sawIEA = true
                break
            }
            // The layouts of nearly every file: the next ID right after the terminator, or after one LF or CR LF.
            if position < count {
                let next = buffer[position]
                if startsSegmentID(next) { continue }
                if next == 0x0A, position &+ 1 < count, startsSegmentID(buffer[position &+ 1]) {
                    position &+= 1
                    continue
                }
                if next == 0x0D, position &+ 2 < count, buffer[position &+ 1] == 0x0A,
                    startsSegmentID(buffer[position &+ 2])
                {
                    position &+= 2
                    continue
                }
            }
            switch skipSpacing(buffer, from: position, limit: limit, isFinal: isFinal, tally: &scan.spacing) {
            case .next(let next): position = next
            case .cut:
                scan.needsMore = true
                break segments
            case .tooLong:
                scan.tooLong = true
                scan.end = position
                return scan
            }
        }
        if !isFinal, !scan.sawIEA, position >= count { scan.needsMore = true }
        scan.end = position
        return scan
    }

    /// `X12ByteSearch.firstIndex`.
    @inline(__always)
    static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        X12ByteSearch.firstIndex(of: byte, in: buffer, from: from, to: to)
    }

    /// Where reading goes on after a run of whitespace.
    enum SpacingEnd {
        /// At this offset, after the run.
        case next(Int)
        /// The run reaches the end of a buffer that is not final: it is scanned again, whole, with the next window.
        case cut
        /// The run is longer than a segment may be: a stream would rescan it window after window.
        case tooLong
    }

    /// The slow path, after a terminator not followed by a segment ID's first letter or one line break and one:
    /// skips the whitespace run at `start`, tallying it in `tally` unless it is one line break. A function of its
    /// own, not a closure over the hot loop's variables, and out of line: the loop pays for it only when called.
    @inline(never)
    static func skipSpacing(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, isFinal: Bool,
        tally: inout X12SpacingTally
    ) -> SpacingEnd {
        let end = spacingEnd(buffer, from: start, limit: limit)
        if end &- start > limit { return .tooLong }
        if end == buffer.count, !isFinal { return .cut }
        if end > start, !isLineBreak(buffer, start..<end) {
            tally.add(UnsafeBufferPointer(rebasing: buffer[start..<end]), at: start)
        }
        return .next(end)
    }

    /// Segment IDs start with an upper-case letter: after a terminator, the one test of the common case.
    @inline(__always)
    static func startsSegmentID(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

    /// The end of the run of spaces, tabs, CRs and LFs at `start`, looking no further than `limit` + 1 bytes.
    static func spacingEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var position = start
        let end = min(buffer.count, start &+ limit &+ 1)
        while position < end {
            let byte = buffer[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            position &+= 1
        }
        return position
    }

    /// Is `range` exactly one line break: LF, CR or CR LF?
    static func isLineBreak(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        switch range.count {
        case 1: return buffer[range.lowerBound] == 0x0A || buffer[range.lowerBound] == 0x0D
        case 2: return buffer[range.lowerBound] == 0x0D && buffer[range.lowerBound + 1] == 0x0A
        default: return false
        }
    }

    /// The offset after the line break (LF, CR or CR LF) at `start`, if one is there: the one after IEA belongs to
    /// its interchange. Nil when the bytes end on a CR that a following LF could belong to and more may come.
    static func lineBreakEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool) -> Int? {
        guard start < buffer.count else { return isFinal ? start : nil }
        switch buffer[start] {
        case 0x0A: return start + 1
        case 0x0D:
            if start + 1 < buffer.count { return buffer[start + 1] == 0x0A ? start + 2 : start + 1 }
            return isFinal ? start + 1 : nil
        default: return start
        }
    }

    /// Whitespace, NUL and the DOS end-of-file byte 0x1A tolerated before, between and after interchanges.
    static func isFiller(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x1A || byte == 0x00
    }

    /// Which envelope segment (if any) the segment at `range` is, from its first bytes.
    @inline(__always)
    static func envelopeTag(_ bytes: [UInt8], _ range: Range<Int>, separator: UInt8) -> X12EnvelopeTag {
        bytes.withUnsafeBufferPointer { envelopeTag($0, range, separator: separator) }
    }

    @inline(__always)
    static func envelopeTag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, separator: UInt8)
        -> X12EnvelopeTag
    {
        let length = range.count
        guard length >= 2 else { return .other }
        let first = bytes[range.lowerBound]
        let second = bytes[range.lowerBound + 1]
        let endsAfterTwo = length == 2 || bytes[range.lowerBound + 2] == separator
        if endsAfterTwo {
            switch (first, second) {
            case (0x47, 0x53): return .gs
            case (0x53, 0x54): return .st
            case (0x53, 0x45): return .se
            case (0x47, 0x45): return .ge
            default: return .other
            }
        }
        if length >= 3, first == 0x54, second == 0x41, bytes[range.lowerBound + 2] == 0x31,
            length == 3 || bytes[range.lowerBound + 3] == separator
        {
            return .ta1
        }
        return .other
    }
}

/// The envelope segments the envelope walk reacts to; every other segment is `other`.
enum X12EnvelopeTag { case gs, st, se, ge, ta1, other }
