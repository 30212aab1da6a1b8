internal import OrderXML
internal import Yams

/// Collects every problem found in one file while it is read, so that a check reports all of them at once.
struct Diagnostics {
    let file: String
    var errors: [ProfileError] = []
    /// Node and service ids of the network, when it is known, so profiles can be checked against it.
    var nodeIDs: [String]?
    var serviceIDs: [String]?

    init(file: String) { self.file = file }

    /// Reports `value` at `node` unless it is among `known`, suggesting the nearest.
    mutating func check(_ value: String, in known: [String]?, what: String, at node: Node?, path: String) {
        guard let known, !known.contains(value) else { return }
        var message = "unknown \(what) '\(value)'"
        if let suggestion = nearest(to: value, in: known) { message += "; did you mean '\(suggestion)'?" }
        report(message, at: node, path: path, kind: .unknownReference)
    }

    /// Records `message` at the node's position; `path` prefixes it so the key is named even without an editor.
    mutating func report(_ message: String, at node: Node?, path: String, kind: ProfileError.Kind = .invalidValue) {
        let mark = node?.mark
        report(message, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path, kind: kind)
    }

    mutating func report(
        _ message: String, line: Int, column: Int, path: String, kind: ProfileError.Kind = .invalidValue
    ) {
        errors.append(
            ProfileError(
                kind: kind, file: file, line: line, column: column, keyPath: path,
                message: path.isEmpty ? message : "\(path): \(message)"))
    }

    /// Reads `node` as a mapping whose keys must all be in `keys`; an unknown key is reported with the nearest known
    /// key suggested, and reading goes on with the keys that are known.
    mutating func fields(_ node: Node, path: String, keys: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(
                "expected a mapping with keys such as \(keys.prefix(3).joined(separator: ", ")), got \(node.kindName)",
                at: node, path: path, kind: .wrongType)
            return nil
        }
        var values: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("keys must be plain words", at: key, path: path, kind: .wrongType)
                continue
            }
            let name = scalar.string
            if values[name] != nil {
                report("duplicate key '\(name)'", at: key, path: path, kind: .duplicateKey)
                continue
            }
            if name.hasPrefix("x-") { continue }  // extension fields, e.g. to hold YAML anchors
            if !keys.contains(name) {
                var message = "unknown key '\(name)'"
                if let suggestion = nearest(to: name, in: keys) { message += "; did you mean '\(suggestion)'?" }
                report(message, at: key, path: path, kind: .unknownKey)
                continue
            }
            values[name] = (key, value)
        }
        return Fields(node: node, path: path, entries: values)
    }

    /// Reads an optional key; absent or `null` gives nil without a report.
    mutating func optional<T: YAMLReadable>(_ fields: Fields, _ key: String, as type: T.Type = T.self) -> T? {
        guard let value = fields[key], !value.isNull else { return nil }
        return T.read(value, path: fields.path(key), &self)
    }

    mutating func value<T: YAMLReadable>(_ fields: Fields, _ key: String, default fallback: T) -> T {
        optional(fields, key, as: T.self) ?? fallback
    }

    /// Reads a key that must be there; its absence is reported at the mapping that lacks it.
    mutating func required<T: YAMLReadable>(_ fields: Fields, _ key: String, as type: T.Type = T.self) -> T? {
        guard let value = fields[key], !value.isNull else {
            report("missing required key '\(key)'", at: fields.node, path: fields.path, kind: .missingKey)
            return nil
        }
        return T.read(value, path: fields.path(key), &self)
    }
}

/// The known keys of one mapping, with their key and value nodes.
struct Fields {
    let node: Node
    let path: String
    let entries: [String: (key: Node, value: Node)]

    subscript(key: String) -> Node? { entries[key]?.value }

    /// The node of the key itself, for messages about the entry as a whole.
    func keyNode(_ key: String) -> Node? { entries[key]?.key }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
