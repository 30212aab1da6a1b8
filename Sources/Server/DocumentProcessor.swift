public import Foundation
public import Gateway
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization

/// Runs kept documents through the pipeline in batches of up to `workers` (`Gateway.process(keptBatch:)`: the
/// store's round trips paid once a batch, not once a document), in the order they were kept, three batches at a time
/// (one is read while another is decided and a third waits for the store; two or four decided fewer a second), and
/// bounds how many a process holds: a request that would go beyond `capacity` is refused before anything is kept
/// (503), so that nothing is accepted that cannot be kept and finished.
///
/// On graceful shutdown the queue is closed and every document already in it is finished; a document kept after
/// that stays pending in the store, and the next start finishes it (`Gateway.resume()`): never half written.
public final class DocumentProcessor: Service, Sendable {
    public let capacity: Int
    public let workers: Int
    private let held = Atomic<Int>(0)
    private let queue = KeptQueue()
    private let world: LiveWorld
    private let logger: Logger
    private let finished: @Sendable (DocumentReport) -> Void

    public init(
        world: LiveWorld, capacity: Int, workers: Int, logger: Logger,
        finished: @escaping @Sendable (DocumentReport) -> Void = { _ in }
    ) {
        self.world = world
        self.capacity = max(1, capacity)
        self.workers = max(1, workers)
        self.logger = logger
        self.finished = finished
    }

    /// Documents taken and not yet finished.
    public var inFlight: Int { held.load(ordering: .relaxed) }

    /// Takes a place for one more document, or says there is none.
    public func reserve() -> Bool {
        var current = held.load(ordering: .relaxed)
        while current < capacity {
            let (exchanged, original) = held.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back a place taken with `reserve()` for a document that was not submitted.
    public func release() { held.subtract(1, ordering: .acquiringAndReleasing) }

    /// Queues a kept document (its place taken with `reserve()`). False when the processor is shutting down: the
    /// document stays pending in the store for the next start.
    @discardableResult
    public func submit(_ job: KeptInput) -> Bool {
        if queue.push(job) { return true }
        release()
        return false
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        while true {
                            let jobs = await self.queue.take(upTo: self.workers)
                            if jobs.isEmpty { return }
                            await self.process(jobs)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            self.queue.finish()
        }
    }

    private func process(_ jobs: [KeptInput]) async {
        let reports = await world.gateway.process(keptBatch: jobs)
        for (job, report) in zip(jobs, reports) {
            release()
            finished(report)
            logger.debug(
                "document processed", metadata: ["document": "\(job.id)", "status": "\(report.status.rawValue)"])
        }
    }
}
