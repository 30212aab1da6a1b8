import CoreMetrics
import Feeds
import Foundation
import Gateway
import Orders
import Profiles
public import Prometheus
import Routing
import Store

/// What the service counts, in one Prometheus registry that `GET /metrics` writes out: documents in by partner and
/// format, decisions by outcome, fees avoided and risked, reloads, and (read at each scrape) the outbox's depth
/// and each retailer's feed age. Request counts and latency histograms are Hummingbird's own, in the same registry.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// A name of ours, its unit and what it means (`# HELP`). Made when asked: the descriptor type is not Sendable.
    static func name(_ metric: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "dropgate", metricName: metric, unitName: unit, helpText: help)
    }

    private static var received: MetricNameDescriptor {
        name("documents_received", unit: "total", "Documents kept, by partner and format")
    }
    private static var processed: MetricNameDescriptor {
        name(
            "documents_processed", unit: "total", "Documents through the pipeline, by final status")
    }
    private static var decisions: MetricNameDescriptor {
        name("decisions", unit: "total", "Orders decided, by retailer and outcome")
    }
    private static var avoided: MetricNameDescriptor {
        name(
            "fees_avoided", unit: "total", "Chargebacks a reroute avoided, by retailer and currency")
    }
    private static var risked: MetricNameDescriptor {
        name(
            "fees_risked", unit: "total", "Chargebacks a decision incurs or risks, by retailer and currency")
    }
    private static var changeRequests: MetricNameDescriptor {
        name(
            "change_requests", unit: "total",
            "Retailers' change and cancel requests, by retailer and verdict (accepted, partly-accepted, refused)")
    }
    private static var shipments: MetricNameDescriptor {
        name("shipments", unit: "total", "Shipments recorded from the floor, by retailer and whether a rule was broken")
    }
    private static var floorCancels: MetricNameDescriptor {
        name("floor_cancelled_units", unit: "total", "Units cancelled from the floor, by retailer and reason")
    }
    private static var floorFees: MetricNameDescriptor {
        name(
            "floor_fees", unit: "total",
            "Chargebacks a shipment or cancel from the floor incurs, by retailer, violation and currency")
    }
    private static var reloads: MetricNameDescriptor {
        name("world_reloads", unit: "total", "Reloads of profiles, network and catalog")
    }
    private static var refusedEdit: MetricNameDescriptor {
        name(
            "world_edit_refused", "1 while the last edit of the profiles did not check clean and the old set serves")
    }
    private static var busy: MetricNameDescriptor {
        name(
            "documents_refused_busy", unit: "total", "Posts answered 503 because the process held all it may")
    }
    private static var outbox: MetricNameDescriptor { name("outbox_documents", "Outbox rows, by state and kind") }
    private static var feedAge: MetricNameDescriptor {
        name("feed_age", unit: "seconds", "Age of each retailer's last delivered feed")
    }

    /// A document was kept: counted by the partner that posted it (or `inbox`) and its format.
    func received(partner: String, format: DocumentFormat) {
        registry.makeCounter(
            descriptor: Self.received, labels: [("partner", partner), ("format", format.rawValue)]
        ).increment()
    }

    /// A document went through the pipeline: its status, and each decision's outcome and fees.
    func processed(_ report: DocumentReport) {
        registry.makeCounter(descriptor: Self.processed, labels: [("status", report.status.rawValue)]).increment()
        for order in report.orders {
            if case .changeRequest(let outcome) = order.result, let retailer = order.retailer {
                registry.makeCounter(
                    descriptor: Self.changeRequests,
                    labels: [("retailer", retailer.rawValue), ("verdict", outcome.review.verdict.rawValue)]
                ).increment()
            }
            guard case .decided(let decision) = order.result else { continue }
            let retailer = decision.retailer.rawValue
            registry.makeCounter(
                descriptor: Self.decisions, labels: [("retailer", retailer), ("outcome", decision.outcome.rawValue)]
            ).increment()
            for fee in decision.fees.avoided { add(fee.amount, to: Self.avoided, retailer: retailer) }
            for fee in decision.fees.incurred { add(fee.amount, to: Self.risked, retailer: retailer) }
        }
    }

    /// A shipment recorded from the floor, and the fees its review flagged.
    func shipped(retailer: RetailerID, flags: [FloorFlag]) {
        registry.makeCounter(
            descriptor: Self.shipments,
            labels: [("retailer", retailer.rawValue), ("flagged", flags.isEmpty ? "no" : "yes")]
        ).increment()
        floorFees(flags, retailer: retailer)
    }

    /// Units cancelled from the floor, and the fees the cancel incurs.
    func cancelled(retailer: RetailerID, review: FloorCancelReview) {
        for line in review.cancelled {
            registry.makeCounter(
                descriptor: Self.floorCancels,
                labels: [("retailer", retailer.rawValue), ("reason", line.reason.rawValue)]
            ).increment(by: Int64(line.quantity))
        }
        floorFees(review.flags, retailer: retailer)
    }

    private func floorFees(_ flags: [FloorFlag], retailer: RetailerID) {
        for flag in flags {
            guard let fee = flag.fee else { continue }
            registry.makeCounter(
                descriptor: Self.floorFees,
                labels: [
                    ("retailer", retailer.rawValue), ("violation", flag.violation.rawValue),
                    ("currency", fee.currency.rawValue),
                ]
            ).increment(by: NSDecimalNumber(decimal: fee.amount).doubleValue)
        }
    }

    private func add(_ amount: Money, to descriptor: MetricNameDescriptor, retailer: String) {
        registry.makeCounter(
            descriptor: descriptor, labels: [("retailer", retailer), ("currency", amount.currency.rawValue)]
        ).increment(by: NSDecimalNumber(decimal: amount.amount).doubleValue)
    }

    /// A reload of the profiles, network and catalog: `reloaded` or `refused`; `refused` also sets
    /// `dropgate_world_edit_refused` to 1 until a reload succeeds.
    func reload(_ result: LiveWorld.ReloadResult) {
        let outcome: String
        switch result {
        case .unchanged: return
        case .reloaded: outcome = "reloaded"
        case .refused: outcome = "refused"
        }
        registry.makeCounter(descriptor: Self.reloads, labels: [("result", outcome)]).increment()
        registry.makeGauge(descriptor: Self.refusedEdit).set(to: outcome == "refused" ? 1 : 0)
    }

    /// A post refused for want of room: the service held as many documents as it may.
    func refusedBusy() {
        registry.makeCounter(descriptor: Self.busy).increment()
    }

    /// The figures read from the store at each scrape: the outbox's depth by state and kind, and how old each
    /// retailer's last delivered feed is.
    func refresh(from store: any OrderStore, at now: Date) async {
        if let depth = try? await store.outboxDepth() {
            for state in OutboxState.allCases {
                for kind in OutboundKind.allCases {
                    registry.makeGauge(
                        descriptor: Self.outbox, labels: [("state", state.rawValue), ("kind", kind.rawValue)]
                    ).set(to: Double(depth[state]?[kind] ?? 0))
                }
            }
        }
        if let deliveries = store as? any DeliveryStore, let newest = try? await deliveries.lastDeliveredFeeds() {
            for (retailer, at) in newest {
                registry.makeGauge(descriptor: Self.feedAge, labels: [("retailer", retailer.rawValue)])
                    .set(to: now.timeIntervalSince(at))
            }
        }
    }
}

extension ServerMetrics {
    /// The process's registry, with swift-metrics bootstrapped to write into it (Hummingbird's request counters and
    /// latency histograms among them). Once per process.
    public static func bootstrap() -> ServerMetrics {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return ServerMetrics(registry: registry)
    }
}

extension ServerMetrics {
    private static var deliveries: MetricNameDescriptor {
        name(
            "deliveries", unit: "total",
            "Attempts the delivery loop made at outbox rows, by kind and result (delivered, retry, failed)")
    }
    private static var feedsSent: MetricNameDescriptor {
        name(
            "feeds_sent", unit: "total",
            "Feeds the delivery loop pushed, by retailer and result (delivered, failed, superseded; not-sent for a "
                + "retailer whose due feeds could not be built or recorded)")
    }

    /// One attempt at an outbox row, by its kind (`997`, `855`, `pick-ticket`, …) and what became of the row; a
    /// row without a destination is not counted (it waits, and is counted in `dropgate_outbox_documents`).
    func delivered(_ outcome: OutboxDelivery.Outcome) {
        guard case .attempted(let entry, let report) = outcome else { return }
        let result =
            switch report.resolution {
            case .delivered: "delivered"
            case .retry: "retry"
            case .failed: "failed"
            }
        registry.makeCounter(
            descriptor: Self.deliveries, labels: [("kind", entry.kind.rawValue), ("result", result)]
        ).increment()
    }

    /// A feed the delivery loop pushed, or a retailer whose due feeds it could not send; a feed not due, or
    /// claimed by another process, is not counted.
    func feedSent(_ outcome: FeedScheduler.Outcome) {
        let (retailer, result): (RetailerID, String)
        switch outcome {
        case .neverDue, .notDue, .claimedElsewhere: return
        case .sent(let sent):
            retailer = sent.key.retailer
            result =
                switch sent.result {
                case .delivered: "delivered"
                case .failed: "failed"
                case .superseded: "superseded"
                case .nothingToSend: "nothing-to-send"
                }
        case .notSent(let id, _): (retailer, result) = (id, "not-sent")
        }
        registry.makeCounter(descriptor: Self.feedsSent, labels: [("retailer", retailer.rawValue), ("result", result)])
            .increment()
    }
}
