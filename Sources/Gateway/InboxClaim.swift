import Foundation
import Store
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The name a file has in `INBOX/.processing/` while one process works on it:
/// `ORIGINAL.HOST-PID-RUN-SERIAL`, then `ORIGINAL.HOST-PID-RUN-SERIAL.docID` once its document is kept in the store.
///
/// The name alone says who holds the file and how far it got, so that a later scan can tell a file a live process
/// is working on from one a dead process left behind, and whether the store kept its document. `RUN` is drawn once
/// per process, so that a restarted container that gets the same hostname and PID again (PID 1) still tells its
/// predecessor's files from its own. `SERIAL` makes each claim of a process unique.
struct InboxClaim: Hashable, Sendable {
    /// The file's name in the inbox, as the sender gave it.
    var original: String
    var owner: InboxOwner
    var serial: Int
    /// The document the store kept for the file's bytes, once it did.
    var document: DocumentID?

    var name: String {
        "\(original).\(owner.host)-\(owner.pid)-\(owner.run)-\(serial)" + (document.map { ".doc\($0)" } ?? "")
    }

    init(original: String, owner: InboxOwner, serial: Int, document: DocumentID? = nil) {
        self.original = original
        self.owner = owner
        self.serial = serial
        self.document = document
    }

    /// A new claim by this process, never made before by it.
    init(original: String, document: DocumentID? = nil) {
        self.init(
            original: original, owner: .current, serial: Self.serials.add(1, ordering: .relaxed).newValue,
            document: document)
    }

    /// Reads a claim made on `host` from its name; nil for a name of any other form, or a claim of another host
    /// (whose processes this one cannot see).
    init?(parsing name: String, host: String = InboxOwner.current.host) {
        var rest = Substring(name)
        var document: DocumentID?
        if let dot = rest.lastIndex(of: "."), rest[rest.index(after: dot)...].hasPrefix("doc"),
            let id = Int64(rest[rest.index(dot, offsetBy: 4)...])
        {
            document = DocumentID(id)
            rest = rest[..<dot]
        }
        var fields: [Substring] = []
        for _ in 0..<3 {
            guard let dash = rest.lastIndex(of: "-") else { return nil }
            fields.append(rest[rest.index(after: dash)...])
            rest = rest[..<dash]
        }
        guard let serial = Int(fields[0]), !fields[1].isEmpty, fields[1].allSatisfy(\.isHexDigit),
            let pid = Int32(fields[2]), rest.hasSuffix("." + host), rest.count > host.count + 1
        else { return nil }
        self.init(
            original: String(rest.dropLast(host.count + 1)),
            owner: InboxOwner(host: host, pid: pid, run: String(fields[1])),
            serial: serial, document: document)
    }

    /// The serials of this process's claims, shared by every watcher in it.
    private static let serials = Atomic<Int>(0)
}

/// A process that claims inbox files: the machine it runs on, its PID, and a token drawn when it started.
struct InboxOwner: Hashable, Sendable {
    var host: String
    var pid: Int32
    var run: String

    /// This process.
    static let current = InboxOwner(
        host: hostName(), pid: getpid(), run: String(UInt32.random(in: 1...UInt32.max), radix: 16))

    /// Whether the process may still be working on its claims. Only a process of this machine can be asked, and
    /// one is dead only when the kernel says there is no such process (`kill(pid, 0)` fails with ESRCH): a process
    /// of another user (EPERM) is alive. This process's own PID with another run token is a predecessor's.
    var isAlive: Bool {
        let current = Self.current
        guard host == current.host else { return true }
        if pid == current.pid { return run == current.run }
        return kill(pid, 0) == 0 || errno != ESRCH
    }

    /// `gethostname(2)`, without the DNS look-up `ProcessInfo.hostName` may make; dots and dashes are kept, the
    /// claim name is read from its end.
    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: "/", with: "_")
    }
}
