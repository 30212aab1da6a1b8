import Foundation
import Orders
import Store
import Testing

/// The deliverer's side of the store, on each backend: claims that only one process wins and that run out, the
/// outbox row's way from pending to sent or failed, the ledger, and feed runs that never let an older picture
/// leave after a newer one.
@Suite("Order store: delivery")
struct StoreDeliveryTests {
    @Test("a due row is claimed once; a claimed row is not due until its lease runs out", arguments: Backend.allCases)
    func claimOnceWithLease(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let entries = try await store.enqueue(
                [numberedDraft(.functionalAcknowledgement), numberedDraft(.functionalAcknowledgement)], inReplyTo: nil,
                key: "997s")
            #expect(try await deliveries.dueOutbox(at: t0, limit: 10).map(\.id) == entries.map(\.id))
            #expect(try await deliveries.dueOutbox(at: t0, limit: 1).map(\.id) == [entries[0].id])

            let other = try #require(try await database.open() as? any DeliveryStore)
            let first = try await deliveries.claimOutbox(entries.map(\.id), at: t0, lease: .seconds(60))
            let second = try await other.claimOutbox(entries.map(\.id), at: t0 + 1, lease: .seconds(60))
            #expect(first.map(\.entry.id) == entries.map(\.id))
            #expect(first.allSatisfy { $0.attempts == 0 && $0.entry.state == .sending })
            #expect(second.isEmpty)
            #expect(try await store.outbox(state: .sending).map(\.id) == entries.map(\.id))
            #expect(try await deliveries.dueOutbox(at: t0 + 59, limit: 10).isEmpty)
            // The claimer died: after the lease another process takes the rows.
            #expect(try await deliveries.dueOutbox(at: t0 + 61, limit: 10).map(\.id) == entries.map(\.id))
            let retaken = try await other.claimOutbox(entries.map(\.id), at: t0 + 61, lease: .seconds(60))
            #expect(retaken.map(\.entry.id) == entries.map(\.id))
            await close(other as! any OrderStore)
        }
    }

    @Test("concurrent claims from several stores give each row to exactly one", arguments: Backend.allCases)
    func concurrentClaims(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let drafts = (1...30).map { numberedDraft(.functionalAcknowledgement, name: "997-\($0).x12") }
            let entries = try await store.enqueue(drafts, inReplyTo: nil, key: "many")
            let ids = entries.map(\.id)
            var others: [any OrderStore] = []
            for _ in 0..<4 { others.append(try await database.open()) }
            let won = try await withThrowingTaskGroup(of: [OutboxID].self) { group in
                for other in others {
                    group.addTask {
                        let deliveries = other as! any DeliveryStore
                        var mine: [OutboxID] = []
                        for chunk in stride(from: 0, to: ids.count, by: 5) {
                            mine += try await deliveries.claimOutbox(
                                Array(ids[chunk..<min(chunk + 5, ids.count)]).shuffled(), at: t0, lease: .seconds(60)
                            ).map(\.entry.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [OutboxID]()) { $0 += $1 }
            }
            #expect(won.count == ids.count)
            #expect(Set(won) == Set(ids))
            for other in others { await close(other) }
        }
    }

    @Test("attempts move a row through retry to sent, each in the ledger", arguments: Backend.allCases)
    func resolveAndLedger(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let entry = try #require(
                try await store.enqueue([numberedDraft(.functionalAcknowledgement)], inReplyTo: nil, key: "k").first)
            let claim = try #require(try await deliveries.claimOutbox([entry.id], at: t0, lease: .seconds(30)).first)
            let excerpt = Array("Service Unavailable".utf8)
            try await deliveries.resolveOutbox(
                entry.id, as: .retry(at: t0 + 10),
                attempt: DeliveryAttempt(
                    subject: .outbox(entry.id), attempt: claim.attempts + 1, at: t0, url: "https://r.test/acks",
                    status: 503, bytes: 42, duration: .milliseconds(250), responseExcerpt: excerpt, outcome: .retry,
                    error: "HTTP 503"))
            #expect(try await store.outbox(state: .pending).map(\.id) == [entry.id])
            // Not due before its next-attempt time.
            #expect(try await deliveries.dueOutbox(at: t0 + 9, limit: 10).isEmpty)
            #expect(try await deliveries.claimOutbox([entry.id], at: t0 + 9, lease: .seconds(30)).isEmpty)
            let again = try #require(
                try await deliveries.claimOutbox([entry.id], at: t0 + 10, lease: .seconds(30)).first)
            #expect(again.attempts == 1)
            try await deliveries.resolveOutbox(
                entry.id, as: .delivered,
                attempt: DeliveryAttempt(
                    subject: .outbox(entry.id), attempt: 2, at: t0 + 10, url: "https://r.test/acks", status: 201,
                    bytes: 42, duration: .milliseconds(80), responseExcerpt: [], outcome: .delivered))
            #expect(try await store.outbox(state: .sent).map(\.id) == [entry.id])
            #expect(try await deliveries.dueOutbox(at: t0 + 1000, limit: 10).isEmpty)
            let ledger = try await deliveries.deliveryAttempts(of: .outbox(entry.id))
            #expect(ledger.map(\.attempt) == [1, 2])
            #expect(ledger.map(\.status) == [503, 201])
            #expect(ledger.map(\.outcome) == [.retry, .delivered])
            #expect(ledger[0].at == t0 && ledger[1].at == t0 + 10)
            #expect(ledger[0].duration == .milliseconds(250))
            #expect(ledger[0].responseExcerpt == excerpt)
            #expect(ledger[0].error == "HTTP 503" && ledger[1].error == nil)
            #expect(ledger[0].subject == .outbox(entry.id))
            #expect(try await deliveries.deliveryAttempts(of: nil) == ledger)
        }
    }

    @Test("a failed row stays failed and is never due again", arguments: Backend.allCases)
    func failedIsFinal(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let entry = try #require(
                try await store.enqueue([numberedDraft(.functionalAcknowledgement)], inReplyTo: nil, key: "k").first)
            _ = try await deliveries.claimOutbox([entry.id], at: t0, lease: .seconds(30))
            try await deliveries.resolveOutbox(
                entry.id, as: .failed,
                attempt: DeliveryAttempt(
                    subject: .outbox(entry.id), attempt: 1, at: t0, url: "https://r.test", status: 403, bytes: 1,
                    duration: .zero, responseExcerpt: [], outcome: .failed))
            #expect(try await store.outbox(state: .failed).map(\.id) == [entry.id])
            #expect(try await deliveries.dueOutbox(at: t0 + 1_000_000, limit: 10).isEmpty)
        }
    }

    @Test(
        "a newer feed run supersedes an older one that has not left; an older one recorded late is born superseded",
        arguments: Backend.allCases)
    func feedRunsSupersede(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let first = try await deliveries.recordFeedRun(run("one", at: t0))
            let perNode = try await deliveries.recordFeedRun(run("EWR1 only", at: t0, node: "EWR1"))
            #expect(first.state == .pending && first.bytes == 3)
            // `printf one | sha256sum`
            #expect(first.sha256 == "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed")
            #expect(first.body == Array("one".utf8))
            let second = try await deliveries.recordFeedRun(run("two", at: t0 + 60))
            let late = try await deliveries.recordFeedRun(run("older, recorded late", at: t0 + 30))
            #expect(second.state == .pending)
            #expect(late.state == .superseded)
            #expect(try await deliveries.claimFeedRun(first.id, at: t0 + 61, lease: .seconds(30)) == .superseded)
            // Another node's feed is another picture.
            guard case .claimed = try await deliveries.claimFeedRun(perNode.id, at: t0 + 61, lease: .seconds(30))
            else {
                Issue.record("the per-node run was not claimed")
                return
            }
            let states = try await deliveries.feedRuns(retailer: "walmart").map(\.state)
            #expect(states == [.superseded, .sending, .pending, .superseded])
            #expect(try await deliveries.feedRuns(retailer: "amazon").isEmpty)
        }
    }

    @Test(
        "a run waits while an older run of its retailer and node is being sent, and is claimed once",
        arguments: Backend.allCases)
    func feedRunOrdering(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let older = try await deliveries.recordFeedRun(run("older", at: t0))
            guard case .claimed(let claimed) = try await deliveries.claimFeedRun(older.id, at: t0, lease: .seconds(30))
            else {
                Issue.record("the older run was not claimed")
                return
            }
            #expect(claimed.attempts == 0)
            let newer = try await deliveries.recordFeedRun(run("newer", at: t0 + 60))
            #expect(try await deliveries.claimFeedRun(newer.id, at: t0 + 1, lease: .seconds(30)) == .busy)
            let other = try #require(try await database.open() as? any DeliveryStore)
            #expect(try await other.claimFeedRun(older.id, at: t0 + 1, lease: .seconds(30)) == .busy)
            try await deliveries.resolveFeedRun(
                older.id, as: .delivered,
                attempt: DeliveryAttempt(
                    subject: .feedRun(older.id), attempt: 1, at: t0 + 2, url: "sftp://r.test/846/", status: 0,
                    bytes: 5, duration: .seconds(1), responseExcerpt: [], outcome: .delivered))
            #expect(try await other.claimFeedRun(older.id, at: t0 + 3, lease: .seconds(30)) == .finished(.delivered))
            guard case .claimed = try await other.claimFeedRun(newer.id, at: t0 + 3, lease: .seconds(30)) else {
                Issue.record("the newer run was not claimed after the older landed")
                return
            }
            #expect(try await deliveries.claimFeedRun(newer.id, at: t0 + 4, lease: .seconds(30)) == .busy)
            try await other.resolveFeedRun(
                newer.id, as: .retry(at: t0 + 100),
                attempt: DeliveryAttempt(
                    subject: .feedRun(newer.id), attempt: 1, at: t0 + 4, url: "sftp://r.test/846/", status: nil,
                    bytes: 0, duration: .seconds(1), responseExcerpt: [], outcome: .retry, error: "could not connect"))
            #expect(
                try await deliveries.claimFeedRun(newer.id, at: t0 + 5, lease: .seconds(30)) == .notDue(until: t0 + 100)
            )
            let runs = try await deliveries.feedRuns(retailer: nil)
            #expect(runs.map(\.state) == [.delivered, .pending])
            #expect(runs[0].deliveredAt == t0 + 2 && runs[1].nextAttemptAt == t0 + 100 && runs[1].attempts == 1)
            #expect(try await deliveries.lastDeliveredFeeds() == [runs[0].retailer: t0 + 2], "the metrics' feed age")
            // What `feed status` reads: the same runs, without what each sent and kept.
            #expect(runs.allSatisfy { !$0.body.isEmpty })
            var bare = runs
            for index in bare.indices {
                bare[index].body = []
                bare[index].snapshot = nil
            }
            #expect(try await deliveries.feedRunsWithoutBodies(retailer: nil) == bare)
            #expect(try await deliveries.deliveryAttempts(of: .feedRun(newer.id)).map(\.error) == ["could not connect"])
            await close(other as! any OrderStore)
        }
    }

    @Test(
        "a feed run state or a delivery outcome that is no known case is a corrupt-row error, never read as failed",
        arguments: Backend.allCases)
    func unknownStoredCodes(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let recorded = try await deliveries.recordFeedRun(run("feed", at: t0))
            guard case .claimed = try await deliveries.claimFeedRun(recorded.id, at: t0, lease: .seconds(30)) else {
                Issue.record("the run was not claimed")
                return
            }
            try await deliveries.resolveFeedRun(
                recorded.id, as: .delivered,
                attempt: DeliveryAttempt(
                    subject: .feedRun(recorded.id), attempt: 1, at: t0 + 1, url: "sftp://r.test/846/", status: 0,
                    bytes: 4, duration: .seconds(1), responseExcerpt: [], outcome: .delivered))
            try database.execute("UPDATE delivery_attempt SET outcome = 'lost-in-post'")
            let ledger = await #expect(throws: StoreError.self) {
                try await deliveries.deliveryAttempts(of: .feedRun(recorded.id))
            }
            #expect(ledger?.code == .corrupt)
            #expect(
                ledger.map(String.init(describing:))?.contains(
                    "a delivery attempt of feed run \(recorded.id) has delivery outcome 'lost-in-post'") == true,
                "\(String(describing: ledger))")
            try database.execute("UPDATE feed_run SET state = 'teleported'")
            let runs = await #expect(throws: StoreError.self) { try await deliveries.feedRuns(retailer: nil) }
            #expect(runs?.code == .corrupt)
            #expect(
                runs.map(String.init(describing:))?.contains("feed run \(recorded.id) has state 'teleported'") == true,
                "\(String(describing: runs))")
        }
    }

    private func run(_ body: String, at: Date, node: DCID? = nil) -> FeedRunDraft {
        FeedRunDraft(
            retailer: "walmart", node: node, format: "x12-846", mode: "full", builtAt: at, body: Array(body.utf8),
            destination: "sftp://sftp.example-walmart.test/inbound/846")
    }
}
