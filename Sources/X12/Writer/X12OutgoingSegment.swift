/// A segment to write: its ID and elements. Each element is a list of repetitions, each a list of components, so
/// that a simple element is `[["VALUE"]]`; trailing empty elements are dropped when written.
///
/// Nearly every segment we write has simple elements only (an 856 writes some thirty): such a segment keeps its
/// values as given, in one array, where the nested form makes two arrays per element, and making and freeing them
/// was most of what writing an ASN cost. `elements` reads either kind the same; setting it keeps the nested form.
public struct X12OutgoingSegment: Hashable, Sendable {
    public var id: String
    var values: Values

    enum Values: Sendable {
        /// Simple elements in order, nil for an empty one.
        case simple([String?])
        case nested([[[String]]])
    }

    public init(_ id: String, elements: [[[String]]]) {
        self.id = id
        values = .nested(elements)
    }

    /// Simple elements only: `X12OutgoingSegment("BEG", "00", "DS", "PO123")`; nil means empty.
    public init(_ id: String, _ simple: String?...) {
        self.init(id, simpleElements: simple)
    }

    public init(_ id: String, simpleElements: [String?]) {
        self.id = id
        values = .simple(simpleElements)
    }

    public var elements: [[[String]]] {
        get {
            switch values {
            case .simple(let simple): simple.map { value in [[value ?? ""]] }
            case .nested(let elements): elements
            }
        }
        set { values = .nested(newValue) }
    }

    /// Equal when the elements are: a simple element given as nil equals one given as "".
    public static func == (lhs: Self, rhs: Self) -> Bool {
        guard lhs.id == rhs.id else { return false }
        if case .simple(let left) = lhs.values, case .simple(let right) = rhs.values {
            return left.count == right.count && zip(left, right).allSatisfy { ($0 ?? "") == ($1 ?? "") }
        }
        return lhs.elements == rhs.elements
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(elements)
    }

    /// Copies a segment that was read, keeping repetitions and components.
    public init(_ segment: X12Segment) {
        id = segment.id
        var elements: [[[String]]] = []
        let bytes = segment.bytes
        let delimiters = segment.delimiters
        segment.forEachElement { _, range in
            var repetitions: [[String]] = []
            var components: [String] = []
            var componentStart = range.lowerBound
            for index in range.lowerBound...range.upperBound {
                let atEnd = index == range.upperBound
                let isRepetition = !atEnd && delimiters.repetition == bytes[index]
                if atEnd || isRepetition || bytes[index] == delimiters.component {
                    components.append(String(decoding: bytes[componentStart..<index], as: UTF8.self))
                    componentStart = index + 1
                }
                if atEnd || isRepetition {
                    repetitions.append(components)
                    components = []
                }
            }
            elements.append(repetitions)
        }
        values = .nested(elements)
    }
}
