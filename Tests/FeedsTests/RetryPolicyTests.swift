import Foundation
import TestSupport
import Testing

@testable import Feeds

/// The retry rule as a table: what each answer means, how long the waits are, what Retry-After does.
@Suite("Retry policy")
struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    /// No jitter: each wait is exactly the backoff.
    let exact = RetryPolicy(
        maximumAttempts: 5, initialBackoff: .seconds(2), maximumBackoff: .seconds(30), multiplier: 2, jitter: 0)

    @Test(
        "answers that may succeed later are retried, others are final",
        arguments: [
            (RetryPolicy.Result.status(500), true), (.status(502), true), (.status(503), true), (.status(599), true),
            (.status(408), true), (.status(429), true), (.status(400), false), (.status(401), false),
            (.status(403), false), (.status(404), false), (.status(409), false), (.status(422), false),
            (.status(301), false), (.failure(.couldNotConnect), true), (.failure(.timedOut), true),
            (.failure(.couldNotResolveHost), true), (.failure(.transfer(code: 56)), true),
            (.failure(.transfer(code: 52)), true), (.failure(.tls), false), (.failure(.loginDenied), false),
            (.failure(.hostKeyNotVerified), false), (.failure(.missingCredential(variable: "X")), false),
            (.failure(.exists), false), (.failure(.unsupportedURL), false),
        ])
    func retryable(result: RetryPolicy.Result, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(result) == retryable)
        var random = SplitMix(seed: 1)
        let decision = exact.decide(attempt: 1, result: result, now: now, using: &random)
        if retryable {
            #expect(decision == .retry(at: now + 2))
        } else {
            #expect(decision == .giveUp(.permanent))
        }
    }

    @Test("a 2xx, or a file or sftp transfer (status 0), is delivered", arguments: [0, 200, 201, 202, 204])
    func delivered(status: Int) {
        var random = SplitMix(seed: 1)
        #expect(exact.decide(attempt: 3, result: .status(status), now: now, using: &random) == .delivered)
    }

    @Test("waits double from the initial backoff up to the maximum")
    func exponential() {
        var random = SplitMix(seed: 1)
        let waits = (1...6).map { exact.backoff(after: $0, using: &random) }
        #expect(waits == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
    }

    @Test("after the last attempt a retryable failure gives up")
    func exhausted() {
        var random = SplitMix(seed: 1)
        #expect(exact.decide(attempt: 4, result: .status(503), now: now, using: &random) == .retry(at: now + 16))
        #expect(exact.decide(attempt: 5, result: .status(503), now: now, using: &random) == .giveUp(.attemptsExhausted))
        let once = RetryPolicy(maximumAttempts: 1)
        #expect(once.decide(attempt: 1, result: .status(500), now: now, using: &random) == .giveUp(.attemptsExhausted))
    }

    @Test("jitter keeps each wait between the un-jittered share and the full backoff, and varies it")
    func jitter() {
        let policy = RetryPolicy(
            maximumAttempts: 10, initialBackoff: .seconds(10), maximumBackoff: .seconds(100), jitter: 0.5)
        var random = SplitMix(seed: 42)
        let waits = (0..<200).map { _ in policy.backoff(after: 2, using: &random) }
        #expect(waits.allSatisfy { $0 >= .seconds(10) && $0 <= .seconds(20) })
        #expect(Set(waits).count > 100)
        // The same seed gives the same waits: the policy reads no randomness of its own.
        var again = SplitMix(seed: 42)
        #expect((0..<200).map { _ in policy.backoff(after: 2, using: &again) } == waits)
    }

    @Test(
        "Retry-After in seconds or as an HTTP date sets a longer wait",
        arguments: [
            ("120", 120.0), ("0", 2.0), ("1", 2.0), ("Wed, 18 Nov 2026 11:06:40 GMT", 2.0),
            ("Wed, 18 Nov 2026 11:09:40 GMT", 180.0), ("soon", 2.0), ("-5", 2.0),
        ])
    func retryAfter(header: String, wait: Double) {
        // now is 2026-11-18T11:06:40Z.
        var random = SplitMix(seed: 1)
        #expect(
            exact.decide(attempt: 1, result: .status(429), retryAfter: header, now: now, using: &random)
                == .retry(at: now + wait))
    }

    @Test("a Retry-After beyond the policy's limit is cut to it")
    func retryAfterCapped() {
        var policy = exact
        policy.maximumRetryAfter = .seconds(300)
        var random = SplitMix(seed: 1)
        #expect(
            policy.decide(attempt: 1, result: .status(503), retryAfter: "86400", now: now, using: &random)
                == .retry(at: now + 300))
    }

    @Test("Retry-After parses delta-seconds and IMF-fixdate, and nothing else")
    func parsing() {
        #expect(RetryPolicy.retryAfter("7", now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter(" 7 ", now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter("Wed, 18 Nov 2026 11:06:50 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.retryAfter("Wed, 18 Nov 2026 11:00:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.retryAfter("2026-11-18T11:06:50Z", now: now) == nil)
        #expect(RetryPolicy.retryAfter("", now: now) == nil)
    }
}
