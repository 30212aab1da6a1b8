import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which pending documents a live process is still working on, for processes that share one SQLite file on one
/// machine. Each store holds an exclusive `flock` on a lock file of its own, named by a token, in a folder beside the
/// database, for as long as it is open; the kernel releases it when the process ends, however it ends (SIGKILL
/// included). Every document it keeps names that token (`inbound_document.keeper`, written in the keeping
/// transaction). A document whose keeper's lock can be taken, or whose keeper's file is gone, or that names no
/// keeper, has no live keeper: a store that finds it takes it over by naming itself in its place, conditionally, so
/// that two resuming processes never finish the same document twice, nor one a document still being processed.
///
/// One file a process, not one a document: creating and removing a file for every document cost a service an
/// eighth of its time, inside the write lock.
///
/// Owns its lock file: it is made when the store opens, and closed and removed when the store goes.
final class DocumentKeepers: Sendable {
    private let folder: String?
    /// What this store's documents name as their keeper; nil when no lock file could be made (a read-only place):
    /// then nothing is kept, and every unfinished document counts as abandoned.
    let token: String?
    private let descriptor: Int32

    /// Locks live in `<database>-keepers/`.
    init(database path: String) {
        let folder = path + "-keepers"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let token = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let descriptor = open("\(folder)/\(token).lock", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            if descriptor >= 0 { close(descriptor) }
            (self.folder, self.token, self.descriptor) = (nil, nil, -1)
            return
        }
        (self.folder, self.token, self.descriptor) = (folder, token, descriptor)
    }

    deinit {
        guard let folder, let token else { return }
        unlink("\(folder)/\(token).lock")
        close(descriptor)
    }

    /// Whether the store that names itself `keeper` is alive: its lock file is there and locked by it. No keeper
    /// named is none alive. A store that finds a keeper dead takes its documents over with a conditional write (the
    /// keeper still the dead one), so that of two stores finding it dead at once, one takes each document.
    func isAlive(_ keeper: String?) -> Bool {
        guard let keeper else { return false }
        if keeper == token { return true }
        guard let folder, !keeper.contains("/") else { return false }
        let descriptor = open("\(folder)/\(keeper).lock", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0
    }
}
