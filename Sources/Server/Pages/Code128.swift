/// A Code 128 symbol (ISO/IEC 15417) as inline SVG, for the pick ticket: a scanner on the floor reads the PO number
/// and each SKU off the printed page.
///
/// Code set B carries printable ASCII (space to `~`); a run of at least four digits (six inside the text) switches
/// to code set C, which packs two digits a symbol. The symbol is: quiet zone, start (B or C), data, the check symbol
/// (start value plus each value times its position, mod 103), stop (with its final two-module bar), quiet zone.
struct Code128: Hashable, Sendable {
    /// The symbol values, start to check symbol (the stop is not a value).
    let values: [Int]
    /// Bar and space widths in modules, alternating and starting with a bar, start to stop.
    let widths: [Int]

    /// The widths of symbols 0…106, each three bars and three spaces of 1–4 modules summing to 11 (the stop, 106,
    /// has a fourth bar: 13 modules), from the standard's table.
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    static let codeC = 99
    static let codeB = 100
    static let startB = 104
    static let startC = 105
    static let stop = 106
    /// At least ten modules of space each side, as the standard asks.
    static let quietZone = 10

    enum EncodingError: Error, Equatable {
        /// A character code set B does not hold (a control character, or beyond ASCII).
        case unencodable(Character)
        case empty
    }

    /// Encodes `text`, all printable ASCII.
    init(_ text: String) throws(EncodingError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        if let refused = text.unicodeScalars.first(where: { $0.value < 32 || $0.value > 126 }) {
            throw .unencodable(Character(refused))
        }
        var values: [Int] = []
        var index = 0
        var set = 0  // 0: none yet, 66: B, 67: C
        func digitRun(from start: Int) -> Int {
            var end = start
            while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
            return end - start
        }
        while index < bytes.count {
            let run = digitRun(from: index)
            let atStart = index == 0
            let atEnd = index + run == bytes.count
            // Code set C pays for its switch symbols only on a long enough run.
            let worthC = run >= 2 && run == bytes.count || run >= (atStart || atEnd ? 4 : 6)
            if worthC {
                // An odd run leaves its first digit in code set B (or starts it so).
                if run % 2 == 1 {
                    if set != 66 { values.append(set == 0 ? Self.startB : Self.codeB) }
                    set = 66
                    values.append(Int(bytes[index]) - 32)
                    index += 1
                }
                if set != 67 { values.append(set == 0 ? Self.startC : Self.codeC) }
                set = 67
                var left = run - run % 2
                while left > 0 {
                    values.append((Int(bytes[index]) - 48) * 10 + Int(bytes[index + 1]) - 48)
                    index += 2
                    left -= 2
                }
            } else {
                if set != 66 { values.append(set == 0 ? Self.startB : Self.codeB) }
                set = 66
                values.append(Int(bytes[index]) - 32)
                index += 1
            }
        }
        var sum = values[0]
        for position in 1..<values.count { sum += values[position] * position }
        values.append(sum % 103)
        self.values = values
        widths = (values + [Self.stop]).flatMap { Self.patterns[$0].map { Int($0.asciiValue ?? 48) - 48 } }
    }

    /// Modules from the first bar to the last.
    var modules: Int { widths.reduce(0, +) }

    /// The symbol as an SVG, `module` user units a module and `height` tall, white quiet zones included; each bar is
    /// one `rect`.
    func svg(module: Int = 2, height: Int = 60, label: String? = nil) -> String {
        let width = (modules + 2 * Self.quietZone) * module
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"barcode\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" shape-rendering=\"crispEdges\""
        if let label { svg += " role=\"img\" aria-label=\"Code 128: \(HTML.escape(label))\"" }
        svg += "><rect width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        var x = Self.quietZone * module
        for (index, modules) in widths.enumerated() {
            if index % 2 == 0 {
                svg += "<rect x=\"\(x)\" y=\"0\" width=\"\(modules * module)\" height=\"\(height)\" fill=\"#000\"/>"
            }
            x += modules * module
        }
        return svg + "</svg>"
    }
}

/// HTML text as the pages write it outside a template (an attribute built in Swift).
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
