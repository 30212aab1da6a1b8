import GRDB
import Synchronization

/// This process's writes to the SQLite file, committed together: writes that arrive while a transaction is being
/// written wait, and the next transaction takes all of them, each in a savepoint of its own. A write sees what the
/// writes before it in the same transaction wrote, exactly as if each were a transaction of its own in that order;
/// a write that throws rolls back to its savepoint alone and throws to its caller. What changes is durability's
/// price: one fsync (`synchronous=FULL`) for a whole group instead of one for each write, which is what lets a
/// service keep and decide thousands of small documents a second from many concurrent requests.
///
/// No caller hears of its write before the transaction holding it is committed; when the commit itself fails
/// (disk full, the lock not had within the busy timeout), every write of the group fails with that error.
final class GroupWriter: Sendable {
    private let pool: DatabasePool

    /// A write waiting for the next transaction, and who waits for its result.
    private struct Job: Sendable {
        var body: @Sendable (Database) throws -> any Sendable
        var continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue: ~Copyable {
        var jobs: [Job] = []
        /// A task is writing groups; it takes what is queued when its transaction ends.
        var writing = false
    }

    private let queue = Mutex(Queue())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let startsWriter = queue.withLock { queue -> Bool in
                queue.jobs.append(Job(body: { try body($0) }, continuation: continuation))
                guard !queue.writing else { return false }
                queue.writing = true
                return true
            }
            if startsWriter { Task { await self.writeGroups() } }
        }
        // Made by `body`, whose result type is T.
        return value as! T
    }

    /// Writes the queued jobs a transaction at a time until none is left.
    private func writeGroups() async {
        while true {
            let jobs = queue.withLock { queue -> [Job] in
                let jobs = queue.jobs
                queue.jobs = []
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
                for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
            } catch {
                for job in jobs { job.continuation.resume(throwing: error) }
            }
        }
    }
}
