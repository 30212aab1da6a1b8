import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the world when its files change (looked at every `interval`) and at once on SIGHUP; only a set that
/// checks clean is swapped in (`LiveWorld.reload`).
struct WorldWatcher: Service {
    let world: LiveWorld
    let interval: Duration
    let metrics: ServerMetrics
    let clock: @Sendable () -> Date

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        metrics.reload(world.reload(force: true, at: clock()))
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: interval) } catch { return }
                        metrics.reload(world.reload(force: false, at: clock()))
                    }
                }
                await group.waitForAll()
            }
        }
    }
}
