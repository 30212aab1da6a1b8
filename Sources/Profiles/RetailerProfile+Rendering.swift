import Foundation
internal import Yams

extension RetailerProfile {
    /// The effective profile, every default filled in, as YAML with kebab-case keys (close to the file's own keys), for
    /// `dropgate profiles show`.
    public func effectiveYAML() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .custom { path in KebabKey(path.last?.stringValue ?? "") }
        let value = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(self))
        return try Yams.serialize(node: value.node)
    }
}

/// JSON as a value, to carry an encoded profile into a YAML node tree with booleans and numbers intact.
enum JSONValue: Decodable {
    case null, bool(Bool), number(String), string(String), array([JSONValue]), object([(String, JSONValue)])

    init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: KebabKey.self) {
            self = .object(try keyed.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                ($0.stringValue, try keyed.decode(JSONValue.self, forKey: $0))
            })
        } else if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let bool = try? single.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? single.decode(Decimal.self) {
                self = .number("\(number)")
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    var node: Node {
        switch self {
        case .null: Node("null", Tag(.null))
        case .bool(let value): Node(value ? "true" : "false", Tag(.bool))
        case .number(let text): Node(text, Tag(.float))
        case .string(let text): Node(text, Tag(.str), text.isEmpty || Double(text) != nil || ["true", "false", "null"].contains(text) ? .singleQuoted : .any)
        case .array(let items): Node(items.map(\.node))
        case .object(let pairs): Node(pairs.map { (Node($0.0), $0.1.node) })
        }
    }
}

/// `shipSLA` → `ship-sla`, `maxUnitsPerLine` → `max-units-per-line`.
struct KebabKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    /// Only camelCase property names change; map keys such as SKUs (`HP-10001`) or codes stay as written.
    init(_ camel: String) {
        guard let first = camel.first, first.isLowercase else {
            stringValue = camel
            return
        }
        var out = ""
        var previous: Character?
        for character in camel {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { out.append("-") }
            out.append(Character(character.lowercased()))
            previous = character
        }
        stringValue = out
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}
