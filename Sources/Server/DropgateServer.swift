import Foundation
import Gateway
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import Prometheus
import ServiceLifecycle
public import Store
import UnixSignals

/// `dropgate serve`: the gateway as a service. Documents posted by partners are kept before they are answered and
/// go through the same pipeline as `dropgate ingest`; the world reloads on edit or SIGHUP; SIGTERM and SIGINT stop
/// it gracefully (no new requests, every document in hand finished).
public struct DropgateServer: Sendable {
    public var settings: ServerSettings
    public var source: WorldSource
    public var store: any OrderStore
    public var metrics: ServerMetrics
    public var logger: Logger

    public init(
        settings: ServerSettings, source: WorldSource, store: any OrderStore, metrics: ServerMetrics, logger: Logger
    ) {
        self.settings = settings
        self.source = source
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT. `listening` is told the port once the server accepts connections. Throws the
    /// world's problems when it does not check clean at start.
    public func run(listening: @escaping @Sendable (Int) -> Void) async throws {
        let store = self.store
        let logger = self.logger
        let world = try LiveWorld(
            source: source, makeGateway: { Gateway(profiles: $0, store: store, logger: logger) },
            at: settings.clock(), logger: logger)
        // Documents a stopped process kept but did not finish are finished before any new one is taken.
        for report in await world.gateway.resume(inBatchesOf: settings.workers) { metrics.processed(report) }
        let metrics = self.metrics
        let processor = DocumentProcessor(
            world: world, capacity: settings.maximumInFlight, workers: settings.workers, logger: logger,
            finished: { metrics.processed($0) })
        let api = DropgateAPI(
            world: world, store: store, processor: processor, metrics: metrics, settings: settings, logger: logger,
            pages: try WarehousePages())
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(idleTimeout: .milliseconds(Int64(settings.idleTimeout / .milliseconds(1)))))
        let app = Application(
            router: api.router(),
            server: try settings.tls.map { try .tls(http1, tlsConfiguration: try $0.configuration()) } ?? http1,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "dropgate"),
            onServerRunning: { channel in
                listening(channel.localAddress?.port ?? 0)
                // Off the start's path: the service answers while the pick pages warm.
                Task { await api.warmPickPages() }
            },
            logger: logger)
        let watcher = WorldWatcher(
            world: world, interval: settings.reloadInterval, metrics: metrics, clock: settings.clock)
        let delivery = DeliveryLoop(world: world, store: store, settings: settings, metrics: metrics, logger: logger)
        var services: [any Service] = [processor, watcher, delivery]
        if let scorecard = settings.scorecard {
            services.append(
                ScorecardRefresher(
                    source: scorecard, metrics: metrics, interval: settings.scorecardInterval, clock: settings.clock,
                    logger: logger))
        }
        if let inbox = settings.inbox {
            services.append(
                InboxService(folder: inbox, world: world, settings: settings, metrics: metrics, logger: logger))
        }
        services.append(app)
        // Shut down in reverse: the HTTP server first (no new documents, requests in flight answered), then the
        // inbox (the look in hand finishes), the scorecard gauges' refresher, the delivery loop (the pass in hand
        // finished), the watcher, and the processor, which finishes every document in hand.
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
