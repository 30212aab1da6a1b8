/// Reads the fixed-width ISA that opens an interchange: its delimiters, its header and the problems of its fields
/// (TA1 notes). Shared by `X12Document` and `X12StreamReader`, so both see the same interchange the same way.
struct X12ISAReader {
    var header: ISAHeader
    var delimiters: X12Delimiters
    /// Offset of the segment terminator in the bytes read.
    var terminatorOffset: Int
    /// ISA length and field problems, located in file coordinates.
    var errors: [X12Error] = []

    private static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

    /// Reads the ISA at `start` in `bytes`, whose first byte sits at `byteBase` in the file. `bytes` must hold at
    /// least `options.maximumISALength + 3` bytes from `start` unless the input ends sooner.
    init(
        _ bytes: [UInt8], at start: Int, byteBase: Int, segmentIndex: Int, interchangeIndex: Int,
        options: X12ReadOptions
    ) throws(X12Error) {
        let count = bytes.count
        guard start + 4 <= count else { throw X12Error(.notAnInterchange(.shortISA), at: byteBase + start) }
        let elementSeparator = bytes[start + 3]
        if X12Delimiters.isAlphanumeric(elementSeparator) || elementSeparator == 0x20 || elementSeparator == 0x0A
            || elementSeparator == 0x0D
        {
            throw X12Error(.notAnInterchange(.badElementSeparator), at: byteBase + start + 3)
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
            throw X12Error(.notAnInterchange(.shortISA), at: byteBase + start)
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
            throw X12Error(.notAnInterchange(.clashingDelimiters), at: byteBase + terminatorOffset)
        }
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
        self.header = header
        self.delimiters = delimiters
        self.terminatorOffset = terminatorOffset
        let isaLocation = X12Location(
            byteOffset: byteBase + start, segmentIndex: segmentIndex, segmentID: "ISA", interchange: interchangeIndex)
        // Fixed width: the ISA is 106 bytes, each element padded to its width.
        let length = terminatorOffset + 1 - start
        if length != 106 { errors.append(X12Error(.isaLength(length), at: isaLocation)) }
        for position in 1...16 where field(position).count != Self.isaWidths[position - 1] {
            var location = isaLocation
            location.elementPosition = position
            location.byteOffset = byteBase + field(position).lowerBound
            errors.append(
                X12Error(
                    .isaElement(
                        position: position,
                        reason: "is \(field(position).count) characters wide, expected \(Self.isaWidths[position - 1])"),
                    at: location))
        }
        checkContent(header, location: isaLocation) { byteBase + field($0).lowerBound }
    }

    private mutating func checkContent(_ header: ISAHeader, location: X12Location, offset: (Int) -> Int) {
        func report(_ position: Int, _ reason: String) {
            var where_ = location
            where_.elementPosition = position
            where_.byteOffset = offset(position)
            errors.append(X12Error(.isaElement(position: position, reason: reason), at: where_))
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
