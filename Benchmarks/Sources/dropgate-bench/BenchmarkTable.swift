/// One measured figure, printed beside its target and the reference measured in the same run.
struct Figure {
    var name: String
    var value: Double
    var unit: String
    /// The target, and whether more (throughput) or less (memory, latency) is better.
    var target: Double?
    var higherIsBetter = true
    var reference: Reference?

    struct Reference {
        var name: String
        var value: Double
    }

    var meetsTarget: Bool? {
        guard let target else { return nil }
        return higherIsBetter ? value >= target : value <= target
    }
}

/// The one table `dropgate-bench` prints.
struct BenchmarkTable {
    var figures: [Figure] = []

    mutating func add(_ figure: Figure) {
        figures.append(figure)
        // Print as we go too: a long run shows progress, and a crash later still leaves the figures.
        print("  measured: \(figure.name) = \(Self.format(figure.value)) \(figure.unit)")
    }

    var rendered: String {
        let header = ["figure", "ours", "target", "met", "reference (same run)", "ours / reference"]
        let rows = figures.map { figure -> [String] in
            let target =
                figure.target.map { (figure.higherIsBetter ? "≥ " : "≤ ") + Self.format($0) + " " + figure.unit } ?? "–"
            let met = figure.meetsTarget.map { $0 ? "yes" : "NO" } ?? "–"
            let reference = figure.reference.map { "\($0.name): \(Self.format($0.value)) \(figure.unit)" } ?? "–"
            let ratio = figure.reference.map { $0.value > 0 ? Self.format(figure.value / $0.value) + "×" : "–" } ?? "–"
            return [figure.name, Self.format(figure.value) + " " + figure.unit, target, met, reference, ratio]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined(separator: "  ")
        }
        return
            ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        let scaled = (value * 100).rounded() / 100
        return "\(scaled)"
    }
}
