import Foundation
import Orders
import Profiles
import Store

@testable import Feeds

/// A new SQLite store in a folder of its own, removed with the value.
final class TemporaryStore {
    let folder: URL
    let store: SQLiteStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-deliver-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("dropgate.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Waits short enough for a test: no jitter, so the ledger's times are predictable.
func quickPolicy(attempts: Int = 6, backoff: Duration = .milliseconds(20)) -> RetryPolicy {
    RetryPolicy(
        maximumAttempts: attempts, initialBackoff: backoff, maximumBackoff: .seconds(5), multiplier: 2, jitter: 0,
        maximumRetryAfter: .seconds(5))
}

func quickDeliverer(
    attempts: Int = 6, backoff: Duration = .milliseconds(20), timeout: Duration = .seconds(5),
    environment: [String: String] = [:]
) -> Deliverer {
    Deliverer(
        policy: quickPolicy(attempts: attempts, backoff: backoff), environment: environment, timeout: timeout,
        connectTimeout: .seconds(2), lease: .seconds(30))
}

func feedDraft(_ body: String, at: Date, retailer: RetailerID = "bestbuy", node: DCID? = nil) -> FeedRunDraft {
    FeedRunDraft(
        retailer: retailer, node: node, format: "csv", mode: "full", builtAt: at, body: Array(body.utf8),
        destination: "http://127.0.0.1/feed")
}

func endpoint(
    _ url: String, credentials: [String: String] = [:], options: DeliveryOptions = DeliveryOptions()
) -> DeliveryEndpoint {
    DeliveryEndpoint(destination: URL(string: url)!, credentials: credentials, options: options)
}

/// The wall clock, as the store and ledger see it in these tests.
let wallClock: @Sendable () -> Date = { Date() }
