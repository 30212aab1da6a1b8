/// A path in a mapping file, from a record (or a line) element to the text that fills one canonical field.
///
/// Syntax, a small XPath subset: steps separated by `/`, each `local` (no namespace), `prefix:local` (a namespace
/// the mapping declares) or `*:local` (any namespace); a step may carry one predicate `[child='value']` or
/// `[@attribute='value']`; the last step may be `@attribute`. Alternatives are separated by ` | ` (the first that
/// matches wins; for many-valued fields all are taken, in order). `'text'` is a literal.
struct MappingPath: Hashable, Sendable {
    var alternatives: [Alternative]
    /// The path as written, for messages.
    var source: String

    enum Alternative: Hashable, Sendable {
        case literal(String)
        case path(steps: [Step], attribute: QualifiedName?)
    }

    struct QualifiedName: Hashable, Sendable {
        /// nil: no namespace. Ignored when `anyNamespace`.
        var namespaceURI: String?
        var anyNamespace = false
        var localName: String

        func matches(localName other: String, namespaceURI otherURI: String?) -> Bool {
            localName == other && (anyNamespace || namespaceURI == otherURI)
        }
    }

    struct Step: Hashable, Sendable {
        var name: QualifiedName
        var predicate: Predicate?
    }

    struct Predicate: Hashable, Sendable {
        var isAttribute: Bool
        var name: QualifiedName
        var value: String
    }

    /// One value found: its text and where it is.
    struct Match {
        var text: String
        var path: String
        var line: Int
    }

    init(parsing text: String, namespaces: [String: String]) throws(MappingSyntaxError) {
        source = text
        alternatives = []
        for part in text.split(separator: "|") {
            let trimmed = part.trimmingXMLWhitespace()
            if trimmed.count >= 2, trimmed.hasPrefix("'"), trimmed.hasSuffix("'") {
                alternatives.append(.literal(String(trimmed.dropFirst().dropLast())))
                continue
            }
            guard !trimmed.isEmpty else { throw MappingSyntaxError("empty path in \(text)") }
            var steps: [Step] = []
            var attribute: QualifiedName?
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            for (index, rawStep) in parts.enumerated() {
                if index == 0 && rawStep.isEmpty { continue }  // a leading '/' (record paths)
                guard !rawStep.isEmpty else { throw MappingSyntaxError("empty step in \(text)") }
                if rawStep.hasPrefix("@") {
                    guard index == parts.count - 1 else {
                        throw MappingSyntaxError("@attribute must be last in \(text)")
                    }
                    attribute = try MappingPath.name(String(rawStep.dropFirst()), namespaces, attribute: true)
                    continue
                }
                var stepText = Substring(rawStep)
                var predicate: Predicate?
                if let open = stepText.firstIndex(of: "[") {
                    guard stepText.hasSuffix("]") else { throw MappingSyntaxError("unclosed predicate in \(text)") }
                    let inner = stepText[stepText.index(after: open)..<stepText.index(before: stepText.endIndex)]
                    let sides = inner.split(separator: "=", maxSplits: 1)
                    guard sides.count == 2 else {
                        throw MappingSyntaxError("predicate must be [name='value'] in \(text)")
                    }
                    var value = sides[1].trimmingXMLWhitespace()
                    guard value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") else {
                        throw MappingSyntaxError("predicate value must be quoted in \(text)")
                    }
                    value = String(value.dropFirst().dropLast())
                    let target = sides[0].trimmingXMLWhitespace()
                    let isAttribute = target.hasPrefix("@")
                    predicate = Predicate(
                        isAttribute: isAttribute,
                        name: try MappingPath.name(
                            isAttribute ? String(target.dropFirst()) : target, namespaces,
                            attribute: isAttribute),
                        value: value)
                    stepText = stepText[..<open]
                }
                steps.append(
                    Step(
                        name: try MappingPath.name(String(stepText), namespaces, attribute: false),
                        predicate: predicate))
            }
            alternatives.append(.path(steps: steps, attribute: attribute))
        }
        guard !alternatives.isEmpty else { throw MappingSyntaxError("empty path") }
    }

    private static func name(_ text: String, _ namespaces: [String: String], attribute: Bool) throws(MappingSyntaxError)
        -> QualifiedName
    {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let isName: (String) -> Bool = {
            !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "_-.".contains($0) }
        }
        if parts.count == 2 {
            guard isName(parts[1]) else { throw MappingSyntaxError("not a name: \(text)") }
            if parts[0] == "*" { return QualifiedName(anyNamespace: true, localName: parts[1]) }
            guard let uri = namespaces[parts[0]] else {
                throw MappingSyntaxError(
                    "undeclared namespace prefix \(parts[0]) (declare it with namespace.\(parts[0]): URI)")
            }
            return QualifiedName(namespaceURI: uri, localName: parts[1])
        }
        guard isName(text) else { throw MappingSyntaxError("not a name: \(text)") }
        return QualifiedName(namespaceURI: nil, localName: text)
    }

    /// Every match of every alternative under `element`, alternative by alternative.
    func matches(in element: LocatedElement) -> [[Match]] {
        alternatives.map { alternative in
            switch alternative {
            case .literal(let text):
                return [Match(text: text, path: element.path, line: element.line)]
            case .path(let steps, let attribute):
                var current = [element]
                for step in steps {
                    current = current.flatMap { MappingPath.children(of: $0, step) }
                }
                if let attribute {
                    return current.compactMap { located in
                        located.attributes.first {
                            attribute.matches(localName: $0.localName, namespaceURI: $0.namespaceURI)
                        }.map {
                            Match(
                                text: $0.value.trimmingXMLWhitespace(), path: located.path + "/@" + $0.localName,
                                line: located.line)
                        }
                    }
                }
                return current.compactMap { located in
                    located.text.map { Match(text: $0, path: located.path, line: located.line) }
                }
            }
        }
    }

    /// The first match of the first alternative that has one.
    func first(in element: LocatedElement) -> Match? {
        for alternative in matches(in: element) { if let match = alternative.first { return match } }
        return nil
    }

    /// Elements (not values) the path selects: for `line` paths. Attributes and literals select nothing.
    func elements(in element: LocatedElement) -> [LocatedElement] {
        for alternative in alternatives {
            guard case .path(let steps, nil) = alternative else { continue }
            var current = [element]
            for step in steps { current = current.flatMap { MappingPath.children(of: $0, step) } }
            if !current.isEmpty { return current }
        }
        return []
    }

    /// Whether a streamed element with these ancestors (root first) is what this absolute path names.
    func matchesAbsolute(_ ancestors: [(name: String, namespaceURI: String?)]) -> Bool {
        guard case .path(let steps, nil)? = alternatives.first, steps.count == ancestors.count else { return false }
        return zip(steps, ancestors).allSatisfy { $0.name.matches(localName: $1.name, namespaceURI: $1.namespaceURI) }
    }

    private static func children(of element: LocatedElement, _ step: Step) -> [LocatedElement] {
        let sameName = element.childElements.filter {
            step.name.matches(localName: $0.localName, namespaceURI: $0.namespaceURI)
        }
        return sameName.compactMap { child in
            if let predicate = step.predicate {
                let actual: String?
                if predicate.isAttribute {
                    actual =
                        child.attributes.first {
                            predicate.name.matches(localName: $0.localName, namespaceURI: $0.namespaceURI)
                        }?.value
                } else {
                    actual =
                        child.childElements.first {
                            predicate.name.matches(localName: $0.localName, namespaceURI: $0.namespaceURI)
                        }?.text
                }
                guard actual?.trimmingXMLWhitespace() == predicate.value else { return nil }
            }
            return child
        }
    }
}

struct MappingSyntaxError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
