import Foundation
import Glibc
import Synchronization

/// A throwaway PostgreSQL server for the test run: Debian's PostgreSQL 15 binaries, `initdb` into a temporary folder,
/// `pg_ctl start` on a free loopback port with `fsync=off`. Started once, on first use, and shared by every test,
/// each of which gets a database of its own (`database()`). Stopped when the test process exits (`atexit`), or by
/// a watchdog shell when it dies without exiting.
///
/// When the server cannot start, `database()` throws with the reason and the tail of the server's log: a test
/// that needs PostgreSQL then fails, never skips.
///
/// Shared by the store tests (which open a `PostgresLocation` from `Database`) and the end-to-end tests (which hand
/// `Database.url` to `dropgate --db` and read the database with `psql`): it links none of the product's modules.
///
/// Every program is run with `posix_spawn` and `waitpid`, never `Foundation.Process`: corelibs' `Process` learns of
/// an exit through a socket its child inherits, the daemonized postmaster keeps it open, and `waitUntilExit()`
/// never returns. For the same reason the children inherit no descriptor but standard input and output.
/// `initdb` refuses to run as root: as root, the server's programs run as `postgres` through `runuser`, and the
/// folder is given to that user.
public actor TemporaryPostgres {
    public static let shared = TemporaryPostgres()

    public static let binaries = "/usr/lib/postgresql/15/bin"

    /// One test's database on the shared server; the user `postgres` needs no password (`--auth=trust`).
    public struct Database: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        public var name: String

        /// The database as `dropgate --db` takes it.
        public var url: String { "postgres://\(user)@\(host):\(port)/\(name)" }
    }

    struct Server: Sendable {
        var folder: String
        var port: Int
    }

    private var server: Result<Server, TemporaryPostgresError>?
    private var databases = 0

    /// A new, empty database on the shared server.
    public func database() throws(TemporaryPostgresError) -> Database {
        let server = try running()
        databases += 1
        let name = "dropgate_test_\(databases)"
        try Self.run(
            ["\(Self.binaries)/createdb", "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", name],
            log: "\(server.folder)/createdb.log", asPostgres: false,
            failure: "createdb \(name)")
        return Database(host: "127.0.0.1", port: server.port, user: "postgres", name: name)
    }

    private func running() throws(TemporaryPostgresError) -> Server {
        if let server { return try server.get() }
        let started = Result { () throws(TemporaryPostgresError) in try Self.start() }
        server = started
        return try started.get()
    }

    private static func start() throws(TemporaryPostgresError) -> Server {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") else {
            throw TemporaryPostgresError(
                "no PostgreSQL 15 at \(binaries): install Debian's `postgresql` package (`make deps` does)")
        }
        var template = Array("/tmp/dropgate-postgres-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TemporaryPostgresError("mkdtemp: \(errnoText())") }
        let folder = String(cString: made)
        if getuid() == 0 {
            guard let user = getpwnam("postgres") else {
                throw TemporaryPostgresError("running as root, and there is no `postgres` user to run the server as")
            }
            guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw TemporaryPostgresError("chown \(folder): \(errnoText())")
            }
        }
        try startWatchdog(folder: folder)
        let port = try freePort()
        try run(
            [
                "\(binaries)/initdb", "-D", "\(folder)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync",
            ], log: "\(folder)/initdb.log", asPostgres: true, failure: "initdb")
        registerStop(folder: folder)
        try run(
            [
                "\(binaries)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/pg.log", "-w", "-t", "60",
                "-o",
                "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder) -c fsync=off -c synchronous_commit=off "
                    + "-c full_page_writes=off -c max_connections=300",
                "start",
            ], log: "\(folder)/pg_ctl.log", asPostgres: true, failure: "pg_ctl start",
            serverLog: "\(folder)/pg.log")
        return Server(folder: folder, port: port)
    }

    /// The folder of the server to stop at exit; `atexit` takes a C function, which cannot capture it.
    private static let startedFolder = Mutex<String?>(nil)

    private static func registerStop(folder: String) {
        startedFolder.withLock { $0 = folder }
        atexit {
            guard let folder = TemporaryPostgres.startedFolder.withLock({ $0 }) else { return }
            try? TemporaryPostgres.run(
                ["\(TemporaryPostgres.binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w", "stop"],
                log: "/dev/null", asPostgres: true, failure: "pg_ctl stop")
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Stops the server and deletes its folder once this process is gone, however it ended: a shell that polls for
    /// it, for the runs that never reach `atexit` (a crash, a kill). After a clean exit it finds the server already
    /// stopped.
    private static func startWatchdog(folder: String) throws(TemporaryPostgresError) {
        let stop = asPostgres([
            "\(binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w", "stop",
        ])
        let script =
            #"pid=$1; folder=$2; shift 2; while kill -0 "$pid" 2>/dev/null; do sleep 1; done; "$@"; rm -rf "$folder""#
        _ = try spawn(
            ["/bin/sh", "-c", script, "dropgate-postgres-watchdog", "\(getpid())", folder] + stop, log: "/dev/null",
            failure: "watchdog")
    }

    /// `argv` as `postgres` when we are root.
    private static func asPostgres(_ argv: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + argv : argv
    }

    /// Runs `argv` to its end (as `postgres` when we are root and `asPostgres`), its output appended to `log`.
    static func run(
        _ argv: [String], log: String, asPostgres runsAsPostgres: Bool, failure: String, serverLog: String? = nil
    ) throws(TemporaryPostgresError) {
        let command = runsAsPostgres ? asPostgres(argv) : argv
        let pid = try spawn(command, log: log, failure: failure)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw TemporaryPostgresError("\(failure): waitpid: \(errnoText())") }
        }
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let tails = [log, serverLog].compactMap { $0 }.map { "\($0):\n\(tail(of: $0))" }
            throw TemporaryPostgresError(
                "\(failure) failed (wait status \(status)): \(command.joined(separator: " "))\n"
                    + tails.joined(separator: "\n"))
        }
    }

    /// Starts `command` with no input, its output appended to `log`, and no other descriptor of ours
    /// (`ChildProcess.start`: the child is not reaped for us, a watchdog outlives the test).
    private static func spawn(_ command: [String], log: String, failure: String) throws(TemporaryPostgresError)
        -> pid_t
    {
        do {
            return try ChildProcess.start(command, output: .file(log), errors: .output).pid
        } catch {
            throw TemporaryPostgresError("\(failure): \(error)")
        }
    }

    /// A loopback port nobody listens on now: bind port 0 and read what the kernel chose.
    private static func freePort() throws(TemporaryPostgresError) -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TemporaryPostgresError("socket: \(errnoText())") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else { throw TemporaryPostgresError("bind 127.0.0.1:0: \(errnoText())") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func tail(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(separator: "\n")
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why the throwaway server could not serve a test.
public struct TemporaryPostgresError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
