import Foundation
import Logging
import Orders
import Profiles
import Store

extension InboxWatcher {
    /// Takes back the files dead processes of this machine left in `.processing/` and finishes each as the store
    /// says (see the type's doc): its pending document finished, a finished one filed, an unkept one processed.
    func recover(each: (InboxOutcome) -> Void) async -> [InboxOutcome] {
        let names: [String]
        do { names = try inbox.claims() } catch {
            logger.error("inbox's .processing not read", metadata: ["folder": "\(folder.path)", "error": "\(error)"])
            return []
        }
        let orphans = names.sorted().compactMap { InboxClaim(parsing: $0) }.filter { !$0.owner.isAlive }
        // Each taken back first (renamed to a claim of this process), so that of several watchers only one asks the
        // store about it.
        let adopted = orphans.compactMap(adopt)
        guard !adopted.isEmpty else { return [] }
        var pending: [DocumentID: PendingDocument]
        do {
            pending = Dictionary(
                try await gateway.store.pendingDocuments().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        } catch {
            // Handed back under the dead process's names, for a later scan.
            for (orphan, claim) in adopted { _ = inbox.take(claim, as: orphan) }
            logger.error(
                "pending documents not read; stopped processes' files left in .processing",
                metadata: ["error": "\(error)"])
            return []
        }
        var outcomes: [InboxOutcome] = []
        for (index, (_, claim)) in adopted.enumerated() {
            if Task.isCancelled {
                for (orphan, claim) in adopted[index...] { _ = inbox.take(claim, as: orphan) }
                break
            }
            let outcome = await recover(claim, pending: &pending)
            each(outcome)
            outcomes.append(outcome)
        }
        if !pending.isEmpty {
            logger.debug(
                "pending documents no stopped process's file accounts for, left for Gateway.resume()",
                metadata: ["documents": "\(pending.keys.map(\.rawValue).sorted())"])
        }
        return outcomes
    }

    /// Renames a dead process's claim to a claim of this process; nil when another watcher took it back first or
    /// it cannot be renamed.
    private func adopt(_ orphan: InboxClaim) -> (orphan: InboxClaim, claim: InboxClaim)? {
        let claim = InboxClaim(original: orphan.original, document: orphan.document)
        switch inbox.take(orphan, as: claim) {
        case .taken: break
        case .gone: return nil
        case .failed(let why):
            logger.warning(
                "stopped process's file not taken back", metadata: ["claim": "\(orphan.name)", "error": "\(why)"])
            return nil
        }
        logger.warning(
            "taking back a file a stopped process left",
            metadata: [
                "file": "\(orphan.original)", "claim": "\(orphan.name)",
                "document": "\(orphan.document.map(\.description) ?? "not noted")",
            ])
        return (orphan, claim)
    }

    /// Finishes a file taken back from a dead process as the store says, the pipeline in a task of its own (out of
    /// cancellation's reach).
    private func recover(_ claim: InboxClaim, pending: inout [DocumentID: PendingDocument]) async -> InboxOutcome {
        if let id = claim.document {
            guard let document = pending.removeValue(forKey: id) else {
                return file(claim, finishedBefore(claim, document: id))
            }
            return await Task { await self.finish(claim, document) }.value
        }
        let bytes: [UInt8]
        do { bytes = try read(claim) } catch { return file(claim, Self.unread(claim, error)) }
        let match = pending.values.filter { $0.document.origin == claim.original && $0.document.bytes == bytes }
            .min { $0.id.rawValue < $1.id.rawValue }
        if let match {
            pending[match.id] = nil
            let noted = note(match.id, in: claim)
            return await Task { await self.finish(noted, match) }.value
        }
        let receivedAt = clock()
        return await Task { await self.process(claim, bytes: bytes, receivedAt: receivedAt) }.value
    }

    /// Finishes the pending document a dead process kept for the claimed file, from where it stopped.
    private func finish(_ claim: InboxClaim, _ pending: PendingDocument) async -> InboxOutcome {
        let document = pending.document
        let report = await gateway.process(
            kept: pending.id, bytes: document.bytes, origin: document.origin, receivedAt: document.receivedAt)
        return file(claim, report)
    }

    /// The report of a file whose document a dead process finished before it could move the file.
    private func finishedBefore(_ claim: InboxClaim, document: DocumentID) -> DocumentReport {
        let bytes = try? LocalFile.bytes(inbox.url(of: claim).path, expected: "a claimed inbox file")
        let kind = bytes.map { DocumentFormat(detecting: $0) }
        return DocumentReport(
            origin: claim.original, kind: kind ?? .unknown, documentID: document, status: .received,
            problems: [
                "\(claim.original): taken back from a stopped process, which had kept it as document \(document); "
                    + "that document is no longer pending (finished before the process stopped, or being finished by "
                    + "another): not read again, so that nothing is answered or decided twice; what became of it is "
                    + "in the store"
            ], orders: [], written: [])
    }
}
