public import Foundation
import Orders
import Profiles
public import Store

/// A document kept in the store and waiting for the pipeline (a service keeps each before answering its sender).
public struct KeptInput: Sendable {
    public var id: DocumentID
    public var bytes: [UInt8]
    public var origin: String
    public var receivedAt: Date

    public init(id: DocumentID, bytes: [UInt8], origin: String, receivedAt: Date) {
        self.id = id
        self.bytes = bytes
        self.origin = origin
        self.receivedAt = receivedAt
    }
}

extension Gateway {
    /// Runs many kept documents through the pipeline together, as a service receives them: one PO a request, each
    /// its own document. What `process(kept:bytes:origin:receivedAt:)` does for each, with the store's round trips
    /// paid once a batch instead of once a document: the documents are read and answered side by side (their
    /// interchange claims and acknowledgements share group commits), the POs of consecutive documents are decided
    /// together (one read of the node switches, the recorded POs and the stock, one commit a batch), and the
    /// documents are finished side by side.
    ///
    /// Each PO is decided at its own document's received instant, on the figures the POs before it in the batch
    /// left, as when the documents are processed one after another in the order given. POs are batched only across
    /// documents received on the same calendar day at every node (capacity is counted by the node's day). A
    /// document holding a change request, or more POs than a batch, is decided alone in its place.
    public func process(keptBatch documents: [KeptInput]) async -> [DocumentReport] {
        var read = await Self.concurrentTasks(documents) { document in
            await self.read(
                kept: document.id, bytes: document.bytes, origin: document.origin, receivedAt: document.receivedAt)
        }
        var orders = [Int](repeating: 0, count: read.count)
        var together: [(document: Int, pending: PendingOrders)] = []
        var days: [CalendarDate] = []
        for index in read.indices {
            guard let (pending, count) = collectOrders(of: read[index]) else {
                await decideTogether(&together, read: &read)
                orders[index] = await decideOrders(of: &read[index])
                continue
            }
            orders[index] = count
            let nodeDays = profiles.network.nodes.map { CalendarDate(read[index].receivedAt, in: $0.timeZone) }
            if nodeDays != days || together.count == batchSize {
                await decideTogether(&together, read: &read)
                days = nodeDays
            }
            together.append((index, pending))
        }
        await decideTogether(&together, read: &read)
        let finishing = Array(zip(read, orders))
        return await Self.concurrentTasks(finishing) { await self.finish($0.0, orders: $0.1) }
    }

    /// `resume()` for a service: every document a stopped process kept but did not finish, oldest first, `batch` at
    /// a time through `process(keptBatch:)`, so that a service restarted over a backlog takes it at a service's pace.
    public func resume(inBatchesOf batch: Int) async -> [DocumentReport] {
        let pending = await pendingDocuments()
        var reports: [DocumentReport] = []
        for start in stride(from: 0, to: pending.count, by: max(1, batch)) {
            let part = pending[start..<min(start + max(1, batch), pending.count)].map {
                KeptInput(
                    id: $0.id, bytes: $0.document.bytes, origin: $0.document.origin,
                    receivedAt: $0.document.receivedAt)
            }
            reports += await process(keptBatch: part)
        }
        return reports
    }

    /// A read document's orders, when it can be decided with others: no change request among them, and no more
    /// than a batch. Nil otherwise (`decideOrders(of:)` streams it alone). Also how many items it held.
    private func collectOrders(of document: ReadDocument) -> (PendingOrders, Int)? {
        var items = document.stream.items(.orders)
        var pending = PendingOrders()
        while let item = items.next() {
            switch item {
            case .order(let order):
                guard order.changeRequest == nil, pending.count < batchSize else { return nil }
                add(order, to: &pending, repeated: document.repeated)
            case .change: return nil
            case .unprocessed: continue
            }
        }
        return (pending, items.orders)
    }

    /// Decides the orders of the documents gathered in `together` in one call of `decide`, and gives each
    /// document its reports in file order.
    private func decideTogether(
        _ together: inout [(document: Int, pending: PendingOrders)], read: inout [ReadDocument]
    ) async {
        defer { together = [] }
        guard !together.isEmpty else { return }
        var orders: [PurchaseOrder] = []
        var origins: [OrderOrigin] = []
        for (slot, gathered) in together.enumerated() {
            let document = read[gathered.document]
            for (position, order) in gathered.pending.orders.enumerated() {
                orders.append(order)
                origins.append(
                    OrderOrigin(
                        document: document.id, receivedAt: document.receivedAt, position: position, report: slot))
            }
        }
        var reports = together.map { read[$0.document].report }
        var decided = await decide(orders, from: origins, reports: &reports)[...]
        for (slot, gathered) in together.enumerated() {
            let count = gathered.pending.orders.count
            reports[slot].orders += gathered.pending.reports(merging: Array(decided.prefix(count)))
            decided = decided.dropFirst(count)
            read[gathered.document].report = reports[slot]
        }
    }

    /// `transform` of each item, each in a task of its own, results in the items' order: for store calls that
    /// should meet in one group commit.
    static func concurrentTasks<Item: Sendable, Value: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) async -> Value
    ) async -> [Value] {
        guard items.count > 1 else { return await items.asyncMap(transform) }
        return await withTaskGroup(of: (Int, Value).self) { group in
            for (index, item) in items.enumerated() { group.addTask { (index, await transform(item)) } }
            var values = [Value?](repeating: nil, count: items.count)
            for await (index, value) in group { values[index] = value }
            return values.map { $0! }
        }
    }
}

extension Array where Element: Sendable {
    fileprivate func asyncMap<Value>(_ transform: (Element) async -> Value) async -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for element in self { values.append(await transform(element)) }
        return values
    }
}
