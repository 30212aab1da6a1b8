/// Which envelope level an error belongs to, and the code the matching acknowledgement carries.
public enum X12ErrorLevel: String, Hashable, Sendable, Codable {
    /// Not X12 at all; no acknowledgement possible.
    case input
    /// TA1: TA105 note code.
    case interchange
    /// AK9/IK9 (AK905).
    case group
    /// AK5/IK5 (AK502/IK502).
    case set
    /// AK3/IK3 (AK304/IK304).
    case segment
    /// AK4/IK4 (AK403/IK403).
    case element
}

extension X12Error {
    public var level: X12ErrorLevel {
        switch kind {
        case .notAnInterchange, .unexpectedDataAfterInterchange, .limitExceeded, .unreadableInput: .input
        case .unterminatedSegment: location.set == nil ? .interchange : .set
        case .isaLength, .isaElement, .interchangeControlMismatch, .groupCountMismatch, .missingIEA,
            .duplicateInterchangeControl, .segmentOutsideGroup:
            .interchange
        case .missingGE, .groupControlMismatch, .setCountMismatch, .groupHeaderElement, .unsupportedVersion,
            .duplicateGroupControl:
            .group
        case .missingSE, .setControlMismatch, .segmentCountMismatch, .duplicateSetControl, .setDoesNotFitGroup,
            .unsupportedTransactionSet:
            .set
        case .unrecognizedSegmentID, .unexpectedSegment, .mandatorySegmentMissing, .loopOverMaximum,
            .segmentOverMaximumUse, .segmentNotInDefinedSet, .segmentOutOfOrder, .segmentNotUsed:
            .segment
        default: .element
        }
    }

    /// TA105 interchange note code (X12 TA1), for interchange-level errors.
    public var ta1Code: String? {
        switch kind {
        case .interchangeControlMismatch: "001"
        case .unterminatedSegment where location.set == nil: "023"
        case .missingIEA: "023"
        case .groupCountMismatch: "021"
        case .duplicateInterchangeControl: "025"
        case .segmentOutsideGroup: "024"
        case .isaLength: "024"
        case .isaElement(let position, _):
            switch position {
            case 1: "010"
            case 2: "011"
            case 3: "012"
            case 4: "013"
            case 5: "005"
            case 6: "006"
            case 7: "007"
            case 8: "008"
            case 9: "014"
            case 10: "015"
            case 11: "016"
            case 12: "017"
            case 13: "018"
            case 14: "019"
            case 15: "020"
            default: "027"
            }
        default: nil
        }
    }

    /// AK905 / IK905 functional group syntax error code.
    public var groupCode: String? {
        switch kind {
        case .unsupportedVersion: "2"
        case .missingGE: "3"
        case .groupControlMismatch: "4"
        case .setCountMismatch: "5"
        case .groupHeaderElement(let position, _) where position == 6: "6"
        case .duplicateGroupControl: "19"
        default: nil
        }
    }

    /// AK502 (997) transaction set syntax error code.
    public var setCode997: String? {
        switch kind {
        case .unsupportedTransactionSet: "1"
        case .missingSE, .unterminatedSegment: "2"
        case .setControlMismatch: "3"
        case .segmentCountMismatch: "4"
        case .setDoesNotFitGroup: "6"
        case .duplicateSetControl: "7"
        default: nil
        }
    }

    /// IK502 (999): as AK502, but a duplicate ST02 in a group has its own code.
    public var setCode999: String? {
        if case .duplicateSetControl = kind { return "23" }
        return setCode997
    }

    /// AK304 (997) segment syntax error code.
    public var segmentCode997: String? { segmentCode(for999: false) }
    /// IK304 (999) implementation segment syntax error code.
    public var segmentCode999: String? { segmentCode(for999: true) }

    private func segmentCode(for999: Bool) -> String? {
        switch kind {
        case .unrecognizedSegmentID: "1"
        case .unexpectedSegment: "2"
        case .mandatorySegmentMissing: "3"
        case .loopOverMaximum: "4"
        case .segmentOverMaximumUse: "5"
        case .segmentNotInDefinedSet: "6"
        case .segmentOutOfOrder: "7"
        case .segmentNotUsed: for999 ? "I4" : "2"
        default: nil
        }
    }

    /// AK403 (997) element syntax error code.
    public var elementCode997: String? { elementCode(for999: false) }
    /// IK403 (999) implementation element syntax error code.
    public var elementCode999: String? { elementCode(for999: true) }

    private func elementCode(for999: Bool) -> String? {
        switch kind {
        case .mandatoryElementMissing: "1"
        case .conditionalElementMissing: "2"
        case .tooManyElements: "3"
        case .elementTooShort: "4"
        case .elementTooLong: "5"
        case .invalidCharacter: "6"
        case .invalidCodeValue: "7"
        case .invalidDate: "8"
        case .invalidTime: "9"
        case .exclusionViolated: "10"
        case .tooManyRepetitions: "12"
        case .tooManyComponents: "13"
        case .elementNotUsed: for999 ? "I10" : "10"
        case .codeValueNotUsed: for999 ? "I6" : "7"
        default: nil
        }
    }

    /// The code a person sees first: TA105, AK905, AK502, AK304 or AK403 by level (997 flavour), or `X12` for
    /// input that is not X12.
    public var code: String {
        switch level {
        case .input: "X12"
        case .interchange: "TA1-" + (ta1Code ?? "024")
        case .group: "AK905-" + (groupCode ?? "1")
        case .set: "AK502-" + (setCode997 ?? "5")
        case .segment: "AK304-" + (segmentCode997 ?? "8")
        case .element: "AK403-" + (elementCode997 ?? "6")
        }
    }
}

extension X12Error: CustomStringConvertible, CustomDebugStringConvertible {
    /// A sentence a person understands; names no element values (those may be consumer data): see `detail`.
    public var description: String {
        switch kind {
        case .notAnInterchange(let reason): "not an X12 interchange: \(reason.rawValue)"
        case .unexpectedDataAfterInterchange: "unexpected data after IEA (expected another ISA or end of input)"
        case .unterminatedSegment: "input ends inside a segment (no segment terminator)"
        case .limitExceeded(let what): "input exceeds a reading limit: \(what)"
        case .unreadableInput(let why): "the input could not be read: \(why)"
        case .isaLength(let length): "ISA is \(length) bytes long (expected 106)"
        case .isaElement(let position, let reason): "ISA\(pad2(position)) \(reason)"
        case .interchangeControlMismatch(let header, let trailer):
            "IEA02 \(trailer) does not match ISA13 \(header)"
        case .groupCountMismatch(let declared, let counted):
            "IEA01 says \(declared) functional groups, the interchange holds \(counted)"
        case .missingIEA: "interchange has no IEA trailer"
        case .duplicateInterchangeControl(let number): "interchange control number \(number) was received before"
        case .segmentOutsideGroup(let id): "segment \(id) outside any functional group"
        case .missingGE: "functional group has no GE trailer"
        case .groupControlMismatch(let header, let trailer): "GE02 \(trailer) does not match GS06 \(header)"
        case .setCountMismatch(let declared, let counted):
            "GE01 says \(declared) transaction sets, the group holds \(counted)"
        case .groupHeaderElement(let position, let reason): "GS\(pad2(position)) \(reason)"
        case .unsupportedVersion(let version): "version \(version) is not supported"
        case .duplicateGroupControl(let number): "group control number \(number) repeats in the interchange"
        case .missingSE: "transaction set has no SE trailer"
        case .setControlMismatch(let header, let trailer): "SE02 \(trailer) does not match ST02 \(header)"
        case .segmentCountMismatch(let declared, let counted):
            "SE01 says \(declared) segments, the set holds \(counted)"
        case .duplicateSetControl(let number): "ST02 \(number) is not unique within its group"
        case .setDoesNotFitGroup(let setID, let functionalID):
            "transaction set \(setID) does not belong in a group with GS01 \(functionalID)"
        case .unsupportedTransactionSet(let id): "transaction set \(id) has no definition here"
        case .unrecognizedSegmentID: "segment ID is not a valid X12 segment ID"
        case .unexpectedSegment: "segment is not expected here"
        case .mandatorySegmentMissing(let id): "mandatory segment \(id) is missing"
        case .loopOverMaximum(let id): "loop \(id) occurs more often than allowed"
        case .segmentOverMaximumUse: "segment occurs more often than allowed"
        case .segmentNotInDefinedSet: "segment is not defined in this transaction set"
        case .segmentOutOfOrder: "segment is out of order"
        case .segmentNotUsed: "segment is marked not used by the trading partner"
        case .mandatoryElementMissing: "mandatory element is missing"
        case .conditionalElementMissing: "conditionally required element is missing"
        case .tooManyElements: "too many data elements"
        case .elementTooShort: "data element is too short"
        case .elementTooLong: "data element is too long"
        case .invalidCharacter: "data element holds an invalid character"
        case .invalidCodeValue: "code value is not valid here"
        case .invalidDate: "invalid date"
        case .invalidTime: "invalid time"
        case .exclusionViolated: "exclusion condition violated"
        case .tooManyRepetitions: "too many repetitions"
        case .tooManyComponents: "too many components"
        case .elementNotUsed: "element is marked not used by the trading partner"
        case .codeValueNotUsed: "code value is not used by the trading partner"
        }
    }

    /// `description` plus the offending value where there is one: for the person running `x12 validate` on
    /// their own file, not for logs.
    public var detail: String {
        switch kind {
        case .invalidCodeValue(let value), .codeValueNotUsed(let value): "\(description): \(value)"
        default: description
        }
    }

    public var debugDescription: String {
        var parts = ["X12Error(\(code): \(detail)", "byte \(location.byteOffset)"]
        if let id = location.segmentID { parts.append("segment \(id)") }
        if let index = location.segmentIndex { parts.append("segment index \(index)") }
        if let position = location.segmentPosition { parts.append("position \(position)") }
        if let element = location.elementPosition { parts.append("element \(element)") }
        if let component = location.componentPosition { parts.append("component \(component)") }
        return parts.joined(separator: ", ") + ")"
    }
}

func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
