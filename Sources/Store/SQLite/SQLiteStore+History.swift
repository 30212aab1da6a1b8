import Foundation
import GRDB
import Orders

extension SQLiteStore {
    public func originalDecisions(_ window: DecisionWindow, after: OrderID?, limit: Int) async throws(StoreError)
        -> [RecordedDecision]
    {
        let operation = "read recorded decisions"
        var conditions = ["o.order_id > ?", "o.received_at >= ?"]
        var arguments: StatementArguments = [after?.rawValue ?? 0, window.from.timeIntervalSince1970]
        if let until = window.until {
            conditions.append("o.received_at < ?")
            _ = arguments.append(contentsOf: [until.timeIntervalSince1970])
        }
        if let retailer = window.retailer {
            conditions.append("o.retailer = ?")
            _ = arguments.append(contentsOf: [retailer.rawValue])
        }
        _ = arguments.append(contentsOf: [limit])
        let sql = """
            SELECT \(OriginalDecisionQuery.columns)
            \(OriginalDecisionQuery.joins)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY o.order_id LIMIT ?
            """
        let bound = arguments
        return try await read(operation) { db in
            var decisions: [RecordedDecision] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: bound)
            while let row = try rows.next() {
                decisions.append(
                    try OriginalDecisionQuery.decision(
                        id: row[0], retailer: row[1], receivedAt: row[2], decidedAt: row[3], outcome: row[4],
                        orderJSON: row[5], units: row[6], cancelledUnits: row[7], feesAvoided: row[8],
                        feesIncurred: row[9], figures: row[10], digest: row[11], inputs: row[12],
                        operation: operation))
            }
            return decisions
        }
    }
}
