public import Foundation
public import Orders
import PostgresNIO

/// Delivery on PostgreSQL, for several gateway processes. An outbox claim is one conditional `UPDATE … RETURNING`:
/// a row another transaction is claiming is locked, and once that one commits, READ COMMITTED re-checks the
/// condition on the new row version, so only one claim wins. Feed runs of one retailer and node are claimed and
/// recorded under a transaction-scoped advisory lock on that pair, so the checks for newer and in-flight runs and
/// the claim happen with no other run of the pair changing in between.
extension PostgresStore: DeliveryStore {
    public func dueOutbox(at now: Date, limit: Int) async throws(StoreError) -> [OutboxEntry] {
        let time = now.timeIntervalSince1970
        return try await connection("list due outbox rows") { connection in
            try await rows(
                """
                SELECT \(unescaped: Self.outboxColumns) FROM outbox
                WHERE (state = 'pending' AND coalesce(next_attempt_at, 0) <= \(time))
                    OR (state = 'sending' AND claimed_until < \(time))
                ORDER BY id LIMIT \(max(0, limit))
                """, on: connection
            ).map(Self.entry)
        }
    }

    public func claimOutbox(_ ids: [OutboxID], at now: Date, lease: Duration) async throws(StoreError)
        -> [OutboxClaim]
    {
        let time = now.timeIntervalSince1970
        let until = time + lease.storeSeconds
        let keys = ids.map(\.rawValue)
        return try await connection("claim outbox rows") { connection in
            try await rows(
                """
                UPDATE outbox SET state = 'sending', claimed_until = \(until)
                WHERE id = ANY(\(keys)) AND ((state = 'pending' AND coalesce(next_attempt_at, 0) <= \(time))
                    OR (state = 'sending' AND claimed_until < \(time)))
                RETURNING \(unescaped: Self.outboxColumns), attempts
                """, on: connection
            ).map { row in
                let attempts = try row.decode(
                    (Int64, String, String, Int64?, Int64?, String, String?, String, Double, ByteBuffer, Int).self
                ).10
                return OutboxClaim(entry: try Self.entry(row), attempts: attempts)
            }.sorted { $0.entry.id.rawValue < $1.entry.id.rawValue }
        }
    }

    public func resolveOutbox(_ id: OutboxID, as resolution: DeliveryResolution, attempt: DeliveryAttempt)
        async throws(StoreError)
    {
        try await resolve(
            "outbox", id.rawValue, state: resolution.outboxState.rawValue, resolution, attempt,
            operation: "record delivery of outbox row \(id)")
    }

    /// Records the outcome of an attempt at a row of `table` (outbox or feed_run, whose delivery columns are the
    /// same), and the attempt in the ledger, in one transaction (`SQLiteStore`'s `resolve`).
    private func resolve(
        _ table: StaticString, _ id: Int64, state: String, _ resolution: DeliveryResolution, _ attempt: DeliveryAttempt,
        operation: String
    ) async throws(StoreError) {
        let next = resolution.nextAttemptAt?.timeIntervalSince1970
        let delivered: Double? = resolution == .delivered ? attempt.at.timeIntervalSince1970 : nil
        let name = "\(table)"
        try await transaction(operation) { connection in
            try await connection.query(
                """
                UPDATE \(unescaped: name) SET state = \(state), attempts = attempts + 1,
                    next_attempt_at = \(next), claimed_until = NULL, delivered_at = \(delivered)
                WHERE id = \(id)
                """, logger: logger)
            try await insert(attempt, on: connection)
        }
    }

    // MARK: Ledger

    public func deliveryAttempts(of subject: DeliverySubject?) async throws(StoreError) -> [DeliveryAttempt] {
        var outbox: Int64?
        var feedRun: Int64?
        switch subject {
        case .outbox(let id): outbox = id.rawValue
        case .feedRun(let id): feedRun = id.rawValue
        case nil: break
        }
        let all = subject == nil
        return try await connection("read the delivery ledger") { connection in
            try await rows(
                """
                SELECT outbox_id, feed_run_id, attempt, at, url, status, bytes, duration, response_excerpt, outcome,
                    error
                FROM delivery_attempt
                WHERE \(all) OR outbox_id = \(outbox) OR feed_run_id = \(feedRun) ORDER BY id
                """, on: connection
            ).map { row in
                let (outbox, feedRun, attempt, at, url, status, bytes, duration, excerpt, outcome, error) =
                    try row.decode(
                        (Int64?, Int64?, Int, Double, String, Int?, Int64, Double, ByteBuffer, String, String?).self)
                return DeliveryAttempt(
                    subject: outbox.map { .outbox(OutboxID($0)) } ?? .feedRun(FeedRunID(feedRun ?? 0)),
                    attempt: attempt, at: Date(timeIntervalSince1970: at), url: url, status: status, bytes: Int(bytes),
                    duration: .fromStoreSeconds(duration), responseExcerpt: Array(excerpt.readableBytesView),
                    outcome: try .stored(
                        outcome,
                        row: "a delivery attempt of \(outbox.map { "outbox row \($0)" } ?? "feed run \(feedRun ?? 0)")",
                        operation: "read the ledger"),
                    error: error)
            }
        }
    }

    private func insert(_ attempt: DeliveryAttempt, on connection: PostgresConnection) async throws {
        var outbox: Int64?
        var feedRun: Int64?
        switch attempt.subject {
        case .outbox(let id): outbox = id.rawValue
        case .feedRun(let id): feedRun = id.rawValue
        }
        try await connection.query(
            """
            INSERT INTO delivery_attempt (outbox_id, feed_run_id, attempt, at, url, status, bytes, duration,
                response_excerpt, outcome, error)
            VALUES (\(outbox), \(feedRun), \(attempt.attempt), \(attempt.at.timeIntervalSince1970), \(attempt.url),
                \(attempt.status), \(Int64(attempt.bytes)), \(attempt.duration.storeSeconds),
                \(ByteBuffer(bytes: attempt.responseExcerpt)), \(attempt.outcome.rawValue), \(attempt.error))
            """, logger: logger)
    }

    // MARK: Feed runs

    public func recordFeedRun(_ draft: FeedRunDraft) async throws(StoreError) -> FeedRun {
        let node = draft.node?.rawValue ?? ""
        let built = draft.builtAt.timeIntervalSince1970
        let snapshot = draft.snapshot.map { ByteBuffer(bytes: $0) }
        let state = (draft.nothingToSend ? FeedRunState.nothingToSend : .pending).rawValue
        return try await transaction("record a feed run") { connection in
            try await lockFeedKey(draft.retailer.rawValue, node, on: connection)
            let (body, numbered) = try await render(draft, on: connection)
            let inserted = try await rows(
                """
                INSERT INTO feed_run (retailer, node, format, mode, built_at, bytes, sha256, body, destination,
                    snapshot, state, accepted_on)
                VALUES (\(draft.retailer.rawValue), \(node), \(draft.format), \(draft.mode), \(built),
                    \(Int64(body.count)), \(SHA256Digest.hex(body)), \(ByteBuffer(bytes: body)), \(draft.destination),
                    \(snapshot), \(state), \(draft.acceptedOn.rawValue))
                RETURNING id
                """, on: connection)
            guard let id = try inserted.first?.decode(Int64.self) else {
                throw StoreError("record a feed run", underlying: PostgresSchemaError(description: "no id returned"))
            }
            if let (partner, groups) = numbered {
                try await recordSent(
                    groups.map { ($0, partner, inventoryAdviceGroup, .feedRun(FeedRunID(id)), draft.builtAt) },
                    on: connection)
            }
            try await connection.query(
                """
                UPDATE feed_run SET state = 'superseded'
                WHERE retailer = \(draft.retailer.rawValue) AND node = \(node) AND state = 'pending'
                    AND (built_at < \(built) OR (built_at = \(built) AND id < \(id)))
                """, logger: logger)
            _ = try await supersedeIfOlder(id, on: connection)
            guard let run = try await feedRuns(where: "id = \(id)", on: connection).first else {
                throw StoreError("record a feed run", underlying: PostgresSchemaError(description: "run vanished"))
            }
            return run
        }
    }

    /// The run's bytes; an X12 body is rendered here, numbered from its partner's counters, locked until the
    /// transaction ends and written back in it, and comes with the partner and the groups it numbered.
    private func render(_ draft: FeedRunDraft, on connection: PostgresConnection) async throws
        -> (bytes: [UInt8], numbered: (partner: String, groups: [DrawnGroup])?)
    {
        switch draft.body {
        case .rendered(let bytes): return (bytes, nil)
        case .numbered(let partner, let render):
            var counters = try await lockCounters([partner], on: connection)
            var numbers = counters[partner] ?? ControlNumbers(partner: partner, values: [:])
            let bytes: [UInt8]
            do { bytes = try render(&numbers) } catch {
                throw StoreError("render the feed of \(draft.retailer)", code: .render, underlying: error)
            }
            counters[partner] = numbers
            try await saveCounters(counters, on: connection)
            return (bytes, (partner, DrawnGroup.groups(in: numbers.drawn)))
        }
    }

    public func claimFeedRun(_ id: FeedRunID, at now: Date, lease: Duration) async throws(StoreError)
        -> FeedRunClaim
    {
        let time = now.timeIntervalSince1970
        let until = time + lease.storeSeconds
        return try await transaction("claim feed run \(id)") { connection in
            guard let run = try await feedRuns(where: "id = \(id.rawValue)", on: connection).first else {
                return .finished(.failed)
            }
            let node = run.node?.rawValue ?? ""
            try await lockFeedKey(run.retailer.rawValue, node, on: connection)
            let current = try await rows(
                "SELECT state, coalesce(claimed_until, 0) FROM feed_run WHERE id = \(id.rawValue)", on: connection)
            guard let row = current.first else { return .finished(.failed) }
            let (stateText, claimedUntil) = try row.decode((String, Double).self)
            let state = try FeedRunState.stored(stateText, row: "feed run \(id)", operation: "claim feed run")
            switch state {
            case .delivered, .failed, .nothingToSend: return .finished(state)
            case .superseded: return .superseded
            case .sending where claimedUntil >= time: return .busy
            case .pending, .sending: break
            }
            if try await supersedeIfOlder(id.rawValue, on: connection) { return .superseded }
            if let next = run.nextAttemptAt, next > now { return .notDue(until: next) }
            let inFlight = try await rows(
                """
                SELECT count(*) FROM feed_run
                WHERE retailer = \(run.retailer.rawValue) AND node = \(node) AND id <> \(id.rawValue)
                    AND state = 'sending' AND claimed_until >= \(time)
                """, on: connection)
            if try (inFlight.first?.decode(Int64.self) ?? 0) > 0 { return .busy }
            try await connection.query(
                "UPDATE feed_run SET state = 'sending', claimed_until = \(until) WHERE id = \(id.rawValue)",
                logger: logger)
            var claimed = run
            claimed.state = .sending
            return .claimed(claimed)
        }
    }

    /// One retailer and node's runs change one transaction at a time.
    private func lockFeedKey(_ retailer: String, _ node: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtext(\("feed_run " + retailer + " " + node)))", logger: logger)
    }

    private func supersedeIfOlder(_ id: Int64, on connection: PostgresConnection) async throws -> Bool {
        let changed = try await rows(
            """
            UPDATE feed_run SET state = 'superseded'
            WHERE id = \(id) AND state IN ('pending', 'sending') AND EXISTS (
                SELECT 1 FROM feed_run AS newer
                WHERE newer.retailer = feed_run.retailer AND newer.node = feed_run.node
                    AND newer.state <> 'failed' AND newer.id <> feed_run.id
                    AND (newer.built_at > feed_run.built_at
                        OR (newer.built_at = feed_run.built_at AND newer.id > feed_run.id)))
            RETURNING id
            """, on: connection)
        return !changed.isEmpty
    }

    public func resolveFeedRun(_ id: FeedRunID, as resolution: DeliveryResolution, attempt: DeliveryAttempt)
        async throws(StoreError)
    {
        try await resolve(
            "feed_run", id.rawValue, state: resolution.feedRunState.rawValue, resolution, attempt,
            operation: "record delivery of feed run \(id)")
    }

    public func feedRuns(retailer: RetailerID?) async throws(StoreError) -> [FeedRun] {
        let name = retailer?.rawValue
        return try await connection("list feed runs") { connection in
            try await feedRuns(where: "(\(name)::text IS NULL OR retailer = \(name))", on: connection)
        }
    }

    public func feedRunsWithoutBodies(retailer: RetailerID?) async throws(StoreError) -> [FeedRun] {
        let name = retailer?.rawValue
        return try await connection("list feed runs") { connection in
            try await feedRuns(
                where: "(\(name)::text IS NULL OR retailer = \(name))", on: connection, bodies: false)
        }
    }

    public func acceptedFeedRuns(retailer: RetailerID) async throws(StoreError) -> [FeedRun] {
        let name = retailer.rawValue
        return try await connection("list accepted feed runs") { connection in
            try await feedRuns(
                where: "retailer = \(name) AND \(unescaped: FeedRunQuery.latestAccepted)", on: connection)
        }
    }

    public func lastFeedBuilds() async throws(StoreError) -> [FeedBuild] {
        try await connection("list when feeds were last built") { connection in
            try await rows(
                "SELECT retailer, node, max(built_at) FROM feed_run GROUP BY retailer, node ORDER BY 1, 2",
                on: connection
            ).map { row in
                let (retailer, node, built) = try row.decode((String, String, Double).self)
                return FeedBuild(
                    retailer: RetailerID(retailer), node: node.isEmpty ? nil : DCID(node),
                    builtAt: Date(timeIntervalSince1970: built))
            }
        }
    }

    private func feedRuns(where condition: PostgresQuery, on connection: PostgresConnection, bodies: Bool = true)
        async throws -> [FeedRun]
    {
        var query = PostgresQuery(
            unsafeSQL: """
                SELECT id, retailer, node, format, mode, built_at, bytes, sha256, destination, state, attempts,
                    next_attempt_at, delivered_at,
                    \(bodies ? "body, snapshot" : "''::bytea AS body, NULL::bytea AS snapshot"),
                    accepted_on, g.partner, g.group_control, g.ack_status, g.ack_code, g.ack_errors,
                    g.ack_document_id, g.acknowledged_at
                FROM feed_run LEFT JOIN sent_group AS g ON g.feed_run_id = feed_run.id WHERE
                """)
        // A run's 846 is one group (`InventoryAdvice.write`): the join adds at most one row to a run.
        query.sql += " " + condition.sql + " ORDER BY id"
        query.binds = condition.binds
        return try await rows(query, on: connection).map { row in
            let (
                id, retailer, node, format, mode, built, bytes, sha, destination, state, attempts, next, delivered,
                body, snapshot, acceptedOn, groupPartner, groupControl, status, code, errors, document, at
            ) =
                try row.decode(
                    (
                        Int64, String, String, String, String, Double, Int64, String, String, String, Int, Double?,
                        Double?, ByteBuffer, ByteBuffer?, String, String?, Int64?, String?, String?, String?, Int64?,
                        Double?
                    ).self)
            return FeedRun(
                id: FeedRunID(id), retailer: RetailerID(retailer), node: node.isEmpty ? nil : DCID(node),
                format: format, mode: mode, builtAt: Date(timeIntervalSince1970: built), bytes: Int(bytes),
                sha256: sha, destination: destination,
                state: try .stored(state, row: "feed run \(id)", operation: "read feed runs"),
                attempts: attempts, nextAttemptAt: next.map(Date.init(timeIntervalSince1970:)),
                deliveredAt: delivered.map(Date.init(timeIntervalSince1970:)), body: Array(body.readableBytesView),
                snapshot: snapshot.map { Array($0.readableBytesView) },
                acceptedOn: try .stored(acceptedOn, row: "feed run \(id)", operation: "read feed runs"),
                acknowledgement: try Self.acknowledgement(
                    status: status, code: code, errors: errors, document: document, at: at,
                    group: "sent group \(groupPartner ?? "") \(groupControl ?? 0)", operation: "read feed runs"))
        }
    }

    // MARK: Schedules

    public func claimFeedSlot(retailer: RetailerID, node: DCID?, due: Date, at now: Date, lease: Duration)
        async throws(StoreError) -> Bool
    {
        let time = now.timeIntervalSince1970
        let until = time + lease.storeSeconds
        let (name, place, dueAt) = (retailer.rawValue, node?.rawValue ?? "", due.timeIntervalSince1970)
        return try await connection("claim the feed of \(retailer) due at \(due)") { connection in
            // Slots whose lease ran out are claimed again as missing ones are: let go of them first.
            _ = try await rows("DELETE FROM feed_slot WHERE claimed_until < \(time)", on: connection)
            // A conflicting row is locked while another transaction claims it; READ COMMITTED then re-checks the
            // WHERE on its new version, so only one claim returns a row.
            return try await !rows(
                """
                INSERT INTO feed_slot (retailer, node, due_at, claimed_until) VALUES (\(name), \(place), \(dueAt), \(until))
                ON CONFLICT (retailer, node, due_at) DO UPDATE SET claimed_until = excluded.claimed_until
                WHERE feed_slot.claimed_until < \(time)
                RETURNING 1
                """, on: connection
            ).isEmpty
        }
    }
}
