public import Foundation
public import Glibc
import Synchronization

/// A program a test runs (`sqlite3`, `psql`, `python3`, the `dropgate` binary), spawned with `posix_spawn` and
/// reaped with `waitpid`. Never `Foundation.Process`, for two faults of corelibs' Process on this toolchain: it
/// learns of an exit through a socket its child holds, so that children spawned side by side wait for each other;
/// and on starting a child it copies every `/proc/self/fd` entry's whole `d_name` buffer (swift-corelibs-foundation
/// PR #5472), which read past the end of a mapping and crashed the test runner with SIGSEGV while other tests were
/// spawning too. Here the child gets its standard input, output and error and nothing else of ours: every other
/// descriptor is closed in it.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    /// The read end of the child's standard output when it goes to a pipe, else -1.
    let outputPipe: Int32
    private let ended = Mutex<ChildExit?>(nil)

    /// Where a child's standard output or error goes.
    public enum Stream: Sendable {
        case discard
        /// Created when missing, appended to.
        case file(String)
        /// Standard output only: read back with `readLine()`.
        case pipe
        /// Standard error only: where standard output goes.
        case output
    }

    /// Starts `arguments[0]` (an absolute path) with `arguments`: its standard input read from `input`, in
    /// `directory` (through `env -C`, as `posix_spawn` cannot change directory here) with `environment` added to
    /// ours.
    public init(
        _ arguments: [String], input: String = "/dev/null", output: Stream = .discard, errors: Stream = .discard,
        environment: [String: String] = [:], directory: String? = nil
    ) throws {
        (pid, outputPipe) = try Self.start(
            arguments, input: input, output: output, errors: errors, environment: environment, directory: directory)
    }

    /// Starts a child as `init` does, and leaves it to the caller (a daemon's starter, a watchdog that must outlive
    /// the test): its PID, and the read end of its output pipe (-1 unless `.pipe`).
    public static func start(
        _ arguments: [String], input: String = "/dev/null", output: Stream = .discard, errors: Stream = .discard,
        environment: [String: String] = [:], directory: String? = nil
    ) throws -> (pid: pid_t, output: Int32) {
        let command = directory.map { ["/usr/bin/env", "-C", $0] + arguments } ?? arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        for (descriptor, stream) in [(Int32(1), output), (2, errors)] {
            switch stream {
            case .discard: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            case .pipe:
                guard descriptor == 1 else { throw SpawnError("only standard output goes to a pipe") }
                guard pipe(&ends) == 0 else { throw SpawnError("no pipe for \(arguments[0])") }
                for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            case .output:
                guard descriptor == 2 else { throw SpawnError("standard output cannot go to itself") }
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            }
        }
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

        let cArguments = command.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = []
        if !environment.isEmpty {
            let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for entry in cEnvironment { free(entry) } }
        var pid = pid_t()
        let result =
            cEnvironment.isEmpty
            ? posix_spawn(&pid, command[0], &actions, &attributes, cArguments, environ)
            : posix_spawn(&pid, command[0], &actions, &attributes, cArguments, cEnvironment)
        if ends[1] >= 0 { close(ends[1]) }
        guard result == 0 else {
            if ends[0] >= 0 { close(ends[0]) }
            throw SpawnError("could not start \(command[0]): \(String(cString: strerror(result)))")
        }
        return (pid, ends[0])
    }

    deinit {
        kill(SIGKILL)
        if outputPipe >= 0 { close(outputPipe) }
    }

    /// One line of the child's standard output (`.pipe`), without its newline; nil at the end of it.
    public func readLine() -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(outputPipe, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// How it ended; nil while it runs. Reaps it when it has ended.
    public var exit: ChildExit? {
        ended.withLock { ended in
            if ended == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { ended = ChildExit(waitStatus: status) }
            }
            return ended
        }
    }

    public var isRunning: Bool { exit == nil }

    /// Waits for it to end by itself.
    @discardableResult
    public func waitForExit() -> ChildExit {
        ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let exit = ChildExit(waitStatus: status)
            ended = exit
            return exit
        }
    }

    /// Waits up to `seconds` for it to end by itself; true when it did.
    public func wait(upTo seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning {
            if Date() >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// Sends `signal` unless it has ended, then reaps it. Calling it again does nothing.
    public func kill(_ signal: Int32 = SIGKILL) {
        if isRunning { _ = Glibc.kill(pid, signal) }
        waitForExit()
    }

    /// Runs `arguments` to its end, `input` on its standard input, and returns what it wrote. Its output goes
    /// through files, so that a chatty child never blocks on a full pipe.
    public static func run(
        _ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:], directory: String? = nil
    ) throws -> ChildResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-child-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputFile = folder.appendingPathComponent("stdin")
        try Data(input ?? []).write(to: inputFile)
        let out = folder.appendingPathComponent("stdout").path
        let err = folder.appendingPathComponent("stderr").path
        let child = try ChildProcess(
            arguments, input: inputFile.path, output: .file(out), errors: .file(err), environment: environment,
            directory: directory)
        let exit = child.waitForExit()
        return ChildResult(
            exit: exit, output: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(),
            errors: (try? Data(contentsOf: URL(fileURLWithPath: err))) ?? Data())
    }
}

/// How a child ended.
public enum ChildExit: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)

    init(waitStatus status: Int32) {
        self = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    /// The shell's figure: the exit code, or 128 + the signal.
    public var status: Int32 {
        switch self {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
    }
}

/// What a child run to its end wrote, and how it ended.
public struct ChildResult: Sendable {
    public var exit: ChildExit
    public var output: Data
    public var errors: Data

    public var status: Int32 { exit.status }
    public var text: String { String(decoding: output, as: UTF8.self) }
    public var errorText: String { String(decoding: errors, as: UTF8.self) }
}
