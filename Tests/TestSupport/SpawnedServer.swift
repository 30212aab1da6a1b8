import Foundation
import Glibc

/// A server process a test starts and stops (python3's HTTP server, sshd), spawned with `posix_spawn` and reaped
/// with `waitpid`. Not `Foundation.Process`: corelibs' Process learns of an exit through a socket its child holds,
/// and a server spawned while another test spawns one can inherit that socket, so that stopping one waits for the
/// other, and tests running in parallel wait for each other for ever. Here the child gets only stdin, its own
/// stdout pipe and stderr file (every other descriptor is closed in it), and stopping is `SIGKILL` + `waitpid`.
public final class SpawnedServer: Sendable {
    public let pid: Int32
    /// The read end of the child's standard output, or -1.
    private let output: Int32

    /// Starts `arguments[0]` (an absolute path) with `arguments`; its standard output comes back through
    /// `readLine()` when `capturesOutput`, its standard error goes to `errorFile` (or nowhere).
    public init(_ arguments: [String], capturesOutput: Bool, errorFile: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if capturesOutput {
            guard pipe(&ends) == 0 else { throw SpawnError("no pipe for \(arguments[0])") }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 2, errorFile ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        // Every other descriptor this process has open is closed in the child (closefrom is not visible to Swift).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 && !ends.contains(fd) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        // The child starts with no signal blocked, whatever the test runner's threads block.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        if capturesOutput { close(ends[1]) }
        guard result == 0 else {
            if capturesOutput { close(ends[0]) }
            throw SpawnError("could not start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        output = ends[0]
    }

    deinit {
        stop()
        if output >= 0 { close(output) }
    }

    /// One line of the child's standard output, without its newline; nil at the end of it.
    public func readLine() -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(output, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Whether it is still running (not yet exited, or exited but not reaped).
    public var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Waits for it to exit by itself; its exit status (128 + the signal when a signal ended it).
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Kills it and reaps it. Calling it again does nothing.
    public func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}

public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
