import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which pending documents a live process is still working on, for processes that share one SQLite file on one
/// machine. The process that keeps a document holds an exclusive `flock` on a file named after it, in a folder
/// beside the database, until the document is finished; the kernel releases it when the process ends, however it
/// ends (SIGKILL included). A document whose lock can be taken has no live keeper: the taker becomes its keeper, so
/// that two resuming processes never finish the same document twice, nor one a document still being processed.
///
/// Owns its file descriptors: each is closed when its document is finished or when the store goes.
final class DocumentKeepers: Sendable {
    private let folder: String?
    private let held = Mutex<[Int64: Int32]>([:])

    /// Locks live in `<database>-keepers/`. When that folder cannot be made (a read-only place), nothing is locked
    /// and every unfinished document counts as abandoned, as before keepers existed.
    init(database path: String) {
        let folder = path + "-keepers"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var isFolder: ObjCBool = false
        self.folder =
            FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue
            ? folder : nil
    }

    deinit {
        for descriptor in held.withLock({ $0.values }) { close(descriptor) }
    }

    private func path(_ document: Int64) -> String? { folder.map { "\($0)/\(document).lock" } }

    /// Becomes the keeper of `document`: true when it is this store's now (or already was), false when another
    /// live process holds it.
    func take(_ document: Int64) -> Bool {
        guard let path = path(document) else { return true }
        if held.withLock({ $0[document] != nil }) { return true }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return true }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return false
        }
        held.withLock { $0[document] = descriptor }
        return true
    }

    /// Lets go of `document` (finished, or not this store's to finish after all).
    func release(_ document: Int64, remove: Bool) {
        guard let descriptor = held.withLock({ $0.removeValue(forKey: document) }) else { return }
        if remove, let path = path(document) { unlink(path) }
        close(descriptor)
    }
}
