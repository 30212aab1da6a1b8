import Foundation
import Testing

@testable import Server

/// The scorecard's plots as SVG a test reads back: every value from its mark's `data-*` attributes, and again from
/// the mark's pixels through the axis its ticks draw.
@Suite("SVG plots")
struct SVGPlotTests {
    static let days = (1...5).map { "2026-11-0\($0)" }

    static func rates(_ values: [Decimal?], threshold: Decimal? = 99, days: [String] = days) -> SVGPlot {
        let points = zip(days, values).map { SVGPlot.Point(category: $0, value: $1, title: "\($0)") }
        let numbers = values.compactMap { $0 }.map(SVGPlot.double) + (threshold.map { [SVGPlot.double($0)] } ?? [])
        return SVGPlot(
            title: "on time", categoryKey: "day", categories: days,
            scale: .covering(numbers, bounds: 0...100, fallback: 0...100), unit: "%",
            series: [SVGPlot.Series(name: "on-time-ship", label: "On time", mark: .line, points: points)],
            threshold: threshold.map { SVGPlot.Threshold(value: $0, label: "threshold \($0)%") })
    }

    /// Each point's day and value as its attributes say, and its value as its `cy` says through the axis.
    static func readBack(_ svg: String) -> [(day: String, value: Double, fromPixels: Double)] {
        let marks = SVGMarks(svg)
        return marks.points.map { point in
            (
                point.attributes["data-day"] ?? "", point.number("data-value") ?? .nan,
                marks.value(atY: point.number("cy") ?? .nan) ?? .nan
            )
        }
    }

    @Test("a day's rate reads back from data-value and from cy through the ticks; a missing day breaks the line")
    func lineValues() throws {
        let plot = Self.rates([98.5, 100, nil, 96, 97.25])
        let svg = plot.svg()
        let read = Self.readBack(svg)
        #expect(read.map(\.day) == ["2026-11-01", "2026-11-02", "2026-11-04", "2026-11-05"])
        #expect(read.map(\.value) == [98.5, 100, 96, 97.25])
        for point in read {
            #expect(abs(point.fromPixels - point.value) < 0.01, "\(point)")
        }
        // The plot's own scale agrees with the ticks.
        for circle in SVGMarks(svg).points {
            let value = try #require(circle.number("data-value"))
            let row = try #require(circle.number("cy"))
            #expect(abs(plot.value(atY: row) - value) < 0.01)
        }
        // Two runs of two points: no line is drawn across the day without POs due.
        let lines = svg.matches(of: /<polyline points="([^"]*)"/).map { $0.output.1.split(separator: " ").count }
        #expect(lines == [2, 2])
        // x: the points sit in their days' bands, in order.
        let columns = SVGMarks(svg).points.compactMap { $0.number("cx") }
        #expect(columns == columns.sorted())
        #expect(abs(columns[0] - plot.x(0)) < 0.01 && abs(columns[2] - plot.x(3)) < 0.01)
        // Every tick lies on the axis and the axis covers every value.
        #expect(plot.scale.ticks.allSatisfy { plot.scale.lower <= $0 && $0 <= plot.scale.upper })
        #expect(plot.scale.lower <= 96 && plot.scale.upper >= 100)
        #expect(plot.scale.upper <= 100)
    }

    @Test("the threshold is a dashed line at the threshold's row")
    func thresholdRow() throws {
        let svg = Self.rates([97, 98, 100, 99.5, 95]).svg()
        let marks = SVGMarks(svg)
        let line = try #require(marks.threshold)
        #expect(line.attributes["data-value"] == "99")
        #expect(line.attributes["stroke-dasharray"] != nil)
        #expect(line.number("y1") == line.number("y2"))
        let row = try #require(line.number("y1"))
        let value = try #require(marks.value(atY: row))
        #expect(abs(value - 99) < 0.01)
        // Below the 100% point, above the 98% one.
        let rows = Dictionary(
            uniqueKeysWithValues: marks.points.map { ($0.number("data-value") ?? 0, $0.number("cy") ?? 0) })
        #expect((rows[100] ?? 0) < (line.number("y1") ?? 0))
        #expect((rows[98] ?? 0) > (line.number("y1") ?? 0))
    }

    @Test("a 100% day sits on the plot's top edge and a 0% day on its bottom edge")
    func extremes() throws {
        let plot = Self.rates([100, 0], threshold: 99, days: ["2026-11-01", "2026-11-02"])
        #expect(plot.scale.lower == 0 && plot.scale.upper == 100)
        let marks = SVGMarks(plot.svg())
        let rows = marks.points.map { $0.number("cy") }
        #expect(rows == [plot.plotTop, plot.plotBottom])
        #expect(Self.readBack(plot.svg()).map(\.fromPixels) == [100, 0])
    }

    @Test("a single point is a circle with no line, and reads back")
    func singlePoint() throws {
        let plot = Self.rates([98.5], threshold: nil, days: ["2026-11-03"])
        let svg = plot.svg()
        #expect(!svg.contains("<polyline"))
        let read = try #require(Self.readBack(svg).first)
        #expect(read.day == "2026-11-03" && read.value == 98.5)
        #expect(abs(read.fromPixels - 98.5) < 0.01)
        #expect(plot.scale.lower < 98.5 && 98.5 < plot.scale.upper)
        #expect(abs(SVGMarks(svg).points[0].number("cx").map { $0 - (plot.plotLeft + plot.plotRight) / 2 } ?? 1) < 0.01)
    }

    @Test("an empty plot draws its axes and says there is no data, with no marks")
    func empty() {
        for plot in [Self.rates([], days: []), Self.rates([nil, nil], days: ["2026-11-01", "2026-11-02"])] {
            let svg = plot.svg()
            let marks = SVGMarks(svg)
            #expect(marks.points.isEmpty && marks.bars.isEmpty)
            #expect(!svg.contains("<polyline"))
            #expect(svg.contains("No data yet"))
            #expect(marks.ticks.count >= 2)
            #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        }
        #expect(Self.rates([], threshold: nil, days: []).scale.lower == 0)
    }

    @Test("bars side by side: each bar's top reads back through the axis, its foot on the zero line")
    func bars() throws {
        let days = ["2026-11-01", "2026-11-02", "2026-11-03"]
        let avoided: [Decimal] = [25, 0, 12.5]
        let incurred: [Decimal] = [5, 40, 0]
        func series(_ name: String, _ values: [Decimal]) -> SVGPlot.Series {
            SVGPlot.Series(
                name: name, label: name, mark: .bars,
                points: zip(days, values).map { SVGPlot.Point(category: $0, value: $1, title: "\($1)") })
        }
        let plot = SVGPlot(
            title: "fees", categoryKey: "day", categories: days,
            scale: .covering((avoided + incurred).map(SVGPlot.double), includingZero: true), unit: "",
            series: [series("avoided", avoided), series("incurred", incurred)], threshold: nil)
        #expect(plot.scale.lower == 0 && plot.scale.upper >= 40)
        let svg = plot.svg()
        let marks = SVGMarks(svg)
        #expect(marks.bars.count == 6)
        let zero = plot.y(0)
        for bar in marks.bars {
            let value = try #require(bar.number("data-value"))
            let top = try #require(bar.number("y"))
            let height = try #require(bar.number("height"))
            #expect(abs((marks.value(atY: top) ?? .nan) - value) < 0.01, "\(bar.attributes)")
            #expect(abs(top + height - zero) < 0.01)
        }
        let avoidedGroup = try #require(svg.firstMatch(of: /data-series="avoided">([\s\S]*?)<\/g>/)?.output.1)
        #expect(SVGMarks(String(avoidedGroup)).bars.map { $0.attributes["data-day"] ?? "" } == days)
        #expect(SVGMarks(String(avoidedGroup)).bars.map { $0.attributes["data-value"] ?? "" } == ["25", "0", "12.5"])
        // The incurred bar of a day stands right of its avoided one, within the day's band.
        let firstDay = marks.bars.filter { $0.attributes["data-day"] == "2026-11-01" }.compactMap { $0.number("x") }
        #expect(firstDay.count == 2 && firstDay[0] < firstDay[1] && firstDay[1] < plot.plotLeft + plot.band)
    }

    @Test(
        "an axis has round ticks inside it and covers every value",
        arguments: [
            [97.0, 99, 100], [0.5], [0, 100], [42.42, 13.1, 99.99], [1_234.5, 0], [0.001, 0.002], [-3, 7],
        ])
    func scale(_ values: [Double]) {
        for includingZero in [false, true] {
            let scale = SVGPlot.Scale.covering(values, bounds: nil, includingZero: includingZero)
            #expect(scale.lower <= values.min() ?? 0 && (values.max() ?? 0) <= scale.upper, "\(scale)")
            #expect(scale.ticks.count >= 2, "\(scale)")
            #expect(scale.ticks.allSatisfy { scale.lower - 1e-9 <= $0 && $0 <= scale.upper + 1e-9 })
            let step = scale.ticks[1] - scale.ticks[0]
            let magnitude = pow(10, log10(step).rounded(.down))
            #expect([1, 2, 2.5, 5, 10].contains { abs(step / magnitude - $0) < 1e-6 }, "\(step)")
            if includingZero { #expect(scale.lower <= 0 && scale.upper >= 0) }
        }
    }

    @Test("a category and a title with markup are escaped")
    func escaping() {
        let plot = SVGPlot(
            title: "<b>x</b>", categoryKey: "node", categories: ["<DC\"1>"], scale: .covering([1], includingZero: true),
            unit: "%",
            series: [
                SVGPlot.Series(
                    name: "cancel-rate", label: "c", mark: .bars,
                    points: [SVGPlot.Point(category: "<DC\"1>", value: 1, title: "<script>")])
            ], threshold: nil)
        let svg = plot.svg()
        #expect(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("<DC"))
        #expect(svg.contains("data-node=\"&lt;DC&quot;1&gt;\""))
    }
}
