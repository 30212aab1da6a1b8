public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    /// One pass over the window's POs in one read (`ScorecardCountQuery.counts`): the plain ones counted, the ids of
    /// the rest, then read as records by id. A count holding a value the store does not know sends the whole window
    /// to `scorecardRecords`, which names the PO.
    public func scorecardCounts(
        _ window: ScorecardWindow, days: [RetailerID: [Date]], asOf: Date
    ) async throws(StoreError) -> ScorecardCounts {
        let operation = "read the scorecard's records"
        guard let query = ScorecardCountQuery(.sqlite, days: days) else {
            return ScorecardCounts(counts: [], records: try await scorecardRecords(window))
        }
        let sql = query.counts
        let arguments: StatementArguments = [
            "since": window.receivedSince.timeIntervalSince1970, "until": window.until.timeIntervalSince1970,
            "retailer": window.retailer?.rawValue ?? "", "asOf": asOf.timeIntervalSinceReferenceDate,
        ]
        return try await read(operation) { db in
            var counts: [ScorecardCount] = []
            var unusual: Set<Int64> = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                if let id: Int64 = row[9] {
                    unusual.insert(id)
                    continue
                }
                guard
                    let count = ScorecardCountQuery.count(
                        retailer: row[0], node: row[1], outcome: row[2], feesAvoided: row[3], receivedDay: row[4],
                        shipByDay: row[5], shipVerdict: row[6], asnDay: row[7], asnVerdict: row[8], orders: row[10],
                        units: row[11], cancelledOrders: row[12], cancelledUnits: row[13], unknownState: row[14])
                else {
                    return ScorecardCounts(
                        counts: [], records: try Self.scorecardRecords(window, ids: nil, operation: operation, db))
                }
                counts.append(count)
            }
            let records = try Self.scorecardRecords(window, ids: unusual.sorted(), operation: operation, db)
            return ScorecardCounts(counts: counts, records: records)
        }
    }
}
