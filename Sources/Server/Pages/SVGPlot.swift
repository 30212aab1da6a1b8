import Foundation

/// A small chart drawn as inline SVG by the server: categories along x (days, DCs), a linear value axis along y with
/// ticks, series drawn as a line with a point per value or as bars, and an optional dashed threshold line. No
/// script: the page is readable as sent, and a test reads every value back twice, from the marks' `data-*`
/// attributes and from their pixels through the axis (`y(_:)`, `value(atY:)`, the ticks' `data-tick`).
struct SVGPlot {
    /// The value axis: from `lower` (the plot's bottom edge) to `upper` (its top), with labelled ticks.
    struct Scale: Equatable {
        var lower: Double
        var upper: Double
        var ticks: [Double]
        /// Decimals the tick labels are written with.
        var decimals: Int

        /// An axis with round ticks (1, 2, 2.5 or 5 times a power of ten) that covers every value, within
        /// `bounds` (0…100 for a percentage). Without values it spans `fallback`. With `includingZero` (bars) 0 is
        /// on it; otherwise a value on a round number gets a step of room below or above it, inside the bounds.
        static func covering(
            _ values: [Double], bounds: ClosedRange<Double>? = nil, includingZero: Bool = false,
            fallback: ClosedRange<Double> = 0...1, tickCount: Int = 5
        ) -> Scale {
            let finite = values.filter(\.isFinite)
            guard var low = finite.min(), var high = finite.max() else {
                return make(lower: fallback.lowerBound, upper: fallback.upperBound, tickCount: tickCount)
            }
            if includingZero {
                low = min(low, 0)
                high = max(high, 0)
            }
            if low == high {
                let room = low == 0 ? 1 : abs(low) * 0.1
                (low, high) = (low - room, high + room)
                if includingZero, finite.allSatisfy({ $0 >= 0 }) { low = 0 }
            }
            if let bounds {
                low = max(low, bounds.lowerBound)
                high = min(high, bounds.upperBound)
                if low >= high { (low, high) = (bounds.lowerBound, bounds.upperBound) }
            }
            let step = niceStep((high - low) / Double(max(tickCount - 1, 1)))
            var lower = (low / step).rounded(.down) * step
            var upper = (high / step).rounded(.up) * step
            if !includingZero {
                if lower == low { lower -= step }
                if upper == high && upper != bounds?.upperBound { upper += step }
            }
            if let bounds {
                lower = max(lower, bounds.lowerBound)
                upper = min(upper, bounds.upperBound)
            }
            return make(lower: lower, upper: upper, step: step)
        }

        static func make(lower: Double, upper: Double, tickCount: Int) -> Scale {
            make(lower: lower, upper: upper, step: niceStep((upper - lower) / Double(max(tickCount - 1, 1))))
        }

        static func make(lower: Double, upper: Double, step: Double) -> Scale {
            var ticks: [Double] = []
            var index = (lower / step).rounded(.up)
            while index * step <= upper + step * 1e-9 {
                ticks.append(clean(index * step))
                index += 1
            }
            // As many decimals as the step has: 0.25 needs two, 2.5 one, 5 none.
            let decimals =
                (0...6).first { places in
                    let shifted = step * pow(10, Double(places))
                    return abs(shifted - shifted.rounded()) < 1e-6
                } ?? 6
            return Scale(lower: clean(lower), upper: clean(upper), ticks: ticks, decimals: decimals)
        }

        /// The round step nearest above `raw`: 1, 2, 2.5 or 5 times a power of ten.
        static func niceStep(_ raw: Double) -> Double {
            guard raw > 0, raw.isFinite else { return 1 }
            let magnitude = pow(10, log10(raw).rounded(.down))
            for factor in [1, 2, 2.5, 5, 10] as [Double] where raw <= factor * magnitude * (1 + 1e-9) {
                return factor * magnitude
            }
            return 10 * magnitude
        }

        /// Sums of a step drift (0.1 × 3 is 0.30000000000000004): ticks are kept to nine decimals.
        static func clean(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
    }

    enum Mark {
        /// A polyline through the values (broken where one is missing) and a circle on each.
        case line
        /// A bar a value, side by side with the other bar series in the category's band.
        case bars
    }

    struct Point {
        /// The category the value belongs to (a day `2026-11-03`, a DC id); written as `data-{key}`.
        var category: String
        /// nil draws nothing: no base for a rate that day.
        var value: Decimal?
        /// The point's `<title>`: what a pointer shows.
        var title: String
    }

    struct Series {
        /// `data-series` and the CSS class the series is drawn with.
        var name: String
        var label: String
        var mark: Mark
        var points: [Point]
    }

    /// Named for the axis and the dashed line (`threshold 99%`).
    struct Threshold {
        var value: Decimal
        var label: String
    }

    /// What the plot is of, for `aria-label` and its `<title>`.
    var title: String
    /// The attribute name a point's category is written under: `day` gives `data-day="2026-11-03"`.
    var categoryKey: String
    var categories: [String]
    /// The label under a category (`03` for a day); every `labelEvery`-th one is written.
    var categoryLabel: (String) -> String = { $0 }
    var labelEvery = 1
    var scale: Scale
    /// After each tick label and value (`%`, ` USD`).
    var unit: String
    var series: [Series]
    var threshold: Threshold?

    var width: Double = 640
    var height: Double = 260
    var left: Double = 64
    var right: Double = 16
    var top: Double = 16
    var bottom: Double = 44

    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var plotLeft: Double { left }
    var plotRight: Double { width - right }

    /// The pixel row of `value`: `lower` at the plot's bottom edge, `upper` at its top, linear between.
    func y(_ value: Double) -> Double {
        let span = scale.upper - scale.lower
        guard span > 0 else { return plotBottom }
        return plotBottom - (value - scale.lower) / span * (plotBottom - plotTop)
    }

    /// The value at pixel row `y`: `y(_:)` inverted.
    func value(atY y: Double) -> Double {
        scale.lower + (plotBottom - y) / (plotBottom - plotTop) * (scale.upper - scale.lower)
    }

    /// The width of one category's band along x.
    var band: Double { categories.isEmpty ? 0 : (plotRight - plotLeft) / Double(categories.count) }

    /// The pixel column of the middle of category `index`'s band.
    func x(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * band }

    func svg() -> String {
        let index = Dictionary(
            categories.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 \(Self.number(width)) "
            + "\(Self.number(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\" "
            + "data-y-lower=\"\(Self.number(scale.lower))\" data-y-upper=\"\(Self.number(scale.upper))\" "
            + "data-plot-top=\"\(Self.number(plotTop))\" data-plot-bottom=\"\(Self.number(plotBottom))\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += axes()
        if categories.isEmpty || series.allSatisfy({ $0.points.allSatisfy { $0.value == nil } }) {
            out +=
                "<text class=\"empty\" x=\"\(Self.number((plotLeft + plotRight) / 2))\" "
                + "y=\"\(Self.number((plotTop + plotBottom) / 2))\" text-anchor=\"middle\">No data yet</text>"
        }
        let barSeries = series.filter { $0.mark == .bars }
        for item in series {
            out += "<g class=\"series \(HTML.escape(item.name))\" data-series=\"\(HTML.escape(item.name))\">"
            switch item.mark {
            case .line: out += line(item, index: index)
            case .bars:
                out += bars(
                    item, index: index, slot: barSeries.firstIndex { $0.name == item.name } ?? 0,
                    of: barSeries.count)
            }
            out += "</g>"
        }
        if let threshold {
            let value = Self.double(threshold.value)
            let row = Self.number(y(min(max(value, scale.lower), scale.upper)))
            out +=
                "<line class=\"threshold\" x1=\"\(Self.number(plotLeft))\" x2=\"\(Self.number(plotRight))\" "
                + "y1=\"\(row)\" y2=\"\(row)\" stroke-dasharray=\"6 4\" data-value=\"\(threshold.value)\">"
                + "<title>\(HTML.escape(threshold.label))</title></line>"
        }
        if series.count > 1 { out += legend() }
        return out + "</svg>"
    }

    private func axes() -> String {
        var out = "<g class=\"axis y\">"
        for tick in scale.ticks {
            let row = Self.number(y(tick))
            let label = Self.number(tick, decimals: scale.decimals)
            out +=
                "<line class=\"grid\" x1=\"\(Self.number(plotLeft))\" x2=\"\(Self.number(plotRight))\" y1=\"\(row)\" "
                + "y2=\"\(row)\" data-tick=\"\(label)\"/>"
                + "<text x=\"\(Self.number(plotLeft - 6))\" y=\"\(row)\" text-anchor=\"end\" "
                + "dominant-baseline=\"middle\">\(label)\(HTML.escape(unit))</text>"
        }
        out += "</g><g class=\"axis x\">"
        out +=
            "<line class=\"baseline\" x1=\"\(Self.number(plotLeft))\" x2=\"\(Self.number(plotRight))\" "
            + "y1=\"\(Self.number(plotBottom))\" y2=\"\(Self.number(plotBottom))\"/>"
            + "<line class=\"baseline\" x1=\"\(Self.number(plotLeft))\" x2=\"\(Self.number(plotLeft))\" "
            + "y1=\"\(Self.number(plotTop))\" y2=\"\(Self.number(plotBottom))\"/>"
        for (position, category) in categories.enumerated() where position % max(labelEvery, 1) == 0 {
            out +=
                "<text x=\"\(Self.number(x(position)))\" y=\"\(Self.number(plotBottom + 20))\" "
                + "text-anchor=\"middle\">\(HTML.escape(categoryLabel(category)))</text>"
        }
        return out + "</g>"
    }

    private func attributes(_ point: Point, _ value: Decimal) -> String {
        "data-\(categoryKey)=\"\(HTML.escape(point.category))\" data-value=\"\(value)\""
    }

    private func line(_ series: Series, index: [String: Int]) -> String {
        var runs: [[String]] = [[]]
        var marks = ""
        for point in series.points {
            guard let position = index[point.category], let value = point.value else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            let (column, row) = (Self.number(x(position)), Self.number(y(Self.double(value))))
            runs[runs.count - 1].append("\(column),\(row)")
            marks +=
                "<circle cx=\"\(column)\" cy=\"\(row)\" r=\"4\" \(attributes(point, value))>"
                + "<title>\(HTML.escape(point.title))</title></circle>"
        }
        let lines = runs.filter { $0.count > 1 }.map { "<polyline points=\"\($0.joined(separator: " "))\"/>" }
        return lines.joined() + marks
    }

    private func bars(_ series: Series, index: [String: Int], slot: Int, of count: Int) -> String {
        let width = band * 0.7 / Double(max(count, 1))
        let base = y(min(max(0, scale.lower), scale.upper))
        var out = ""
        for point in series.points {
            guard let position = index[point.category], let value = point.value else { continue }
            let row = y(Self.double(value))
            let column = plotLeft + Double(position) * band + band * 0.15 + Double(slot) * width
            out +=
                "<rect x=\"\(Self.number(column))\" y=\"\(Self.number(min(row, base)))\" "
                + "width=\"\(Self.number(width))\" height=\"\(Self.number(abs(base - row)))\" "
                + "\(attributes(point, value))><title>\(HTML.escape(point.title))</title></rect>"
        }
        return out
    }

    private func legend() -> String {
        var out = "<g class=\"legend\">"
        var column = plotLeft
        for item in series {
            out +=
                "<g class=\"series \(HTML.escape(item.name))\"><rect x=\"\(Self.number(column))\" "
                + "y=\"\(Self.number(height - 14))\" width=\"12\" height=\"12\"/>"
                + "<text x=\"\(Self.number(column + 16))\" y=\"\(Self.number(height - 4))\">"
                + "\(HTML.escape(item.label))</text></g>"
            column += 24 + Double(item.label.count) * 8
        }
        return out + "</g>"
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    /// A coordinate with two decimals at most, trailing zeros dropped (`12.5`, `40`).
    static func number(_ value: Double, decimals: Int = 2) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
