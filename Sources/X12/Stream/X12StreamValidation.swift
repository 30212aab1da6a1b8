/// Validates a stream set by set and gives the report `X12Validator.validate` gives for the whole file: the same
/// errors in the same order, the same skipped checks, and per interchange what a TA1/997/999 needs.
///
/// Order: the validator sorts by byte offset, keeping the order found among equal offsets, which for a whole
/// document is reading problems (ISA, unterminated segment, missing IEA), then envelope problems, then set
/// problems. A stream finds them interleaved, so each carries that phase and the order it was found in.
public struct X12StreamValidation: Sendable {
    public var validator: X12Validator {
        didSet { cache = X12ValidationCache() }  // it serves one set of definitions
    }
    public var rules: X12PartnerRules?
    private var cache = X12ValidationCache()
    private var found: [(error: X12Error, phase: Int, sequence: Int)] = []
    public private(set) var skippedChecks: [String] = []

    public init(validator: X12Validator = X12Validator(), rules: X12PartnerRules? = nil) {
        self.validator = validator
        self.rules = rules
    }

    /// Takes in one event: its envelope errors, and for a set the set's own checks.
    public mutating func add(_ event: X12StreamEvent) {
        switch event {
        case .transactionSet(let set):
            record(set.envelopeErrors)
            let report = set.validate(with: validator, rules: rules, cache: &cache)
            for error in report.errors { found.append((error, 2, found.count)) }
            skippedChecks += report.skippedChecks
        case .interchangeEnd(let interchange):
            record(interchange.envelopeErrors)
        }
    }

    private mutating func record(_ errors: [X12Error]) {
        for error in errors { found.append((error, Self.isReadingProblem(error) ? 0 : 1, found.count)) }
    }

    /// Problems the tokenizer finds (an `X12Document` collects them before walking envelopes).
    static func isReadingProblem(_ error: X12Error) -> Bool {
        switch error.kind {
        case .isaLength, .isaElement, .unterminatedSegment, .missingIEA: true
        default: false
        }
    }

    /// Everything found so far, in the validator's order.
    public var report: X12ValidationReport {
        X12ValidationReport(errors: ordered(found), skippedChecks: skippedChecks)
    }

    /// What an acknowledgement of interchange `index` needs: its errors (with their file-wide indices).
    public func report(interchange index: Int) -> X12ValidationReport {
        X12ValidationReport(errors: ordered(found.filter { $0.error.location.interchange == index }))
    }

    private func ordered(_ entries: [(error: X12Error, phase: Int, sequence: Int)]) -> [X12Error] {
        entries.sorted {
            ($0.error.location.byteOffset, $0.phase, $0.sequence) < (
                $1.error.location.byteOffset, $1.phase, $1.sequence
            )
        }.map(\.error)
    }
}
