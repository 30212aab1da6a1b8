import ArgumentParser
import Feeds
import Foundation

/// How hard and how long a command tries to deliver: attempts, backoff, timeouts.
struct DelivererOptions: ParsableArguments {
    @Option(help: "Attempts per item before it is marked failed (the first included).")
    var maxAttempts = 6

    @Option(help: "Seconds to wait after the first failed attempt; each later wait doubles, with jitter.")
    var backoff = 2.0

    @Option(help: "Seconds a whole transfer may take.")
    var timeout = 60.0

    @Option(help: "Seconds to wait for a connection.")
    var connectTimeout = 10.0

    func validate() throws {
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard backoff >= 0, timeout > 0, connectTimeout > 0 else {
            throw ValidationError("--backoff, --timeout and --connect-timeout must be positive")
        }
    }

    var deliverer: Deliverer {
        Deliverer(
            policy: RetryPolicy(
                maximumAttempts: maxAttempts, initialBackoff: .milliseconds(Int64(backoff * 1000)),
                maximumBackoff: .milliseconds(Int64(max(backoff, 600) * 1000))),
            timeout: .milliseconds(Int64(timeout * 1000)), connectTimeout: .milliseconds(Int64(connectTimeout * 1000)))
    }
}
