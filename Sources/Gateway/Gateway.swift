public import Foundation
public import Logging
import Orders
public import Profiles
public import Routing
public import Store

/// The durable pipeline: keep the document first, read it, answer each interchange once (a redelivered one gets the
/// same acknowledgement again), decide every PO against stock and capacity as committed in the store, and commit
/// each decision with its reservations and every document it produces in one transaction, retrying with fresh
/// figures when another process took the stock first. Any number of gateways, in one process or many, may share
/// one store.
///
/// With an output folder (the demo), what each document puts in the outbox is also written there as files.
public struct Gateway: Sendable {
    public let profiles: ProfileSet
    /// One router per profile, made once.
    let routers: [RetailerID: Router]
    /// The routers for the store's node switches, when any are set.
    let switchedRouters = SwitchedRouters()
    public let store: any OrderStore
    public let output: OutputFolder?
    public var reader: InboundReader
    let logger: Logger
    /// How many times a PO is decided again when its plan lost a race for stock or capacity.
    public var maximumAttempts = 8
    /// How many POs are committed in one transaction: one fsync for all of them.
    public var batchSize = 256
    /// Told how many of a document's POs are decided so far and how many it holds, after each batch (for a
    /// progress line).
    public var progress: (@Sendable (_ decided: Int, _ of: Int) -> Void)?

    public init(profiles: ProfileSet, store: any OrderStore, output: OutputFolder? = nil, logger: Logger) {
        self.profiles = profiles
        routers = profiles.routers()
        self.store = store
        self.output = output
        self.logger = logger
        reader = InboundReader(profiles: profiles)
    }

    /// Processes one file; a file that cannot be read is reported, saying why, and nothing is promised for it.
    public func process(file: URL, receivedAt: Date) async -> DocumentReport {
        do {
            let bytes = try LocalFile.bytes(file.path, expected: "a purchase order document (X12 or XML)")
            return await process(bytes, origin: file.lastPathComponent, receivedAt: receivedAt)
        } catch {
            return DocumentReport(
                origin: file.lastPathComponent, kind: .unknown, documentID: nil, status: .unreadable,
                problems: ["\(error)"], orders: [], written: [])
        }
    }

    /// Processes one document: kept before anything else, then read, answered, decided and committed. A document
    /// that cannot be kept is reported and nothing is promised for it.
    public func process(_ bytes: [UInt8], origin: String, receivedAt: Date) async -> DocumentReport {
        let format = DocumentFormat(detecting: bytes)
        let kept: KeptDocument
        do {
            kept = try await store.keep(
                InboundDocument(receivedAt: receivedAt, origin: origin, format: format, bytes: bytes))
        } catch {
            return DocumentReport(
                origin: origin, kind: format, documentID: nil, status: .unreadable,
                problems: ["\(origin): not processed, nothing promised: \(error)"], orders: [], written: [])
        }
        return await process(kept.id, bytes: bytes, origin: origin, receivedAt: receivedAt)
    }

    /// Finishes every document a stopped run kept but did not finish, oldest first, as an uninterrupted run would
    /// have: what was committed for it stays, the rest is done now.
    public func resume() async -> [DocumentReport] {
        let pending: [PendingDocument]
        do { pending = try await store.pendingDocuments() } catch {
            logger.error("pending documents not read", metadata: ["error": "\(error)"])
            return []
        }
        var reports: [DocumentReport] = []
        for document in pending {
            reports.append(
                await process(
                    document.id, bytes: document.document.bytes, origin: document.document.origin,
                    receivedAt: document.document.receivedAt))
        }
        return reports
    }

    /// The pipeline after the document is kept as `id`. Finishing a document a stopped run left pending, the POs
    /// that run committed are found in the store (`decide` asks it first) instead of being routed again.
    func process(_ id: DocumentID, bytes: [UInt8], origin: String, receivedAt: Date) async -> DocumentReport {
        let format = DocumentFormat(detecting: bytes)
        var report = DocumentReport(
            origin: origin, kind: format, documentID: id, status: .received, problems: [], orders: [], written: [])
        let batch = reader.read(bytes, origin: origin)
        report.problems = batch.problems
        report.notes = batch.notes
        var repeated: Set<InterchangeKey> = []
        if let x12 = batch.x12 {
            repeated = await answerInterchanges(x12, document: id, at: receivedAt, report: &report)
        }
        for unprocessed in batch.unprocessed {
            if let order = unprocessed.readable, !repeated.contains(where: { $0 == order.interchangeKey }) {
                await refuse(order, document: id, at: receivedAt, report: &report)
            }
            let retailer = unprocessed.sender.flatMap { profiles.profile(interchangeSender: $0) }?.id
            report.orders.append(
                OrderReport(
                    retailer: retailer, poNumber: unprocessed.poNumber,
                    result: .notProcessed(reasons: unprocessed.reasons)))
        }
        // POs of an interchange received before are not decided again; the others are, in their order.
        var fresh: [PurchaseOrder] = []
        var redelivered: [Int: OrderReport] = [:]
        for (index, order) in batch.orders.enumerated() {
            if let key = order.interchangeKey, repeated.contains(key) {
                redelivered[index] = OrderReport(
                    retailer: profiles.profile(for: order)?.id, poNumber: order.poNumber,
                    result: .redelivered(interchange: key))
            } else {
                fresh.append(order)
            }
        }
        var decided = await decide(fresh, document: id, at: receivedAt, report: &report).makeIterator()
        for index in batch.orders.indices {
            if let earlier = redelivered[index] {
                report.orders.append(earlier)
            } else if let next = decided.next() {
                report.orders.append(next)
            }
        }
        report.status = Self.status(of: batch, report: report)
        if report.leavePending { return report }
        do {
            try await store.finish(id, status: report.status, problems: report.problems)
        } catch {
            report.problems.append("\(origin): \(error)")
        }
        logger.info(
            "document processed",
            metadata: [
                "origin": "\(origin)", "status": "\(report.status.rawValue)", "orders": "\(report.orders.count)",
            ])
        return report
    }

    static func status(of batch: InboundBatch, report: DocumentReport) -> DocumentStatus {
        // X12 that could be answered (a TA1 for an interchange cut after its ISA) was read enough to be rejected.
        if batch.isUnreadable { return batch.x12 == nil ? .unreadable : .rejected }
        let orders = report.orders.map(\.result)
        if !orders.isEmpty, orders.allSatisfy({ if case .redelivered = $0 { true } else { false } }) {
            return .duplicate
        }
        if batch.orders.isEmpty && !batch.unprocessed.isEmpty { return .rejected }
        return report.problems.isEmpty ? .accepted : .acceptedWithErrors
    }
}

extension PurchaseOrder {
    /// The interchange an X12 order came in: who sent it and its ISA13.
    var interchangeKey: InterchangeKey? {
        guard source.format == .x12, let sender = source.senderID, let control = source.interchangeControl else {
            return nil
        }
        return InterchangeKey(senderQualifier: sender.qualifier, senderID: sender.id, controlNumber: control)
    }
}
