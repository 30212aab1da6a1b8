import Feeds
import Foundation
import Profiles
import Store

/// Records built feeds as runs and pushes each to its destination, for `feed push` and `feed run-due`.
struct FeedSender {
    var deliverer: Deliverer
    var store: any DeliveryStore
    /// The instants the store and ledger see: the command's clock, running on from when it started.
    var now: @Sendable () -> Date

    /// A clock that starts at `base` (the command's `--at`, or now) and runs on with the process.
    static func clock(from base: Date) -> @Sendable () -> Date {
        let started = ContinuousClock.now
        return {
            let (seconds, attoseconds) = (ContinuousClock.now - started).components
            return base + Double(seconds) + Double(attoseconds) / 1e18
        }
    }

    /// Records `feed` (an 846 numbered by the store as it is recorded) and sends it until it is delivered, fails
    /// for good or is superseded.
    func send(_ feed: BuiltFeed, to endpoint: DeliveryEndpoint) async throws -> (FeedRun, Deliverer.PushResult) {
        let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
        let run = try await store.recordFeedRun(try feed.draft(destination: redacted))
        let result = try await deliverer.push(
            run, name: feed.name, to: endpoint, store: store, clock: ContinuousClock(), now: now)
        return (run, result)
    }
}
