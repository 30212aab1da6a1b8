import Foundation

/// Builds XML text element by element, escaping every attribute value and text, indenting two spaces a level.
/// Small on purpose: the documents dropgate writes are a few kilobytes.
struct XMLTextWriter {
    private(set) var text = ""
    private var open: [String] = []

    init(doctype: String?) {
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if let doctype { text += doctype + "\n" }
    }

    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        text += indent + "<" + name + XMLTextWriter.render(attributes) + ">\n"
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        text += indent + "</" + name + ">\n"
    }

    /// `<name attributes>text</name>`, or `<name attributes/>` when `text` is nil.
    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], text value: String? = nil) {
        let head = indent + "<" + name + XMLTextWriter.render(attributes)
        if let value {
            text += head + ">" + XMLTextWriter.escape(value, quotes: false) + "</" + name + ">\n"
        } else {
            text += head + "/>\n"
        }
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func render(_ attributes: [(String, String?)]) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(escape($0, quotes: true))\"" } }.joined()
    }

    /// Escapes markup characters; drops characters XML 1.0 cannot carry at all (C0 controls other than tab, LF,
    /// CR), which would make the answer not well-formed.
    static func escape(_ value: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\n" where quotes: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where quotes: result += "&#9;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// cXML `datetime.tz`: `2026-11-24T10:00:00-05:00`, in `timeZone`.
    static func timestamp(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: Swift.max(0, width - text.count)) + text
        }
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let zone = sign + pad(abs(offset) / 3600) + ":" + pad(abs(offset) % 3600 / 60)
        let day = "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))"
        return day + "T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))" + zone
    }

    /// A decimal in plain notation (`12.5`, `3`), as cXML `r8`/`number` attributes and `Money` carry it.
    static func number(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }
}
