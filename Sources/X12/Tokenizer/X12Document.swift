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

    private static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

    private mutating func tokenize(options: X12ReadOptions) throws(X12Error) {
        let count = bytes.count
        var position = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        while true {
            while position < count, Self.isFiller(bytes[position]) { position += 1 }
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

    /// Whitespace, NUL and the DOS end-of-file byte 0x1A tolerated before, between and after interchanges.
    private static func isFiller(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x1A || byte == 0x00
    }

    /// Reads one interchange starting at its ISA; returns the offset after it.
    private mutating func readInterchange(at start: Int, options: X12ReadOptions) throws(X12Error) -> Int {
        let count = bytes.count
        guard start + 4 <= count else { throw X12Error(.notAnInterchange(.shortISA), at: start) }
        let elementSeparator = bytes[start + 3]
        if X12Delimiters.isAlphanumeric(elementSeparator) || elementSeparator == 0x20 || elementSeparator == 0x0A
            || elementSeparator == 0x0D
        {
            throw X12Error(.notAnInterchange(.badElementSeparator), at: start + 3)
        }
        // The 16 element separators of the ISA.
        var separators: [Int] = []
        separators.reserveCapacity(16)
        var index = start + 3
        let limit = min(count, start + options.maximumISALength)
        while index < limit, separators.count < 16 {
            if bytes[index] == elementSeparator { separators.append(index) }
            index += 1
        }
        guard separators.count == 16, separators[15] + 2 < count else {
            throw X12Error(.notAnInterchange(.shortISA), at: start)
        }
        let component = bytes[separators[15] + 1]
        let terminatorOffset = separators[15] + 2
        let terminator = bytes[terminatorOffset]
        func field(_ position: Int) -> Range<Int> {
            let end = position == 16 ? separators[15] + 2 : separators[position]
            return (separators[position - 1] + 1)..<end
        }
        let versionBytes = bytes[field(12)]
        let version = String(decoding: versionBytes, as: UTF8.self)
        var repetition: UInt8? = nil
        let isa11 = field(11)
        if isa11.count == 1, version.count == 5, version >= "00402", bytes[isa11.lowerBound] != UInt8(ascii: "U"),
            !X12Delimiters.isAlphanumeric(bytes[isa11.lowerBound])
        {
            repetition = bytes[isa11.lowerBound]
        }
        let delimiters = X12Delimiters(
            element: elementSeparator, component: component, segment: terminator, repetition: repetition)
        guard delimiters.areDistinct else {
            throw X12Error(.notAnInterchange(.clashingDelimiters), at: terminatorOffset)
        }
        let interchangeIndex = interchanges.count
        func text(_ position: Int) -> String {
            var range = field(position)
            while range.upperBound > range.lowerBound, bytes[range.upperBound - 1] == 0x20 {
                range = range.lowerBound..<(range.upperBound - 1)
            }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        let header = ISAHeader(
            authorizationQualifier: text(1), authorization: text(2), securityQualifier: text(3), security: text(4),
            senderQualifier: text(5), senderID: text(6), receiverQualifier: text(7), receiverID: text(8),
            date: text(9), time: text(10), repetitionOrStandards: text(11), version: version,
            controlNumber: text(13), acknowledgmentRequested: text(14), usage: text(15))
        let isaLocation = X12Location(
            byteOffset: start, segmentIndex: segmentRanges.count, segmentID: "ISA", interchange: interchangeIndex)
        // Fixed width: the ISA is 106 bytes, each element padded to its width.
        let length = terminatorOffset + 1 - start
        if length != 106 { envelopeErrors.append(X12Error(.isaLength(length), at: isaLocation)) }
        for position in 1...16 where field(position).count != Self.isaWidths[position - 1] {
            var location = isaLocation
            location.elementPosition = position
            location.byteOffset = field(position).lowerBound
            envelopeErrors.append(
                X12Error(
                    .isaElement(
                        position: position,
                        reason: "is \(field(position).count) characters wide, expected \(Self.isaWidths[position - 1])"),
                    at: location))
        }
        checkISAContent(header, location: isaLocation, field: field)

        segmentRanges.append(start..<terminatorOffset)
        segmentInterchange.append(interchangeIndex)
        let firstSegment = segmentRanges.count - 1
        let scan = bytes.withUnsafeBufferPointer { buffer in
            Self.scanSegments(
                buffer, from: terminatorOffset + 1, terminator: terminator, elementSeparator: elementSeparator,
                limit: options.maximumSegmentLength)
        }
        if scan.tooLong {
            throw X12Error(.limitExceeded("segment longer than \(options.maximumSegmentLength) bytes"), at: scan.end)
        }
        segmentRanges.append(contentsOf: scan.ranges)
        segmentInterchange.append(contentsOf: repeatElement(interchangeIndex, count: scan.ranges.count))
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
                delimiters: delimiters, header: header, groups: [], segments: firstSegment..<segmentRanges.count,
                trailerIndex: trailerIndex, looseSegments: [], byteRange: start..<position))
        return position
    }

    private struct SegmentScan {
        var ranges: [Range<Int>] = []
        /// Offset after the last byte consumed (after IEA and its line break, or the input's end).
        var end = 0
        var sawIEA = false
        var unterminated = false
        var tooLong = false
    }

    /// The hot loop of reading: splits one interchange's body into segment ranges, up to and including IEA or up to
    /// an ISA that starts the next interchange. CR/LF after a terminator are skipped.
    private static func scanSegments(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, terminator: UInt8, elementSeparator: UInt8, limit: Int
    ) -> SegmentScan {
        var scan = SegmentScan()
        let count = buffer.count
        var position = start
        @inline(__always) func skipLineBreaks() {
            while position < count, buffer[position] == 0x0A || buffer[position] == 0x0D { position &+= 1 }
        }
        skipLineBreaks()
        while position < count {
            // Another ISA before an IEA (its own delimiters may differ): this interchange lacks its trailer.
            if position + 3 < count, buffer[position] == 0x49, buffer[position + 1] == 0x53,
                buffer[position + 2] == 0x41, !X12Delimiters.isAlphanumeric(buffer[position + 3])
            {
                break
            }
            let searchEnd = min(count, position &+ limit &+ 1)
            var end = position
            while end < searchEnd, buffer[end] != terminator { end &+= 1 }
            guard end < searchEnd else {
                if searchEnd < count {
                    scan.tooLong = true
                    scan.end = position
                    return scan
                }
                // Input ends inside a segment.
                scan.ranges.append(position..<count)
                scan.unterminated = true
                position = count
                break
            }
            scan.ranges.append(position..<end)
            let isIEA =
                end - position >= 3 && buffer[position] == 0x49 && buffer[position + 1] == 0x45
                && buffer[position + 2] == 0x41 && (end - position == 3 || buffer[position + 3] == elementSeparator)
            position = end &+ 1
            skipLineBreaks()
            if isIEA {
                scan.sawIEA = true
                break
            }
        }
        scan.end = position
        return scan
    }

    private mutating func checkISAContent(
        _ header: ISAHeader, location: X12Location, field: (Int) -> Range<Int>
    ) {
        func report(_ position: Int, _ reason: String) {
            var where_ = location
            where_.elementPosition = position
            where_.byteOffset = field(position).lowerBound
            envelopeErrors.append(X12Error(.isaElement(position: position, reason: reason), at: where_))
        }
        if !X12Syntax.isDate(header.date, digits: 6) { report(9, "is not a valid YYMMDD date") }
        if !X12Syntax.isTime(header.time) || header.time.count != 4 { report(10, "is not a valid HHMM time") }
        if header.version.count != 5 || !X12Syntax.isDigits(header.version) { report(12, "is not a version number") }
        if header.controlNumber.count != 9 || !X12Syntax.isDigits(header.controlNumber) {
            report(13, "is not a nine-digit control number")
        }
        if header.acknowledgmentRequested != "0" && header.acknowledgmentRequested != "1" {
            report(14, "must be 0 or 1")
        }
        if !["P", "T", "I"].contains(header.usage) { report(15, "must be P, T or I") }
    }
}
