public import Foundation
public import Profiles
public import Store

/// Sends what leaves the building (outbox rows, feed runs) through `TransferClient`, one attempt at a time, and
/// writes every attempt to the store's ledger. Whether and when to try again is `policy`'s call; whether an item may
/// be sent at all (claimed, due, not superseded) is the store's.
public struct Deliverer: Sendable {
    public var client: TransferClient
    public var policy: RetryPolicy
    /// Where the secrets a profile names are read from.
    public var environment: [String: String]
    public var timeout: Duration
    public var connectTimeout: Duration
    /// How long a claim lasts: longer than a transfer may take (`timeout`), so a live deliverer never loses it.
    public var lease: Duration

    public init(
        client: TransferClient = TransferClient(), policy: RetryPolicy = RetryPolicy(),
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10), lease: Duration? = nil
    ) {
        self.client = client
        self.policy = policy
        self.environment = environment
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.lease = lease ?? timeout * 2 + .seconds(30)
    }

    /// One attempt and what it means: the ledger line, and what becomes of the item.
    public struct Report: Sendable {
        public var attempt: DeliveryAttempt
        public var resolution: DeliveryResolution
        /// Why it failed, when it did.
        public var error: FeedError?
    }

    /// Sends `body` as `name` to `endpoint` once, as attempt number `number` at the item, started at `now`.
    public func attempt(
        _ body: [UInt8], name: String, to endpoint: DeliveryEndpoint, subject: DeliverySubject, number: Int,
        at now: Date
    ) async -> Report {
        var random = SystemRandomNumberGenerator()
        let started = ContinuousClock.now
        var url = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
        let result: Result<TransferResponse, FeedError>
        do throws(FeedError) {
            let request = try endpoint.request(
                body: body, name: name, environment: environment, timeout: timeout, connectTimeout: connectTimeout)
            url = request.redactedURL
            result = .success(try await client.send(request))
        } catch {
            result = .failure(error)
        }
        let elapsed = ContinuousClock.now - started
        let finished = now + elapsed.inSeconds
        switch result {
        case .success(let response):
            let decision = policy.decide(
                attempt: number, result: .status(response.status), retryAfter: response.header("Retry-After"),
                now: finished, using: &random)
            let resolution = Self.resolution(decision)
            return Report(
                attempt: DeliveryAttempt(
                    subject: subject, attempt: number, at: now, url: url, status: response.status,
                    bytes: response.bytesSent, duration: elapsed, responseExcerpt: response.body,
                    outcome: resolution.outcome, error: response.isSuccess ? nil : "HTTP \(response.status)"),
                resolution: resolution, error: nil)
        case .failure(let error):
            let decision = policy.decide(attempt: number, result: .failure(error.kind), now: finished, using: &random)
            let resolution = Self.resolution(decision)
            return Report(
                attempt: DeliveryAttempt(
                    subject: subject, attempt: number, at: now, url: url, status: nil, bytes: 0, duration: elapsed,
                    responseExcerpt: [], outcome: resolution.outcome, error: error.description),
                resolution: resolution, error: error)
        }
    }

    /// One attempt at a claimed outbox row, recorded in the ledger, the row moved on.
    public func deliver(
        _ claim: OutboxClaim, to endpoint: DeliveryEndpoint, store: some DeliveryStore, at now: Date
    ) async throws(StoreError) -> Report {
        let report = await attempt(
            claim.entry.bytes, name: claim.entry.name, to: endpoint, subject: .outbox(claim.entry.id),
            number: claim.attempts + 1, at: now)
        try await store.resolveOutbox(claim.entry.id, as: report.resolution, attempt: report.attempt)
        return report
    }

    static func resolution(_ decision: RetryPolicy.Decision) -> DeliveryResolution {
        switch decision {
        case .delivered: .delivered
        case .retry(let at): .retry(at: at)
        case .giveUp: .failed
        }
    }
}
