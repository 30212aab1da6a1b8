import Foundation
import Logging
import Prometheus
import ServiceLifecycle

/// Keeps the `dropgate_scorecard_*` gauges at the current month's figures: takes the scorecard from the source at
/// start and every `interval`, as of the service's clock. A source that fails leaves the last figures standing and
/// is logged; the next turn tries again.
struct ScorecardRefresher: Service {
    let source: ScorecardSource
    let metrics: ServerMetrics
    let interval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var shown: [ServerMetrics.ScorecardGauge: Gauge] = [:]
            while !Task.isCancelled {
                shown = await refresh(replacing: shown)
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// One turn: the current month for every retailer, as of now. Returns the gauges now set.
    func refresh(replacing shown: [ServerMetrics.ScorecardGauge: Gauge]) async -> [ServerMetrics.ScorecardGauge: Gauge]
    {
        let now = clock()
        do {
            let scorecard = try await source(nil, nil, now)
            return metrics.scorecard(scorecard, replacing: shown)
        } catch is CancellationError {
            return shown
        } catch {
            logger.warning("the scorecard gauges were not refreshed", metadata: ["error": "\(error)"])
            return shown
        }
    }
}
