import Foundation

/// One line on standard error, rewritten in place, that says which step a long command is at (`walmart: computing
/// ATS of 1,000,000 items`), with the seconds spent so far. Only on a terminal, and not with `--quiet`: redirected
/// output gets nothing, and the line is cleared before the command prints its result.
final class StepLine: Sendable {
    let isShown: Bool
    private let started = ContinuousClock.now

    init(quiet: Bool) {
        isShown = !quiet && isatty(STDERR_FILENO) == 1
    }

    func show(_ step: String) {
        guard isShown else { return }
        let seconds = (ContinuousClock.now - started).components.seconds
        FileHandle.standardError.write(Data("\r\u{1B}[K\(step)… (\(seconds) s)".utf8))
    }

    func clear() {
        guard isShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
