public import Foundation
public import Profiles
public import Store

/// Records built feeds as runs and pushes each to its destination: what `feed push`, `feed run-due` and the
/// service's delivery loop share.
public struct FeedSender: Sendable {
    public var deliverer: Deliverer
    public var store: any DeliveryStore
    /// The instants the store and ledger see: the caller's clock, running on from when it started.
    public var now: @Sendable () -> Date

    public init(deliverer: Deliverer, store: any DeliveryStore, now: @escaping @Sendable () -> Date) {
        self.deliverer = deliverer
        self.store = store
        self.now = now
    }

    /// A clock that starts at `base` (a command's `--at`, or now) and runs on with the process.
    public static func clock(from base: Date) -> @Sendable () -> Date {
        let started = ContinuousClock.now
        return {
            let (seconds, attoseconds) = (ContinuousClock.now - started).components
            return base + Double(seconds) + Double(attoseconds) / 1e18
        }
    }

    /// Records `feed` (an 846 numbered by the store as it is recorded) and sends it until it is delivered, fails
    /// for good or is superseded, waiting between attempts on `clock`. A delta in which no line changed is
    /// recorded as nothing to send and not sent (the retailer already holds its picture); a full feed is sent
    /// even with no line, as a retailer that wants one a day counts on it.
    public func send(
        _ feed: BuiltFeed, to endpoint: DeliveryEndpoint, clock: some Clock<Duration> = ContinuousClock()
    ) async throws -> (FeedRun, Deliverer.PushResult) {
        let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
        var draft = try feed.draft(destination: redacted)
        if feed.content.header.mode == .delta, feed.content.lines.isEmpty {
            draft.nothingToSend = true
            return (try await store.recordFeedRun(draft), .nothingToSend)
        }
        let run = try await store.recordFeedRun(draft)
        let result = try await deliverer.push(
            run, name: feed.name, to: endpoint, store: store, clock: clock, now: now)
        return (run, result)
    }
}
