/// Reads X12 from a byte source a chunk at a time and hands out one transaction set at a time with its envelopes,
/// so that memory stays bounded by the chunk size plus the largest set, whatever the file size or the number of
/// interchanges, groups and sets.
///
/// It finds exactly what `X12Document` finds on the whole input: it uses the same ISA reader, segment scanner and
/// envelope walk, fed window by window, and keeps the counts and control numbers across windows (GE01, IEA01,
/// ISA13 = IEA02, GS06 = GE02, ST02 unique in its group, trailers missing at the end, data after IEA, filler
/// between interchanges). Input that cannot be X12 throws, as `X12Document.init` does, when the reader gets to it.
public struct X12StreamReader<Source: X12ByteSource> {
    public let options: X12StreamOptions
    private var source: Source
    /// Input from file offset `base` on; `position` is where reading goes on, as an index into it.
    private var buffer: [UInt8] = []
    private var base = 0
    private var position = 0
    private var sourceEnded = false
    private var finished = false
    /// File-wide index of the next segment.
    private var segmentCount = 0
    private var interchangeCount = 0
    private var open: OpenInterchange? = nil
    private var pendingErrors: [X12Error] = []
    /// What reading stepped over (whitespace between segments, padding after an IEA) and `takeNotes` has not
    /// taken, in input order, as `X12Document.notes` has it: an interchange's whitespace note when it ends, the
    /// padding after it when the next interchange (or the end of input) is reached.
    public private(set) var notes: [X12ReadNote] = []

    /// The notes found since the last call, so that a long stream's notes are not all kept.
    public mutating func takeNotes() -> [X12ReadNote] {
        defer { notes.removeAll() }
        return notes
    }
    /// Events found and not yet handed out, the next one last.
    private var events: [X12StreamEvent] = []

    /// The interchange being read.
    private struct OpenInterchange {
        /// Its index, ISA, delimiters, first segment and offset, which its sets share.
        let shared: X12StreamInterchangeHeader
        var builder: X12EnvelopeBuilder
        /// The GS of the group whose sets were taken last, shared by them.
        var group: X12StreamGroupHeader? = nil
        /// File byte ranges of the segments still needed (the open set, or the last segment), from `firstRetained`.
        var ranges: [Range<Int>] = []
        var firstRetained: Int
        /// Whitespace after its terminators, file offsets.
        var spacing = X12SpacingTally()
    }

    public init(_ source: Source, options: X12StreamOptions = X12StreamOptions()) {
        self.source = source
        self.options = options
        buffer.reserveCapacity(options.chunkSize * 2)
    }

    /// The next set or interchange end, nil after the last one.
    public mutating func next() throws(X12Error) -> X12StreamEvent? {
        // `events` holds what one step of reading found, last first: taking the last moves it out, where reading
        // it by index would copy the set (its document and envelopes) and release it again.
        while events.isEmpty {
            if finished { return nil }
            do {
                if open == nil { try startInterchange() } else { try readSegments() }
            } catch {
                events.reverse()
                throw error
            }
            events.reverse()
        }
        return events.popLast()
    }

    // MARK: Between interchanges

    private mutating func startInterchange() throws(X12Error) {
        if base + position == 0, try available(3) >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
        // Padding after an interchange is noted with its first bytes; it may span refills, which drop what is
        // behind `position`.
        let fillerStart = base + position
        var filler: [UInt8] = []
        while true {
            while position < buffer.count, X12SegmentScanner.isFiller(buffer[position]) {
                if filler.count < X12ReadNote.keptBytes { filler.append(buffer[position]) }
                position += 1
            }
            if position < buffer.count || sourceEnded { break }
            try refill()
        }
        if base + position > fillerStart, interchangeCount > 0 {
            notes.append(
                X12ReadNote(
                    .paddingAfterInterchange, at: fillerStart, skipped: filler,
                    skippedCount: base + position - fillerStart, interchange: interchangeCount - 1))
        }
        guard position < buffer.count else {
            if interchangeCount == 0 { throw X12Error(.notAnInterchange(.empty), at: 0) }
            finished = true
            return
        }
        let offset = base + position
        guard try available(3) >= 3, buffer[position] == 0x49, buffer[position + 1] == 0x53,
            buffer[position + 2] == 0x41
        else {
            if interchangeCount == 0 { throw X12Error(.notAnInterchange(.noISA), at: offset) }
            throw X12Error(.unexpectedDataAfterInterchange, at: offset)
        }
        _ = try available(options.read.maximumISALength + 3)
        let isa = try X12ISAReader(
            buffer, at: position, byteBase: base, segmentIndex: segmentCount, interchangeIndex: interchangeCount,
            options: options.read)
        pendingErrors += isa.errors
        var interchange = OpenInterchange(
            shared: X12StreamInterchangeHeader(
                index: interchangeCount, header: isa.header, delimiters: isa.delimiters, firstSegment: segmentCount,
                startOffset: offset),
            builder: X12EnvelopeBuilder(
                interchangeIndex: interchangeCount, header: isa.header, delimiters: isa.delimiters,
                keepsSets: options.keepsSetOutline, reportsClosedSets: true),
            firstRetained: segmentCount)
        interchange.ranges.append(offset..<(base + isa.terminatorOffset))
        open = interchange
        interchangeCount += 1
        segmentCount += 1
        position = isa.terminatorOffset + 1
    }

    // MARK: Inside an interchange

    private mutating func readSegments() throws(X12Error) {
        guard var interchange = open else { return }
        let delimiters = interchange.shared.delimiters
        let limit = options.read.maximumSegmentLength
        let isFinal = sourceEnded
        let from = position
        let scan = buffer.withUnsafeBufferPointer { bytes in
            X12SegmentScanner.scan(
                bytes, from: from, terminator: delimiters.segment, elementSeparator: delimiters.element, limit: limit,
                isFinal: isFinal)
        }
        if scan.tooLong {
            throw X12Error(.limitExceeded("segment longer than \(limit) bytes"), at: base + scan.end)
        }
        open = nil  // keeps `interchange.ranges` uniquely referenced while it grows
        let firstIndex = segmentCount
        let found = scan.ranges.count
        let scanBase = base
        for range in scan.ranges {
            interchange.ranges.append((scanBase + range.lowerBound)..<(scanBase + range.upperBound))
        }
        segmentCount += found
        interchange.spacing.add(scan.spacing, base: scanBase)
        // The walk reads at most the current segment and the one before it, so every range can be added first.
        // Body segments of an open set are stepped over up to the next envelope segment the scan marked.
        var offset = 0
        var nextMark = 0
        let marks = scan.envelopes
        let trailerOffset = scan.sawIEA ? found - 1 : found
        do {
            // One lookup for the walk: neither the buffer nor the ranges change until it is done.
            let walkLookup = lookup(interchange)
            while offset < found {
                let isTrailer = offset == trailerOffset
                if !isTrailer, interchange.builder.openSet != nil {
                    while nextMark < marks.count, marks[nextMark] < offset { nextMark += 1 }
                    let stop = min(nextMark < marks.count ? marks[nextMark] : found, trailerOffset)
                    if stop > offset {
                        offset = stop
                        continue
                    }
                }
                interchange.builder.consume(firstIndex + offset, isTrailer: isTrailer, in: walkLookup)
                takeClosedSets(&interchange)
                offset += 1
            }
        }
        position = scan.end
        if scan.needsMore {
            if let set = interchange.builder.openSet,
                let start = interchange.ranges[safe: set.segments.lowerBound - interchange.firstRetained]?.lowerBound,
                base + buffer.count - start > options.maximumSetLength
            {
                throw X12Error(
                    .limitExceeded("transaction set longer than \(options.maximumSetLength) bytes"), at: start)
            }
            // Moved, not copied: a copy left here would make `refill` copy the ranges it drops from.
            open = consume interchange
            try refill()
            return
        }
        let lastSegment = segmentCount - 1
        if scan.sawIEA {
            // The line break after IEA belongs to the interchange, even when the chunk ends inside it.
            while true {
                let from = position
                let ended = sourceEnded
                if let end = buffer.withUnsafeBufferPointer({
                    X12SegmentScanner.lineBreakEnd($0, from: from, isFinal: ended)
                }) {
                    position = end
                    break
                }
                open = consume interchange
                try refill()
                guard let refreshed = open.take() else { preconditionFailure("refill keeps the open interchange") }
                interchange = refreshed
            }
        } else {
            if scan.unterminated, let last = interchange.ranges.last {
                pendingErrors.append(
                    X12Error(
                        .unterminatedSegment,
                        at: X12Location(
                            byteOffset: last.lowerBound, segmentIndex: lastSegment,
                            interchange: interchange.shared.index)))
            }
            pendingErrors.append(
                X12Error(
                    .missingIEA,
                    at: X12Location(
                        byteOffset: base + position, segmentIndex: lastSegment, interchange: interchange.shared.index)))
        }
        interchange.builder.finish(
            trailer: scan.sawIEA ? lastSegment : nil, lastSegment: lastSegment, in: lookup(interchange))
        takeClosedSets(&interchange)
        pendingErrors += interchange.builder.errors
        interchange.builder.errors.removeAll()
        if let note = interchange.spacing.note(interchange: interchange.shared.index) { notes.append(note) }
        let summary = X12Interchange(
            delimiters: delimiters, header: interchange.shared.header, groups: interchange.builder.groups,
            segments: interchange.shared.firstSegment..<segmentCount, trailerIndex: scan.sawIEA ? lastSegment : nil,
            looseSegments: interchange.builder.loose, byteRange: interchange.shared.startOffset..<(base + position))
        events.append(
            .interchangeEnd(
                X12StreamInterchange(
                    index: interchange.shared.index, interchange: summary, envelopeErrors: pendingErrors)))
        pendingErrors.removeAll()
    }

    private func lookup(_ interchange: OpenInterchange) -> WindowLookup {
        WindowLookup(
            bytes: buffer, byteBase: base, ranges: interchange.ranges, firstIndex: interchange.firstRetained,
            delimiters: interchange.shared.delimiters)
    }

    /// Turns the sets the envelope walk closed into events, each with the envelope errors found before it.
    private mutating func takeClosedSets(_ interchange: inout OpenInterchange) {
        if !interchange.builder.errors.isEmpty {
            pendingErrors += interchange.builder.errors
            interchange.builder.errors.removeAll(keepingCapacity: true)
        }
        guard !interchange.builder.closedSets.isEmpty else { return }
        // Taken out last first and moved into the events: iterating would copy each set and group.
        var closedSets: [X12EnvelopeBuilder.ClosedSet] = []
        swap(&closedSets, &interchange.builder.closedSets)
        closedSets.reverse()
        while let closed = closedSets.popLast() {
            let first = closed.set.segments.lowerBound - interchange.firstRetained
            let last = closed.set.segments.upperBound - interchange.firstRetained
            let fileRanges = interchange.ranges[first..<last]
            let start = fileRanges[fileRanges.startIndex].lowerBound
            let end = fileRanges[fileRanges.endIndex - 1].upperBound
            let bytes = Array(buffer[(start - base)..<(end - base)])
            let ranges = rebased(fileRanges, by: start)
            // The sets of one group share its header, made when its first set is taken.
            let group: X12StreamGroupHeader
            if let shared = interchange.group, shared.index == closed.groupIndex {
                group = shared
            } else {
                guard let header = interchange.builder.groupHeader(closed.groupIndex) else {
                    preconditionFailure("a closed set has a group")
                }
                group = X12StreamGroupHeader(index: closed.groupIndex, group: header)
                interchange.group = group
            }
            events.append(
                .transactionSet(
                    X12StreamSet(
                        bytes: bytes, ranges: ranges, set: closed.set, setIndex: closed.setIndex,
                        interchange: interchange.shared, group: group, interchangeSegmentCount: segmentCount,
                        byteOffset: start, envelopeErrors: pendingErrors)))
            pendingErrors.removeAll()
        }
        swap(&closedSets, &interchange.builder.closedSets)  // the emptied array, with its capacity, goes back
    }

    // MARK: Input

    /// Makes at least `count` bytes from `position` available unless the input ends first; returns how many are.
    private mutating func available(_ count: Int) throws(X12Error) -> Int {
        while buffer.count - position < count, !sourceEnded { try refill() }
        return buffer.count - position
    }

    /// Drops what is no longer needed, then reads a chunk.
    private mutating func refill() throws(X12Error) {
        var keep = base + position
        if var interchange = open {
            open = nil
            let needed: Int
            if let set = interchange.builder.openSet {
                needed = set.segments.lowerBound
            } else {
                needed = max(interchange.firstRetained, interchange.firstRetained + interchange.ranges.count - 1)
            }
            let drop = needed - interchange.firstRetained
            if drop > 0 {
                interchange.ranges.removeFirst(drop)
                interchange.firstRetained = needed
            }
            if let first = interchange.ranges.first { keep = min(keep, first.lowerBound) }
            open = interchange
        }
        let drop = keep - base
        // Move the kept tail only when that frees at least half the buffer: amortized, a large set is not copied
        // once per chunk.
        if drop > 0, drop >= buffer.count / 2 {
            buffer.removeFirst(drop)
            base += drop
            position -= drop
        }
        do {
            if try source.read(into: &buffer, maximumCount: options.chunkSize) == 0 { sourceEnded = true }
        } catch {
            throw X12Error(error.kind, at: base + buffer.count)
        }
    }
}

/// The segments a stream still holds, by file-wide index, for the envelope walk.
private struct WindowLookup: X12SegmentLookup {
    let bytes: [UInt8]
    let byteBase: Int
    let ranges: [Range<Int>]
    let firstIndex: Int
    let delimiters: X12Delimiters

    private func localRange(_ index: Int) -> Range<Int> {
        let range = ranges[index - firstIndex]
        return (range.lowerBound - byteBase)..<(range.upperBound - byteBase)
    }

    func segment(_ index: Int) -> X12Segment {
        X12Segment(bytes: bytes, range: localRange(index), delimiters: delimiters, index: index)
    }

    func envelopeTag(of index: Int, separator: UInt8) -> X12EnvelopeTag {
        X12SegmentScanner.envelopeTag(bytes, localRange(index), separator: separator)
    }

    func withSegmentBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Result) -> Result {
        let range = localRange(index)
        return bytes.withUnsafeBufferPointer { body($0, range) }
    }
}

/// The ranges moved down by `offset`: copied whole, then changed in place (`map` grows its array as it goes).
private func rebased(_ ranges: ArraySlice<Range<Int>>, by offset: Int) -> [Range<Int>] {
    var result = Array(ranges)
    result.withUnsafeMutableBufferPointer { ranges in
        for index in ranges.indices {
            ranges[index] = (ranges[index].lowerBound &- offset)..<(ranges[index].upperBound &- offset)
        }
    }
    return result
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
