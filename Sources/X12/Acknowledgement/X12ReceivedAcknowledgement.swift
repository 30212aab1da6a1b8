/// A 997 or 999 a partner sent us, as read: what it says of one functional group we sent (AK1, AK9) and of each
/// transaction set of it that it names (AK2 with AK5 or IK5), with the errors it reports (AK3/AK4, IK3/IK4, the
/// AK5/IK5 and AK9 codes) as text. The gateway matches it to what it sent by the group's and sets' control numbers.
///
/// A 997 set answers exactly one group (AK1 and AK9 occur once, `TableAcknowledgements`); a set naming no AK2
/// answers the group as a whole.
public struct X12ReceivedAcknowledgement: Hashable, Sendable {
    public var kind: X12Acknowledgement.Kind
    /// ST02 of the acknowledgement itself.
    public var controlNumber: String
    /// AK101: the functional ID of the group it answers (`IB` for an 846, `PR` for an 855).
    public var functionalID: String
    /// AK102: that group's GS06.
    public var groupControl: String
    /// AK901: A, E, P (partially accepted), R, or a security code (M, W, X).
    public var groupCode: String
    /// AK902–AK904 and AK905–AK909 read out (`1 of 1 sets accepted; 5 group control number mismatch`); empty when
    /// the group is accepted whole.
    public var groupErrors: [String]
    public var sets: [SetAnswer]

    /// What it says of one set: AK2 and its AK5 (IK5), with the segment and element errors between them.
    public struct SetAnswer: Hashable, Sendable {
        /// AK201: the set's ST01.
        public var setID: String
        /// AK202: the set's ST02.
        public var controlNumber: String
        /// AK501 (IK501): A, E, R, or M, W, X.
        public var code: String
        /// The AK502–AK506 codes and each AK3/AK4 (IK3/IK4) read out, in order.
        public var errors: [String]

        public init(setID: String, controlNumber: String, code: String, errors: [String]) {
            self.setID = setID
            self.controlNumber = controlNumber
            self.code = code
            self.errors = errors
        }
    }

    public init(
        kind: X12Acknowledgement.Kind, controlNumber: String, functionalID: String, groupControl: String,
        groupCode: String, groupErrors: [String], sets: [SetAnswer]
    ) {
        self.kind = kind
        self.controlNumber = controlNumber
        self.functionalID = functionalID
        self.groupControl = groupControl
        self.groupCode = groupCode
        self.groupErrors = groupErrors
        self.sets = sets
    }

    /// Reads the 997 or 999 set of `context` in `document`. Throws, at the segment concerned, when it is not a
    /// 997 or 999, or lacks what a match needs (AK1 with both elements, an AK2 with both elements, AK5/IK5 and
    /// AK9 with their codes): a set that passed validation against its table has all of them.
    public init(set context: X12SetContext, in document: X12Document) throws(X12Error) {
        let set = context.set
        guard let kind = X12Acknowledgement.Kind(rawValue: set.id) else {
            throw X12Error(.unsupportedTransactionSet(set.id), at: Self.location(set.segments.lowerBound, document))
        }
        self.kind = kind
        controlNumber = set.controlNumber
        var functionalID: String?
        var groupControl: String?
        var groupCode: String?
        var groupErrors: [String] = []
        var sets: [SetAnswer] = []
        var open: SetAnswer?
        /// The segment ID the errors of the current AK3/IK3 loop are about.
        var segmentNote = ""
        func closeSet(at index: Int) throws(X12Error) {
            guard let answer = open else { return }
            guard !answer.code.isEmpty else {
                throw X12Error(
                    .mandatorySegmentMissing(kind == .functional997 ? "AK5" : "IK5"),
                    at: Self.location(index, document))
            }
            sets.append(answer)
            open = nil
        }
        for index in set.segments {
            let segment = document.segment(index)
            switch segment.id {
            case "AK1":
                guard let id = segment[1], let control = segment[2] else {
                    throw X12Error(.mandatoryElementMissing, at: Self.location(index, document))
                }
                functionalID = id
                groupControl = control
            case "AK2":
                try closeSet(at: index)
                guard let id = segment[1], let control = segment[2] else {
                    throw X12Error(.mandatoryElementMissing, at: Self.location(index, document))
                }
                open = SetAnswer(setID: id, controlNumber: control, code: "", errors: [])
            case "AK3", "IK3":
                let id = segment[1] ?? "?"
                let position = segment[2].map { " at position \($0)" } ?? ""
                let loop = segment[3].map { " in loop \($0)" } ?? ""
                segmentNote = id
                let code = segment[4] ?? ""
                let meaning = Self.segmentErrors[code].map { ": \($0)" } ?? ""
                open?.errors.append("segment \(id)\(position)\(loop): \(code)\(meaning)")
            case "AK4", "IK4":
                let position = segment.element(1)?.components.joined(separator: ".") ?? "?"
                let reference = segment[2].map { " (element \($0))" } ?? ""
                let code = segment[3] ?? ""
                let meaning = Self.elementErrors[code].map { ": \($0)" } ?? ""
                let bad = segment[4].map { ", read '\($0)'" } ?? ""
                open?.errors.append("\(segmentNote)\(position)\(reference): \(code)\(meaning)\(bad)")
            case "AK5", "IK5":
                guard let code = segment[1] else {
                    throw X12Error(.mandatoryElementMissing, at: Self.location(index, document))
                }
                open?.code = code
                for position in 2...6 {
                    guard let reason = segment[position] else { continue }
                    let meaning = Self.setErrors[reason].map { ": \($0)" } ?? ""
                    open?.errors.append("set error \(reason)\(meaning)")
                }
            case "AK9":
                try closeSet(at: index)
                guard let code = segment[1] else {
                    throw X12Error(.mandatoryElementMissing, at: Self.location(index, document))
                }
                groupCode = code
                if code != "A", let included = segment[2], let accepted = segment[4] {
                    groupErrors.append("\(accepted) of \(included) sets accepted")
                }
                for position in 5...9 {
                    guard let reason = segment[position] else { continue }
                    let meaning = Self.groupErrors[reason].map { ": \($0)" } ?? ""
                    groupErrors.append("group error \(reason)\(meaning)")
                }
            default:
                continue
            }
        }
        try closeSet(at: set.segments.upperBound - 1)
        guard let functionalID, let groupControl else {
            throw X12Error(.mandatorySegmentMissing("AK1"), at: Self.location(set.segments.lowerBound, document))
        }
        guard let groupCode else {
            throw X12Error(.mandatorySegmentMissing("AK9"), at: Self.location(set.segments.upperBound - 1, document))
        }
        self.functionalID = functionalID
        self.groupControl = groupControl
        self.groupCode = groupCode
        self.groupErrors = groupErrors
        self.sets = sets
    }

    private static func location(_ segment: Int, _ document: X12Document) -> X12Location {
        var location = X12Location(byteOffset: document.segmentRanges[segment].lowerBound)
        location.segmentIndex = segment
        location.segmentID = document.segment(segment).id
        return location
    }

    /// AK304 (IK304): why a segment is in error.
    static let segmentErrors: [String: String] = [
        "1": "unrecognized segment ID", "2": "unexpected segment", "3": "mandatory segment missing",
        "4": "loop occurs over maximum times", "5": "segment exceeds maximum use",
        "6": "segment not in defined transaction set", "7": "segment not in proper sequence",
        "8": "segment has data element errors", "I4": "implementation \"not used\" segment present",
        "I6": "implementation dependent segment missing", "I7": "implementation loop occurs under minimum times",
        "I8": "implementation segment below minimum use", "I9": "implementation dependent \"not used\" segment present",
    ]

    /// AK403 (IK403): why an element is in error.
    static let elementErrors: [String: String] = [
        "1": "mandatory data element missing", "2": "conditional required data element missing",
        "3": "too many data elements", "4": "data element too short", "5": "data element too long",
        "6": "invalid character in data element", "7": "invalid code value", "8": "invalid date",
        "9": "invalid time", "10": "exclusion condition violated", "12": "too many repetitions",
        "13": "too many components", "I6": "code value not used in implementation",
        "I9": "implementation dependent data element missing",
        "I10": "implementation \"not used\" data element present",
        "I11": "implementation too few repetitions", "I12": "implementation pattern match failure",
        "I13": "implementation dependent \"not used\" data element present",
    ]

    /// AK502–AK506 (IK502–IK506): why a set is in error.
    static let setErrors: [String: String] = [
        "1": "transaction set not supported", "2": "transaction set trailer missing",
        "3": "transaction set control number in header and trailer do not match",
        "4": "number of included segments does not match actual count", "5": "one or more segments in error",
        "6": "missing or invalid transaction set identifier", "7": "missing or invalid transaction set control number",
        "23": "transaction set control number not unique within the functional group",
        "I5": "implementation one or more segments in error", "I6": "implementation convention not supported",
    ]

    /// AK905–AK909: why a group is in error.
    static let groupErrors: [String: String] = [
        "1": "functional group not supported", "2": "functional group version not supported",
        "3": "functional group trailer missing",
        "4": "group control number in the functional group header and trailer do not agree",
        "5": "number of included transaction sets does not match actual count",
        "6": "group control number violates syntax",
    ]
}
