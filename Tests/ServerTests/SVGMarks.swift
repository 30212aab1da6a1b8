import Foundation

/// The marks of an SVG the server drew, read back as a test (or a script) would: each element's attributes, the
/// value axis from the ticks' `data-tick` and pixel rows, and a pixel row mapped back to a value through it.
struct SVGMarks {
    struct Element {
        var name: String
        var attributes: [String: String]

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    let elements: [Element]

    init(_ svg: String) {
        var elements: [Element] = []
        let tag = /<([a-z]+)\b([^>]*?)\/?>/
        let attribute = /([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"/
        for match in svg.matches(of: tag) {
            var attributes: [String: String] = [:]
            for pair in match.output.2.matches(of: attribute) {
                attributes[String(pair.output.1)] = String(pair.output.2)
            }
            elements.append(Element(name: String(match.output.1), attributes: attributes))
        }
        self.elements = elements
    }

    /// Each `<svg class="plot">…</svg>` in a page, in order.
    static func plots(in html: String) -> [String] {
        html.matches(of: /<svg [^>]*class="plot"[\s\S]*?<\/svg>/).map { String($0.output) }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    var points: [Element] { all("circle") }
    var bars: [Element] { all("rect").filter { $0.attributes["data-value"] != nil } }
    var ticks: [(value: Double, y: Double)] {
        all("line").compactMap { line in
            guard let value = line.number("data-tick"), let y = line.number("y1") else { return nil }
            return (value, y)
        }
    }
    var threshold: Element? { all("line").first { $0.attributes["class"] == "threshold" } }

    /// The value at pixel row `y`, through the straight line the lowest and highest ticks define: the axis as a
    /// reader sees it, not as the plot's code computes it.
    func value(atY y: Double) -> Double? {
        guard let low = ticks.min(by: { $0.value < $1.value }), let high = ticks.max(by: { $0.value < $1.value }),
            high.value > low.value
        else { return nil }
        return low.value + (y - low.y) / (high.y - low.y) * (high.value - low.value)
    }
}
