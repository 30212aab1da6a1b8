public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    /// As SQLite's, on one connection: one pass over the window's POs (`ScorecardCountQuery.counts`), the plain ones
    /// counted and the rest, with the window's stragglers, read as records by id. A count holding a value the store does not know sends the whole
    /// window to `scorecardRecords`, which names the PO.
    public func scorecardCounts(
        _ window: ScorecardWindow, days: [RetailerID: [Date]], asOf: Date
    ) async throws(StoreError) -> ScorecardCounts {
        let operation = "read the scorecard's records"
        guard let query = ScorecardCountQuery(.postgres, days: days, valued: window.valued) else {
            return ScorecardCounts(counts: [], records: try await scorecardRecords(window))
        }
        return try await connection(operation) { connection in
            var counting = PostgresQuery(unsafeSQL: query.counts)
            counting.binds.append(window.receivedSince.timeIntervalSince1970)
            counting.binds.append(window.until.timeIntervalSince1970)
            counting.binds.append(window.retailer?.rawValue ?? "")
            counting.binds.append(asOf.timeIntervalSinceReferenceDate)
            var counts: [ScorecardCount] = []
            var unusual: Set<Int64> = []
            for row in try await self.rows(counting, on: connection) {
                let (retailer, nodes, avoided, facts, id, orders, units, cancelledOrders, cancelledUnits) =
                    try row.decode((String, [String]?, String?, Int64, Int64?, Int64, Int64, Int64, Int64).self)
                if let id {
                    unusual.insert(id)
                    continue
                }
                guard
                    let count = ScorecardCountQuery.count(
                        retailer: retailer, nodes: nodes ?? [], feesAvoided: avoided, facts: facts, orders: orders,
                        units: units, cancelledOrders: cancelledOrders, cancelledUnits: cancelledUnits)
                else {
                    let records = try await self.scorecardRecords(
                        window, ids: nil, operation: operation, on: connection)
                    return ScorecardCounts(counts: [], records: records)
                }
                counts.append(count)
            }
            let stragglers = try await self.stragglers(window, on: connection)
            let records = try await self.scorecardRecords(
                window, ids: unusual.sorted() + stragglers, operation: operation, on: connection)
            return ScorecardCounts(counts: counts, records: records)
        }
    }
}
