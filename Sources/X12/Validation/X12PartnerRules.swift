/// A trading partner's narrowing of the standard, as its implementation guide states it: segments it does not
/// use, elements it makes mandatory or does not use, code lists it narrows. Declared as data (Codable, so a retailer
/// profile can carry it) and reported with the 999 implementation codes I4, I10 and I6 (997: 2, 10 and 7).
public struct X12PartnerRules: Hashable, Sendable, Codable {
    /// Segment IDs the partner marks "Not Used" (`MTX`).
    public var notUsedSegments: Set<String>
    /// Segment IDs the partner requires in every set it sends or receives (`TD5`).
    public var requiredSegments: Set<String>
    /// Element references the partner makes mandatory, as `SEGNN` (`N104`, `TD512`).
    public var requiredElements: Set<String>
    /// Element references the partner marks "Not Used" (`BEG07`).
    public var notUsedElements: Set<String>
    /// Narrowed code lists: `BEG02` → `["DS"]`.
    public var codeLists: [String: Set<String>]
    /// Which transaction sets these rules apply to (`850`); empty means every set.
    public var transactionSets: Set<String>

    public init(
        notUsedSegments: Set<String> = [], requiredSegments: Set<String> = [], requiredElements: Set<String> = [],
        notUsedElements: Set<String> = [], codeLists: [String: Set<String>] = [:], transactionSets: Set<String> = []
    ) {
        self.notUsedSegments = notUsedSegments
        self.requiredSegments = requiredSegments
        self.requiredElements = requiredElements
        self.notUsedElements = notUsedElements
        self.codeLists = codeLists
        self.transactionSets = transactionSets
    }

    public var isEmpty: Bool {
        notUsedSegments.isEmpty && requiredSegments.isEmpty && requiredElements.isEmpty && notUsedElements.isEmpty
            && codeLists.isEmpty
    }
}

extension SetWalker {
    /// Applies partner rules to every segment of the set after the standard checks.
    mutating func apply(_ rules: X12PartnerRules) {
        guard rules.transactionSets.isEmpty || rules.transactionSets.contains(setID) else { return }
        var seen: Set<String> = []
        for index in segments {
            let segment = segment(index)
            guard segment.hasValidID else { continue }
            let id = segment.id
            seen.insert(id)
            if rules.notUsedSegments.contains(id) {
                errors.append(X12Error(.segmentNotUsed, at: location(index)))
                continue
            }
            var present: Set<Int> = []
            segment.forEachElement { position, range in
                guard !range.isEmpty else { return }
                present.insert(position)
                let reference = id + (position < 10 ? "0" : "") + String(position)
                let at = location(index, element: position, byteOffset: range.lowerBound)
                if rules.notUsedElements.contains(reference) {
                    errors.append(X12Error(.elementNotUsed, at: at))
                } else if let codes = rules.codeLists[reference] {
                    let value = String(decoding: segment.bytes[range], as: UTF8.self)
                    if !codes.contains(value) { errors.append(X12Error(.codeValueNotUsed(value), at: at)) }
                }
            }
            for reference in rules.requiredElements where reference.hasPrefix(id) {
                guard let position = Int(reference.dropFirst(id.count)), reference.count == id.count + 2 else {
                    continue
                }
                if !present.contains(position) {
                    errors.append(X12Error(.mandatoryElementMissing, at: location(index, element: position)))
                }
            }
        }
        let trailer = trailerIndex ?? (segments.upperBound - 1)
        for id in rules.requiredSegments.sorted() where !seen.contains(id) {
            errors.append(X12Error(.mandatorySegmentMissing(id), at: location(trailer)))
        }
    }
}
