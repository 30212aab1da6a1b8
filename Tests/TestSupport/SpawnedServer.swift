import Foundation
import Glibc

/// A server process a test starts and stops (python3's HTTP server, sshd, `dropgate serve`): a `ChildProcess`
/// whose standard output comes back through `readLine()` when it `capturesOutput`, and which is stopped with
/// `SIGKILL` (a child spawned from the test runner may not hear `SIGTERM`) and reaped.
public final class SpawnedServer: Sendable {
    private let child: ChildProcess

    public var pid: Int32 { child.pid }

    /// Starts `arguments[0]` (an absolute path) with `arguments`; its standard error goes to `errorFile` (or nowhere).
    public init(_ arguments: [String], capturesOutput: Bool, errorFile: String? = nil) throws {
        child = try ChildProcess(
            arguments, output: capturesOutput ? .pipe : .discard, errors: errorFile.map { .file($0) } ?? .discard)
    }

    deinit { child.kill() }

    /// One line of the child's standard output, without its newline; nil at the end of it.
    public func readLine() -> String? { child.readLine() }

    /// Whether it is still running.
    public var isRunning: Bool { child.isRunning }

    /// Waits for it to exit by itself; its exit status (128 + the signal when a signal ended it).
    public func waitForExit() -> Int32 { child.waitForExit().status }

    /// Reads its standard output to the end and waits for it to exit, on a thread of its own: a test that serves
    /// the child from its own process (an in-process server the child asks) must not hold one of the few threads
    /// that server's handlers run on while it waits. The output's lines, joined; its exit status.
    public func outputUntilExit() async -> (output: String, status: Int32) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var output = ""
                while let line = self.readLine() { output += line }
                continuation.resume(returning: (output, self.waitForExit()))
            }
        }
    }

    /// Kills it and reaps it. Calling it again does nothing.
    public func stop() { child.kill() }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
