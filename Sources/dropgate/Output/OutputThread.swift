import Dispatch
import Synchronization

/// Writes a command's output on a second thread, in the order it was handed over, while the caller goes on
/// reading and deciding. `x12 po` and `route` print every PO of a file: reading and mapping (and routing) is one
/// half of their work and writing each order's JSON or text the other, so with both halves at once a file goes
/// through in the time of the larger. At most `depth` batches wait, so memory stays bounded however large the
/// file. The sink is only ever touched on the output thread (or, after `finish`, by the caller).
final class OutputThread<Sink>: Sendable {
    private let queue = DispatchQueue(label: "dropgate.output")
    private let slots: DispatchSemaphore
    private let sink: Mutex<Sink>
    private let failure = Mutex<(any Error)?>(nil)

    /// How many POs a batch holds: enough that handing one over costs nothing beside writing it.
    static var batchSize: Int { 32 }

    init(_ sink: sending Sink, depth: Int = 4) {
        self.sink = Mutex(sink)
        slots = DispatchSemaphore(value: depth)
    }

    /// Runs `write` on the output thread once everything handed over before it is written; waits first while
    /// `depth` batches are pending. After a write throws, the ones after it are skipped.
    func enqueue(_ write: @escaping @Sendable (inout sending Sink) throws -> Void) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try sink.withLock { try write(&$0) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits for everything handed over, then runs `last` (closing the output) on the caller's thread; throws the
    /// first error a write threw.
    func finish(_ last: (inout sending Sink) throws -> Void) throws {
        queue.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
        try sink.withLock { try last(&$0) }
    }
}
