public import Foundation
import Orders
import PostgresNIO

extension PostgresStore {
    // MARK: Orders and what they produce

    public func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult {
        let orderJSON = try StoreJSON.encode(commit.order, operation: "encode order")
        do {
            return try await transaction { connection in
                try await self.commit(commit, orderJSON: orderJSON, on: connection)
            }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("commit order", error)
        }
    }

    /// Commits one order in the caller's transaction; a `Conflict` when a reservation or capacity claim no longer
    /// fits, after which the caller must roll back what it wrote.
    func commit(_ commit: OrderCommit, orderJSON: String, on connection: PostgresConnection) async throws
        -> CommitResult
    {
        let order = commit.order
        let source = order.source
        // The PO's key first: a concurrent commit of the same PO waits here for this one to end, then finds it.
        let inserted = try await rows(
            """
            INSERT INTO purchase_order (retailer, po_number, purpose, interchange_control, group_control,
                set_control, document_id, received_at, order_json, order_value)
            VALUES (\(commit.retailer.rawValue), \(order.poNumber.rawValue), \(order.purpose.rawValue),
                \(source.interchangeControl), \(source.groupControl), \(source.setControl),
                \(commit.documentID?.rawValue), \(commit.receivedAt.timeIntervalSince1970), \(orderJSON),
                \(order.extendedTotal.description))
            ON CONFLICT (retailer, po_number, purpose) DO NOTHING
            RETURNING id
            """, on: connection
        ).first?.decode(Int64.self)
        guard let orderID = inserted else {
            let existing = try await rows(
                """
                SELECT id, document_id FROM purchase_order
                WHERE retailer = \(commit.retailer.rawValue) AND po_number = \(order.poNumber.rawValue)
                    AND purpose = \(order.purpose.rawValue)
                """, on: connection
            ).first?.decode((Int64, Int64?).self)
            guard let (id, document) = existing else {
                throw PostgresSchemaError(description: "a PO that conflicted on insert cannot be found")
            }
            return .duplicate(
                of: OrderID(id), sameDocument: document != nil && document == commit.documentID?.rawValue)
        }
        // Conditional updates, in node and SKU order so that two commits never wait on each other in a cycle. Each
        // waits for a concurrent update of its row and then checks the condition again on the new figures.
        for reservation in commit.reservations.sorted(by: { ($0.node, $0.sku) < ($1.node, $1.sku) }) {
            let taken = try await rows(
                """
                UPDATE inventory SET reserved = reserved + \(reservation.quantity)
                WHERE node = \(reservation.node.rawValue) AND sku = \(reservation.sku.rawValue)
                    AND on_hand - reserved - safety_stock >= \(reservation.quantity)
                RETURNING 1
                """, on: connection)
            guard taken.count == 1 else {
                throw Conflict(
                    "\(reservation.node) no longer has \(reservation.quantity) of \(reservation.sku) available")
            }
        }
        for claim in commit.capacity.sorted(by: { ($0.node, $0.day) < ($1.node, $1.day) }) {
            let conflict = Conflict("\(claim.node) has no capacity left on \(claim.day)")
            // A node's first claim of a day inserts its row: it must fit the limits on its own.
            guard claim.orders <= claim.maximumOrders, claim.units <= claim.maximumUnits else { throw conflict }
            // One statement: the upsert locks the row and checks the limits against its latest figures.
            let taken = try await rows(
                """
                INSERT INTO capacity_used AS used (node, day, orders, units)
                VALUES (\(claim.node.rawValue), \(claim.day.description)::date, \(claim.orders), \(claim.units))
                ON CONFLICT (node, day) DO UPDATE
                    SET orders = used.orders + excluded.orders, units = used.units + excluded.units
                    WHERE used.orders + excluded.orders <= \(claim.maximumOrders)
                        AND used.units + excluded.units <= \(claim.maximumUnits)
                RETURNING 1
                """, on: connection)
            guard taken.count == 1 else { throw conflict }
        }
        // The decision, its audit event and the reservation rows in one statement: every round trip counts when
        // the database is across a network.
        let decision = commit.decision
        let reservations = commit.reservations
        try await connection.query(
            """
            WITH decided AS (
                INSERT INTO decision (order_id, outcome, nodes, acknowledge_by, ship_by, decided_at, explanation_json)
                VALUES (\(orderID), \(decision.outcome.rawValue), \(decision.nodes.map(\.rawValue)),
                    \(decision.acknowledgeBy?.timeIntervalSince1970), \(decision.shipBy?.timeIntervalSince1970),
                    \(decision.decidedAt.timeIntervalSince1970), \(decision.explanationJSON))
            ), reserved AS (
                INSERT INTO reservation (order_id, node, sku, quantity)
                SELECT \(orderID), node, sku, quantity
                FROM unnest(\(reservations.map(\.node.rawValue))::text[], \(reservations.map(\.sku.rawValue))::text[],
                    \(reservations.map(\.quantity))::bigint[]) AS r (node, sku, quantity)
            )
            INSERT INTO audit (at, order_id, event, detail)
            VALUES (\(decision.decidedAt.timeIntervalSince1970), \(orderID), 'decided',
                \("\(decision.outcome.rawValue) \(decision.nodes.map(\.rawValue).joined(separator: "+"))"))
            """, logger: logger)
        let entries = try await insert(
            commit.outbound, orderID: orderID, inReplyTo: commit.documentID, key: nil, at: decision.decidedAt,
            on: connection)
        try await markStraggler(orderID, due: [decision.shipBy], receivedAt: commit.receivedAt, on: connection)
        try await insertOriginalDecisions([(commit, orderID)], on: connection)
        return .committed(OrderID(orderID), entries)
    }

    public func enqueue(_ drafts: [OutboundDraft], inReplyTo: DocumentID?, key: String) async throws(StoreError)
        -> [OutboxEntry]
    {
        try await transaction("enqueue outbound documents") { connection in
            try await lockOutboxKey(key, on: connection)
            let existing = try await entries(keyed: key, on: connection)
            if !existing.isEmpty { return existing }
            return try await insert(drafts, orderID: nil, inReplyTo: inReplyTo, key: key, at: Date(), on: connection)
        }
    }

    public func resend(key: String, as newKey: String, inReplyTo: DocumentID?, at: Date) async throws(StoreError)
        -> [OutboxEntry]
    {
        try await transaction("resend outbound documents") { connection in
            try await lockOutboxKey(newKey, on: connection)
            let existing = try await entries(keyed: newKey, on: connection)
            if !existing.isEmpty { return existing }
            var copies = try await entries(keyed: key, on: connection).map { original in
                var copy = original
                copy.inReplyTo = inReplyTo
                copy.state = .pending
                copy.createdAt = at.asStored
                return copy
            }
            for (index, id) in try await insertRows(copies, key: newKey, on: connection).enumerated() {
                copies[index].id = id
            }
            return copies
        }
    }

    /// Orders two transactions that enqueue under the same key (in two processes), so that the second finds the
    /// first's rows instead of writing its own.
    private func lockOutboxKey(_ key: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(Self.outboxKeyLock), hashtext(\(key)))", logger: logger)
    }

    /// Renders and inserts `drafts`, drawing each partner's control numbers from its counters, locked `FOR UPDATE`
    /// (in partner order) until the caller's transaction ends, and writing them back in it.
    func insert(
        _ drafts: [OutboundDraft], orderID: Int64?, inReplyTo: DocumentID?, key: String?, at: Date,
        on connection: PostgresConnection
    ) async throws -> [OutboxEntry] {
        try await insert(
            [OutboundGroup(drafts: drafts, orderID: orderID, inReplyTo: inReplyTo, at: at)], key: key, on: connection
        ).first ?? []
    }

    /// The documents one order (or one inbound document's answer) puts in the outbox.
    struct OutboundGroup {
        var drafts: [OutboundDraft]
        var orderID: Int64?
        var inReplyTo: DocumentID?
        var at: Date
    }

    /// Renders the drafts of every group, in order, drawing each partner's control numbers from its counters,
    /// locked `FOR UPDATE` (in partner order) until the caller's transaction ends; inserts every row in one
    /// statement and writes the counters back in one more. Four statements however many documents and partners;
    /// two when the caller locked the counters already (`counters`, which must hold every partner of `groups`).
    func insert(
        _ groups: [OutboundGroup], key: String?, counters locked: [String: ControlNumbers]? = nil,
        on connection: PostgresConnection
    ) async throws -> [[OutboxEntry]] {
        var counters: [String: ControlNumbers]
        if let locked {
            counters = locked
        } else {
            counters = try await lockCounters(Set(groups.flatMap { $0.drafts.map(\.partner) }), on: connection)
        }
        var entries: [[OutboxEntry]] = []
        // The groups each row numbered that a 997 may answer, by the row's place in `entries`, recorded once the
        // rows have their ids.
        var numbered: [(place: Int, groups: [DrawnGroup], kind: (functionalID: String, setID: String))] = []
        var place = 0
        for group in groups {
            let at = group.at.asStored
            var made: [OutboxEntry] = []
            for draft in group.drafts {
                guard var numbers = counters[draft.partner] else { continue }
                let mark = numbers.drawn.count
                let bytes: [UInt8]
                do { bytes = try draft.render(&numbers) } catch {
                    throw StoreError("render \(draft.name)", code: .render, underlying: error)
                }
                if let acknowledgeable = draft.kind.acknowledgeable {
                    numbered.append((place, DrawnGroup.groups(in: numbers.drawn[mark...]), acknowledgeable))
                }
                place += 1
                counters[draft.partner] = numbers
                made.append(
                    OutboxEntry(
                        id: OutboxID(0), kind: draft.kind, partner: draft.partner,
                        orderID: group.orderID.map(OrderID.init), inReplyTo: group.inReplyTo, name: draft.name,
                        destination: draft.destination, state: .pending, createdAt: at, bytes: bytes))
            }
            entries.append(made)
        }
        let ids = try await insertRows(entries.flatMap { $0 }, key: key, on: connection)
        var next = ids.makeIterator()
        for group in entries.indices {
            for entry in entries[group].indices {
                guard let id = next.next() else {
                    throw PostgresSchemaError(description: "INSERT … RETURNING id returned too few rows")
                }
                entries[group][entry].id = id
            }
        }
        let rows = entries.flatMap { $0 }
        try await recordSent(
            numbered.flatMap { item in
                item.groups.map { group in
                    let row = rows[item.place]
                    return (group, row.partner, item.kind, DeliverySubject.outbox(row.id), row.createdAt)
                }
            }, on: connection)
        try await saveCounters(counters, on: connection)
        return entries
    }

    /// Writes counters back after drawing from them. Their rows exist (`lockCounters` made them) and are locked
    /// until the transaction ends: one UPDATE writes them all.
    func saveCounters(_ counters: [String: ControlNumbers], on connection: PostgresConnection) async throws {
        var drawn: [(partner: String, kind: String, value: Int)] = []
        for (partner, numbers) in counters {
            for (kind, value) in numbers.values { drawn.append((partner, kind.rawValue, value)) }
        }
        guard !drawn.isEmpty else { return }
        try await connection.query(
            """
            UPDATE control_number AS counter SET value = drawn.value
            FROM unnest(\(drawn.map(\.partner))::text[], \(drawn.map(\.kind))::text[],
                \(drawn.map(\.value))::bigint[]) AS drawn (partner, kind, value)
            WHERE counter.partner = drawn.partner AND counter.kind = drawn.kind AND counter.value <> drawn.value
            """, logger: logger)
    }

    /// `partners`' counters, locked until the transaction ends, in partner order (as bytes: the order Swift sorts
    /// them in, whatever the database's collation) so that two transactions never wait on each other in a cycle. A
    /// partner's rows are made (at zero: no number drawn yet) the first time it is numbered; two transactions
    /// numbering a new partner at once then wait on the same rows, the second's INSERT for the first's to end.
    func lockCounters(_ partners: Set<String>, on connection: PostgresConnection) async throws
        -> [String: ControlNumbers]
    {
        guard !partners.isEmpty else { return [:] }
        let names = partners.sorted()
        let kinds = ControlNumberKind.allCases.map(\.rawValue)
        let select: PostgresQuery = """
            SELECT partner, kind, value FROM control_number WHERE partner = ANY(\(names)::text[])
            ORDER BY partner COLLATE "C", kind COLLATE "C" FOR UPDATE
            """
        var locked = try await rows(select, on: connection)
        if locked.count < names.count * kinds.count {
            try await connection.query(
                """
                INSERT INTO control_number (partner, kind, value)
                SELECT p.partner, k.kind, 0 FROM unnest(\(names)::text[]) AS p (partner), unnest(\(kinds)::text[]) AS k (kind)
                ORDER BY p.partner COLLATE "C", k.kind COLLATE "C"
                ON CONFLICT (partner, kind) DO NOTHING
                """, logger: logger)
            locked = try await rows(select, on: connection)
        }
        var values: [String: [ControlNumberKind: Int]] = [:]
        for row in locked {
            let (partner, kind, value) = try row.decode((String, String, Int).self)
            if let kind = ControlNumberKind(rawValue: kind), value > 0 { values[partner, default: [:]][kind] = value }
        }
        return Dictionary(
            uniqueKeysWithValues: names.map { ($0, ControlNumbers(partner: $0, values: values[$0] ?? [:])) })
    }

    /// Inserts `entries` in one statement and returns their ids in order. The rows go in in ordinal order
    /// (`ORDER BY n`), each taking the sequence's next value as it goes in, so their ids, sorted, are in that order
    /// too (a concurrent transaction's ids may fall between them, never out of order within them).
    private func insertRows(_ entries: [OutboxEntry], key: String?, on connection: PostgresConnection) async throws
        -> [OutboxID]
    {
        guard !entries.isEmpty else { return [] }
        let ids = try await rows(
            """
            INSERT INTO outbox (key, kind, partner, order_id, in_reply_to, name, destination, state, created_at,
                bytes)
            SELECT \(key)::text, kind, partner, NULLIF(order_id, 0), NULLIF(in_reply_to, 0), name,
                CASE WHEN has_destination THEN destination END, state, created_at, bytes
            FROM unnest(\(entries.map(\.kind.rawValue))::text[], \(entries.map(\.partner))::text[],
                \(entries.map { $0.orderID?.rawValue ?? 0 })::bigint[],
                \(entries.map { $0.inReplyTo?.rawValue ?? 0 })::bigint[], \(entries.map(\.name))::text[],
                \(entries.map { $0.destination ?? "" })::text[], \(entries.map { $0.destination != nil })::boolean[],
                \(entries.map(\.state.rawValue))::text[], \(entries.map(\.createdAt.timeIntervalSince1970))::float8[],
                \(entries.map { ByteBuffer(bytes: $0.bytes) })::bytea[])
                WITH ORDINALITY AS entry (kind, partner, order_id, in_reply_to, name, destination, has_destination,
                    state, created_at, bytes, n)
            ORDER BY n
            RETURNING id
            """, on: connection
        ).map { try $0.decode(Int64.self) }.sorted()
        guard ids.count == entries.count else {
            throw PostgresSchemaError(
                description: "INSERT … RETURNING id returned \(ids.count) of \(entries.count) rows")
        }
        return ids.map(OutboxID.init)
    }

    // MARK: Reading

    public func orders(_ filter: OrderFilter) async throws(StoreError) -> [OrderSummary] {
        let outcome = filter.outcome?.rawValue
        let retailer = filter.retailer?.rawValue
        let node = filter.node?.rawValue
        let since = filter.since?.timeIntervalSince1970
        let poNumber = filter.poNumber?.rawValue
        return try await connection("list orders") { connection in
            try await rows(
                """
                SELECT \(unescaped: Self.orderColumns)
                FROM purchase_order o JOIN decision d ON d.order_id = o.id
                WHERE (\(outcome)::text IS NULL OR d.outcome = \(outcome))
                    AND (\(retailer)::text IS NULL OR o.retailer = \(retailer))
                    AND (\(node)::text IS NULL OR \(node) = ANY (d.nodes))
                    AND (\(since)::double precision IS NULL OR o.received_at >= \(since))
                    AND (\(poNumber)::text IS NULL OR o.po_number = \(poNumber))
                ORDER BY o.id
                """, on: connection
            ).map(Self.summary)
        }
    }

    /// The order list's columns, over `o` (the order) and `d` (its decision), as `summary` reads them.
    static let orderColumns = """
        o.id, o.retailer, o.po_number, o.received_at, o.document_id, d.outcome, d.nodes, d.acknowledge_by, d.ship_by,
            d.explanation_json
        """

    static func summary(_ row: PostgresRow) throws -> OrderSummary {
        let (id, retailer, poNumber, receivedAt, document, outcome, nodes, acknowledgeBy, shipBy, explanation) =
            try row.decode(
                (Int64, String, String, Double, Int64?, String, [String], Double?, Double?, String).self)
        let order = OrderID(id)
        let po = PONumber(poNumber)
        return OrderSummary(
            id: order, retailer: RetailerID(retailer), poNumber: po,
            outcome: try DecisionOutcome.stored(outcome, order: order, poNumber: po, operation: "list orders"),
            nodes: nodes.map(DCID.init), acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
            shipBy: shipBy.map(Date.init(timeIntervalSince1970:)),
            receivedAt: Date(timeIntervalSince1970: receivedAt), documentID: document.map(DocumentID.init),
            explanationJSON: explanation)
    }

    public func outbox(state: OutboxState?) async throws(StoreError) -> [OutboxEntry] {
        let state = state?.rawValue
        return try await connection("list outbox") { connection in
            try await rows(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox
                WHERE (\(state)::text IS NULL OR state = \(state)) ORDER BY id
                """, on: connection
            ).map(Self.entry)
        }
    }

    func entries(keyed key: String, on connection: PostgresConnection) async throws -> [OutboxEntry] {
        try await rows(
            "SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE key = \(key) ORDER BY id", on: connection
        ).map(Self.entry)
    }

    static let outboxColumns =
        "id, kind, partner, order_id, in_reply_to, name, destination, state, created_at, bytes"

    static func entry(_ row: PostgresRow) throws -> OutboxEntry {
        let (id, kind, partner, order, reply, name, destination, state, createdAt, bytes) = try row.decode(
            (Int64, String, String, Int64?, Int64?, String, String?, String, Double, ByteBuffer).self)
        return OutboxEntry(
            id: OutboxID(id), kind: OutboundKind(rawValue: kind) ?? .explanation, partner: partner,
            orderID: order.map(OrderID.init), inReplyTo: reply.map(DocumentID.init), name: name,
            destination: destination, state: OutboxState(rawValue: state) ?? .pending,
            createdAt: Date(timeIntervalSince1970: createdAt), bytes: Array(bytes.readableBytesView))
    }

    public func audit(of order: OrderID) async throws(StoreError) -> [AuditEvent] {
        try await connection("read audit") { connection in
            try await rows(
                "SELECT at, event, detail FROM audit WHERE order_id = \(order.rawValue) ORDER BY id", on: connection
            ).map { row in
                let (at, event, detail) = try row.decode((Double, String, String).self)
                return AuditEvent(at: Date(timeIntervalSince1970: at), event: event, detail: detail)
            }
        }
    }
}
