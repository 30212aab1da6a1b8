import Foundation
import TestSupport

/// Debian's OpenSSH server on a free loopback port, started for a test with its own config, host key and one
/// authorized user key (all made by `ssh-keygen` in a temporary folder), and stopped after it. It runs in the
/// foreground (`-D -e`) as a child of the test, serving SFTP through `internal-sftp`.
final class LocalSFTPServer {
    let port: Int
    /// The folder the test owns: keys, config, log, and anything uploaded under `root`.
    let folder: URL
    /// The user's private key (its public half is `clientKey + ".pub"`).
    let clientKey: String
    /// A known_hosts file listing this server's host key.
    let knownHosts: String
    /// A known_hosts file listing another key for the same host and port: connecting with it must be refused.
    let wrongKnownHosts: String
    /// Where uploads may go.
    let root: URL
    /// The user sshd lets in: the one running the tests.
    let user: String
    private let server: SpawnedServer

    static let sshd = "/usr/sbin/sshd"

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            throw SFTPServerError("\(Self.sshd) is missing: install openssh-server (make deps does)")
        }
        guard getuid() == 0 else {
            throw SFTPServerError("the SFTP tests start sshd, which needs root here (privilege separation)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-sftp-\(UUID())")
        root = folder.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // sshd's privilege separation wants its empty directory; made once if the system has none.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let hostKey = folder.appendingPathComponent("host_ed25519").path
        let otherHostKey = folder.appendingPathComponent("other_host_ed25519").path
        clientKey = folder.appendingPathComponent("client_ed25519").path
        for key in [hostKey, otherHostKey, clientKey] {
            try Self.run(
                in: folder, "/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dropgate-test", "-f", key)
        }
        port = try Self.freePort()
        user = String(cString: getpwuid(getuid()).pointee.pw_name)
        let config = folder.appendingPathComponent("sshd_config").path
        let text = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(hostKey)
            PidFile \(folder.appendingPathComponent("sshd.pid").path)
            AuthorizedKeysFile \(clientKey).pub
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            Subsystem sftp internal-sftp

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        knownHosts = folder.appendingPathComponent("known_hosts").path
        wrongKnownHosts = folder.appendingPathComponent("wrong_known_hosts").path
        try Self.knownHostsLine(port: port, publicKey: hostKey + ".pub").write(
            toFile: knownHosts, atomically: true, encoding: .utf8)
        try Self.knownHostsLine(port: port, publicKey: otherHostKey + ".pub").write(
            toFile: wrongKnownHosts, atomically: true, encoding: .utf8)
        try Self.run(in: folder, Self.sshd, "-t", "-f", config)

        let log = folder.appendingPathComponent("sshd.log")
        let server = try SpawnedServer(
            [Self.sshd, "-D", "-e", "-f", config], capturesOutput: false, errorFile: log.path)
        self.server = server
        // Listening once a connection is accepted; up to 10 s.
        let deadline = Date() + 10
        while !Self.accepts(port) {
            guard server.isRunning, Date() < deadline else {
                let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                server.stop()
                throw SFTPServerError("sshd did not start listening on 127.0.0.1:\(port): \(said)")
            }
            usleep(50_000)
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The sftp:// URL of `path` under `root`.
    func url(_ path: String) -> String { "sftp://127.0.0.1:\(port)\(root.path)/\(path)" }

    private static func knownHostsLine(port: Int, publicKey: String) throws -> String {
        let key = try String(contentsOfFile: publicKey, encoding: .utf8).split(separator: " ").prefix(2)
        return "[127.0.0.1]:\(port) \(key.joined(separator: " "))\n"
    }

    /// Runs a tool to its end; its standard error is in the message when it fails.
    private static func run(in folder: URL, _ tool: String, _ arguments: String...) throws {
        let errors = folder.appendingPathComponent("tool-errors.txt")
        try? FileManager.default.removeItem(at: errors)
        let status = try SpawnedServer([tool] + arguments, capturesOutput: false, errorFile: errors.path).waitForExit()
        guard status == 0 else {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw SFTPServerError("\(tool) \(arguments.joined(separator: " ")) failed (\(status)): \(said)")
        }
    }

    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw SFTPServerError("no socket for a free port") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard bound else { throw SFTPServerError("could not bind 127.0.0.1:0 for a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct SFTPServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
