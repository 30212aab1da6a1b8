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
    /// When set, told each document's orders as they are decided (the report it is given holds those alone, with
    /// the document's origin and ID), and the report keeps only their tally (`DocumentReport.handedOver`): so that
    /// a document of a million POs is reported in bounded memory. A document's orders come in file order, and all
    /// of them before `process` returns its report.
    public var orderSink: (@Sendable (DocumentReport) -> Void)?

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
            return try await process(file: file.path, origin: file.lastPathComponent, receivedAt: receivedAt)
        } catch {
            return DocumentReport(
                origin: file.lastPathComponent, kind: .unknown, documentID: nil, status: .unreadable,
                problems: ["\(error)"], orders: [], written: [])
        }
    }

    /// Processes the file at `path` in bounded memory whatever its size: a file larger than a part
    /// (`DocumentParts.size`) is kept a part at a time and read from the file on each pass, never held whole; a
    /// smaller one is read and processed as `process(_:origin:receivedAt:)` does. Throws, saying why, when the
    /// file cannot be opened (nothing is kept then).
    public func process(file path: String, origin: String, receivedAt: Date) async throws(FileProblem)
        -> DocumentReport
    {
        let expected = "a purchase order document (X12 or XML)"
        let file = try InboundFile(path: path, expected: expected)
        guard DocumentParts.isParted(file.count) else {
            return await process(try file.whole(path: path, expected: expected), origin: origin, receivedAt: receivedAt)
        }
        let kept: KeptDocument
        do { kept = try await keep(file, origin: origin, receivedAt: receivedAt) } catch {
            return Self.notKept(file, origin: origin, error: error)
        }
        return await process(kept: kept.id, file: file, path: path, origin: origin, receivedAt: receivedAt)
    }

    /// Keeps an opened document a part at a time (`DocumentParts`) before anything reads it, as `keep` keeps
    /// bytes: the partner is read from its first bytes.
    func keep(_ file: InboundFile, origin: String, receivedAt: Date) async throws(StoreError) -> KeptDocument {
        try await store.keep(
            InboundDocument(
                receivedAt: receivedAt, origin: origin, format: DocumentFormat(detecting: file), source: file,
                partner: profiles.sender(of: file.bytes(0..<(1 << 16)))?.profile?.id.rawValue))
    }

    /// The pipeline after an opened document is kept as `id`, reading it from `file` (at `path`) on every pass.
    func process(kept id: DocumentID, file: InboundFile, path: String?, origin: String, receivedAt: Date) async
        -> DocumentReport
    {
        var document = await read(kept: id, file: file, path: path, origin: origin, receivedAt: receivedAt)
        let orders = await decideOrders(of: &document)
        return await finish(document, orders: orders)
    }

    /// The report of an opened document the store could not keep: nothing is promised for it.
    static func notKept(_ file: InboundFile, origin: String, error: StoreError) -> DocumentReport {
        DocumentReport(
            origin: origin, kind: DocumentFormat(detecting: file), documentID: nil, status: .unreadable,
            problems: ["\(origin): not processed, nothing promised: \(error)"], orders: [], written: [])
    }

    /// Processes one document: kept before anything else, then read, answered, decided and committed. A document
    /// that cannot be kept is reported and nothing is promised for it.
    public func process(_ bytes: [UInt8], origin: String, receivedAt: Date) async -> DocumentReport {
        let kept: KeptDocument
        do { kept = try await keep(bytes, origin: origin, receivedAt: receivedAt) } catch {
            return Self.notKept(bytes, origin: origin, error: error)
        }
        return await process(kept: kept.id, bytes: bytes, origin: origin, receivedAt: receivedAt)
    }

    /// Keeps a document in the store before anything reads it (the first step of `process`), for callers that
    /// note its ID before the pipeline runs. The partner is the retailer whose profile claims the sender it names,
    /// so that the partner may read it through the service.
    func keep(_ bytes: [UInt8], origin: String, receivedAt: Date) async throws(StoreError) -> KeptDocument {
        try await store.keep(
            InboundDocument(
                receivedAt: receivedAt, origin: origin, format: DocumentFormat(detecting: bytes), bytes: bytes,
                partner: profiles.sender(of: bytes)?.profile?.id.rawValue))
    }

    /// The report of a document the store could not keep: nothing is promised for it.
    static func notKept(_ bytes: [UInt8], origin: String, error: StoreError) -> DocumentReport {
        DocumentReport(
            origin: origin, kind: DocumentFormat(detecting: bytes), documentID: nil, status: .unreadable,
            problems: ["\(origin): not processed, nothing promised: \(error)"], orders: [], written: [])
    }

    /// Finishes every document a stopped run kept but did not finish, oldest first, as an uninterrupted run would
    /// have: what was committed for it stays, the rest is done now.
    public func resume() async -> [DocumentReport] {
        var reports: [DocumentReport] = []
        await resume { reports.append($0) }
        return reports
    }

    /// `resume()`, telling `finished` of each document as it is finished rather than gathering the reports: with
    /// an `orderSink`, a document's orders reach the sink before its report reaches `finished`.
    public func resume(_ finished: (DocumentReport) -> Void) async {
        for document in await pendingDocuments() {
            finished(
                await process(
                    kept: document.id, bytes: document.document.bytes, origin: document.document.origin,
                    receivedAt: document.document.receivedAt))
        }
    }

    /// What `resume` finishes: the store's pending documents this gateway may take (none, logged, when the store
    /// cannot be read).
    func pendingDocuments() async -> [PendingDocument] {
        do { return try await store.pendingDocuments() } catch {
            logger.error("pending documents not read", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// The pipeline after the document is kept as `id` (a service keeps it before answering its sender, then
    /// calls this). Finishing a document a stopped run left pending, the POs that run committed are found in the
    /// store (`decide` asks it first) instead of being routed again.
    ///
    /// The document is read as a stream (`InboundReader.open`): once to validate and answer it, once for what
    /// cannot be routed (answered before any order is decided), and once for its orders, decided a batch at a
    /// time as they are read, so that no more than a batch of orders is held.
    public func process(kept id: DocumentID, bytes: [UInt8], origin: String, receivedAt: Date) async
        -> DocumentReport
    {
        var document = await read(kept: id, bytes: bytes, origin: origin, receivedAt: receivedAt)
        let orders = await decideOrders(of: &document)
        return await finish(document, orders: orders)
    }

    /// A kept document read, validated and answered, with what cannot be routed refused: its orders are still to be
    /// decided (`decideOrders(of:)`, or with other documents' in `process(keptBatch:)`), then it is finished.
    struct ReadDocument: Sendable {
        var id: DocumentID
        var receivedAt: Date
        var stream: InboundStream
        var report: DocumentReport
        /// Its interchanges received before: their orders are not decided again.
        var repeated: Set<InterchangeKey>
        /// How many of its sets could not be routed.
        var unprocessed: Int
        /// Its 997s and 999s: matched to what we sent, or of interchanges received before.
        var acknowledgements = AcknowledgementCount()
    }

    /// The first steps of `process(kept:bytes:origin:receivedAt:)`: read the document, answer each interchange
    /// once, and refuse what cannot be routed, before any order is decided.
    func read(kept id: DocumentID, bytes: [UInt8], origin: String, receivedAt: Date) async -> ReadDocument {
        await read(kept: id, file: InboundFile(bytes: bytes), path: nil, origin: origin, receivedAt: receivedAt)
    }

    /// `read(kept:bytes:origin:receivedAt:)` from an opened document: its file's `path` when it is read from one.
    func read(kept id: DocumentID, file: InboundFile, path: String?, origin: String, receivedAt: Date) async
        -> ReadDocument
    {
        let stream = reader.open(file, path: path, origin: origin, acknowledges: true)
        var report = DocumentReport(
            origin: origin, kind: stream.kind, documentID: id, status: .received, problems: [], orders: [],
            written: [])
        report.problems = stream.problems
        report.notes = stream.notes
        var repeated: Set<InterchangeKey> = []
        var acknowledgements = AcknowledgementCount()
        if let x12 = stream.x12 {
            repeated = await answerInterchanges(x12, document: id, at: receivedAt, report: &report)
            acknowledgements = await reconcileAcknowledgements(
                of: stream, document: id, repeated: repeated, at: receivedAt, report: &report)
        }
        var unprocessed = stream.items(.unprocessed)
        while let item = unprocessed.next() {
            guard case .unprocessed(let set) = item else { continue }
            if let problem = set.problem { report.problems.append(problem) }
            if let order = set.readable, !repeated.contains(where: { $0 == order.interchangeKey }) {
                await refuse(order, document: id, at: receivedAt, report: &report)
            }
            let retailer = set.sender.flatMap { profiles.profile(interchangeSender: $0) }?.id
            report.orders.append(
                OrderReport(retailer: retailer, poNumber: set.poNumber, result: .notProcessed(reasons: set.reasons)))
        }
        handOver(&report)
        return ReadDocument(
            id: id, receivedAt: receivedAt, stream: stream, report: report, repeated: repeated,
            unprocessed: unprocessed.unprocessed, acknowledgements: acknowledgements)
    }

    /// Decides a read document's orders (and acts on its change requests) a batch at a time as they are read, so
    /// that no more than a batch is held. Returns how many orders and changes it held.
    func decideOrders(of document: inout ReadDocument) async -> Int {
        let (id, receivedAt, stream, repeated) = (document.id, document.receivedAt, document.stream, document.repeated)
        var orders = stream.items(.orders)
        var pending = PendingOrders()
        var changes = 0
        while let item = orders.next() {
            let order: PurchaseOrder
            switch item {
            case .order(let read): order = read
            case .change(let change):
                await handle(
                    change, position: changes, pending: &pending, repeated: repeated, document: id, at: receivedAt,
                    of: stream.purchaseOrderSets, report: &document.report)
                changes += 1
                continue
            case .unprocessed: continue
            }
            if let change = order.changeRequest {
                await handle(
                    change, position: changes, pending: &pending, repeated: repeated, document: id, at: receivedAt,
                    of: stream.purchaseOrderSets, report: &document.report)
                changes += 1
                continue
            }
            add(order, to: &pending, repeated: repeated)
            // A batch of `decide` is `batchSize` orders with a profile: a call for each keeps its batches. Orders
            // it does not batch (redelivered, or claimed by no profile) are let pile up only so far.
            if pending.routable == batchSize || pending.count >= 16 * batchSize {
                await decide(
                    &pending, document: id, at: receivedAt, of: stream.purchaseOrderSets, report: &document.report)
            }
        }
        await decide(&pending, document: id, at: receivedAt, of: stream.purchaseOrderSets, report: &document.report)
        return orders.orders
    }

    /// Adds an order read to those waiting: POs of an interchange received before are not decided again; the
    /// others are, in their order.
    func add(_ order: PurchaseOrder, to pending: inout PendingOrders, repeated: Set<InterchangeKey>) {
        if let key = order.interchangeKey, repeated.contains(key) {
            pending.add(
                redelivered: OrderReport(
                    retailer: profiles.profile(for: order)?.id, poNumber: order.poNumber,
                    result: .redelivered(interchange: key)))
        } else {
            pending.add(fresh: order, routable: profiles.profile(for: order) != nil)
        }
    }

    /// The last step: the document's status, and the store told it is finished (unless a PO left it pending).
    func finish(_ document: ReadDocument, orders: Int) async -> DocumentReport {
        var report = document.report
        handOver(&report)
        report.status = Self.status(
            of: document.stream, orders: orders, unprocessed: document.unprocessed,
            acknowledgements: document.acknowledgements, report: report)
        if report.leavePending { return report }
        do {
            try await store.finish(document.id, status: report.status, problems: report.problems)
        } catch {
            report.problems.append("\(report.origin): \(error)")
        }
        logger.info(
            "document processed",
            metadata: [
                "origin": "\(report.origin)", "status": "\(report.status.rawValue)", "orders": "\(report.orderCount)",
            ])
        return report
    }

    /// The orders read since the last batch was decided, and the reports of those redelivered, in file order.
    struct PendingOrders {
        var orders: [PurchaseOrder] = []
        var redelivered: [Int: OrderReport] = [:]
        var count = 0
        /// How many of `orders` a profile claims: those `decide` batches.
        var routable = 0
        /// How many orders with a profile were decided before.
        var decided = 0

        mutating func add(fresh order: PurchaseOrder, routable: Bool) {
            orders.append(order)
            count += 1
            if routable { self.routable += 1 }
        }

        mutating func add(redelivered report: OrderReport) {
            redelivered[count] = report
            count += 1
        }

        /// Every order's report in file order: the redelivered ones', and `decided` (one for each fresh order, in
        /// order) in between.
        func reports(merging decided: [OrderReport]) -> [OrderReport] {
            var decided = decided.makeIterator()
            var reports: [OrderReport] = []
            reports.reserveCapacity(count)
            for index in 0..<count {
                if let earlier = redelivered[index] {
                    reports.append(earlier)
                } else if let next = decided.next() {
                    reports.append(next)
                }
            }
            return reports
        }
    }

    /// Decides the pending orders and appends their reports, and the redelivered ones', in file order; tells
    /// `progress` how many of the document's `total` 850s are decided.
    private func decide(
        _ pending: inout PendingOrders, document id: DocumentID, at now: Date, of total: Int,
        report: inout DocumentReport
    ) async {
        guard pending.count > 0 else { return }
        var gateway = self
        let before = pending.decided
        if let progress {
            gateway.progress = { decided, _ in progress(before + decided, max(total, before + decided)) }
        }
        let decided = await gateway.decide(pending.orders, document: id, at: now, report: &report)
        report.orders += pending.reports(merging: decided)
        pending = PendingOrders(decided: before + pending.routable)
        handOver(&report)
    }

    /// Gives the report's orders to `orderSink`, if one is set, keeping only their tally.
    func handOver(_ report: inout DocumentReport) {
        guard let orderSink, !report.orders.isEmpty else { return }
        orderSink(report)
        report.handedOver.add(report.orders)
        report.orders.removeAll(keepingCapacity: true)
    }

    /// Handles a change request in its place among the document's POs: the POs read before it are decided first
    /// (a document may hold a PO and its change). A change of an interchange received before is not acted on again.
    private func handle(
        _ change: OrderChange, position: Int, pending: inout PendingOrders, repeated: Set<InterchangeKey>,
        document id: DocumentID, at now: Date, of total: Int, report: inout DocumentReport
    ) async {
        await decide(&pending, document: id, at: now, of: total, report: &report)
        let envelope = PurchaseOrder(poNumber: change.poNumber, source: change.source)
        if let key = envelope.interchangeKey, repeated.contains(key) {
            report.orders.append(
                OrderReport(
                    retailer: self.profile(for: change)?.id, poNumber: change.poNumber,
                    result: .redelivered(interchange: key)))
            return
        }
        report.orders.append(await handle(change, position: position, document: id, at: now, report: &report))
        handOver(&report)
    }

    /// A document's status from what a pass over it found: its 997s and 999s count as what it holds, as orders
    /// do (one that matches nothing we sent is accepted with errors, its problem said).
    static func status(
        of stream: InboundStream, orders: Int, unprocessed: Int, acknowledgements: AcknowledgementCount = .init(),
        report: DocumentReport
    ) -> DocumentStatus {
        let held = orders + acknowledgements.read
        let refused = unprocessed + acknowledgements.refused
        // X12 that could be answered (a TA1 for an interchange cut after its ISA) was read enough to be rejected.
        if stream.isUnreadable(orders: held + acknowledgements.redelivered, unprocessed: refused) {
            return stream.x12 == nil ? .unreadable : .rejected
        }
        let results = report.orders.map(\.result)
        let handedOver = report.handedOver
        if acknowledgements.read + acknowledgements.refused == 0,
            report.orderCount > 0 || acknowledgements.redelivered > 0,
            handedOver.redelivered == handedOver.count,
            results.allSatisfy({ if case .redelivered = $0 { true } else { false } })
        {
            return .duplicate
        }
        if held == 0 && refused > 0 { return .rejected }
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
