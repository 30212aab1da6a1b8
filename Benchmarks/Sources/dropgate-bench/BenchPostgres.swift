import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the ingest figures, as the tests start one (Tests/TestSupport/
/// TemporaryPostgres.swift): Debian's PostgreSQL 15, `initdb` into a new temporary folder, `pg_ctl start` on a free
/// loopback port, stopped (and its folder deleted) by `stop()`. Unlike the tests' server it keeps PostgreSQL's
/// durable defaults (`fsync` and `synchronous_commit` on): the figure is a durable ingest. As root, the server's
/// programs run as `postgres` through `runuser`.
///
/// Programs run with `posix_spawn` and `waitpid`: `Foundation.Process.waitUntilExit()` never returns after
/// `pg_ctl start`, whose daemonized postmaster keeps the descriptor corelibs watches (TOOLCHAIN.md).
struct BenchPostgres {
    static let binaries = "/usr/lib/postgresql/15/bin"

    let folder: String
    let port: Int

    /// `postgres://postgres@127.0.0.1:PORT/NAME`, a database `createDatabase` made.
    func url(_ database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    static func start() throws -> BenchPostgres {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") else {
            throw BenchFailure("no PostgreSQL 15 at \(binaries): install Debian's `postgresql` package (`make deps`)")
        }
        var template = Array("/tmp/dropgate-bench-postgres-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchFailure("mkdtemp: \(String(cString: strerror(errno)))") }
        let folder = String(cString: made)
        if getuid() == 0, let user = getpwnam("postgres") {
            guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw BenchFailure("chown \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let port = try freePort()
        try run(
            [
                "\(binaries)/initdb", "-D", "\(folder)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-locale",
            ],
            log: "\(folder)/initdb.log")
        // A larger WAL between checkpoints, so that a checkpoint forced by WAL volume does not land in one figure
        // and not the other; every commit is still flushed to disk.
        try run(
            [
                "\(binaries)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/pg.log", "-w", "-t", "60", "-o",
                "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder) -c max_wal_size=4GB -c max_connections=200",
                "start",
            ], log: "\(folder)/pg_ctl.log")
        return BenchPostgres(folder: folder, port: port)
    }

    /// Makes an empty database.
    func createDatabase(_ name: String) throws {
        try Self.run(
            ["\(Self.binaries)/createdb", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", name],
            log: "\(folder)/createdb.log", asPostgres: false)
    }

    /// Stops the server at once and deletes its folder.
    func stop() {
        try? Self.run(
            ["\(Self.binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w", "stop"], log: "/dev/null")
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func run(_ argv: [String], log: String, asPostgres: Bool = true) throws {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + argv : argv
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw BenchFailure("cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.suffix(2_000) ?? "(no log)"
            throw BenchFailure("\(command.joined(separator: " ")) failed (wait status \(status)):\n\(tail)")
        }
    }

    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchFailure("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else { throw BenchFailure("bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a benchmark could not be measured.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
