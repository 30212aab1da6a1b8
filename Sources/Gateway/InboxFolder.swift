import Foundation
import Profiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folders of a watched inbox and every change made to them. Files are only ever renamed (atomic within one
/// file system, also between processes of several machines sharing it) or created new: nothing here deletes or
/// overwrites a file it did not create.
///
/// - `INBOX/` top level: files the senders drop, taken once complete.
/// - `INBOX/.processing/`: files being processed, under a claim name (`InboxClaim`).
/// - `INBOX/processed/`, `INBOX/failed/`: files done with, under their original names (a suffix `.1`, `.2`, … when
///   the name is taken), and in `failed/` a `NAME.report.txt` saying why.
struct InboxFolder: Sendable {
    let root: URL

    var processing: URL { root.appendingPathComponent(".processing", isDirectory: true) }
    var processed: URL { root.appendingPathComponent("processed", isDirectory: true) }
    var failed: URL { root.appendingPathComponent("failed", isDirectory: true) }

    /// What a look at a file saw: a file being written changes its size or modification time, a file replaced
    /// under the same name its inode.
    struct Look: Hashable, Sendable {
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
        var inode: UInt64
    }

    /// Names a sender's in-progress upload (SFTP and AS2 servers' conventions) or a hidden file: never taken.
    static func isInProgress(_ name: String) -> Bool {
        name.hasPrefix(".") || [".part", ".tmp", ".filepart"].contains { name.hasSuffix($0) }
    }

    /// Makes the folders that are missing (the inbox itself must exist).
    func prepare() throws(FileProblem) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) else {
            throw FileProblem(.noSuchFolder, path: root.path, expected: "the inbox folder")
        }
        guard isFolder.boolValue else {
            throw FileProblem(.fileNotFolder, path: root.path, expected: "the inbox folder")
        }
        for folder in [processing, processed, failed] {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw FileProblem(
                    .inaccessible(LocalFile.reason(error, reading: false)), path: folder.path,
                    expected: "a folder of the inbox")
            }
        }
    }

    /// The regular files at the top level of the inbox that may be taken, each as seen now.
    func candidates() throws(FileProblem) -> [String: Look] {
        var looks: [String: Look] = [:]
        for name in try entries(of: root, expected: "the inbox folder") where !Self.isInProgress(name) {
            if let look = look(at: root.appendingPathComponent(name).path) { looks[name] = look }
        }
        return looks
    }

    /// The names in `.processing/`.
    func claims() throws(FileProblem) -> [String] {
        try entries(of: processing, expected: "the inbox's .processing folder")
    }

    /// The file's size, modification time and inode when it is a regular file (not a link, folder or device).
    func look(at path: String) -> Look? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return Look(
            size: Int64(info.st_size), modifiedSeconds: Int(modified.tv_sec),
            modifiedNanoseconds: Int(modified.tv_nsec),
            inode: UInt64(info.st_ino))
    }

    func url(of claim: InboxClaim) -> URL { processing.appendingPathComponent(claim.name) }

    /// What came of renaming a file to take it.
    enum Taking: Equatable {
        case taken
        /// The file is no longer there: another process took it first (or the sender removed it).
        case gone
        case failed(String)
    }

    /// Takes a file of the inbox by renaming it into `.processing/` under `claim`'s name: of several processes
    /// renaming one file, exactly one succeeds.
    func take(_ name: String, as claim: InboxClaim) -> Taking {
        move(root.appendingPathComponent(name), to: url(of: claim))
    }

    /// Takes over a claim of a dead process, or renames a claim of this one (a kept document noted in its name).
    func take(_ earlier: InboxClaim, as claim: InboxClaim) -> Taking {
        move(url(of: earlier), to: url(of: claim))
    }

    private func move(_ from: URL, to: URL) -> Taking {
        if rename(from.path, to.path) == 0 { return .taken }
        return errno == ENOENT ? .gone : .failed(Self.reason(errno))
    }

    /// Moves a claimed file into `folder` under its original name, or that name with the first free suffix `.1`,
    /// `.2`, …: a file already there is never replaced. Returns where it went.
    func file(_ claim: InboxClaim, into folder: URL) throws(FileProblem) -> URL {
        let source = url(of: claim).path
        for attempt in 0..<10_000 {
            let destination = folder.appendingPathComponent(
                attempt == 0 ? claim.original : "\(claim.original).\(attempt)")
            // link(2) fails when the name exists, atomically; the claim name, ours, is then removed. (A process
            // stopped in between leaves the claim too, which a recovery files again: a copy, nothing lost.)
            if link(source, destination.path) == 0 {
                unlink(source)
                return destination
            }
            let failure = errno
            switch failure {
            case EEXIST: continue
            case EPERM, ENOTSUP, EMLINK, EXDEV:
                // A file system without hard links: rename, after checking the name is free (two processes filing
                // the same name at the very same instant could still meet there).
                guard look(at: destination.path) == nil, access(destination.path, F_OK) != 0 else { continue }
                if rename(source, destination.path) == 0 { return destination }
                throw FileProblem(.inaccessible(Self.reason(errno)), path: source, expected: "a claimed inbox file")
            default:
                throw FileProblem(.inaccessible(Self.reason(failure)), path: source, expected: "a claimed inbox file")
            }
        }
        throw FileProblem(
            .inaccessible("every free name is taken"), path: folder.path, expected: "a folder of the inbox")
    }

    /// Writes a new file beside `file` named `FILE.report.txt` (or with a suffix `.1`, … when that name is taken),
    /// never replacing one.
    func writeReport(_ text: String, beside file: URL) throws(FileProblem) -> URL {
        let bytes = Array(text.utf8)
        for attempt in 0..<10_000 {
            let path = file.path + ".report.txt" + (attempt == 0 ? "" : ".\(attempt)")
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw FileProblem(.inaccessible(Self.reason(errno)), path: path, expected: "a failed file's report")
            }
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else {
                    throw FileProblem(
                        .inaccessible(Self.reason(errno)), path: path, expected: "a failed file's report")
                }
                written += count
            }
            return URL(fileURLWithPath: path)
        }
        throw FileProblem(
            .inaccessible("every free name is taken"), path: file.path, expected: "a failed file's report")
    }

    private func entries(of folder: URL, expected: String) throws(FileProblem) -> [String] {
        try LocalFile.folderEntries(folder.path, expected: expected)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
