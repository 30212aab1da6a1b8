import GRDB
import Synchronization

/// This process's writes to the SQLite file, committed together: writes that arrive while a transaction is being
/// written wait, and the next transaction takes them, each in a savepoint of its own. A write sees what the writes
/// before it in the same transaction wrote, exactly as if each were a transaction of its own in that order; a write
/// that throws rolls back to its savepoint alone and throws to its caller. What changes is durability's price: one
/// fsync (`synchronous=FULL`) for a whole group instead of one for each write, which is what lets a service keep and
/// decide thousands of small documents a second from many concurrent requests.
///
/// A transaction takes queued writes, in order, up to `maximumWeight` (a write's weight is about its cost: a
/// document kept weighs 1, a PO committed with everything it produces `Self.orderWeight`), and always at least one;
/// a batch run sets no cap, a service `serviceWeight`.
/// Holding the file's one write lock for less at a time is what keeps a post that waits for its document to be kept
/// from waiting behind a whole batch of decisions: a batch goes in as several writes (`write(inOrder:)`), and the
/// posts that arrive meanwhile are kept in the transactions between them.
///
/// A write someone is waiting on (a post's document being kept, before its 202) is `urgent`: it goes ahead of the
/// queued background writes (deciding the documents already kept), in the next transaction.
///
/// No caller hears of its write before the transaction holding it is committed; when the commit itself fails
/// (disk full, the lock not had within the busy timeout), every write of the group fails with that error.
final class GroupWriter: Sendable {
    private let pool: DatabasePool
    let maximumWeight: Int

    /// What a PO committed with its decision, reservations and documents weighs beside a small write.
    static let orderWeight = 10

    /// A write waiting for a transaction, and who is told its result.
    private struct Job: Sendable {
        var weight: Int
        var body: @Sendable (Database) throws -> any Sendable
        var complete: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    private struct Queue: ~Copyable {
        var urgent: [Job] = []
        var jobs: [Job] = []
        /// A task is writing groups; it takes what is queued when its transaction ends.
        var writing = false
    }

    private let queue = Mutex(Queue())

    /// A service's cap: 200 kept posts waiting least in a measurement of 100, 200 and 400 under load (100 spent the
    /// writer on fsyncs).
    static let serviceWeight = 200

    init(pool: DatabasePool, maximumWeight: Int = .max) {
        self.pool = pool
        self.maximumWeight = maximumWeight
    }

    func write<T: Sendable>(urgent: Bool = false, _ body: @escaping @Sendable (Database) throws -> T) async throws
        -> T
    {
        let value = try await withCheckedThrowingContinuation { continuation in
            enqueue(
                [Job(weight: 1, body: { try body($0) }, complete: { continuation.resume(with: $0) })], urgent: urgent)
        }
        // Made by `body`, whose result type is T.
        return value as! T
    }

    /// Writes `parts` as writes of their own, queued together in their order (so that no other write of this
    /// process comes between two of them unless a transaction ends there), each with its result.
    func write<T: Sendable>(inOrder parts: [(weight: Int, body: @Sendable (Database) throws -> T)]) async
        -> [Result<T, any Error>]
    {
        guard !parts.isEmpty else { return [] }
        let results = Results(count: parts.count)
        let all = await withCheckedContinuation {
            (continuation: CheckedContinuation<[Result<any Sendable, any Error>], Never>) in
            enqueue(
                parts.enumerated().map { index, part in
                    Job(
                        weight: part.weight, body: { try part.body($0) },
                        complete: { result in
                            if let all = results.set(index, result) { continuation.resume(returning: all) }
                        })
                })
        }
        // Made by the parts' bodies, whose result type is T.
        return all.map { $0.map { $0 as! T } }
    }

    /// The results of `write(inOrder:)`'s parts as they come: all of them once the last is in.
    private final class Results: Sendable {
        private let slots: Mutex<[Result<any Sendable, any Error>?]>

        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

        func set(_ index: Int, _ result: Result<any Sendable, any Error>) -> [Result<any Sendable, any Error>]? {
            slots.withLock { slots in
                slots[index] = result
                guard slots.allSatisfy({ $0 != nil }) else { return nil }
                return slots.map { $0! }
            }
        }
    }

    private func enqueue(_ jobs: [Job], urgent: Bool = false) {
        let startsWriter = queue.withLock { queue -> Bool in
            if urgent { queue.urgent += jobs } else { queue.jobs += jobs }
            guard !queue.writing else { return false }
            queue.writing = true
            return true
        }
        if startsWriter { Task { await self.writeGroups() } }
    }

    /// Writes the queued jobs a transaction at a time until none is left.
    private func writeGroups() async {
        while true {
            let jobs = queue.withLock { queue -> [Job] in
                // Every urgent write, then background ones in their order up to the weight (at least one write).
                var jobs = queue.urgent
                queue.urgent = []
                var weight = jobs.reduce(0) { $0 + $1.weight }
                var count = 0
                while count < queue.jobs.count,
                    jobs.isEmpty && count == 0 || weight + queue.jobs[count].weight <= maximumWeight
                {
                    weight += queue.jobs[count].weight
                    count += 1
                }
                jobs += queue.jobs.prefix(count)
                queue.jobs.removeFirst(count)
                if jobs.isEmpty { queue.writing = false }
                return jobs
            }
            guard !jobs.isEmpty else { return }
            let bodies = jobs.map(\.body)
            do {
                let results = try await pool.write { db -> [Result<any Sendable, any Error>] in
                    // Alone, a write needs no savepoint: its error rolls back the transaction, which was only its.
                    if bodies.count == 1 { return [.success(try bodies[0](db))] }
                    return bodies.map { body in
                        var value: (any Sendable)?
                        do {
                            try db.inSavepoint {
                                value = try body(db)
                                return .commit
                            }
                            return .success(value!)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                for (job, result) in zip(jobs, results) { job.complete(result) }
            } catch {
                for job in jobs { job.complete(.failure(error)) }
            }
        }
    }
}
