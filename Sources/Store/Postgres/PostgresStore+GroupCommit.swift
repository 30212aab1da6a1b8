import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    // MARK: Group commit

    /// One transaction for the whole batch, with the result of `commit(_:)` for each order in turn.
    ///
    /// First the whole batch is written set-wise, a dozen statements however many orders (`commitTogether`):
    /// when the stock and capacity its new orders take together fits, that is exactly what committing them one
    /// after another would have written. When something does not fit (another process took the stock or capacity
    /// since the batch was decided), or the batch names a PO twice, that transaction is rolled back and the batch is
    /// written again one order at a time, each in a savepoint of its own (`commitOneByOne`): a conflict rolls back
    /// that order alone.
    ///
    /// Either way the transaction first locks every row the batch may change, in the one order every batch takes
    /// them (`lockRows`), so that two batches, whose orders would otherwise lock rows in their own order, cannot
    /// deadlock.
    public func commit(batch: [OrderCommit]) async throws(StoreError) -> [CommitResult] {
        guard !batch.isEmpty else { return [] }
        let orderJSON = try await StoreJSON.encodeOrders(batch.map(\.order))
        do {
            do {
                return try await transaction { connection in
                    try await self.commitTogether(batch, orderJSON: orderJSON, on: connection)
                }
            } catch is OneByOne {
                return try await transaction { connection in
                    try await self.commitOneByOne(batch, orderJSON: orderJSON, on: connection)
                }
            }
        } catch {
            throw Self.failure("commit orders", error)
        }
    }

    /// `commitTogether` cannot write this batch as `commitOneByOne` would: roll back and go one by one.
    struct OneByOne: Error {}

    /// Each order in a savepoint of its own, in the caller's transaction: what `commit(_:)` does for each, except
    /// that a conflict rolls back that order alone and the others stay.
    func commitOneByOne(_ batch: [OrderCommit], orderJSON: [String], on connection: PostgresConnection)
        async throws -> [CommitResult]
    {
        _ = try await lockRows(of: batch, on: connection)
        var results: [CommitResult] = []
        for (commit, json) in zip(batch, orderJSON) {
            try await connection.query("SAVEPOINT one_order", logger: logger)
            do {
                results.append(try await self.commit(commit, orderJSON: json, on: connection))
            } catch let conflict as Conflict {
                try await connection.query("ROLLBACK TO SAVEPOINT one_order", logger: logger)
                results.append(.conflict(conflict.description))
            }
            try await connection.query("RELEASE SAVEPOINT one_order", logger: logger)
        }
        return results
    }

    /// The whole batch in a fixed number of statements, in the caller's transaction: the POs (those recorded
    /// before are duplicates and take nothing), the stock and the capacity the new ones take together, their
    /// decisions, reservations and audit events, and their outbound documents with control numbers drawn in batch
    /// order. Throws `OneByOne` when the batch names a PO twice or when the stock or capacity taken together does
    /// not fit; the caller then rolls back. When it all fits, every prefix of the batch fits too (quantities are
    /// positive), so each order would have been committed one by one as well.
    func commitTogether(_ batch: [OrderCommit], orderJSON: [String], on connection: PostgresConnection)
        async throws -> [CommitResult]
    {
        let keys = batch.map { OrderKey($0.order, retailer: $0.retailer) }
        guard Set(keys).count == keys.count else { throw OneByOne() }
        let locked = try await lockRows(of: batch, on: connection)
        let inserted = try await insertOrders(batch, keys: keys, orderJSON: orderJSON, on: connection)
        var results: [CommitResult?] = Array(repeating: nil, count: batch.count)
        let recordedBefore = batch.indices.filter { inserted[keys[$0]] == nil }
        if !recordedBefore.isEmpty {
            let earlier = try await recordedOrders(recordedBefore.map { keys[$0] }, on: connection)
            for index in recordedBefore {
                guard let (id, document) = earlier[keys[index]] else {
                    throw PostgresSchemaError(description: "a PO that conflicted on insert cannot be found")
                }
                results[index] = .duplicate(
                    of: OrderID(id), sameDocument: document != nil && document == batch[index].documentID?.rawValue)
            }
        }
        let new = batch.indices.compactMap { index in inserted[keys[index]].map { (index: index, id: $0) } }
        try await reserve(new.flatMap { batch[$0.index].reservations }, available: locked.available, on: connection)
        try await takeCapacity(new.flatMap { batch[$0.index].capacity }, on: connection)
        try await insertDecisions(new.map { (batch[$0.index], $0.id) }, on: connection)
        try await insertOriginalDecisions(new.map { (batch[$0.index], $0.id) }, on: connection)
        let entries = try await insert(
            new.map {
                OutboundGroup(
                    drafts: batch[$0.index].outbound, orderID: $0.id, inReplyTo: batch[$0.index].documentID,
                    at: batch[$0.index].decision.decidedAt)
            }, key: nil, counters: locked.counters, on: connection)
        for (order, entries) in zip(new, entries) { results[order.index] = .committed(OrderID(order.id), entries) }
        return try results.map { result in
            guard let result else { throw PostgresSchemaError(description: "an order of the batch was left out") }
            return result
        }
    }

    /// Inserts the POs not recorded before, in batch order; returns the new ones' ids. A PO a concurrent
    /// transaction is inserting waits for it to end, then counts as recorded before.
    private func insertOrders(
        _ batch: [OrderCommit], keys: [OrderKey], orderJSON: [String], on connection: PostgresConnection
    ) async throws -> [OrderKey: Int64] {
        let sources = batch.map(\.order.source)
        let rows = try await rows(
            """
            INSERT INTO purchase_order (retailer, po_number, purpose, interchange_control, group_control,
                set_control, document_id, received_at, order_json, order_value)
            SELECT retailer, po_number, purpose, CASE WHEN has_interchange THEN interchange_control END,
                CASE WHEN has_group THEN group_control END, CASE WHEN has_set THEN set_control END,
                NULLIF(document_id, 0), received_at, order_json, order_value
            FROM unnest(\(keys.map(\.retailer.rawValue))::text[], \(keys.map(\.poNumber.rawValue))::text[],
                \(keys.map(\.purpose))::text[], \(sources.map { $0.interchangeControl ?? "" })::text[],
                \(sources.map { $0.interchangeControl != nil })::boolean[],
                \(sources.map { $0.groupControl ?? "" })::text[], \(sources.map { $0.groupControl != nil })::boolean[],
                \(sources.map { $0.setControl ?? "" })::text[], \(sources.map { $0.setControl != nil })::boolean[],
                \(batch.map { $0.documentID?.rawValue ?? 0 })::bigint[],
                \(batch.map(\.receivedAt.timeIntervalSince1970))::float8[], \(orderJSON)::text[],
                \(batch.map(\.order.extendedTotal.description))::text[])
                WITH ORDINALITY AS o (retailer, po_number, purpose, interchange_control, has_interchange,
                    group_control, has_group, set_control, has_set, document_id, received_at, order_json,
                    order_value, n)
            ORDER BY n
            ON CONFLICT (retailer, po_number, purpose) DO NOTHING
            RETURNING id, retailer, po_number, purpose
            """, on: connection)
        var inserted: [OrderKey: Int64] = [:]
        for row in rows {
            let (id, retailer, poNumber, purpose) = try row.decode((Int64, String, String, String).self)
            inserted[OrderKey(retailer: RetailerID(retailer), poNumber: PONumber(poNumber), purpose: purpose)] = id
        }
        return inserted
    }

    /// The id and document of each of `keys` that is recorded, in one query.
    func recordedOrders(_ keys: [OrderKey], on connection: PostgresConnection) async throws
        -> [OrderKey: (Int64, Int64?)]
    {
        guard !keys.isEmpty else { return [:] }
        var found: [OrderKey: (Int64, Int64?)] = [:]
        for row in try await rows(
            """
            SELECT o.id, o.document_id, o.retailer, o.po_number, o.purpose
            FROM unnest(\(keys.map(\.retailer.rawValue))::text[], \(keys.map(\.poNumber.rawValue))::text[],
                \(keys.map(\.purpose))::text[]) AS k (retailer, po_number, purpose)
            JOIN purchase_order o ON o.retailer = k.retailer AND o.po_number = k.po_number AND o.purpose = k.purpose
            """, on: connection)
        {
            let (id, document, retailer, poNumber, purpose) = try row.decode(
                (Int64, Int64?, String, String, String).self)
            found[OrderKey(retailer: RetailerID(retailer), poNumber: PONumber(poNumber), purpose: purpose)] = (
                id, document
            )
        }
        return found
    }

    /// Locks every row `batch` may change, in the order every transaction that changes several takes them: the
    /// inventory rows it reserves from by node and SKU, the capacity rows of the days it claims by node and day, the
    /// control number counters of the partners it numbers for by partner (each as bytes: the order Swift sorts them
    /// in, which `commit(_:)` follows too). Returns what is available of each inventory row and the counters.
    func lockRows(of batch: [OrderCommit], on connection: PostgresConnection) async throws
        -> (available: [StockKey: Int], counters: [String: ControlNumbers])
    {
        let stock = Set(
            batch.flatMap { $0.reservations.map { StockKey(node: $0.node.rawValue, sku: $0.sku.rawValue) } })
        var available: [StockKey: Int] = [:]
        if !stock.isEmpty {
            for row in try await rows(
                """
                SELECT node, sku, on_hand - reserved - safety_stock FROM inventory
                WHERE (node, sku) IN (SELECT * FROM unnest(\(stock.map(\.node))::text[], \(stock.map(\.sku))::text[]))
                ORDER BY node COLLATE "C", sku COLLATE "C" FOR UPDATE
                """, on: connection)
            {
                let (node, sku, free) = try row.decode((String, String, Int).self)
                available[StockKey(node: node, sku: sku)] = free
            }
        }
        let days = Set(
            batch.flatMap { $0.capacity.map { CapacityKey(node: $0.node.rawValue, day: $0.day.description) } })
        if !days.isEmpty {
            try await connection.query(
                """
                SELECT 1 FROM capacity_used
                WHERE (node, day) IN (SELECT node, day::date FROM unnest(\(days.map(\.node))::text[],
                    \(days.map(\.day))::text[]) AS d (node, day))
                ORDER BY node COLLATE "C", day FOR UPDATE
                """, logger: logger)
        }
        let counters = try await lockCounters(Set(batch.flatMap { $0.outbound.map(\.partner) }), on: connection)
        return (available, counters)
    }

    /// Reserves the sum of `reservations` per node and SKU in one UPDATE, their rows locked (`lockRows`) with
    /// `available` of each. `OneByOne` when a sum does not fit.
    private func reserve(_ reservations: [Reservation], available: [StockKey: Int], on connection: PostgresConnection)
        async throws
    {
        var wanted: [StockKey: Int] = [:]
        for reservation in reservations {
            wanted[StockKey(node: reservation.node.rawValue, sku: reservation.sku.rawValue), default: 0] +=
                reservation.quantity
        }
        guard !wanted.isEmpty else { return }
        let sums = wanted.sorted { ($0.key.node, $0.key.sku) < ($1.key.node, $1.key.sku) }
        guard sums.allSatisfy({ $0.value <= available[$0.key] ?? 0 }) else { throw OneByOne() }
        let updated = try await rows(
            """
            UPDATE inventory SET reserved = reserved + wanted.quantity
            FROM unnest(\(sums.map(\.key.node))::text[], \(sums.map(\.key.sku))::text[], \(sums.map(\.value))::bigint[])
                AS wanted (node, sku, quantity)
            WHERE inventory.node = wanted.node AND inventory.sku = wanted.sku
                AND inventory.on_hand - inventory.reserved - inventory.safety_stock >= wanted.quantity
            RETURNING 1
            """, on: connection)
        guard updated.count == sums.count else { throw OneByOne() }
    }

    struct StockKey: Hashable {
        var node: String
        var sku: String
    }

    /// Takes the sum of `claims` per node and day in one upsert (rows that exist are locked by `lockRows`; new ones
    /// are inserted in node and day order), each checked against the node's limits (the smallest any claim
    /// states). `OneByOne` when a sum does not fit.
    private func takeCapacity(_ claims: [CapacityClaim], on connection: PostgresConnection) async throws {
        var sums: [CapacityKey: (orders: Int, units: Int, maximumOrders: Int, maximumUnits: Int)] = [:]
        for claim in claims {
            let key = CapacityKey(node: claim.node.rawValue, day: claim.day.description)
            var sum = sums[key] ?? (0, 0, claim.maximumOrders, claim.maximumUnits)
            sum.orders += claim.orders
            sum.units += claim.units
            sum.maximumOrders = min(sum.maximumOrders, claim.maximumOrders)
            sum.maximumUnits = min(sum.maximumUnits, claim.maximumUnits)
            sums[key] = sum
        }
        guard !sums.isEmpty else { return }
        // A node's first claim of a day inserts its row: it must fit the limits on its own.
        guard sums.values.allSatisfy({ $0.orders <= $0.maximumOrders && $0.units <= $0.maximumUnits }) else {
            throw OneByOne()
        }
        let ordered = sums.sorted { ($0.key.node, $0.key.day) < ($1.key.node, $1.key.day) }
        let taken = try await rows(
            """
            WITH claim AS (
                SELECT node, day::date AS day, orders, units, maximum_orders, maximum_units
                FROM unnest(\(ordered.map(\.key.node))::text[], \(ordered.map(\.key.day))::text[],
                    \(ordered.map(\.value.orders))::bigint[], \(ordered.map(\.value.units))::bigint[],
                    \(ordered.map(\.value.maximumOrders))::bigint[], \(ordered.map(\.value.maximumUnits))::bigint[])
                    AS c (node, day, orders, units, maximum_orders, maximum_units)
            )
            INSERT INTO capacity_used AS used (node, day, orders, units)
            SELECT node, day, orders, units FROM claim ORDER BY node COLLATE "C", day
            ON CONFLICT (node, day) DO UPDATE
                SET orders = used.orders + excluded.orders, units = used.units + excluded.units
                WHERE used.orders + excluded.orders
                        <= (SELECT maximum_orders FROM claim WHERE claim.node = used.node AND claim.day = used.day)
                    AND used.units + excluded.units
                        <= (SELECT maximum_units FROM claim WHERE claim.node = used.node AND claim.day = used.day)
            RETURNING 1
            """, on: connection)
        guard taken.count == ordered.count else { throw OneByOne() }
    }

    struct CapacityKey: Hashable {
        var node: String
        /// `YYYY-MM-DD`, which sorts as the days do.
        var day: String
    }

    /// Every new order's decision, reservation rows and audit event, in one statement. A decision's nodes travel as
    /// a JSON array (an array per order cannot be a column of `unnest`); a missing deadline as NaN.
    private func insertDecisions(_ orders: [(commit: OrderCommit, id: Int64)], on connection: PostgresConnection)
        async throws
    {
        guard !orders.isEmpty else { return }
        let decisions = orders.map(\.commit.decision)
        let nodes = try decisions.map { decision throws(StoreError) in
            try StoreJSON.encode(decision.nodes.map(\.rawValue), operation: "encode decision nodes")
        }
        let reservations = orders.flatMap { order in order.commit.reservations.map { (order.id, $0) } }
        try await connection.query(
            """
            WITH decided AS (
                INSERT INTO decision (order_id, outcome, nodes, acknowledge_by, ship_by, decided_at,
                    explanation_json)
                SELECT order_id, outcome,
                    ARRAY(SELECT node FROM jsonb_array_elements_text(nodes::jsonb) WITH ORDINALITY AS n (node, k)
                        ORDER BY k),
                    NULLIF(acknowledge_by, 'NaN'::float8), NULLIF(ship_by, 'NaN'::float8), decided_at,
                    explanation_json
                FROM unnest(\(orders.map(\.id))::bigint[], \(decisions.map(\.outcome.rawValue))::text[], \(nodes)::text[],
                    \(decisions.map { $0.acknowledgeBy?.timeIntervalSince1970 ?? .nan })::float8[],
                    \(decisions.map { $0.shipBy?.timeIntervalSince1970 ?? .nan })::float8[],
                    \(decisions.map(\.decidedAt.timeIntervalSince1970))::float8[],
                    \(decisions.map(\.explanationJSON))::text[])
                    AS d (order_id, outcome, nodes, acknowledge_by, ship_by, decided_at, explanation_json)
            ), reserved AS (
                INSERT INTO reservation (order_id, node, sku, quantity)
                SELECT order_id, node, sku, quantity
                FROM unnest(\(reservations.map(\.0))::bigint[], \(reservations.map(\.1.node.rawValue))::text[],
                    \(reservations.map(\.1.sku.rawValue))::text[], \(reservations.map(\.1.quantity))::bigint[])
                    AS r (order_id, node, sku, quantity)
            )
            INSERT INTO audit (at, order_id, event, detail)
            SELECT at, order_id, 'decided', detail
            FROM unnest(\(decisions.map(\.decidedAt.timeIntervalSince1970))::float8[], \(orders.map(\.id))::bigint[],
                \(decisions.map { "\($0.outcome.rawValue) \($0.nodes.map(\.rawValue).joined(separator: "+"))" })::text[])
                WITH ORDINALITY AS a (at, order_id, detail, n)
            ORDER BY n
            """, logger: logger)
        for order in orders {
            try await markStraggler(
                order.id, due: [order.commit.decision.shipBy], receivedAt: order.commit.receivedAt, on: connection)
        }
    }

    // MARK: Reading

    /// One query for every key (`unnest` of their parts, joined on the PO's unique key).
    public func recorded(_ keys: [OrderKey]) async throws(StoreError) -> [OrderKey: OrderID] {
        try await connection("find recorded orders") { connection in
            try await recordedOrders(keys, on: connection).mapValues { OrderID($0.0) }
        }
    }
}
