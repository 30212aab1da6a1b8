/// Where a node keeps a SKU: the bin or pick location a picker walks to (`A-12-03`, `MEZZ/4.2`), as the inventory
/// file names it. Letters, digits, spaces inside and `-` `.` `/` `_` `#`, at most `maximumLength` characters: what
/// WMS location codes are made of, and nothing that breaks a CSV row, a page or a barcode label.
///
/// Ordered for a pick walk: runs of digits compare by their value (`A-2` before `A-10`), the rest without regard
/// to case, so lines sorted by location follow the aisles and shelves as they are numbered.
public struct BinLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public static let maximumLength = 32

    /// The location `text` names, or nil when it is not one (empty, too long, or holding another character).
    public init?(checking text: String) {
        guard !text.isEmpty, text.count <= Self.maximumLength, text.first != " ", text.last != " ",
            text.unicodeScalars.allSatisfy(Self.isAllowed)
        else { return nil }
        rawValue = text
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", ".", "/", "_", "#", " ": true
        default: false
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let location = BinLocation(checking: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a bin"))
        }
        self = location
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: BinLocation, rhs: BinLocation) -> Bool {
        let (left, right) = (lhs.walkKey, rhs.walkKey)
        for (a, b) in zip(left, right) where a != b { return a < b }
        return left.count != right.count ? left.count < right.count : lhs.rawValue < rhs.rawValue
    }

    /// The location cut into runs: a run of digits as its value (leading zeros dropped, so its length orders it
    /// first), any other run upper-cased. A number sorts before text at the same place.
    private var walkKey: [WalkPart] {
        var parts: [WalkPart] = []
        var run = ""
        var digits = false
        func end() {
            guard !run.isEmpty else { return }
            if digits {
                let value = String(run.drop { $0 == "0" })
                parts.append(WalkPart(isNumber: true, length: value.count, text: value))
            } else {
                parts.append(WalkPart(isNumber: false, length: 0, text: run.uppercased()))
            }
            run = ""
        }
        for character in rawValue {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != digits { end() }
            digits = isDigit
            run.append(character)
        }
        end()
        return parts
    }

    private struct WalkPart: Comparable {
        var isNumber: Bool
        var length: Int
        var text: String

        static func < (a: WalkPart, b: WalkPart) -> Bool {
            if a.isNumber != b.isNumber { return a.isNumber }
            return (a.length, a.text) < (b.length, b.text)
        }
    }
}

extension BinLocation: JSONWritable {
    /// As its `encode(to:)` writes it: the bare text.
    public func writeJSON(to writer: JSONByteWriter) { writer.string(rawValue) }
}
