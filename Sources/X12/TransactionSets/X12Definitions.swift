/// The definitions this build knows, keyed by transaction set and base version. Facts derived from the published
/// X12 segment tables (004010 and 005010); 005010 tables add the segments that release introduced (MTX).
public struct X12Definitions: Sendable {
    public var sets: [String: X12SetDefinition]
    public var segments: [String: X12SegmentDefinition]
    public var elements: [Int: X12ElementDefinition]
    /// `segments` keyed by `X12SetDefinition.code(id)`, element entries resolved: what the validator reads.
    public private(set) var segmentsByCode: [UInt32: X12SegmentDefinition] = [:]
    /// `segmentsByCode` flattened for the validator's loop.
    private(set) var segmentRules = X12SegmentRules([:])

    public init(sets: [X12SetDefinition], segments: [String: X12SegmentDefinition], elements: [Int: X12ElementDefinition]) {
        self.sets = Dictionary(sets.map { ("\($0.id)/\($0.version)", $0) }, uniquingKeysWith: { first, _ in first })
        self.segments = segments
        self.elements = elements
        for (id, segment) in segments {
            var resolved = segment
            for index in resolved.elements.indices {
                resolved.elements[index].definition = elements[resolved.elements[index].reference]
            }
            segmentsByCode[X12SetDefinition.code(id)] = resolved
        }
        segmentRules = X12SegmentRules(segmentsByCode)
    }

    /// The definition for a set in a group version: exact base version first, then the nearest release of the
    /// same major version (004030 reads with 004010), else nil (checks are reported as skipped).
    public func definition(for setID: String, version: X12Version) -> X12SetDefinition? {
        if let exact = sets["\(setID)/\(version.base)"] { return exact }
        let major = version.major
        guard major == 4 || major == 5 || major == 3 || major == 6 else { return nil }
        // 004030 and later already carry MTX; read them with the 005010 table.
        let fallback = major >= 5 || (Int(version.base) ?? 0) >= 4030 ? "005010" : "004010"
        return sets["\(setID)/\(fallback)"]
    }

    /// 850, 855, 856, 810, 846, 860, 865 and 997 for 004010 and 005010, 999 for 005010. 005010 reads the 004010
    /// table except for the 850, where 005010 adds MTX; 846, 860 and 865 gained no segments we know of.
    public static let standard: X12Definitions = {
        let elements = X12DefinitionData.parseElements(X12DefinitionData.elements)
        let segments = X12DefinitionData.parseSegments(X12DefinitionData.segments)
        let sets = [
            X12SetDefinition(id: "850", version: "004010", functionalID: "PO", table: X12DefinitionData.table850),
            X12SetDefinition(id: "850", version: "005010", functionalID: "PO", table: X12DefinitionData.table850_5010),
            X12SetDefinition(id: "855", version: "004010", functionalID: "PR", table: X12DefinitionData.table855),
            X12SetDefinition(id: "855", version: "005010", functionalID: "PR", table: X12DefinitionData.table855),
            X12SetDefinition(id: "856", version: "004010", functionalID: "SH", table: X12DefinitionData.table856),
            X12SetDefinition(id: "856", version: "005010", functionalID: "SH", table: X12DefinitionData.table856),
            X12SetDefinition(id: "810", version: "004010", functionalID: "IN", table: X12DefinitionData.table810),
            X12SetDefinition(id: "810", version: "005010", functionalID: "IN", table: X12DefinitionData.table810),
            X12SetDefinition(id: "846", version: "004010", functionalID: "IB", table: X12DefinitionData.table846),
            X12SetDefinition(id: "846", version: "005010", functionalID: "IB", table: X12DefinitionData.table846),
            X12SetDefinition(id: "860", version: "004010", functionalID: "PC", table: X12DefinitionData.table860),
            X12SetDefinition(id: "860", version: "005010", functionalID: "PC", table: X12DefinitionData.table860),
            X12SetDefinition(id: "865", version: "004010", functionalID: "CA", table: X12DefinitionData.table865),
            X12SetDefinition(id: "865", version: "005010", functionalID: "CA", table: X12DefinitionData.table865),
            X12SetDefinition(id: "997", version: "004010", functionalID: "FA", table: X12DefinitionData.table997),
            X12SetDefinition(id: "997", version: "005010", functionalID: "FA", table: X12DefinitionData.table997),
            X12SetDefinition(id: "999", version: "005010", functionalID: "FA", table: X12DefinitionData.table999),
        ]
        return X12Definitions(sets: sets, segments: segments, elements: elements)
    }()
}

enum X12DefinitionData {
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
