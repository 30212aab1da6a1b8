/// A tokenized X12 file: the input bytes, one offset range per segment, and the envelope tree over them. Reading
/// never stops at the first envelope problem: those are collected in `envelopeErrors` for TA1/997/999. Only input
/// that cannot be an interchange at all throws.
public struct X12Document: Sendable {
    public let bytes: [UInt8]
    /// Segment byte ranges, ID start to terminator (exclusive), in input order.
    public internal(set) var segmentRanges: [Range<Int>] = []
    /// Which interchange each segment belongs to. Made on request from `laterInterchangeStarts`: one entry per
    /// segment would cost reading a large file a page fault every 512 segments, for a number that changes once per
    /// interchange.
    public var segmentInterchange: [Int] {
        var result: [Int] = []
        result.reserveCapacity(segmentRanges.count)
        var start = 0
        for (offset, next) in (laterInterchangeStarts + [segmentRanges.count]).enumerated() {
            result.append(contentsOf: repeatElement(offset, count: next - start))
            start = next
        }
        return result
    }
    /// The index of the first segment (the ISA) of each interchange after the first, ascending: the first holds the
    /// segments before `laterInterchangeStarts[0]`, interchange `i + 1` those from `laterInterchangeStarts[i]` up to
    /// the next one's. Empty (nothing allocated) for a single interchange, as a stream's set documents are.
    private var laterInterchangeStarts: [Int] = []
    /// The first interchange's delimiters, and those of the others, kept apart from the envelopes so that reading a
    /// segment copies no envelope values.
    private var firstDelimiters = X12Delimiters.standard
    private var laterDelimiters: [X12Delimiters] = []
    /// Per interchange, what its envelope walk found: added to `envelopeErrors` after every interchange's reading
    /// problems, in the order a walk after reading finds them.
    private var walkErrors: [[X12Error]] = []
    public internal(set) var interchanges: [X12Interchange] = []
    /// Interchange, group and set problems found while reading (counts, control numbers, trailers, ISA fields).
    public internal(set) var envelopeErrors: [X12Error] = []
    /// What reading stepped over (whitespace between segments, padding after an IEA), in input order: warnings,
    /// not errors.
    public internal(set) var notes: [X12ReadNote] = []

    public init(bytes: [UInt8], options: X12ReadOptions = X12ReadOptions()) throws(X12Error) {
        self.bytes = bytes
        // Real segments average 20–40 bytes; reserving avoids most regrowth copies. A large file's table is tens
        // of megabytes written once: in 2 MB pages, a 4 KB page fault (and its zeroing) is not taken every 256
        // segments.
        segmentRanges.reserveCapacity(bytes.count / 24 + 4)
        segmentRanges.adviseHugePages()
        try tokenize(options: options)
        for errors in walkErrors { envelopeErrors += errors }
        walkErrors = []
    }

    /// A document over one transaction set cut from a stream (`X12StreamReader`): `bytes` run from its ST to the
    /// end of its last segment, `ranges` index them, and the interchange and group around it are the stream's.
    /// Indices and offsets are local: the ST is segment 0 at byte 0.
    init(
        window bytes: consuming [UInt8], ranges: consuming [Range<Int>], header: ISAHeader, delimiters: X12Delimiters,
        group: consuming X12FunctionalGroup, set: consuming X12TransactionSet
    ) {
        // Consuming: the set, group and arrays are moved in, not copied.
        let count = ranges.count
        let byteCount = bytes.count
        self.bytes = bytes
        segmentRanges = ranges
        firstDelimiters = delimiters
        interchanges = [
            Self.windowInterchange(
                segmentCount: count, byteCount: byteCount, header: header, delimiters: delimiters, group: group,
                set: set)
        ]
    }

    /// The one interchange of a stream set's document (see `init(window:…)`): the set and its group with local
    /// indices (the ST is segment 0), over `segmentCount` segments and `byteCount` bytes.
    private static func windowInterchange(
        segmentCount count: Int, byteCount: Int, header: ISAHeader, delimiters: X12Delimiters,
        group: consuming X12FunctionalGroup, set: consuming X12TransactionSet
    ) -> X12Interchange {
        var localSet = set
        localSet.trailerIndex = localSet.trailerIndex.map { $0 - localSet.segments.lowerBound }
        localSet.segments = 0..<count
        var localGroup = group
        localGroup.sets = [localSet]
        localGroup.headerIndex = 0
        localGroup.trailerIndex = nil
        return X12Interchange(
            delimiters: delimiters, header: header, groups: [localGroup], segments: 0..<count, trailerIndex: nil,
            looseSegments: [], byteRange: 0..<byteCount)
    }

    public var segmentCount: Int { segmentRanges.count }

    public func delimiters(ofSegment index: Int) -> X12Delimiters {
        delimiters(ofInterchange: interchange(ofSegment: index))
    }

    @inline(__always)
    private func delimiters(ofInterchange index: Int) -> X12Delimiters {
        index == 0 ? firstDelimiters : laterDelimiters[index - 1]
    }

    public func segment(_ index: Int) -> X12Segment {
        X12Segment(
            bytes: bytes, range: segmentRanges[index],
            delimiters: delimiters(ofInterchange: interchange(ofSegment: index)),
            index: index)
    }

    /// `segmentInterchange[index]`, trapping as it would for an index out of range.
    @inline(__always)
    private func interchange(ofSegment index: Int) -> Int {
        precondition(index >= 0 && index < segmentRanges.count, "Index out of range")
        if laterInterchangeStarts.isEmpty || index < laterInterchangeStarts[0] { return 0 }
        // The last interchange starting at or before `index`: 1 + the last later start at or before it.
        var low = 0
        var high = laterInterchangeStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if laterInterchangeStarts[middle] <= index { low = middle } else { high = middle }
        }
        return low + 1
    }

    /// The segments of a transaction set, ST through SE.
    public func segments(of set: X12TransactionSet) -> [X12Segment] { set.segments.map { segment($0) } }

    // MARK: Tokenizing

    private mutating func tokenize(options: X12ReadOptions) throws(X12Error) {
        let count = bytes.count
        var position = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        while true {
            let fillerStart = position
            while position < count, X12SegmentScanner.isFiller(bytes[position]) { position += 1 }
            if position > fillerStart, !interchanges.isEmpty {
                notes.append(
                    X12ReadNote(
                        .paddingAfterInterchange, at: fillerStart,
                        skipped: Array(bytes[fillerStart..<min(position, fillerStart + X12ReadNote.keptBytes)]),
                        skippedCount: position - fillerStart, interchange: interchanges.count - 1))
            }
            if position >= count { break }
            guard position + 3 <= count, bytes[position] == 0x49, bytes[position + 1] == 0x53,
                bytes[position + 2] == 0x41
            else {
                if interchanges.isEmpty {
                    throw X12Error(.notAnInterchange(count == 0 ? .empty : .noISA), at: position)
                }
                throw X12Error(.unexpectedDataAfterInterchange, at: position)
            }
            position = try readInterchange(at: position, options: options)
        }
        if interchanges.isEmpty { throw X12Error(.notAnInterchange(.empty), at: 0) }
    }

    /// Reads one interchange starting at its ISA; returns the offset after it. Its envelopes are walked as its
    /// segments are found, 64 KB of input at a time, while their bytes and ranges are still in the cache: the walk
    /// goes back to each GS, ST, SE and GE, which in a large file would each be a cache miss or two.
    private mutating func readInterchange(at start: Int, options: X12ReadOptions) throws(X12Error) -> Int {
        let count = bytes.count
        let interchangeIndex = interchanges.count
        let isa = try X12ISAReader(
            bytes, at: start, byteBase: 0, segmentIndex: segmentRanges.count, interchangeIndex: interchangeIndex,
            options: options)
        envelopeErrors += isa.errors
        let delimiters = isa.delimiters
        let terminatorOffset = isa.terminatorOffset
        segmentRanges.append(start..<terminatorOffset)
        if interchangeIndex > 0 { laterInterchangeStarts.append(segmentRanges.count - 1) }
        let firstSegment = segmentRanges.count - 1
        let input = bytes
        var builder = X12EnvelopeBuilder(
            interchangeIndex: interchangeIndex, header: isa.header, delimiters: delimiters, keepsSets: true,
            reportsClosedSets: false)
        var marked: [Int] = []
        var walked = firstSegment + 1
        var from = terminatorOffset + 1
        var window = 1 << 16
        var scan: X12SegmentScanner.Scan
        var spacing = X12SpacingTally()
        while true {
            // A prefix of the input, scanned as a stream window is: a segment cut by its end waits for the next.
            let windowEnd = min(count, from + window)
            let isFinal = windowEnd == count
            marked.removeAll(keepingCapacity: true)
            scan = input.withUnsafeBufferPointer { buffer in
                X12SegmentScanner.scan(
                    UnsafeBufferPointer(rebasing: buffer[0..<windowEnd]), from: from, terminator: delimiters.segment,
                    elementSeparator: delimiters.element, limit: options.maximumSegmentLength, isFinal: isFinal,
                    into: &segmentRanges, envelopes: &marked)
            }
            if scan.tooLong {
                throw X12Error(
                    .limitExceeded("segment longer than \(options.maximumSegmentLength) bytes"), at: scan.end)
            }
            // Every segment found but the IEA, which the walk takes last, as the trailer.
            let upper = segmentRanges.count - (scan.sawIEA ? 1 : 0)
            segmentRanges.withUnsafeBufferPointer { ranges in
                let lookup = RangesLookup(bytes: input, ranges: ranges, delimiters: delimiters)
                Self.walk(&builder, segments: walked..<upper, marked: marked, in: lookup)
            }
            walked = upper
            spacing.add(scan.spacing, base: 0)
            if !scan.needsMore { break }
            // A window that held no whole segment: the next one is larger.
            if scan.end == from { window *= 2 }
            from = scan.end
        }
        let lastSegment = segmentRanges.count - 1
        let trailer: Int? = scan.sawIEA ? lastSegment : nil
        segmentRanges.withUnsafeBufferPointer { ranges in
            let lookup = RangesLookup(bytes: input, ranges: ranges, delimiters: delimiters)
            if let trailer { builder.consume(trailer, isTrailer: true, in: lookup) }
            builder.finish(trailer: trailer, lastSegment: lastSegment, in: lookup)
        }
        walkErrors.append(builder.errors)
        let ended = scan.sawIEA
        // The IEA's line break belongs to the interchange; anything after it is the caller's padding.
        let position =
            ended
            ? input.withUnsafeBufferPointer { X12SegmentScanner.lineBreakEnd($0, from: scan.end, isFinal: true) }
                ?? scan.end : scan.end
        if let note = spacing.note(interchange: interchangeIndex) { notes.append(note) }
        let trailerIndex = trailer
        if scan.unterminated {
            envelopeErrors.append(
                X12Error(
                    .unterminatedSegment,
                    at: X12Location(
                        byteOffset: segmentRanges[segmentRanges.count - 1].lowerBound,
                        segmentIndex: segmentRanges.count - 1, interchange: interchangeIndex)))
        }
        if !ended {
            envelopeErrors.append(
                X12Error(
                    .missingIEA,
                    at: X12Location(
                        byteOffset: min(position, count), segmentIndex: segmentRanges.count - 1,
                        interchange: interchangeIndex)))
        }
        if interchangeIndex == 0 { firstDelimiters = delimiters } else { laterDelimiters.append(delimiters) }
        interchanges.append(
            X12Interchange(
                delimiters: delimiters, header: isa.header, groups: builder.groups,
                segments: firstSegment..<segmentRanges.count, trailerIndex: trailerIndex,
                looseSegments: builder.loose, byteRange: start..<position))
        return position
    }

    /// Feeds `builder` the segments in `segments` (none of them the IEA), stepping over the body segments of an
    /// open set: the walk has nothing to do for those. `marked` holds the indices (ascending) of the segments
    /// whose `envelopeTag` is not `other`; those, and every segment outside a set, are consumed.
    private static func walk(
        _ builder: inout X12EnvelopeBuilder, segments: Range<Int>, marked: [Int], in lookup: RangesLookup
    ) {
        var index = segments.lowerBound
        var nextMark = 0
        while index < segments.upperBound {
            if builder.openSet != nil {
                while nextMark < marked.count, marked[nextMark] < index { nextMark += 1 }
                let stop = nextMark < marked.count ? min(marked[nextMark], segments.upperBound) : segments.upperBound
                if stop > index {
                    index = stop
                    continue
                }
            }
            builder.consume(index, isTrailer: false, in: lookup)
            index += 1
        }
    }
}

/// The segments found so far, for the envelope walk while tokenizing: the input and the ranges as pointers, valid
/// while the walk runs.
private struct RangesLookup: X12SegmentLookup {
    let bytes: [UInt8]
    let ranges: UnsafeBufferPointer<Range<Int>>
    let delimiters: X12Delimiters

    var byteBase: Int { 0 }

    func segment(_ index: Int) -> X12Segment {
        X12Segment(bytes: bytes, range: ranges[index], delimiters: delimiters, index: index)
    }

    func envelopeTag(of index: Int, separator: UInt8) -> X12EnvelopeTag {
        X12SegmentScanner.envelopeTag(bytes, ranges[index], separator: separator)
    }

    func withSegmentBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Result) -> Result {
        let range = ranges[index]
        return bytes.withUnsafeBufferPointer { body($0, range) }
    }
}
