import Foundation
import Orders
import Store
import Testing

/// What `feed run-due` and `feed push` need of the store, on each backend: a due feed claimed by one process only,
/// 846s numbered from the partner's counters in the recording transaction, and what each run said kept for the
/// next delta.
@Suite("Order store: feed schedules")
struct StoreFeedScheduleTests {
    @Test(
        "a due feed slot is claimed by one store only, and again only once its lease ran out",
        arguments: Backend.allCases)
    func slotClaimedOnce(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let other = try #require(try await database.open() as? any DeliveryStore)
            let due = Date.distantPast
            async let first = deliveries.claimFeedSlot(
                retailer: "walmart", node: "EWR1", due: due, at: t0, lease: .seconds(60))
            async let second = other.claimFeedSlot(
                retailer: "walmart", node: "EWR1", due: due, at: t0, lease: .seconds(60))
            let claims = try await [first, second]
            #expect(claims.filter { $0 }.count == 1, "\(claims)")
            // Another node, or a feed of every node, is another slot.
            #expect(
                try await other.claimFeedSlot(retailer: "walmart", node: "DFW1", due: due, at: t0, lease: .seconds(60)))
            #expect(
                try await other.claimFeedSlot(retailer: "walmart", node: nil, due: due, at: t0, lease: .seconds(60)))
            #expect(
                try await !other.claimFeedSlot(
                    retailer: "walmart", node: "EWR1", due: due, at: t0 + 59, lease: .seconds(60)))
            // Its holder died before recording a run: after the lease, one other process takes it over.
            #expect(
                try await other.claimFeedSlot(
                    retailer: "walmart", node: "EWR1", due: due, at: t0 + 61, lease: .seconds(60)))
            #expect(
                try await !deliveries.claimFeedSlot(
                    retailer: "walmart", node: "EWR1", due: due, at: t0 + 62, lease: .seconds(60)))
            await close(other as! any OrderStore)
        }
    }

    @Test(
        "a claim lets go of the slots whose lease ran out, which are claimed again as missing ones are",
        arguments: Backend.allCases)
    func slotsPruned(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let slots = "SELECT retailer, node, claimed_until > 0 FROM feed_slot ORDER BY retailer, node"
            for (index, node) in ["EWR1", "DFW1"].enumerated() {
                #expect(
                    try await deliveries.claimFeedSlot(
                        retailer: "walmart", node: DCID(node), due: t0 + Double(index), at: t0, lease: .seconds(60)))
            }
            #expect(try database.dump(slots).split(separator: "\n").count == 2)
            // Still held at t0 + 59: kept, and refused to another.
            #expect(
                try await deliveries.claimFeedSlot(
                    retailer: "bestbuy", node: nil, due: t0, at: t0 + 59, lease: .seconds(60)))
            #expect(
                try await !deliveries.claimFeedSlot(
                    retailer: "walmart", node: "EWR1", due: t0, at: t0 + 59, lease: .seconds(60)))
            #expect(try database.dump(slots).split(separator: "\n").count == 3)
            // At t0 + 61 Walmart's two leases have run out: gone, and the slot is claimed as a new one.
            #expect(
                try await deliveries.claimFeedSlot(
                    retailer: "walmart", node: "DFW1", due: t0 + 1, at: t0 + 61, lease: .seconds(60)))
            #expect(try database.dump(slots).split(separator: "\n").map { $0.hasPrefix("bestbuy") } == [true, false])
        }
    }

    @Test(
        "an 846 run is numbered from its partner's counters when recorded, after the 855s; a failed render draws nothing",
        arguments: Backend.allCases)
    func feedRunsNumberedDurably(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let answers = try await store.enqueue([numberedDraft(), numberedDraft()], inReplyTo: nil, key: "855s")
            #expect(answers.compactMap(interchangeNumber) == [1, 2])

            let first = try await deliveries.recordFeedRun(numberedRun(at: t0, snapshot: Array(#"{"lines":[]}"#.utf8)))
            #expect(String(decoding: first.body, as: UTF8.self) == "846 ISA13=3 ST02=3")
            #expect(first.bytes == first.body.count)
            #expect(first.snapshot == Array(#"{"lines":[]}"#.utf8))

            await #expect(throws: StoreError.self) {
                _ = try await deliveries.recordFeedRun(numberedRun(at: t0 + 1, failing: true))
            }
            let second = try await deliveries.recordFeedRun(numberedRun(at: t0 + 2))
            #expect(String(decoding: second.body, as: UTF8.self) == "846 ISA13=4 ST02=4")
            #expect(second.snapshot == nil)
            let after = try await store.enqueue([numberedDraft()], inReplyTo: nil, key: "855 after")
            #expect(after.compactMap(interchangeNumber) == [5])
            #expect(try await deliveries.feedRuns(retailer: "walmart").map(\.id) == [first.id, second.id])
        }
    }

    @Test(
        "per node, the last run built whatever became of it, and the last run the retailer accepted",
        arguments: Backend.allCases)
    func lastBuiltAndAccepted(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            func record(_ node: DCID?, at: Date, as resolution: DeliveryResolution?) async throws -> FeedRun {
                let run = try await deliveries.recordFeedRun(
                    FeedRunDraft(
                        retailer: "walmart", node: node, format: "json", mode: "full", builtAt: at, body: [1],
                        destination: "https://r.test/feed", snapshot: Array("\(at.timeIntervalSince1970)".utf8)))
                guard let resolution else { return run }
                guard case .claimed = try await deliveries.claimFeedRun(run.id, at: at, lease: .seconds(30)) else {
                    Issue.record("run \(run.id) was not claimed")
                    return run
                }
                try await deliveries.resolveFeedRun(
                    run.id, as: resolution,
                    attempt: DeliveryAttempt(
                        subject: .feedRun(run.id), attempt: 1, at: at, url: "https://r.test/feed",
                        status: resolution == .delivered ? 201 : 400, bytes: 1, duration: .zero, responseExcerpt: [],
                        outcome: resolution.outcome))
                return run
            }
            let acceptedEWR1 = try await record("EWR1", at: t0, as: .delivered)
            _ = try await record("EWR1", at: t0 + 10, as: .failed)
            _ = try await record("EWR1", at: t0 + 20, as: nil)
            let acceptedDFW1 = try await record("DFW1", at: t0 + 5, as: .delivered)
            _ = try await record(nil, at: t0 + 1, as: .failed)

            let accepted = try await deliveries.acceptedFeedRuns(retailer: "walmart")
            #expect(Set(accepted.map(\.id)) == [acceptedEWR1.id, acceptedDFW1.id])
            #expect(accepted.first { $0.node == "EWR1" }?.snapshot == acceptedEWR1.snapshot)
            #expect(try await deliveries.acceptedFeedRuns(retailer: "bestbuy").isEmpty)
            #expect(
                Set(try await deliveries.lastFeedBuilds()) == [
                    FeedBuild(retailer: "walmart", node: "EWR1", builtAt: t0 + 20),
                    FeedBuild(retailer: "walmart", node: "DFW1", builtAt: t0 + 5),
                    FeedBuild(retailer: "walmart", node: nil, builtAt: t0 + 1),
                ])
        }
    }

    @Test(
        "a delta with nothing to send is recorded so, supersedes what had not left, counts as built, is never claimed",
        arguments: Backend.allCases)
    func nothingToSend(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            func draft(at: Date, nothingToSend: Bool) -> FeedRunDraft {
                var draft = FeedRunDraft(
                    retailer: "walmart", node: "EWR1", format: "json", mode: "delta", builtAt: at, body: [1],
                    destination: "https://r.test/feed", snapshot: [2])
                draft.nothingToSend = nothingToSend
                return draft
            }
            let waiting = try await deliveries.recordFeedRun(draft(at: t0, nothingToSend: false))
            #expect(waiting.state == .pending)
            let quiet = try await deliveries.recordFeedRun(draft(at: t0 + 10, nothingToSend: true))
            #expect(quiet.state == .nothingToSend)
            #expect(
                try await deliveries.claimFeedRun(quiet.id, at: t0 + 11, lease: .seconds(30))
                    == .finished(.nothingToSend))
            #expect(try await deliveries.claimFeedRun(waiting.id, at: t0 + 11, lease: .seconds(30)) == .superseded)
            #expect(try await deliveries.feedRuns(retailer: "walmart").map(\.state) == [.superseded, .nothingToSend])
            #expect(
                try await deliveries.lastFeedBuilds() == [
                    FeedBuild(retailer: "walmart", node: "EWR1", builtAt: t0 + 10)
                ])
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").isEmpty, "the retailer was sent nothing")
        }
    }

    private struct RenderFailed: Error {}

    private func numberedRun(at: Date, snapshot: [UInt8]? = nil, failing: Bool = false) -> FeedRunDraft {
        FeedRunDraft(
            retailer: "walmart", node: "EWR1", format: "x12-846", mode: "full", builtAt: at,
            body: .numbered(partner: "walmart") { numbers in
                let isa = numbers.next(.interchange)
                let st = numbers.next(.transactionSet)
                if failing { throw RenderFailed() }
                return Array("846 ISA13=\(isa) ST02=\(st)".utf8)
            }, destination: "sftp://sftp.example-walmart.test/inbound/846", snapshot: snapshot)
    }
}
