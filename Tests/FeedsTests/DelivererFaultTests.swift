import Foundation
import Orders
import Profiles
import Store
import TestSupport
import Testing

@testable import Feeds

/// A retailer endpoint that misbehaves, scripted per request: the feed still arrives once it recovers, the ledger
/// shows every attempt, and no older picture ever lands after a newer one.
@Suite("Delivery through faults", .serialized)
struct DelivererFaultTests {
    @Test("500, 429 with Retry-After, a hang past the timeout and a dropped connection, then 201: delivered once")
    func recoversAfterFaults() async throws {
        let server = try ScriptedHTTPServer(scripts: [
            "/feed": [.status(500), .status(429, retryAfter: "1"), .hang(seconds: 30), .drop]
        ])
        let temporary = try TemporaryStore()
        let body = String(repeating: "HP-10001,4\n", count: 20_000)
        let run = try await temporary.store.recordFeedRun(feedDraft(body, at: Date()))
        let deliverer = quickDeliverer(timeout: .seconds(1))
        let result = try await deliverer.push(
            run, name: "feed.csv", to: endpoint(server.url("/feed")), store: temporary.store,
            clock: ContinuousClock(), now: wallClock)
        #expect(result == .delivered(attempts: 5))

        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.map(\.attempt) == [1, 2, 3, 4, 5])
        #expect(ledger.map(\.status) == [500, 429, nil, nil, 201])
        #expect(ledger.map(\.outcome) == [.retry, .retry, .retry, .retry, .delivered])
        #expect(ledger[2].error?.contains("timed out") == true)
        #expect(ledger[3].error != nil)
        // Retry-After: 1 is honoured although the policy's own wait is 40 ms.
        #expect(ledger[2].at.timeIntervalSince(ledger[1].at) >= 1)
        // The 30 s hang is cut at the 1 s timeout, not waited out (with room for a loaded machine).
        #expect(ledger[2].duration < .seconds(15))
        #expect(ledger[4].bytes == body.utf8.count)

        let requests = try server.requests().filter { $0.path == "/feed" }
        #expect(requests.map(\.outcome).filter { $0 != "hung" } == ["500", "429", "dropped", "201"])
        #expect(requests.filter(\.accepted).map(\.bodyBytes) == [Array(body.utf8)])
        let runs = try await temporary.store.feedRuns(retailer: "bestbuy")
        #expect(runs.map(\.state) == [.delivered])
        #expect(runs.map(\.attempts) == [5])
    }

    @Test("a 4xx other than 408 and 429 is final: one attempt, failed")
    func clientErrorIsFinal() async throws {
        let server = try ScriptedHTTPServer(scripts: ["/feed": [.status(422)]])
        let temporary = try TemporaryStore()
        let run = try await temporary.store.recordFeedRun(feedDraft("a", at: Date()))
        let result = try await quickDeliverer().push(
            run, name: "feed.csv", to: endpoint(server.url("/feed")), store: temporary.store,
            clock: ContinuousClock(), now: wallClock)
        #expect(result == .failed(attempts: 1))
        #expect(try server.requests().map(\.outcome) == ["422"])
        #expect(try await temporary.store.feedRuns(retailer: nil).map(\.state) == [.failed])
    }

    @Test("408 is retried; after the last allowed attempt the item is failed")
    func attemptsRunOut() async throws {
        let server = try ScriptedHTTPServer(scripts: ["/feed": [.status(408), .status(503), .status(502)]])
        let temporary = try TemporaryStore()
        let run = try await temporary.store.recordFeedRun(feedDraft("a", at: Date()))
        let result = try await quickDeliverer(attempts: 3).push(
            run, name: "feed.csv", to: endpoint(server.url("/feed")), store: temporary.store,
            clock: ContinuousClock(), now: wallClock)
        #expect(result == .failed(attempts: 3))
        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.map(\.status) == [408, 503, 502])
        #expect(ledger.map(\.outcome) == [.retry, .retry, .failed])
        #expect(try server.requests().filter(\.accepted).isEmpty)
    }

    @Test("a newer feed built while an older one waits to retry supersedes it: the older never arrives")
    func newerSupersedesWaiting() async throws {
        let server = try ScriptedHTTPServer(scripts: ["/feed": [.status(503)]])
        let temporary = try TemporaryStore()
        let store = temporary.store
        let built = Date()
        let older = try await store.recordFeedRun(feedDraft("older picture", at: built))
        let deliverer = quickDeliverer(backoff: .milliseconds(800))
        let target = endpoint(server.url("/feed"))
        async let olderResult = deliverer.push(
            older, name: "older.csv", to: target, store: store, clock: ContinuousClock(), now: wallClock)
        // Once the older one has failed its first attempt, a newer picture is built and pushed.
        try await waitUntil { try server.requests().count == 1 }
        let newer = try await store.recordFeedRun(feedDraft("newer picture", at: built + 60))
        let newerResult = try await deliverer.push(
            newer, name: "newer.csv", to: target, store: store, clock: ContinuousClock(), now: wallClock)
        #expect(newerResult == .delivered(attempts: 1))
        #expect(try await olderResult == .superseded)
        let accepted = try server.requests().filter(\.accepted)
        #expect(accepted.map { String(decoding: $0.bodyBytes, as: UTF8.self) } == ["newer picture"])
        #expect(try await store.feedRuns(retailer: "bestbuy").map(\.state) == [.superseded, .delivered])
        #expect(try await store.deliveryAttempts(of: .feedRun(older.id)).map(\.status) == [503])
    }

    @Test("a newer feed waits while an older one is in flight, and lands after it")
    func newerWaitsForInFlight() async throws {
        let server = try ScriptedHTTPServer(scripts: ["/feed": [.delay(seconds: 0.8)]])
        let temporary = try TemporaryStore()
        let store = temporary.store
        let built = Date()
        let older = try await store.recordFeedRun(feedDraft("older picture", at: built))
        let deliverer = quickDeliverer(backoff: .milliseconds(50), timeout: .seconds(5))
        let target = endpoint(server.url("/feed"))
        async let olderResult = deliverer.push(
            older, name: "older.csv", to: target, store: store, clock: ContinuousClock(), now: wallClock)
        try await waitUntil { try await store.feedRuns(retailer: "bestbuy").first?.state == .sending }
        let newer = try await store.recordFeedRun(feedDraft("newer picture", at: built + 60))
        #expect(newer.state == .pending)
        let newerResult = try await deliverer.push(
            newer, name: "newer.csv", to: target, store: store, clock: ContinuousClock(), now: wallClock)
        // The slow request is answered 201 after its pause, inside the client's timeout: the older landed first.
        #expect(try await olderResult == .delivered(attempts: 1))
        #expect(newerResult == .delivered(attempts: 1))
        let order = try await store.feedRuns(retailer: "bestbuy").compactMap(\.deliveredAt)
        #expect(order.count == 2 && order[0] <= order[1])
        // The server logs a slow request when it answers it, so its log is in landing order.
        #expect(
            try server.requests().map { String(decoding: $0.bodyBytes, as: UTF8.self) } == [
                "older picture", "newer picture",
            ])
    }
}

/// Polls `condition` every 20 ms for up to 10 s; fails the test when it never holds.
func waitUntil(_ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut() }
        try await Task.sleep(for: .milliseconds(20))
    }
}

struct WaitTimedOut: Error, CustomStringConvertible {
    var description: String { "the condition did not hold within 10 s" }
}
