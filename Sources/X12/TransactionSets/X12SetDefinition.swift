/// A transaction-set definition as data: the segment table (order, loops, requirement, max use, loop repeat) and,
/// per segment, its elements (type, length, code list). Declared in a compact text form in `Definitions*.swift`
/// and parsed once; `X12Validator` walks any set against it.
public struct X12SetDefinition: Sendable {
    public var id: String
    /// Base version the table is for (`004010`, `005010`).
    public var version: String
    public var functionalID: String
    public var body: [Node] {
        didSet { table = X12SetTable(body: body, scope: bodyScope) }
    }
    /// Every segment ID the table names, for telling "not in this set" (AK304 6) from "not here" (2).
    public private(set) var allIDs: Set<String> = []
    /// The body's start IDs as codes and requirement flags, so the walker never unpacks nodes to compare.
    public private(set) var bodyScope = LoopScope()
    package private(set) var allCodes: Set<X12SegmentCode> = []
    /// The index in `X12Definitions.releases` of the release whose segment rules check this set's segments: its own
    /// version's, or the nearest earlier one's; set when the definitions are built.
    var release = 0
    /// `body` flattened for the validator.
    private(set) var table = X12SetTable(body: [], scope: LoopScope())

    public indirect enum Node: Sendable {
        case segment(id: String, requirement: Requirement, maxUse: Int)
        /// The first child is the loop's trigger segment. `scope` is filled when the table is parsed.
        case loop(id: String, requirement: Requirement, repeat: Int, children: [Node], scope: LoopScope)

        var startID: String {
            switch self {
            case .segment(let id, _, _): id
            case .loop(_, _, _, let children, _): children.first?.startID ?? ""
            }
        }

        var isMandatory: Bool {
            switch self {
            case .segment(_, let requirement, _), .loop(_, let requirement, _, _, _): requirement == .mandatory
            }
        }

        var allIDs: Set<String> {
            switch self {
            case .segment(let id, _, _): [id]
            case .loop(_, _, _, let children, _): children.reduce(into: Set<String>()) { $0.formUnion($1.allIDs) }
            }
        }
    }

    /// What surrounds a loop, computed once per table: the IDs that end an iteration (they start the loop again or
    /// belong after it) and the IDs that came before it (seeing one again is "out of order").
    public struct LoopScope: Sendable {
        package var follow: Set<X12SegmentCode> = []
        package var before: Set<X12SegmentCode> = []
        /// Start ID code and "mandatory" of each child, in order.
        package var childCodes: [X12SegmentCode] = []
        public var childMandatory: [Bool] = []
    }

    private static func annotate(_ children: [Node], follow: Set<X12SegmentCode>, before: Set<X12SegmentCode>) -> [Node]
    {
        children.enumerated().map { offset, node in
            guard case .loop(let id, let requirement, let repeatCount, let loopChildren, _) = node else { return node }
            var innerFollow = follow
            for later in children[offset...] { innerFollow.insert(X12SegmentCode(later.startID)) }
            let innerBefore = before.union(children[..<offset].map { X12SegmentCode($0.startID) })
            let body = annotate(Array(loopChildren.dropFirst()), follow: innerFollow, before: innerBefore)
            let all = Array(loopChildren.prefix(1)) + body
            return .loop(
                id: id, requirement: requirement, repeat: repeatCount, children: all,
                scope: LoopScope(
                    follow: innerFollow, before: innerBefore, childCodes: all.map { X12SegmentCode($0.startID) },
                    childMandatory: all.map(\.isMandatory)))
        }
    }

    public enum Requirement: String, Hashable, Sendable {
        case mandatory = "M"
        case optional = "O"
        case conditional = "C"
        case notUsed = "X"
    }

    /// Parses the table text: one `ID REQ MAX` per line, `LOOP ID REQ REPEAT` … `END` for loops, `>1` for
    /// unbounded. Invalid lines are a programming error caught by the definition tests.
    public init(id: String, version: String, functionalID: String, table: String) {
        self.id = id
        self.version = version
        self.functionalID = functionalID
        var stack: [(id: String, requirement: Requirement, repeat: Int, children: [Node])] = [("", .mandatory, 1, [])]
        for raw in table.split(separator: "\n") {
            let words = raw.split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            func count(_ text: String) -> Int { text == ">1" ? Int.max : Int(text) ?? 1 }
            if first == "LOOP", words.count >= 4 {
                stack.append((words[1], Requirement(rawValue: words[2]) ?? .optional, count(words[3]), []))
            } else if first == "END", stack.count > 1 {
                let loop = stack.removeLast()
                stack[stack.count - 1].children.append(
                    .loop(
                        id: loop.id, requirement: loop.requirement, repeat: loop.repeat, children: loop.children,
                        scope: LoopScope()))
            } else if words.count >= 3 {
                stack[stack.count - 1].children.append(
                    .segment(
                        id: first, requirement: Requirement(rawValue: words[1]) ?? .optional, maxUse: count(words[2])))
            }
        }
        body = Self.annotate(stack[0].children, follow: [], before: [])
        bodyScope = LoopScope(
            childCodes: body.map { X12SegmentCode($0.startID) }, childMandatory: body.map(\.isMandatory))
        allIDs = body.reduce(into: Set<String>()) { $0.formUnion($1.allIDs) }
        allCodes = Set(allIDs.map(X12SegmentCode.init))
        self.table = X12SetTable(body: body, scope: bodyScope)
    }
}

/// What a segment's elements must look like.
public struct X12SegmentDefinition: Sendable {
    public var id: String
    public var elements: [X12ElementUse]
    /// Syntax notes between elements (`P0304`, `R0203`, …).
    public var syntaxNotes: [X12SyntaxNote] = []
}

/// An X12 syntax note relating elements of one segment; positions are 1-based.
public struct X12SyntaxNote: Hashable, Sendable {
    public enum Kind: Character, Sendable {
        /// P: if any is present, all are required.
        case paired = "P"
        /// R: at least one is required.
        case required = "R"
        /// E: not more than one may be present.
        case exclusion = "E"
        /// C: if the first is present, all others are required.
        case conditional = "C"
        /// L: if the first is present, at least one of the others is required.
        case listConditional = "L"
    }

    public var kind: Kind
    public var positions: [Int]
    /// Bit `n - 1` set for each position `n` ≤ 64, so a note is checked with integer operations.
    public var mask: UInt64 {
        positions.reduce(0) { $1 >= 1 && $1 <= 64 ? $0 | (1 << UInt64($1 - 1)) : $0 }
    }

    /// Parses `P0304` style notes; nil for anything else.
    public init?(_ text: String) {
        guard let first = text.first, let kind = Kind(rawValue: first) else { return nil }
        let digits = Array(text.dropFirst())
        guard digits.count >= 4, digits.count % 2 == 0 else { return nil }
        var positions: [Int] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let value = Int(String(digits[index...index + 1])) else { return nil }
            positions.append(value)
        }
        self.kind = kind
        self.positions = positions
    }
}

public struct X12ElementUse: Sendable {
    /// Data element reference number (e.g. 353), or a composite such as C001 with reference 0.
    public var reference: Int
    public var requirement: X12SetDefinition.Requirement
    public var isComposite: Bool
    /// Maximum repetitions (5010 repeating elements); 1 for most.
    public var repeatCount: Int
    /// The dictionary entry for `reference`, resolved once when the definitions are built.
    public var definition: X12ElementDefinition? = nil
}

/// Data element dictionary entry.
public struct X12ElementDefinition: Sendable {
    public enum DataType: String, Sendable {
        case id = "ID"
        case alphanumeric = "AN"
        case date = "DT"
        case time = "TM"
        case decimal = "R"
        case binary = "B"
        case n0 = "N0"
        case n1 = "N1"
        case n2 = "N2"
        case n3 = "N3"
        case n4 = "N4"
        case n5 = "N5"
        case n6 = "N6"
        case n = "N"
    }

    public var type: DataType
    public var minLength: Int
    public var maxLength: Int
    /// Codes for the ID elements whose values matter; nil means any code is accepted.
    public var codes: Set<String>?
}
