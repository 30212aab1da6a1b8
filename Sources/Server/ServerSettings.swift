public import Feeds
public import Foundation

/// How a service runs: where it listens and the limits it keeps.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (the service prints the one it got).
    public var port = 8080
    /// The largest request body a partner may post (413 beyond), by partner id; `maximumBodyBytes` for the rest.
    public var maximumBodyBytes = 16 << 20
    public var maximumBodyBytesByPartner: [String: Int] = [:]
    /// How many documents the process holds at once (kept, not yet finished); beyond it a post gets 503 with
    /// Retry-After and nothing is kept.
    public var maximumInFlight = 256
    /// How many documents go through the pipeline at once.
    public var workers = 2
    /// How long a request may take before it is answered 503 (its document, when kept, is still finished).
    public var requestTimeout: Duration = .seconds(30)
    /// How often the profile files are looked at for edits (SIGHUP reloads at once).
    public var reloadInterval: Duration = .seconds(2)
    /// How often the due feeds and the due outbox are sent (`DeliveryLoop`); nil (or zero) leaves them to
    /// `dropgate feed run-due` and `outbox deliver`.
    public var deliveryInterval: Duration? = .seconds(15)
    /// How hard and how long the delivery loop tries to deliver: attempts, backoff, timeouts, lease.
    public var deliverer = Deliverer()
    /// A clock for what is received and decided: the present, or a fixed instant for tests and demos.
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    func maximumBody(for partner: String) -> Int { maximumBodyBytesByPartner[partner] ?? maximumBodyBytes }
}
