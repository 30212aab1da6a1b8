public import Foundation
public import Logging
import Orders
import Profiles
import Store

/// Takes the files an SFTP or AS2 server drops into a folder through the gateway's pipeline, each once, also when
/// several processes (on one machine, or on several sharing the folder) watch the same folder.
///
/// **Complete files only.** A regular file at the top level of the inbox is taken once its size, modification time
/// and inode are unchanged across two looks at least `settle` apart; a file seen for the first time is never taken
/// (a file renamed in whole cannot be told from one being written, so every file waits). Hidden files and names
/// ending in `.part`, `.tmp` or `.filepart` (uploads in progress) are never taken.
///
/// **Once.** A file is taken by renaming it into `INBOX/.processing/` under a name of this process's own
/// (`InboxClaim`: `NAME.HOST-PID-RUN-SERIAL`); of several processes renaming it, one succeeds and the others find it
/// gone (ENOENT) and move on. Its bytes are kept in the store (the claim is renamed to end in `.docID`), processed
/// with its name as origin and the clock's time as `receivedAt`, and the file is moved, never over another file, to
/// `processed/` (accepted, accepted with errors, duplicate) or to `failed/` with `NAME.report.txt` saying why
/// (rejected, unreadable, left pending, not kept, not readable after the claim).
///
/// **Crash recovery.** A claim whose process is dead (this machine's hostname, and `kill(pid, 0)` says ESRCH, or
/// this very PID with another run token) is taken back on the next scan: renamed to a claim of this process first, so
/// that only one watcher takes it back. The store decides what is left to do, so that nothing is lost and nothing is
/// answered or decided twice:
/// - its document is pending (kept, not finished: the process died in the pipeline) and now this store's to finish
///   (`pendingDocuments`): that document is finished, as `Gateway.resume()` would, from where it stopped: no second
///   document is kept, what was committed stays, each answer is in the outbox once (keyed per interchange and PO).
///   The document is the one the claim's name notes, or without a note the oldest pending one with the same origin
///   and bytes.
/// - the claim notes a document that is no longer pending: it was finished before the process died, which only
///   missed moving the file (or another process took it up and is finishing it). It is not read again: kept anew it
///   would be a redelivery, answered a second time, and under its own ID it may be in another's hands. It goes to
///   `failed/` with a report saying so, for its status is only in the store.
/// - no note and no pending document: the process died before the store kept it, so it is processed as a new file.
///   (Had another process finished the document in the instant between keeping it and noting it, this makes a
///   redelivery: answered again, none of its POs decided again.)
///
/// When the store cannot say what is pending, the files are given back their dead owner's names for a later scan.
/// Pending documents no dead process's file accounts for (a stopped `dropgate process`) are left for
/// `Gateway.resume()`: they may be in the hands of this very process (a document posted over HTTP to the same
/// store), which the store cannot tell from abandoned ones. The run token tells a restarted container with the same
/// hostname and PID from its predecessor; claims of other hosts are left to their own hosts' watchers.
///
/// **Trouble** with the folder or a file (unreadable folder, a file gone before the claim, unreadable after it) is
/// logged with the file and the reason, and the scan goes on.
public struct InboxWatcher: Sendable {
    /// The inbox: the folder senders drop files into, which holds `.processing/`, `processed/` and `failed/` too.
    public let folder: URL
    private(set) var gateway: Gateway
    /// How long a file must look the same before it is taken.
    let settle: Duration
    let pollInterval: Duration
    /// The time each file is received at.
    let clock: @Sendable () -> Date
    let logger: Logger
    let inbox: InboxFolder
    /// The memory of earlier looks, shared by the copies of this watcher.
    let sightings = InboxSightings()

    /// A watcher of `folder` (which must exist; its three folders are made when missing) that takes a file once it
    /// has looked the same for `settle`, looks every `pollInterval` when run, and receives each file at `clock()`.
    public init(
        folder: URL, gateway: Gateway, settle: Duration = .seconds(1), pollInterval: Duration = .milliseconds(250),
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.folder = folder
        self.gateway = gateway
        self.settle = settle
        self.pollInterval = pollInterval
        self.clock = clock
        self.logger = logger
        inbox = InboxFolder(root: folder)
    }

    /// The same watcher (its memory of earlier looks included) deciding with another gateway: what a service uses
    /// after its profiles reload.
    public func deciding(with gateway: Gateway) -> InboxWatcher {
        var watcher = self
        watcher.gateway = gateway
        return watcher
    }

    /// One look at the folder: takes every file that is complete now (stable since the previous look of this
    /// watcher), processes each and moves it; returns what became of each file taken. Files seen for the first time
    /// are remembered and taken on a later look once stable.
    public func scan() async -> [InboxOutcome] {
        await scan { _ in }
    }

    /// Looks every `pollInterval` until the task is cancelled; a file being processed when cancellation comes is
    /// finished first (never half done). `onOutcome` is told each result (for metrics/logs).
    public func run(onOutcome: @escaping @Sendable (InboxOutcome) -> Void = { _ in }) async {
        while !Task.isCancelled {
            _ = await scan(each: onOutcome)
            do { try await Task.sleep(for: pollInterval) } catch { break }
        }
    }

    /// `scan()`, telling `each` every outcome as it comes. Once the task is cancelled no further file is taken; each
    /// file runs in a task of its own, which cancellation does not reach, so the one in hand is finished.
    func scan(each: (InboxOutcome) -> Void) async -> [InboxOutcome] {
        do { try inbox.prepare() } catch {
            logger.error("inbox not read", metadata: ["folder": "\(folder.path)", "error": "\(error)"])
            return []
        }
        var outcomes = await recover(each: each)
        let looks: [String: InboxFolder.Look]
        do { looks = try inbox.candidates() } catch {
            logger.error("inbox not read", metadata: ["folder": "\(folder.path)", "error": "\(error)"])
            return outcomes
        }
        for name in await sightings.complete(looks, at: .now, settle: settle) {
            if Task.isCancelled { break }
            await sightings.forget(name)
            let watcher = self
            guard let outcome = await Task(operation: { await watcher.take(name) }).value else { continue }
            each(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Takes one complete file: claims it, then processes and files it; nil when another process took it first or
    /// it could not be claimed.
    func take(_ name: String) async -> InboxOutcome? {
        let claim = InboxClaim(original: name)
        switch inbox.take(name, as: claim) {
        case .taken: break
        case .gone:
            logger.debug("inbox file taken by another watcher or removed", metadata: ["file": "\(name)"])
            return nil
        case .failed(let why):
            logger.warning("inbox file not taken", metadata: ["file": "\(name)", "error": "\(why)"])
            return nil
        }
        let receivedAt = clock()
        let opened: InboundFile
        let bytes: [UInt8]
        do {
            opened = try open(claim)
            // A file larger than a part of the store is kept a part at a time and read from where it lies.
            if DocumentParts.isParted(opened.count) {
                return await process(claim, file: opened, receivedAt: receivedAt)
            }
            bytes = try opened.whole(path: inbox.url(of: claim).path, expected: Self.expected)
        } catch {
            return file(claim, Self.unread(claim, error))
        }
        return await process(claim, bytes: bytes, receivedAt: receivedAt)
    }

    /// `process(_:bytes:receivedAt:)` for a claimed file opened as `opened`, never held whole: kept in parts, then
    /// read from the claim (its open descriptor, and its path once the claim notes the document).
    func process(_ claim: InboxClaim, file opened: InboundFile, receivedAt: Date) async -> InboxOutcome {
        let kept: KeptDocument
        do { kept = try await gateway.keep(opened, origin: claim.original, receivedAt: receivedAt) } catch {
            logger.error("inbox file not kept", metadata: ["file": "\(claim.original)", "error": "\(error)"])
            return file(claim, Gateway.notKept(opened, origin: claim.original, error: error))
        }
        let noted = note(kept.id, in: claim)
        let report = await gateway.process(
            kept: kept.id, file: opened, path: inbox.url(of: noted).path, origin: claim.original,
            receivedAt: receivedAt)
        return file(noted, report)
    }

    /// Keeps a claimed file's document, notes its ID in the claim's name, runs the pipeline and files it.
    func process(_ claim: InboxClaim, bytes: [UInt8], receivedAt: Date) async -> InboxOutcome {
        let kept: KeptDocument
        do { kept = try await gateway.keep(bytes, origin: claim.original, receivedAt: receivedAt) } catch {
            logger.error("inbox file not kept", metadata: ["file": "\(claim.original)", "error": "\(error)"])
            return file(claim, Gateway.notKept(bytes, origin: claim.original, error: error))
        }
        let noted = note(kept.id, in: claim)
        let report = await gateway.process(kept: kept.id, bytes: bytes, origin: claim.original, receivedAt: receivedAt)
        return file(noted, report)
    }

    static let expected = "a purchase order document (X12 or XML)"

    /// A claimed file opened; what keeps it from being opened is logged, with the file's name.
    func open(_ claim: InboxClaim) throws(FileProblem) -> InboundFile {
        do { return try InboundFile(path: inbox.url(of: claim).path, expected: Self.expected) } catch {
            logger.error(
                "claimed inbox file not read", metadata: ["file": "\(claim.original)", "error": "\(error.message)"])
            throw error
        }
    }

    /// The bytes of a claimed file; what keeps it from being read is logged, with the file's name.
    func read(_ claim: InboxClaim) throws(FileProblem) -> [UInt8] {
        do {
            return try LocalFile.bytes(inbox.url(of: claim).path, expected: Self.expected)
        } catch {
            logger.error(
                "claimed inbox file not read", metadata: ["file": "\(claim.original)", "error": "\(error.message)"])
            throw error
        }
    }

    /// The report of a claimed file that could not be read: nothing is kept or promised for it.
    static func unread(_ claim: InboxClaim, _ problem: FileProblem) -> DocumentReport {
        DocumentReport(
            origin: claim.original, kind: .unknown, documentID: nil, status: .unreadable,
            problems: ["\(claim.original): not read, nothing promised: \(problem.message)"], orders: [], written: [])
    }

    /// Renames the claim to note the document the store kept for it; a claim that cannot be renamed keeps its name
    /// (a recovery then finds the document by its bytes).
    func note(_ document: DocumentID, in claim: InboxClaim) -> InboxClaim {
        var noted = claim
        noted.document = document
        switch inbox.take(claim, as: noted) {
        case .taken: return noted
        case .gone: return claim
        case .failed(let why):
            logger.warning(
                "kept document not noted in the claim's name",
                metadata: ["file": "\(claim.original)", "document": "\(document)", "error": "\(why)"])
            return claim
        }
    }

    /// Moves a claimed file to `processed/` or `failed/` (with its report beside it) as its report says.
    func file(_ claim: InboxClaim, _ report: DocumentReport) -> InboxOutcome {
        let fails = report.leavePending || ![.accepted, .acceptedWithErrors, .duplicate].contains(report.status)
        let moved: URL
        do { moved = try inbox.file(claim, into: fails ? inbox.failed : inbox.processed) } catch {
            logger.error(
                "inbox file not moved; left in .processing",
                metadata: ["file": "\(claim.original)", "claim": "\(claim.name)", "error": "\(error)"])
            return InboxOutcome(file: claim.original, movedTo: inbox.url(of: claim), report: report)
        }
        if fails {
            do { _ = try inbox.writeReport(report.failureText, beside: moved) } catch {
                logger.warning(
                    "failed file's report not written", metadata: ["file": "\(moved.path)", "error": "\(error)"])
            }
        }
        logger.info(
            "inbox file done",
            metadata: [
                "file": "\(claim.original)", "status": "\(report.status.rawValue)", "moved-to": "\(moved.path)",
            ])
        return InboxOutcome(file: claim.original, movedTo: moved, report: report)
    }
}

extension DocumentReport {
    /// What a failed file's `NAME.report.txt` says: status, document, every problem and note.
    var failureText: String {
        var lines = ["\(origin): \(status.rawValue)" + (leavePending ? ", left pending for a later run" : "")]
        lines.append("document: " + (documentID.map { "\($0)" } ?? "not kept"))
        if !problems.isEmpty { lines += ["problems:"] + problems.map { "- \($0)" } }
        if !notes.isEmpty { lines += ["notes:"] + notes.map { "- \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }
}
