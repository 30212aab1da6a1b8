import Foundation
import Orders
import Store

/// A store that forwards to another but cannot list pending documents, as a database that went away between two
/// statements.
final class PendingUnavailableStore: OrderStore {
    let base: SQLiteStore

    init(_ base: SQLiteStore) { self.base = base }

    func pendingDocuments() async throws(StoreError) -> [PendingDocument] {
        throw StoreError("list pending documents", code: .unavailable, underlying: CancellationError())
    }

    func keep(_ document: InboundDocument) async throws(StoreError) -> KeptDocument { try await base.keep(document) }
    func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError) {
        try await base.finish(document, status: status, problems: problems)
    }
    func claim(_ interchange: InterchangeKey, for document: DocumentID) async throws(StoreError) -> InterchangeClaim {
        try await base.claim(interchange, for: document)
    }
    func importInventory(_ rows: [InventoryRow]) async throws(StoreError) { try await base.importInventory(rows) }
    func inventory(of skus: Set<SKU>) async throws(StoreError) -> [InventoryPosition] {
        try await base.inventory(of: skus)
    }
    func capacityUsed(on day: CalendarDate) async throws(StoreError) -> [DCID: CapacityUse] {
        try await base.capacityUsed(on: day)
    }
    func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult { try await base.commit(commit) }
    func enqueue(_ drafts: [OutboundDraft], inReplyTo: DocumentID?, key: String) async throws(StoreError)
        -> [OutboxEntry]
    { try await base.enqueue(drafts, inReplyTo: inReplyTo, key: key) }
    func resend(key: String, as newKey: String, inReplyTo: DocumentID?, at: Date) async throws(StoreError)
        -> [OutboxEntry]
    { try await base.resend(key: key, as: newKey, inReplyTo: inReplyTo, at: at) }
    func orders(_ filter: OrderFilter) async throws(StoreError) -> [OrderSummary] { try await base.orders(filter) }
    func outbox(state: OutboxState?) async throws(StoreError) -> [OutboxEntry] { try await base.outbox(state: state) }
    func audit(of order: OrderID) async throws(StoreError) -> [AuditEvent] { try await base.audit(of: order) }
    func nodeSwitches() async throws(StoreError) -> [NodeSwitch] { try await base.nodeSwitches() }
    func switchNode(_ change: NodeSwitchChange) async throws(StoreError) -> NodeSwitch {
        try await base.switchNode(change)
    }
    func recordedOrders(_ ids: [OrderID], for document: DocumentID) async throws(StoreError)
        -> [OrderID: RecordedOrder]
    { try await base.recordedOrders(ids, for: document) }
    func recordRepeat(_ refusal: OrderRepeat) async throws(StoreError) -> [OutboxEntry] {
        try await base.recordRepeat(refusal)
    }
    func replace(_ replacement: OrderReplacement) async throws(StoreError) -> ReplacementResult {
        try await base.replace(replacement)
    }
    func mark(_ order: OrderID, as state: OrderState, at: Date, detail: String) async throws(StoreError) -> Bool {
        try await base.mark(order, as: state, at: at, detail: detail)
    }
}
