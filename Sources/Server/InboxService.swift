import Foundation
import Gateway
import Logging
import ServiceLifecycle

/// The watched inbox inside the service: files an SFTP or AS2 server drops into the folder go through the same
/// pipeline as posted documents (`InboxWatcher`: each taken once, also with several processes watching, moved to
/// `processed/` or `failed/`), deciding with the world serving at each look. On graceful shutdown the look in hand
/// finishes (every file it took is processed and moved) and no other starts.
struct InboxService: Service {
    let world: LiveWorld
    let watcher: InboxWatcher
    let interval: Duration
    let metrics: ServerMetrics

    init(folder: URL, world: LiveWorld, settings: ServerSettings, metrics: ServerMetrics, logger: Logger) {
        self.world = world
        self.metrics = metrics
        interval = settings.inboxInterval
        watcher = InboxWatcher(
            folder: folder, gateway: world.gateway, settle: settings.inboxSettle, pollInterval: settings.inboxInterval,
            clock: settings.clock, logger: logger)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                // A task of its own, which the shutdown does not cancel: a file taken is finished, never half done.
                let watcher = self.watcher.deciding(with: world.gateway)
                let outcomes = await Task { await watcher.scan() }.value
                for outcome in outcomes {
                    metrics.received(partner: "inbox", format: outcome.report.kind)
                    metrics.processed(outcome.report)
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
