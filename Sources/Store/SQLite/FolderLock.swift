#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a folder, held until `body` returns, that orders processes (and stores within one
/// process: each lock is an open file description of its own) doing something that must not interleave.
///
/// A lock on the folder rather than on the database file: closing any descriptor of a file drops the POSIX locks
/// SQLite holds on it, so the database file is never opened behind SQLite's back. The kernel drops the lock when its
/// holder dies.
enum FolderLock {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func withLock<T>(on folder: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open folder \(folder) to lock it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Failure(description: "cannot lock folder \(folder): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
