import Gateway
import Synchronization

/// Kept documents waiting for the pipeline, first in first out, taken a batch at a time by any number of takers: a
/// taker gets everything waiting (up to its limit) at once, or waits for the next document. Once finished, no
/// document is let in, and takers drain what is left and then get nothing.
final class KeptQueue: Sendable {
    private struct State: ~Copyable {
        var jobs: [KeptInput] = []
        /// Index of the first job not taken: taking moves it instead of shifting the array.
        var head = 0
        var finished = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Adds a document; false once the queue is finished.
    func push(_ job: KeptInput) -> Bool {
        let woken = state.withLock { state -> CheckedContinuation<Void, Never>?? in
            guard !state.finished else { return .none }
            state.jobs.append(job)
            return .some(state.waiting.popLast())
        }
        guard let woken else { return false }
        woken?.resume()
        return true
    }

    /// Lets no more documents in and wakes every taker.
    func finish() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.finished = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for taker in woken { taker.resume() }
    }

    /// Up to `limit` documents, oldest first, waiting for one when none is there; empty once the queue is finished
    /// and drained.
    func take(upTo limit: Int) async -> [KeptInput] {
        while true {
            let taken = state.withLock { state -> [KeptInput]? in
                if state.head < state.jobs.count {
                    let end = min(state.jobs.count, state.head + limit)
                    let jobs = Array(state.jobs[state.head..<end])
                    state.head = end
                    if state.head == state.jobs.count {
                        state.jobs.removeAll(keepingCapacity: true)
                        state.head = 0
                    } else if state.head > 4_096 {
                        state.jobs.removeFirst(state.head)
                        state.head = 0
                    }
                    return jobs
                }
                return state.finished ? [] : nil
            }
            if let taken { return taken }
            await withCheckedContinuation { (taker: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    guard state.head == state.jobs.count, !state.finished else { return true }
                    state.waiting.append(taker)
                    return false
                }
                if ready { taker.resume() }
            }
        }
    }
}
