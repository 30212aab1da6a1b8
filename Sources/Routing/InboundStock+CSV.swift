import Foundation
public import Orders
import Profiles

extension InboundStock {
    /// The rows of an inbound file (columns `dc,sku,quantity,due`, `due` an ISO day `2026-12-10`): stock on its way,
    /// as fixtures/README.md defines the file.
    public static func rows(inboundCSV text: String, file: String = "inbound.csv") throws(RoutingError)
        -> [InboundRow]
    {
        var rows: [InboundRow] = []
        for (line, fields) in try table(text, columns: ["dc", "sku", "quantity", "due"], file: file) {
            let (node, sku, quantity) = try figure(fields, line: line, file: file)
            guard let due = CalendarDate(parsing: fields[3]) else {
                throw RoutingError(file: file, line: line, message: "due '\(fields[3])' is not a day (YYYY-MM-DD)")
            }
            rows.append(InboundRow(node: node, sku: sku, quantity: quantity, due: due))
        }
        return rows
    }

    /// The rows of a receipt file (columns `dc,sku,quantity`): stock a node has received.
    public static func receipts(csv text: String, file: String = "receipts.csv") throws(RoutingError)
        -> [StockReceipt]
    {
        var receipts: [StockReceipt] = []
        for (line, fields) in try table(text, columns: ["dc", "sku", "quantity"], file: file) {
            let (node, sku, quantity) = try figure(fields, line: line, file: file)
            receipts.append(StockReceipt(node: node, sku: sku, quantity: quantity))
        }
        return receipts
    }

    /// Each row's line and its fields in `columns`' order, trimmed (an absent field is empty).
    private static func table(_ text: String, columns: [String], file: String) throws(RoutingError)
        -> [(line: Int, fields: [String])]
    {
        let table: CSVTable
        let index: [Int]
        do {
            table = try CSVTable(parsing: text, file: file)
            index = try table.columns(columns, file: file)
        } catch { throw RoutingError(file: file, line: error.line, message: error.message) }
        return table.rows.map { row in
            (
                row.line,
                index.map { $0 < row.fields.count ? row.fields[$0].trimmingCharacters(in: .whitespaces) : "" }
            )
        }
    }

    /// The node, SKU and quantity (a whole number ≥ 1) every row starts with.
    private static func figure(_ fields: [String], line: Int, file: String) throws(RoutingError)
        -> (DCID, SKU, Int)
    {
        guard !fields[0].isEmpty, !fields[1].isEmpty else {
            throw RoutingError(file: file, line: line, message: "dc and sku must not be empty")
        }
        guard let quantity = Int(fields[2]), quantity > 0 else {
            throw RoutingError(file: file, line: line, message: "quantity '\(fields[2])' is not a whole number ≥ 1")
        }
        return (DCID(fields[0]), SKU(fields[1]), quantity)
    }
}
