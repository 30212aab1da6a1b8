import Foundation
import Synchronization

/// One line on standard error, rewritten in place while `ingest` works: documents, POs, POs per second and the time
/// left for the document at hand. Only on a terminal: redirected output gets nothing.
final class ProgressLine: Sendable {
    private struct State {
        var documents = 0
        var totalDocuments = 0
        var finishedPOs = 0
        var current = (decided: 0, of: 0)
        var lastDrawn = Date.distantPast
        var drawn = false
    }

    private let state = Mutex(State())
    private let started = Date()
    let isShown: Bool

    init(documents: Int, quiet: Bool) {
        isShown = !quiet && isatty(STDERR_FILENO) == 1
        state.withLock { $0.totalDocuments = documents }
    }

    /// A document's progress: `decided` of its `of` POs.
    func update(decided: Int, of total: Int) {
        guard isShown else { return }
        state.withLock { state in
            state.current = (decided, total)
            draw(&state, force: decided == total)
        }
    }

    /// A document is done: its POs join the total.
    func finishDocument() {
        guard isShown else { return }
        state.withLock { state in
            state.documents += 1
            state.finishedPOs += state.current.decided
            state.current = (0, 0)
            draw(&state, force: true)
        }
    }

    /// Clears the line before the table is printed.
    func clear() {
        guard isShown else { return }
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    private func draw(_ state: inout State, force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(state.lastDrawn) >= 0.25 else { return }
        state.lastDrawn = now
        state.drawn = true
        let done = state.finishedPOs + state.current.decided
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / seconds
        let left = state.current.of - state.current.decided
        let eta = rate > 0 && left > 0 ? String(format: ", %.0f s left in this document", Double(left) / rate) : ""
        let line =
            "documents \(state.documents)/\(state.totalDocuments), POs \(done), "
            + String(format: "%.0f POs/s", rate) + eta
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }
}
