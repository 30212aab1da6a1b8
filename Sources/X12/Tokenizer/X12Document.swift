/// A tokenized X12 file: the input bytes, one offset range per segment, and the envelope tree over them. Reading
/// never stops at the first envelope problem: those are collected in `envelopeErrors` for TA1/997/999. Only input
/// that cannot be an interchange at all throws.
public struct X12Document: Sendable {
    public let bytes: [UInt8]
    /// Segment byte ranges, ID start to terminator (exclusive), in input order.
    public internal(set) var segmentRanges: [Range<Int>] = []
    /// Which interchange each segment belongs to.
    public internal(set) var segmentInterchange: [Int] = []
    public internal(set) var interchanges: [X12Interchange] = []
    /// Delimiters per interchange, kept apart so that reading a segment copies no envelope values.
    private var interchangeDelimiters: [X12Delimiters] = []
    /// Interchange, group and set problems found while reading (counts, control numbers, trailers, ISA fields).
    public internal(set) var envelopeErrors: [X12Error] = []

    public init(bytes: [UInt8], options: X12ReadOptions = X12ReadOptions()) throws(X12Error) {
        self.bytes = bytes
        // Real segments average 20–40 bytes; reserving avoids most regrowth copies.
        segmentRanges.reserveCapacity(bytes.count / 24 + 4)
        segmentInterchange.reserveCapacity(bytes.count / 24 + 4)
        try tokenize(options: options)
        for index in interchanges.indices { buildEnvelopes(interchange: index) }
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
        segmentInterchange = Array(repeating: 0, count: count)
        interchangeDelimiters = [delimiters]
        var localSet = set
        localSet.trailerIndex = localSet.trailerIndex.map { $0 - localSet.segments.lowerBound }
        localSet.segments = 0..<count
        var localGroup = group
        localGroup.sets = [localSet]
        localGroup.headerIndex = 0
        localGroup.trailerIndex = nil
        interchanges = [
            X12Interchange(
                delimiters: delimiters, header: header, groups: [localGroup], segments: 0..<count,
                trailerIndex: nil, looseSegments: [], byteRange: 0..<byteCount)
        ]
    }

    public var segmentCount: Int { segmentRanges.count }

    public func delimiters(ofSegment index: Int) -> X12Delimiters { interchangeDelimiters[segmentInterchange[index]] }

    public func segment(_ index: Int) -> X12Segment {
        X12Segment(
            bytes: bytes, range: segmentRanges[index],
            delimiters: interchangeDelimiters[segmentInterchange[index]], index: index)
    }

    /// The segments of a transaction set, ST through SE.
    public func segments(of set: X12TransactionSet) -> [X12Segment] { set.segments.map { segment($0) } }

    // MARK: Tokenizing

    private mutating func tokenize(options: X12ReadOptions) throws(X12Error) {
        let count = bytes.count
        var position = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        while true {
            while position < count, X12SegmentScanner.isFiller(bytes[position]) { position += 1 }
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

    /// Reads one interchange starting at its ISA; returns the offset after it.
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
        segmentInterchange.append(interchangeIndex)
        let firstSegment = segmentRanges.count - 1
        let input = bytes
        let scan = input.withUnsafeBufferPointer { buffer in
            X12SegmentScanner.scan(
                buffer, from: terminatorOffset + 1, terminator: delimiters.segment,
                elementSeparator: delimiters.element,
                limit: options.maximumSegmentLength, into: &segmentRanges)
        }
        if scan.tooLong {
            throw X12Error(.limitExceeded("segment longer than \(options.maximumSegmentLength) bytes"), at: scan.end)
        }
        segmentInterchange.append(
            contentsOf: repeatElement(interchangeIndex, count: segmentRanges.count - segmentInterchange.count))
        let position = scan.end
        let ended = scan.sawIEA
        let trailerIndex: Int? = ended ? segmentRanges.count - 1 : nil
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
        interchangeDelimiters.append(delimiters)
        interchanges.append(
            X12Interchange(
                delimiters: delimiters, header: isa.header, groups: [], segments: firstSegment..<segmentRanges.count,
                trailerIndex: trailerIndex, looseSegments: [], byteRange: start..<position))
        return position
    }
}
