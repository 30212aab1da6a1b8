/// A problem in a profile, network or catalog file, with the place it is at. Loading collects every problem it
/// can find and reports them together, sorted by file and position.
public struct ProfileError: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
    public var kind: Kind
    public var file: String
    /// 1-based line and column (libyaml counts columns in Unicode scalars); 0 for the file as a whole.
    public var line: Int
    public var column: Int
    /// Where in the document, as dotted keys: `ship-sla.cutoff`, `carriers[1].services`.
    public var keyPath: String
    public var message: String

    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Not YAML, or not CSV.
        case syntax
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case duplicateKey = "duplicate-key"
        /// A list where a value belongs, a word where a number belongs.
        case wrongType = "wrong-type"
        /// Well-typed but impossible: a 25:00 cutoff, a negative fee, an unknown time zone.
        case invalidValue = "invalid-value"
        /// Names a DC or carrier service the network does not have.
        case unknownReference = "unknown-reference"
        /// Contradicts another file or entry: two profiles claiming one X12 sender, one node id twice.
        case conflict
        case unreadable
    }

    public init(
        kind: Kind = .invalidValue, file: String, line: Int, column: Int, keyPath: String = "", message: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// A problem with a file as a whole (missing, a folder, unreadable): line and column 0, shown without them.
    public init(_ problem: FileProblem) {
        var line = 0
        var column = 0
        if case .notUTF8(_, _, let badLine, let badColumn) = problem.kind { (line, column) = (badLine, badColumn) }
        self.init(kind: .unreadable, file: problem.path, line: line, column: column, message: problem.message)
    }

    /// `FILE:LINE:COLUMN: message`, as compilers print it, so editors can jump to it; `FILE: message` for a problem
    /// with the file as a whole.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

/// Every problem found while loading, at once.
public struct ProfileErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ProfileError]

    public init(_ errors: [ProfileError]) { self.errors = errors.sorted() }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
