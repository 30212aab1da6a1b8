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
    /// The most documents decided in one batch (`Gateway.process(keptBatch:)`): their store reads and writes are
    /// shared.
    public var workers = 128
    /// How long a connection may stay silent (a request trickling in, or idle between requests) before it is
    /// closed: a slow or stalled client holds no connection for longer.
    public var idleTimeout: Duration = .seconds(30)
    /// How often the profile files are looked at for edits (SIGHUP reloads at once).
    public var reloadInterval: Duration = .seconds(2)
    /// Where a TLS-terminating proxy passes the verified client certificate's subject: a partner's key is then taken
    /// only with its own certificate. Trust it only where nothing but the proxy reaches the service.
    public var clientIdentityHeader: String?
    /// TLS the service terminates itself, with mutual TLS when it names a client CA; nil serves plain HTTP (behind a
    /// proxy, or on loopback).
    public var tls: ServiceTLS?
    /// A folder to watch for documents dropped by an SFTP or AS2 server, if any.
    public var inbox: URL?
    /// How long a dropped file must look the same before it is taken, and how often the inbox is looked at.
    public var inboxSettle: Duration = .seconds(1)
    public var inboxInterval: Duration = .milliseconds(250)
    /// How often the due feeds and the due outbox are sent (`DeliveryLoop`); nil (or zero) leaves them to
    /// `dropgate feed run-due` and `outbox deliver`.
    public var deliveryInterval: Duration? = .seconds(15)
    /// How hard and how long the delivery loop tries to deliver: attempts, backoff, timeouts, lease.
    public var deliverer = Deliverer()
    /// How long before a deadline the deadlines page and the pick list call it due soon.
    public var dueSoon: TimeInterval = 4 * 3600
    /// Where the operations scorecard comes from (the page `GET /operations/scorecard` and the `dropgate_scorecard_*`
    /// gauges); nil answers the page 503 and exports no scorecard gauges.
    public var scorecard: ScorecardSource?
    /// How often the scorecard gauges are taken again from `scorecard` (and once at start).
    public var scorecardInterval: Duration = .seconds(60)
    /// A clock for what is received and decided: the present, or a fixed instant for tests and demos.
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    func maximumBody(for partner: String) -> Int { maximumBodyBytesByPartner[partner] ?? maximumBodyBytes }
}
