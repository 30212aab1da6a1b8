public import Foundation
public import Gateway
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization

/// A kept document waiting for the pipeline.
public struct KeptDocumentJob: Sendable {
    public var id: DocumentID
    public var bytes: [UInt8]
    public var origin: String
    public var receivedAt: Date

    public init(id: DocumentID, bytes: [UInt8], origin: String, receivedAt: Date) {
        self.id = id
        self.bytes = bytes
        self.origin = origin
        self.receivedAt = receivedAt
    }
}

/// Runs kept documents through the pipeline, `workers` at a time (their store writes meet in shared transactions),
/// in the order they were kept, and bounds how many a process holds: a request that would go beyond `capacity` is
/// refused before anything is kept (503), so that nothing is accepted that cannot be kept and finished.
///
/// On graceful shutdown the queue is closed and every document already in it is finished; a document kept after
/// that stays pending in the store, and the next start finishes it (`Gateway.resume()`): never half written.
public final class DocumentProcessor: Service, Sendable {
    public let capacity: Int
    public let workers: Int
    private let held = Atomic<Int>(0)
    private let stream: AsyncStream<KeptDocumentJob>
    private let continuation: AsyncStream<KeptDocumentJob>.Continuation
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
        (stream, continuation) = AsyncStream.makeStream(of: KeptDocumentJob.self)
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
    public func submit(_ job: KeptDocumentJob) -> Bool {
        if case .enqueued = continuation.yield(job) { return true }
        release()
        return false
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await job in stream {
                    if running == workers {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.process(job) }
                    running += 1
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    private func process(_ job: KeptDocumentJob) async {
        defer { release() }
        let report = await world.gateway.process(
            kept: job.id, bytes: job.bytes, origin: job.origin, receivedAt: job.receivedAt)
        finished(report)
        logger.debug(
            "document processed", metadata: ["document": "\(job.id)", "status": "\(report.status.rawValue)"])
    }
}
