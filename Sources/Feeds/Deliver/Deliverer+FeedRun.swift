public import Foundation
public import Profiles
public import Store

extension Deliverer {
    /// How pushing a feed run ended.
    public enum PushResult: Hashable, Sendable {
        case delivered(attempts: Int)
        case failed(attempts: Int)
        /// A newer picture of the same retailer and node was built before this one left: it is never sent.
        case superseded
        /// A delta in which no line changed: recorded, and not sent (`FeedRunState.nothingToSend`).
        case nothingToSend
    }

    /// Sends a recorded feed run until it is delivered, fails for good or is superseded, attempt after attempt as
    /// `policy` says, each claimed from the store first and written to the ledger after. Between attempts it sleeps
    /// on `clock`; `now` gives the instants the store and ledger see.
    public func push<C: Clock<Duration>>(
        _ run: FeedRun, name: String, to endpoint: DeliveryEndpoint, store: some DeliveryStore, clock: C,
        now: @Sendable () -> Date
    ) async throws -> PushResult {
        var attempts = 0
        while true {
            switch try await store.claimFeedRun(run.id, at: now(), lease: lease) {
            case .claimed(let claimed):
                let report = await attempt(
                    claimed.body, name: name, to: endpoint, subject: .feedRun(run.id), number: claimed.attempts + 1,
                    at: now())
                attempts = claimed.attempts + 1
                try await store.resolveFeedRun(run.id, as: report.resolution, attempt: report.attempt)
                switch report.resolution {
                case .delivered: return .delivered(attempts: attempts)
                case .failed: return .failed(attempts: attempts)
                case .retry(let at): try await clock.sleep(for: .wait(until: at, from: now()))
                }
            case .notDue(let until):
                try await clock.sleep(for: .wait(until: until, from: now()))
            case .busy:
                // An older run of this retailer and node is on its way: it lands first.
                try await clock.sleep(for: policy.initialBackoff)
            case .superseded:
                return .superseded
            case .finished(let state):
                switch state {
                case .delivered: return .delivered(attempts: attempts)
                case .nothingToSend: return .nothingToSend
                default: return .failed(attempts: attempts)
                }
            }
        }
    }
}
