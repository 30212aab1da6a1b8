public import Foundation
internal import OrderXML
public import Orders
internal import Yams

/// A value that can be read from a YAML node, reporting problems instead of throwing so that reading goes on.
protocol YAMLReadable {
    static func read(_ node: Node, path: String, _ diagnostics: inout Diagnostics) -> Self?
}

/// A value written as one scalar with its unit in the text.
protocol YAMLScalar: YAMLReadable {
    static func parse(_ text: String) throws(ValueProblem) -> Self
}

extension YAMLScalar {
    static func read(_ node: Node, path: String, _ diagnostics: inout Diagnostics) -> Self? {
        guard case .scalar(let scalar) = node else {
            diagnostics.report("expected a single value, got \(node.kindName)", at: node, path: path, kind: .wrongType)
            return nil
        }
        do { return try parse(scalar.string) } catch {
            diagnostics.report(error.message, at: node, path: path)
            return nil
        }
    }
}

/// Enumerations are written as their raw value; an unknown one is reported with the allowed values.
protocol YAMLEnum: YAMLScalar, RawRepresentable, CaseIterable where RawValue == String {}

extension YAMLEnum {
    static func parse(_ text: String) throws(ValueProblem) -> Self {
        if let value = Self(rawValue: text) { return value }
        let allowed = allCases.map(\.rawValue)
        var message = "unknown value '\(text)'; expected one of \(allowed.joined(separator: ", "))"
        if let suggestion = nearest(to: text, in: allowed) { message += " (did you mean '\(suggestion)'?)" }
        throw ValueProblem(message)
    }
}

extension String: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> String { text }
}

extension Int: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw ValueProblem("expected a whole number, got '\(text)'")
        }
        return value
    }
}

extension Bool: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> Bool {
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ValueProblem("expected true or false, got '\(text)'")
        }
    }
}

extension Decimal: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> Decimal {
        guard text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw ValueProblem("expected a number, got '\(text)'") }
        return value
    }
}

extension Double: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> Double {
        guard let value = Double(text) else { throw ValueProblem("expected a number, got '\(text)'") }
        return value
    }
}

extension Money: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> Money {
        guard let money = Money(parsing: text) else {
            throw ValueProblem("expected an amount with its currency like '25.00 USD', got '\(text)'")
        }
        return money
    }
}

extension CalendarDate: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> CalendarDate {
        guard text.count == 10, let date = CalendarDate(parsing: text) else {
            throw ValueProblem("expected a date like 2026-11-26, got '\(text)'")
        }
        return date
    }
}

extension TimeOfDay: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> TimeOfDay { try TimeOfDay(parsing: text) }
}

extension LocalTime: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> LocalTime { try LocalTime(parsing: text) }
}

extension TimeZone: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> TimeZone { try TimeZone.parsing(text) }
}

extension ProfileDuration: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> ProfileDuration { try ProfileDuration(parsing: text) }
}

extension Weekday: YAMLEnum {}

extension DCID: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> DCID { DCID(text) }
}

extension SKU: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> SKU { SKU(text) }
}

extension RetailerID: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> RetailerID { RetailerID(text) }
}

extension URL: YAMLScalar {
    static func parse(_ text: String) throws(ValueProblem) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["https", "sftp", "file", "http"].contains(scheme)
        else { throw ValueProblem("expected an https, sftp or file URL, got '\(text)'") }
        return url
    }
}

extension Array: YAMLReadable where Element: YAMLReadable {
    static func read(_ node: Node, path: String, _ diagnostics: inout Diagnostics) -> [Element]? {
        guard case .sequence(let sequence) = node else {
            diagnostics.report("expected a list, got \(node.kindName)", at: node, path: path, kind: .wrongType)
            return nil
        }
        var result: [Element] = []
        var failed = false
        for (index, item) in sequence.enumerated() {
            if let value = Element.read(item, path: "\(path)[\(index)]", &diagnostics) {
                result.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }
}

extension Set: YAMLReadable where Element: YAMLReadable {
    static func read(_ node: Node, path: String, _ diagnostics: inout Diagnostics) -> Set<Element>? {
        [Element].read(node, path: path, &diagnostics).map { Set($0) }
    }
}

extension Dictionary: YAMLReadable where Key: YAMLScalar, Value: YAMLReadable {
    static func read(_ node: Node, path: String, _ diagnostics: inout Diagnostics) -> [Key: Value]? {
        guard case .mapping(let mapping) = node else {
            diagnostics.report("expected a mapping, got \(node.kindName)", at: node, path: path, kind: .wrongType)
            return nil
        }
        var result: [Key: Value] = [:]
        var failed = false
        for (keyNode, valueNode) in mapping {
            let keyText = keyNode.scalar?.string ?? ""
            guard let key = Key.read(keyNode, path: path, &diagnostics),
                let value = Value.read(valueNode, path: path.isEmpty ? keyText : "\(path).\(keyText)", &diagnostics)
            else {
                failed = true
                continue
            }
            result[key] = value
        }
        return failed ? nil : result
    }
}
