public import Foundation

/// When to try a failed delivery again, and when to stop: exponential backoff with jitter, the server's
/// `Retry-After` honoured, a bounded number of attempts. A pure value: the caller gives the attempt's result, the
/// instant and the random source, and gets back what to do, so every case can be replayed in a test.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts in all, the first included; after the last failed one the item is failed.
    public var maximumAttempts: Int
    /// The wait after the first failure; each later one is `multiplier` times the one before, up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    public var multiplier: Double
    /// The share of each wait that is random (0 waits exactly, 1 waits anywhere from zero to the full backoff), so
    /// that many gateways retrying one retailer do not come back at the same instant.
    public var jitter: Double
    /// A `Retry-After` longer than this is cut to it: a server cannot park a feed for a day.
    public var maximumRetryAfter: Duration

    public init(
        maximumAttempts: Int = 6, initialBackoff: Duration = .seconds(2), maximumBackoff: Duration = .seconds(600),
        multiplier: Double = 2, jitter: Double = 0.5, maximumRetryAfter: Duration = .seconds(3600)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = max(1, multiplier)
        self.jitter = min(1, max(0, jitter))
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// How one attempt ended, as far as retrying is concerned.
    public enum Result: Hashable, Sendable {
        /// The destination answered with this HTTP status (0 for file:// and sftp://, which have none).
        case status(Int)
        /// The transfer did not complete.
        case failure(FeedError.Kind)
    }

    public enum Decision: Hashable, Sendable {
        case delivered
        /// Try again at this instant.
        case retry(at: Date)
        /// Do not try again: the answer is final (a 4xx other than 408 and 429, a refused host key, a missing
        /// credential) or the attempts are used up.
        case giveUp(GiveUpReason)
    }

    public enum GiveUpReason: Hashable, Sendable {
        case permanent
        case attemptsExhausted
    }

    /// What to do after attempt number `attempt` (1 for the first) ended with `result` at `now`. `retryAfter` is the
    /// response's `Retry-After` header, in seconds or as an HTTP date (RFC 9110, section 10.2.3).
    public func decide(
        attempt: Int, result: Result, retryAfter: String? = nil, now: Date,
        using random: inout some RandomNumberGenerator
    ) -> Decision {
        guard Self.isRetryable(result) else {
            if case .status(let status) = result, status == 0 || (200..<300).contains(status) { return .delivered }
            return .giveUp(.permanent)
        }
        guard attempt < maximumAttempts else { return .giveUp(.attemptsExhausted) }
        var wait = backoff(after: attempt, using: &random)
        if let retryAfter, let asked = Self.retryAfter(retryAfter, now: now) {
            wait = max(wait, min(asked, maximumRetryAfter))
        }
        return .retry(at: now + wait.timeInterval)
    }

    /// Network failures, 5xx, 408 (the server timed out waiting) and 429 (too many requests) may succeed later.
    public static func isRetryable(_ result: Result) -> Bool {
        switch result {
        case .status(let status): status == 408 || status == 429 || (500..<600).contains(status)
        case .failure(let kind):
            switch kind {
            case .couldNotResolveHost, .couldNotConnect, .timedOut, .transfer, .ssh: true
            default: false
            }
        }
    }

    /// The jittered backoff after attempt `attempt`: `initialBackoff × multiplier^(attempt−1)`, capped, of which the
    /// `jitter` share is drawn uniformly.
    public func backoff(after attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let initial = initialBackoff.inSeconds
        let ceiling = maximumBackoff.inSeconds
        let full = min(ceiling, initial * pow(multiplier, Double(max(0, attempt - 1))))
        let fixed = full * (1 - jitter)
        let drawn = jitter > 0 && full > 0 ? Double.random(in: 0...(full * jitter), using: &random) : 0
        return .milliseconds(Int64(((fixed + drawn) * 1000).rounded()))
    }

    /// A `Retry-After` value as a wait from `now`: delta-seconds, or an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37
    /// GMT`); nil when it is neither. A date in the past waits zero.
    public static func retryAfter(_ text: String, now: Date) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64((max(0, date.timeIntervalSince(now)) * 1000).rounded()))
    }
}
