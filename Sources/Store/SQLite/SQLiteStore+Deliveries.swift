public import Foundation
import GRDB
public import Orders

/// Delivery on SQLite. Every claim is a conditional `UPDATE` inside a write transaction: SQLite lets one writer in
/// at a time (across processes too), so the condition is read and written without another claim in between.
extension SQLiteStore: DeliveryStore {
    /// Due: pending and past its next-attempt time, or sending under a lease that ran out.
    private static let due =
        "((state = 'pending' AND coalesce(next_attempt_at, 0) <= ?) OR (state = 'sending' AND claimed_until < ?))"

    public func dueOutbox(at now: Date, limit: Int) async throws(StoreError) -> [OutboxEntry] {
        let time = now.timeIntervalSince1970
        return try await read("list due outbox rows") { db in
            try Self.entries(db, where: Self.due, [time, time], limit: limit)
        }
    }

    public func claimOutbox(_ ids: [OutboxID], at now: Date, lease: Duration) async throws(StoreError)
        -> [OutboxClaim]
    {
        let time = now.timeIntervalSince1970
        let until = time + lease.storeSeconds
        return try await write("claim outbox rows") { db in
            var claims: [OutboxClaim] = []
            for id in ids {
                try db.execute(
                    sql: "UPDATE outbox SET state = 'sending', claimed_until = ? WHERE id = ? AND \(Self.due)",
                    arguments: [until, id.rawValue, time, time])
                guard db.changesCount == 1 else { continue }
                let attempts =
                    try Int.fetchOne(db, sql: "SELECT attempts FROM outbox WHERE id = ?", arguments: [id.rawValue])
                    ?? 0
                if let entry = try Self.entries(db, where: "id = ?", [id.rawValue]).first {
                    claims.append(OutboxClaim(entry: entry, attempts: attempts))
                }
            }
            return claims
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
    /// same): its state, one more attempt, when to try next, the claim let go, when it was delivered; and the attempt
    /// in the ledger, in the same transaction.
    private func resolve(
        _ table: StaticString, _ id: Int64, state: String, _ resolution: DeliveryResolution, _ attempt: DeliveryAttempt,
        operation: String
    ) async throws(StoreError) {
        let sql = """
            UPDATE \(table) SET state = ?, attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL,
                delivered_at = ?
            WHERE id = ?
            """
        try await write(operation) { db in
            try db.execute(
                sql: sql,
                arguments: [
                    state, resolution.nextAttemptAt?.timeIntervalSince1970,
                    resolution == .delivered ? attempt.at.timeIntervalSince1970 : nil, id,
                ])
            try Self.insert(attempt, db)
        }
    }

    // MARK: Ledger

    public func deliveryAttempts(of subject: DeliverySubject?) async throws(StoreError) -> [DeliveryAttempt] {
        try await read("read the delivery ledger") { db in
            let condition: String
            var arguments: StatementArguments = []
            switch subject {
            case .outbox(let id):
                condition = "outbox_id = ?"
                arguments = [id.rawValue]
            case .feedRun(let id):
                condition = "feed_run_id = ?"
                arguments = [id.rawValue]
            case nil: condition = "1 = 1"
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox_id, feed_run_id, attempt, at, url, status, bytes, duration, response_excerpt,
                        outcome, error
                    FROM delivery_attempt WHERE \(condition) ORDER BY id
                    """, arguments: arguments
            ).map { row in
                let outbox: Int64? = row["outbox_id"]
                let feedRun: Int64? = row["feed_run_id"]
                return DeliveryAttempt(
                    subject: outbox.map { .outbox(OutboxID($0)) } ?? .feedRun(FeedRunID(feedRun ?? 0)),
                    attempt: row["attempt"], at: Date(timeIntervalSince1970: row["at"]), url: row["url"],
                    status: row["status"], bytes: row["bytes"], duration: .fromStoreSeconds(row["duration"]),
                    responseExcerpt: [UInt8](row["response_excerpt"] as Data),
                    outcome: try .stored(
                        row["outcome"],
                        row: "a delivery attempt of \(outbox.map { "outbox row \($0)" } ?? "feed run \(feedRun ?? 0)")",
                        operation: "read the ledger"),
                    error: row["error"])
            }
        }
    }

    private static func insert(_ attempt: DeliveryAttempt, _ db: Database) throws {
        var outbox: Int64?
        var feedRun: Int64?
        switch attempt.subject {
        case .outbox(let id): outbox = id.rawValue
        case .feedRun(let id): feedRun = id.rawValue
        }
        try db.execute(
            sql: """
                INSERT INTO delivery_attempt (outbox_id, feed_run_id, attempt, at, url, status, bytes, duration,
                    response_excerpt, outcome, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                outbox, feedRun, attempt.attempt, attempt.at.timeIntervalSince1970, attempt.url, attempt.status,
                attempt.bytes, attempt.duration.storeSeconds, Data(attempt.responseExcerpt), attempt.outcome.rawValue,
                attempt.error,
            ])
    }

    // MARK: Feed runs

    public func recordFeedRun(_ draft: FeedRunDraft) async throws(StoreError) -> FeedRun {
        try await write("record a feed run") { db in
            let (body, numbered) = try Self.render(draft, db)
            let node = draft.node?.rawValue ?? ""
            let built = draft.builtAt.timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO feed_run (retailer, node, format, mode, built_at, bytes, sha256, body, destination,
                        snapshot, state, accepted_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.retailer.rawValue, node, draft.format, draft.mode, built, body.count,
                    SHA256Digest.hex(body), Data(body), draft.destination, draft.snapshot.map { Data($0) },
                    (draft.nothingToSend ? FeedRunState.nothingToSend : .pending).rawValue, draft.acceptedOn.rawValue,
                ])
            let id = db.lastInsertedRowID
            if let (partner, groups) = numbered {
                try Self.recordSent(
                    groups, partner: partner, kind: inventoryAdviceGroup, subject: .feedRun(FeedRunID(id)),
                    at: draft.builtAt, in: db)
            }
            // Older pictures that have not left yet will never be sent; a newer one that exists makes this one old.
            try db.execute(
                sql: """
                    UPDATE feed_run SET state = 'superseded'
                    WHERE retailer = ? AND node = ? AND state = 'pending' AND (built_at < ? OR (built_at = ? AND id < ?))
                    """, arguments: [draft.retailer.rawValue, node, built, built, id])
            try Self.supersedeIfOlder(id, db)
            return try Self.feedRuns(db, where: "id = ?", [id])[0]
        }
    }

    /// The run's bytes; an X12 body is rendered here, numbered from its partner's counters, which are written back
    /// in the same transaction, and comes with the partner and the groups it numbered.
    private static func render(_ draft: FeedRunDraft, _ db: Database) throws
        -> (bytes: [UInt8], numbered: (partner: String, groups: [DrawnGroup])?)
    {
        switch draft.body {
        case .rendered(let bytes): return (bytes, nil)
        case .numbered(let partner, let render):
            var numbers = try loadCounters(partner, db)
            let bytes: [UInt8]
            do { bytes = try render(&numbers) } catch {
                throw StoreError("render the feed of \(draft.retailer)", code: .render, underlying: error)
            }
            try saveCounters(numbers, db)
            return (bytes, (partner, DrawnGroup.groups(in: numbers.drawn)))
        }
    }

    public func claimFeedRun(_ id: FeedRunID, at now: Date, lease: Duration) async throws(StoreError)
        -> FeedRunClaim
    {
        let time = now.timeIntervalSince1970
        let until = time + lease.storeSeconds
        return try await write("claim feed run \(id)") { db in
            guard let run = try Self.feedRuns(db, where: "id = ?", [id.rawValue]).first else {
                return .finished(.failed)
            }
            let claimedUntil =
                try Double.fetchOne(
                    db, sql: "SELECT claimed_until FROM feed_run WHERE id = ?", arguments: [id.rawValue])
                ?? 0
            switch run.state {
            case .delivered, .failed, .nothingToSend: return .finished(run.state)
            case .superseded: return .superseded
            case .sending where claimedUntil >= time: return .busy
            case .pending, .sending: break
            }
            if try Self.supersedeIfOlder(id.rawValue, db) { return .superseded }
            if let next = run.nextAttemptAt, next > now { return .notDue(until: next) }
            let olderInFlight = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM feed_run
                    WHERE retailer = ? AND node = ? AND id <> ? AND state = 'sending' AND claimed_until >= ?
                    """, arguments: [run.retailer.rawValue, run.node?.rawValue ?? "", id.rawValue, time])
            if (olderInFlight ?? 0) > 0 { return .busy }
            try db.execute(
                sql: "UPDATE feed_run SET state = 'sending', claimed_until = ? WHERE id = ?",
                arguments: [until, id.rawValue])
            var claimed = run
            claimed.state = .sending
            return .claimed(claimed)
        }
    }

    /// Marks run `id` superseded when a newer run of its retailer and node exists that has not failed; says whether
    /// it did.
    @discardableResult
    private static func supersedeIfOlder(_ id: Int64, _ db: Database) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE feed_run SET state = 'superseded'
                WHERE id = ? AND state IN ('pending', 'sending') AND EXISTS (
                    SELECT 1 FROM feed_run AS newer
                    WHERE newer.retailer = feed_run.retailer AND newer.node = feed_run.node
                        AND newer.state <> 'failed' AND newer.id <> feed_run.id
                        AND (newer.built_at > feed_run.built_at
                            OR (newer.built_at = feed_run.built_at AND newer.id > feed_run.id)))
                """, arguments: [id])
        return db.changesCount == 1
    }

    public func resolveFeedRun(_ id: FeedRunID, as resolution: DeliveryResolution, attempt: DeliveryAttempt)
        async throws(StoreError)
    {
        try await resolve(
            "feed_run", id.rawValue, state: resolution.feedRunState.rawValue, resolution, attempt,
            operation: "record delivery of feed run \(id)")
    }

    public func feedRuns(retailer: RetailerID?) async throws(StoreError) -> [FeedRun] {
        try await read("list feed runs") { db in
            if let retailer { return try Self.feedRuns(db, where: "retailer = ?", [retailer.rawValue]) }
            return try Self.feedRuns(db, where: "1 = 1", [])
        }
    }

    public func feedRunsWithoutBodies(retailer: RetailerID?) async throws(StoreError) -> [FeedRun] {
        try await read("list feed runs") { db in
            if let retailer {
                return try Self.feedRuns(db, where: "retailer = ?", [retailer.rawValue], bodies: false)
            }
            return try Self.feedRuns(db, where: "1 = 1", [], bodies: false)
        }
    }

    public func acceptedFeedRuns(retailer: RetailerID) async throws(StoreError) -> [FeedRun] {
        try await read("list accepted feed runs") { db in
            try Self.feedRuns(
                db,
                where: "retailer = ? AND " + FeedRunQuery.latestAccepted, [retailer.rawValue])
        }
    }

    public func lastFeedBuilds() async throws(StoreError) -> [FeedBuild] {
        try await read("list when feeds were last built") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT retailer, node, max(built_at) AS built FROM feed_run GROUP BY retailer, node ORDER BY 1, 2"
            ).map { row in
                let node: String = row["node"]
                return FeedBuild(
                    retailer: RetailerID(row["retailer"] as String), node: node.isEmpty ? nil : DCID(node),
                    builtAt: Date(timeIntervalSince1970: row["built"]))
            }
        }
    }

    private static func feedRuns(
        _ db: Database, where condition: String, _ arguments: StatementArguments, bodies: Bool = true
    ) throws -> [FeedRun] {
        // A run's 846 is one group (`InventoryAdvice.write`): the join adds at most one row to a run.
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, retailer, node, format, mode, built_at, bytes, sha256, destination, state, attempts,
                    next_attempt_at, delivered_at, \(bodies ? "body, snapshot" : "x'' AS body, NULL AS snapshot"),
                    accepted_on, g.partner, g.group_control, g.ack_status, g.ack_code, g.ack_errors,
                    g.ack_document_id, g.acknowledged_at
                FROM feed_run LEFT JOIN sent_group AS g ON g.feed_run_id = feed_run.id
                WHERE \(condition) ORDER BY id
                """, arguments: arguments
        ).map { row in
            let node: String = row["node"]
            let next: Double? = row["next_attempt_at"]
            let delivered: Double? = row["delivered_at"]
            let snapshot: Data? = row["snapshot"]
            return FeedRun(
                id: FeedRunID(row["id"]), retailer: RetailerID(row["retailer"] as String),
                node: node.isEmpty ? nil : DCID(node), format: row["format"], mode: row["mode"],
                builtAt: Date(timeIntervalSince1970: row["built_at"]), bytes: row["bytes"], sha256: row["sha256"],
                destination: row["destination"],
                state: try .stored(row["state"], row: "feed run \(row["id"] as Int64)", operation: "read feed runs"),
                attempts: row["attempts"], nextAttemptAt: next.map(Date.init(timeIntervalSince1970:)),
                deliveredAt: delivered.map(Date.init(timeIntervalSince1970:)), body: [UInt8](row["body"] as Data),
                snapshot: snapshot.map { [UInt8]($0) },
                acceptedOn: try .stored(
                    row["accepted_on"], row: "feed run \(row["id"] as Int64)", operation: "read feed runs"),
                acknowledgement: try acknowledgement(row, operation: "read feed runs"))
        }
    }

    // MARK: Schedules

    public func claimFeedSlot(retailer: RetailerID, node: DCID?, due: Date, at now: Date, lease: Duration)
        async throws(StoreError) -> Bool
    {
        let time = now.timeIntervalSince1970
        return try await write("claim the feed of \(retailer) due at \(due)") { db in
            try db.execute(sql: "DELETE FROM feed_slot WHERE claimed_until < ?", arguments: [time])
            try db.execute(
                sql: """
                    INSERT INTO feed_slot (retailer, node, due_at, claimed_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (retailer, node, due_at) DO UPDATE SET claimed_until = excluded.claimed_until
                    WHERE feed_slot.claimed_until < ?
                    """,
                arguments: [
                    retailer.rawValue, node?.rawValue ?? "", due.timeIntervalSince1970, time + lease.storeSeconds, time,
                ])
            return db.changesCount == 1
        }
    }
}

extension Duration {
    /// In seconds with the fraction, as the store keeps durations and leases.
    var storeSeconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    static func fromStoreSeconds(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
}
