/// Everything wrong with a document, with the accept/reject decision per set, group and interchange that the
/// TA1/997/999 carry.
public struct X12ValidationReport: Sendable {
    public var errors: [X12Error]
    /// Checks that could not run (no definition for a set or version), one sentence each.
    public var skippedChecks: [String]

    public init(errors: [X12Error], skippedChecks: [String] = []) {
        self.errors = errors
        self.skippedChecks = skippedChecks
    }

    /// AK501/IK501, AK901: A accepted, E accepted with errors, R rejected, P partially accepted (groups only).
    public enum Status: String, Hashable, Sendable, Codable {
        case accepted = "A"
        case acceptedWithErrors = "E"
        case rejected = "R"
        case partiallyAccepted = "P"
    }

    public func errors(interchange: Int) -> [X12Error] {
        errors.filter { $0.location.interchange == interchange && $0.level == .interchange }
    }

    public func errors(interchange: Int, group: Int) -> [X12Error] {
        errors.filter { $0.location.interchange == interchange && $0.location.group == group && $0.level == .group }
    }

    /// Set-, segment- and element-level errors of one set.
    public func errors(interchange: Int, group: Int, set: Int) -> [X12Error] {
        errors.filter {
            $0.location.interchange == interchange && $0.location.group == group && $0.location.set == set
                && ($0.level == .set || $0.level == .segment || $0.level == .element)
        }
    }

    /// An interchange with any TA1-level error is rejected as a whole.
    public func status(interchange: Int) -> Status {
        errors(interchange: interchange).isEmpty ? .accepted : .rejected
    }

    /// Rejected for set-level problems and for structure that makes the set unreadable (unknown, missing,
    /// misplaced segments); accepted with errors when only element values are off.
    public func status(interchange: Int, group: Int, set: Int) -> Status {
        let found = errors(interchange: interchange, group: group, set: set)
        if found.isEmpty { return .accepted }
        let rejects = found.contains { error in
            switch error.level {
            case .set, .segment: true
            default:
                switch error.kind {
                case .mandatoryElementMissing, .tooManyElements: true
                default: false
                }
            }
        }
        return rejects ? .rejected : .acceptedWithErrors
    }

    public func status(interchange: Int, group: Int, setCount: Int) -> Status {
        if !errors(interchange: interchange, group: group).isEmpty { return .rejected }
        let statuses = (0..<setCount).map { status(interchange: interchange, group: group, set: $0) }
        if statuses.isEmpty { return .accepted }
        let rejected = statuses.filter { $0 == .rejected }.count
        if rejected == statuses.count { return .rejected }
        if rejected > 0 { return .partiallyAccepted }
        return statuses.contains(.acceptedWithErrors) ? .acceptedWithErrors : .accepted
    }

    /// True when every set of every interchange is accepted without errors and no envelope error was found.
    public var isClean: Bool { errors.isEmpty }
}
