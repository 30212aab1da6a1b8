public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    /// One pass over the window's POs in one read (`ScorecardCountQuery.facts`: each PO's verdicts and days in
    /// SQL), summed in groups as it is read (`ScorecardCountSums`: SQLite would sort every row to group them); the
    /// POs that are not plain, and the window's stragglers (`ScorecardStragglers`), are then read as records by id.
    /// A count holding a value the store does not know sends the whole window to `scorecardRecords`, which names the
    /// PO.
    public func scorecardCounts(
        _ window: ScorecardWindow, days: [RetailerID: [Date]], asOf: Date
    ) async throws(StoreError) -> ScorecardCounts {
        let operation = "read the scorecard's records"
        guard let query = ScorecardCountQuery(.sqlite, days: days, valued: window.valued) else {
            return ScorecardCounts(counts: [], records: try await scorecardRecords(window))
        }
        let sql = query.facts
        let arguments: StatementArguments = [
            "since": window.receivedSince.timeIntervalSince1970, "until": window.until.timeIntervalSince1970,
            "retailer": window.retailer?.rawValue ?? "", "asOf": asOf.timeIntervalSinceReferenceDate,
        ]
        return try await read(operation) { db in
            var sums = ScorecardCountSums()
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let key = ScorecardCountSums.Key(retailer: row[0], nodes: row[1], feesAvoided: row[2], facts: row[3])
                sums.add(key, unusual: row[4], units: row[5], cancelled: row[6])
            }
            guard let counts = sums.counts() else {
                return ScorecardCounts(
                    counts: [], records: try Self.scorecardRecords(window, ids: nil, operation: operation, db))
            }
            let unusual = sums.unusual.sorted() + (try Self.stragglers(window, db))
            let records = try Self.scorecardRecords(window, ids: unusual, operation: operation, db)
            return ScorecardCounts(counts: counts, records: records)
        }
    }
}
