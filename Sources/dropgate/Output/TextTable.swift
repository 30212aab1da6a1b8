/// A plain-text table for terminals: a header row, a rule, then rows; columns padded to their widest cell.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    init(_ headers: [String]) { self.headers = headers }

    mutating func append(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let widths = headers.indices.map { column in
            ([headers] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return ([Self.line(headers, widths: widths), Self.rule(widths)] + rows.map { Self.line($0, widths: widths) })
            .joined(separator: "\n")
    }

    /// A row: each cell but the last padded to its column's width, two spaces between.
    static func line(_ cells: [String], widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            let width = index < widths.count ? widths[index] : 0
            return index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, width - cell.count))
        }.joined(separator: "  ")
    }

    /// The rule under the headers.
    static func rule(_ widths: [Int]) -> String {
        widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    }
}
