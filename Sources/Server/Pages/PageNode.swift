import Mustache

/// One object a template reads fields of. A final class conforming to `MustacheParent` itself: Mustache asks every
/// object on its stack whether it is a parent, and a `[String: Any]` answers that through a conditional
/// conformance, which the runtime checks the slow way (a third of the pick page's render, measured).
final class PageNode: MustacheParent {
    let fields: [String: Any]

    init(_ fields: [String: Any]) { self.fields = fields }

    func child(named name: String) -> Any? { fields[name] }
}

/// HTML escaping that leaves a string with nothing to escape as it is (almost every value on a pick page), and
/// otherwise rewrites its UTF-8 bytes; the same five characters as Mustache's own HTML content type.
struct FastHTMLContentType: MustacheContentType {
    static let name = "DROPGATE_HTML"

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A value a page lacks (a line without a UPC, an order without a gift message): it renders as nothing, a section
/// over it is skipped and an inverted one shown, as with `false`, which would render as the word.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
