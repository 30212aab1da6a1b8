public import Foundation
public import Orders

/// The durable record every gateway process shares: SQLite (one machine, the embedded default) or PostgreSQL
/// (several gateway processes), one protocol and one test suite over both.
///
/// The store owns stock, reservations, capacity used and control numbers. Routing gets a snapshot from it and
/// returns a plan; `commit(_:)` writes the plan with conditional updates, so that two processes can never promise
/// the same unit or the same slot of capacity: a plan that lost its race comes back as `.conflict` and is decided
/// again with fresh figures. Everything that must leave the building is an outbox row written in the transaction
/// that made it.
public protocol OrderStore:
    Sendable, NodeSwitchStore, RepeatedOrderStore, CredentialStore, ShipmentStore, PickListStore,
    OrderChangeStore, InboundStockStore, DecisionHistoryStore, ScorecardStore, AcknowledgementStore
{
    // MARK: Inbound documents

    /// Keeps an inbound document before it is read, so that nothing is lost even when reading fails. Says which
    /// earlier document, if any, had the very same bytes.
    func keep(_ document: InboundDocument) async throws(StoreError) -> KeptDocument

    /// Records what became of an inbound document; a finished document is no longer pending.
    func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError)

    /// Documents kept but never finished (a process stopped while reading them), oldest first, for another run to
    /// finish.
    func pendingDocuments() async throws(StoreError) -> [PendingDocument]

    /// Claims an interchange (sender and ISA13) for `document`: the first document that claims it processes its
    /// orders; any later one is a redelivery and names the first. Claiming again for the same document (finishing a
    /// document after a crash) is still `.first`.
    func claim(_ interchange: InterchangeKey, for document: DocumentID) async throws(StoreError) -> InterchangeClaim

    // MARK: Stock and capacity

    /// Sets on-hand and safety stock. Every node named in `rows` is replaced as a whole (its SKUs not in `rows` go
    /// to zero); reservations stay.
    func importInventory(_ rows: [InventoryRow]) async throws(StoreError)

    /// On hand, safety stock and reserved units of `skus` at every node that has a row for them.
    func inventory(of skus: Set<SKU>) async throws(StoreError) -> [InventoryPosition]

    /// Every inventory row's figures, by node then SKU: what a feed over the whole catalog reads, in one pass and
    /// without naming each of a million SKUs to the store.
    func inventory() async throws(StoreError) -> [StockRow]

    /// Orders and units already taken at each node on `day` (its own calendar day).
    func capacityUsed(on day: CalendarDate) async throws(StoreError) -> [DCID: CapacityUse]

    // MARK: Orders and what they produce

    /// Commits a decided order in one transaction: the order, its decision, its reservations and capacity (each a
    /// conditional update), every outbound document with control numbers drawn in the transaction, and an audit
    /// event. Nothing is written for a PO recorded before (same retailer, PO number and purpose), nor when a
    /// reservation or capacity claim no longer fits.
    func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult

    /// Which of these POs are recorded already (a resend, or a document finished after a crash), with their ids:
    /// they are not decided again, and a batch must not count their stock twice.
    func recorded(_ keys: [OrderKey]) async throws(StoreError) -> [OrderKey: OrderID]

    /// Commits several decided orders in one transaction (a group commit), each as `commit(_:)` would: a PO whose
    /// reservation or capacity no longer fits gets `.conflict` and nothing of it is written, the others are. One
    /// result per commit, in order.
    func commit(batch: [OrderCommit]) async throws(StoreError) -> [CommitResult]

    /// Puts documents that answer an inbound document (997, 999, TA1) in the outbox, numbered in the same
    /// transaction. `key` makes it idempotent: a second call with the same key writes nothing and returns the first
    /// call's rows.
    func enqueue(_ drafts: [OutboundDraft], inReplyTo: DocumentID?, key: String) async throws(StoreError)
        -> [OutboxEntry]

    /// Puts a copy of the rows enqueued under `key` in the outbox again, under `newKey` (a redelivered interchange
    /// gets the same acknowledgement again). Idempotent on `newKey`.
    func resend(key: String, as newKey: String, inReplyTo: DocumentID?, at: Date) async throws(StoreError)
        -> [OutboxEntry]

    // MARK: Reading

    /// Orders, oldest first, as `filter` narrows them.
    func orders(_ filter: OrderFilter) async throws(StoreError) -> [OrderSummary]

    /// Outbox rows, oldest first, in `state` (every state when nil).
    func outbox(state: OutboxState?) async throws(StoreError) -> [OutboxEntry]

    /// How many outbox rows are in each state, by kind: what a metrics scrape reads, without a row's bytes.
    func outboxDepth() async throws(StoreError) -> [OutboxState: [OutboundKind: Int]]

    /// The audit trail of one order, oldest first.
    func audit(of order: OrderID) async throws(StoreError) -> [AuditEvent]

    /// One kept document: what it is and what became of it (not its bytes); nil for an id never kept.
    func document(_ id: DocumentID) async throws(StoreError) -> DocumentRecord?

    /// The order with this id, as the order list shows it.
    func order(_ id: OrderID) async throws(StoreError) -> OrderSummary?

    /// Outbox rows answering a document (its 997/999/TA1, 855s…), oldest first.
    func outbox(inReplyTo document: DocumentID) async throws(StoreError) -> [OutboxEntry]

    /// Outbox rows an order produced (855 or cXML confirmation, pick tickets, explanation), oldest first.
    func outbox(order: OrderID) async throws(StoreError) -> [OutboxEntry]

    /// Lets go of what the store holds (a connection pool); nothing may be asked of it afterwards.
    func close() async
}

extension OrderStore {
    /// Nothing to let go of: a SQLite file closes with its last reference.
    public func close() async {}

    /// Through `orders(_:)`, one query a PO: correct everywhere, for stores without a query of their own.
    public func recorded(_ keys: [OrderKey]) async throws(StoreError) -> [OrderKey: OrderID] {
        var found: [OrderKey: OrderID] = [:]
        for key in keys {
            let orders = try await orders(OrderFilter(retailer: key.retailer, poNumber: key.poNumber))
            if let order = orders.first(where: { $0.purpose == nil || $0.purpose == key.purpose }) {
                found[key] = order.id
            }
        }
        return found
    }

    /// Through `outbox(state:)`: correct everywhere, for stores without a count of their own.
    public func outboxDepth() async throws(StoreError) -> [OutboxState: [OutboundKind: Int]] {
        var depth: [OutboxState: [OutboundKind: Int]] = [:]
        for row in try await outbox(state: nil) { depth[row.state, default: [:]][row.kind, default: 0] += 1 }
        return depth
    }

    /// One transaction per order: correct everywhere, for stores without a group commit of their own.
    public func commit(batch: [OrderCommit]) async throws(StoreError) -> [CommitResult] {
        var results: [CommitResult] = []
        for commit in batch { results.append(try await self.commit(commit)) }
        return results
    }
}
