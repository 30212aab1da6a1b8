import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    public func originalDecisions(_ window: DecisionWindow, after: OrderID?, limit: Int) async throws(StoreError)
        -> [RecordedDecision]
    {
        let operation = "read recorded decisions"
        let until = window.until?.timeIntervalSince1970 ?? .infinity
        let retailer = window.retailer?.rawValue ?? ""
        let rows = try await connection(operation) { connection in
            try await self.rows(
                """
                SELECT \(unescaped: OriginalDecisionQuery.columns)
                \(unescaped: OriginalDecisionQuery.joins)
                WHERE o.order_id > \(after?.rawValue ?? 0) AND o.received_at >= \(window.from.timeIntervalSince1970)
                    AND o.received_at < \(until) AND (\(retailer) = '' OR o.retailer = \(retailer))
                ORDER BY o.order_id LIMIT \(limit)
                """, on: connection)
        }
        var decisions: [RecordedDecision] = []
        decisions.reserveCapacity(rows.count)
        do {
            for row in rows {
                let (
                    id, retailer, receivedAt, decidedAt, outcome, orderJSON, units, cancelled, avoided, incurred,
                    figures, digest, inputs
                ) = try row.decode(
                    (Int64, String, Double, Double, String, String, Int, Int, String, String, String, String, String)
                        .self)
                decisions.append(
                    try OriginalDecisionQuery.decision(
                        id: id, retailer: retailer, receivedAt: receivedAt, decidedAt: decidedAt, outcome: outcome,
                        orderJSON: orderJSON, units: units, cancelledUnits: cancelled, feesAvoided: avoided,
                        feesIncurred: incurred, figures: figures, digest: digest, inputs: inputs, operation: operation))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.failure(operation, error)
        }
        return decisions
    }

    /// Each new order's first decision with its inputs (`OriginalDecision`), in one statement.
    func insertOriginalDecisions(_ orders: [(commit: OrderCommit, id: Int64)], on connection: PostgresConnection)
        async throws
    {
        let kept = orders.compactMap { order in order.commit.original.map { (order.commit, order.id, $0) } }
        guard !kept.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO original_decision (order_id, retailer, received_at, decided_at, units, outcome,
                cancelled_units, cancelled_value, fees_avoided, fees_incurred, figures, digest, inputs)
            SELECT * FROM unnest(\(kept.map(\.1))::bigint[], \(kept.map(\.0.retailer.rawValue))::text[],
                \(kept.map(\.0.receivedAt.timeIntervalSince1970))::float8[],
                \(kept.map(\.0.decision.decidedAt.timeIntervalSince1970))::float8[], \(kept.map(\.2.units))::integer[],
                \(kept.map(\.0.decision.outcome.rawValue))::text[], \(kept.map(\.2.cancelledUnits))::integer[],
                \(kept.map { $0.2.cancelledValue?.description ?? "" })::text[],
                \(kept.map { $0.2.feesAvoided?.description ?? "" })::text[],
                \(kept.map { $0.2.feesIncurred?.description ?? "" })::text[], \(kept.map(\.2.figures))::text[],
                \(kept.map(\.2.digest))::text[], \(kept.map(\.2.inputs))::text[])
            """, logger: logger)
    }
}
