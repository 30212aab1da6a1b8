import Feeds
import Foundation
import Logging
import Orders
import Profiles
import ServiceLifecycle
import Store

/// Sends what is due while the service runs, as `dropgate feed run-due` does: every `interval`, one pass of the
/// feed schedule (the due feeds claimed, built, recorded and pushed), then of the due outbox (acknowledgements,
/// 855s, pick tickets), against the world serving when the pass begins (profiles reload while serving). Each
/// result is logged (retailer, node, run or outbox id; URLs without credentials) and counted in `ServerMetrics`.
///
/// The store's claims make it safe beside other serve processes and `run-due` commands: a feed slot or outbox row
/// goes to one of them. On graceful shutdown no pass starts; the pass in hand goes on to its end, except that a
/// feed waiting between attempts is not waited for (its run stays pending, its attempts in the ledger). A row
/// claimed when the process dies is resolved by no one, and its lease runs out for another process to take.
struct DeliveryLoop: Service {
    let world: LiveWorld
    let store: any OrderStore
    let settings: ServerSettings
    let metrics: ServerMetrics
    let logger: Logger

    /// Most outbox rows claimed in one pass, as `outbox deliver`'s default `--limit`; the rest wait for the next.
    static let outboxLimit = 100

    func run() async throws {
        guard let interval = settings.deliveryInterval, interval > .zero else {
            logger.info("delivery loop off: the due feeds and outbox wait for dropgate feed run-due")
            return try await gracefulShutdown()
        }
        guard let store = store as? any OrderStore & DeliveryStore else {
            logger.warning("delivery loop off: this store keeps no feed runs or delivery ledger")
            return try await gracefulShutdown()
        }
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await pass(store: store)
        }
    }

    /// One pass: the due feeds, then the due outbox, at the service's clock (running on from the pass's start).
    func pass(store: any OrderStore & DeliveryStore) async {
        let profiles = world.profiles
        let now = settings.clock()
        let instants = FeedSender.clock(from: now)
        let deliverer = settings.deliverer
        let scheduler = FeedScheduler(profiles: profiles, store: store, deliverer: deliverer, now: instants)
        do {
            _ = try await scheduler.runDue(at: now, clock: ShutdownClock()) { outcome in
                log(outcome)
                metrics.feedSent(outcome)
            }
        } catch {
            logger.error("feed schedule not read from the store", metadata: ["error": "\(error)"])
        }
        let delivery = OutboxDelivery(profiles: profiles, store: store, deliverer: deliverer)
        do {
            _ = try await delivery.deliverDue(at: instants, limit: Self.outboxLimit) { outcome in
                log(outcome)
                metrics.delivered(outcome)
            }
        } catch {
            logger.error("due outbox not read from the store", metadata: ["error": "\(error)"])
        }
    }

    private func log(_ outcome: FeedScheduler.Outcome) {
        func key(_ key: FeedKey) -> Logger.Metadata {
            ["retailer": "\(key.retailer.rawValue)", "node": "\(key.node?.rawValue ?? "all")"]
        }
        switch outcome {
        case .neverDue(let feed): logger.debug("feed never due: its schedule never fires", metadata: key(feed))
        case .notDue(let feed, let until):
            logger.debug(
                "feed not due", metadata: key(feed).merging(["until": "\(until)"]) { $1 })
        case .claimedElsewhere(let feed): logger.debug("feed due, claimed by another process", metadata: key(feed))
        case .sent(let sent):
            let metadata = key(sent.key).merging(
                [
                    "run": "\(sent.run.id)", "mode": "\(sent.run.mode)", "bytes": "\(sent.run.bytes)",
                    "attempts": "\(sent.attempts)", "destination": "\(sent.destination)",
                ]) { $1 }
            switch sent.result {
            case .delivered: logger.info("feed delivered", metadata: metadata)
            case .superseded: logger.notice("feed superseded by a newer one before it left", metadata: metadata)
            case .nothingToSend: logger.info("delta with no change: recorded, nothing sent", metadata: metadata)
            case .failed: logger.error("feed failed for good", metadata: metadata)
            }
        case .notSent(let retailer, let error):
            let metadata: Logger.Metadata = ["retailer": "\(retailer.rawValue)", "error": "\(error)"]
            if error is CancellationError {
                logger.notice("feed left pending: the service is shutting down", metadata: metadata)
            } else {
                logger.error("feed not sent", metadata: metadata)
            }
        }
    }

    private func log(_ outcome: OutboxDelivery.Outcome) {
        switch outcome {
        case .unrouted(let entry, let reason):
            logger.debug(
                "outbox row stays queued",
                metadata: [
                    "outbox": "\(entry.id)", "kind": "\(entry.kind.rawValue)", "partner": "\(entry.partner)",
                    "reason": "\(reason)",
                ])
        case .attempted(let entry, let report):
            // The ledger's URL: the request's, with any user and password taken out.
            var metadata: Logger.Metadata = [
                "outbox": "\(entry.id)", "kind": "\(entry.kind.rawValue)", "partner": "\(entry.partner)",
                "name": "\(entry.name)", "url": "\(report.attempt.url)", "attempt": "\(report.attempt.attempt)",
            ]
            if let status = report.attempt.status { metadata["status"] = "\(status)" }
            if let error = report.attempt.error { metadata["error"] = "\(error)" }
            switch report.resolution {
            case .delivered: logger.info("outbox row delivered", metadata: metadata)
            case .retry(let at):
                metadata["next"] = "\(at)"
                logger.warning("outbox row not delivered; tried again later", metadata: metadata)
            case .failed: logger.error("outbox row failed for good", metadata: metadata)
            }
        }
    }
}

/// The continuous clock, except that a wait on it ends (throwing `CancellationError`) once graceful shutdown
/// begins: a feed waiting between attempts is left pending rather than holding the shutdown up.
private struct ShutdownClock: Clock {
    typealias Instant = ContinuousClock.Instant

    var now: Instant { ContinuousClock.now }
    var minimumResolution: Duration { ContinuousClock().minimumResolution }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await cancelWhenGracefulShutdown {
            try await ContinuousClock().sleep(until: deadline, tolerance: tolerance)
        }
    }
}
