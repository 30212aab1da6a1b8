/// What went wrong reading or checking X12, and exactly where. The same value is thrown when input cannot be read
/// at all and collected as a diagnostic when a check behind a TA1/997/999 fails (the reader goes on).
public struct X12Error: Error, Hashable, Sendable {
    public var kind: Kind
    public var location: X12Location

    public init(_ kind: Kind, at location: X12Location) {
        self.kind = kind
        self.location = location
    }

    public init(_ kind: Kind, at byteOffset: Int) {
        self.init(kind, at: X12Location(byteOffset: byteOffset))
    }

    public var byteOffset: Int { location.byteOffset }

    /// Why a byte sequence is not an interchange at all (exit code 2, no acknowledgement possible).
    public enum NotAnInterchangeReason: String, Hashable, Sendable {
        case empty = "the input is empty"
        case noISA = "the input does not start with an ISA segment"
        case shortISA = "the ISA segment is cut short: fewer than 16 elements or no segment terminator"
        case badElementSeparator = "the byte after ISA cannot be an element separator"
        case clashingDelimiters = "the ISA declares the same byte for two different delimiters"
    }

    public enum Kind: Hashable, Sendable {
        // Reading: the input cannot be an interchange.
        case notAnInterchange(NotAnInterchangeReason)
        /// Bytes after an IEA that are neither whitespace, 0x1A nor another ISA.
        case unexpectedDataAfterInterchange
        /// Input stops inside a segment: no segment terminator.
        case unterminatedSegment
        /// A segment longer or an element count larger than `X12ReadOptions` allows.
        case limitExceeded(String)
        /// The byte source failed (a read error), so the rest of the input is unknown.
        case unreadableInput(String)

        // Interchange (TA1 note code in `code`).
        case isaLength(Int)
        case isaElement(position: Int, reason: String)
        case interchangeControlMismatch(header: String, trailer: String)
        case groupCountMismatch(declared: String, counted: Int)
        case missingIEA
        case duplicateInterchangeControl(String)
        case segmentOutsideGroup(String)

        // Functional group (AK905).
        case missingGE
        case groupControlMismatch(header: String, trailer: String)
        case setCountMismatch(declared: String, counted: Int)
        case groupHeaderElement(position: Int, reason: String)
        case unsupportedVersion(String)
        case duplicateGroupControl(String)

        // Transaction set (AK502 / IK502).
        case missingSE
        case setControlMismatch(header: String, trailer: String)
        case segmentCountMismatch(declared: String, counted: Int)
        case duplicateSetControl(String)
        case setDoesNotFitGroup(setID: String, functionalID: String)
        case unsupportedTransactionSet(String)

        // Segment (AK304 / IK304).
        case unrecognizedSegmentID
        case unexpectedSegment
        case mandatorySegmentMissing(String)
        case loopOverMaximum(String)
        case segmentOverMaximumUse
        case segmentNotInDefinedSet
        case segmentOutOfOrder
        case segmentNotUsed

        // Element (AK403 / IK403).
        case mandatoryElementMissing
        case conditionalElementMissing
        case tooManyElements
        case elementTooShort
        case elementTooLong
        case invalidCharacter
        case invalidCodeValue(String)
        case invalidDate
        case invalidTime
        case exclusionViolated
        case tooManyRepetitions
        case tooManyComponents
        case elementNotUsed
        case codeValueNotUsed(String)
    }
}

/// Where in the input an `X12Error` points. Positions follow X12 acknowledgement conventions: `segmentPosition` is
/// 1-based counting from ST (AK301/IK301) inside a set, elements and components are 1-based (AK401/IK401).
public struct X12Location: Hashable, Sendable, Codable {
    /// Offset of the segment (or the byte) in the input, from 0.
    public var byteOffset: Int
    /// 0-based index of the segment in the whole file.
    public var segmentIndex: Int?
    public var segmentID: String?
    /// 1-based position from ST inside a transaction set; nil outside one.
    public var segmentPosition: Int?
    public var elementPosition: Int?
    public var componentPosition: Int?
    public var repetition: Int?
    /// Which envelope the problem belongs to: indices into the document (0-based).
    public var interchange: Int?
    public var group: Int?
    public var set: Int?

    public init(
        byteOffset: Int, segmentIndex: Int? = nil, segmentID: String? = nil, segmentPosition: Int? = nil,
        elementPosition: Int? = nil, componentPosition: Int? = nil, repetition: Int? = nil, interchange: Int? = nil,
        group: Int? = nil, set: Int? = nil
    ) {
        self.byteOffset = byteOffset
        self.segmentIndex = segmentIndex
        self.segmentID = segmentID
        self.segmentPosition = segmentPosition
        self.elementPosition = elementPosition
        self.componentPosition = componentPosition
        self.repetition = repetition
        self.interchange = interchange
        self.group = group
        self.set = set
    }
}
