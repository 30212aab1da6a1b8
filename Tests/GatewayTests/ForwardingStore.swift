import Foundation
import Orders
import Store

/// A test store that forwards every call to a real SQLite store: a double conforms, and implements only the calls
/// it changes (a store that stops before `finish`, one that cannot list pending documents).
protocol ForwardingStore: OrderStore {
    var base: SQLiteStore { get }
}

extension ForwardingStore {
    func keep(_ document: InboundDocument) async throws(StoreError) -> KeptDocument { try await base.keep(document) }
    func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError) {
        try await base.finish(document, status: status, problems: problems)
    }
    func pendingDocuments() async throws(StoreError) -> [PendingDocument] { try await base.pendingDocuments() }
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
    func importInbound(_ rows: [InboundRow]) async throws(StoreError) { try await base.importInbound(rows) }
    func inbound(of skus: Set<SKU>) async throws(StoreError) -> [InboundRow] { try await base.inbound(of: skus) }
    func inventory() async throws(StoreError) -> [StockRow] { try await base.inventory() }
    func inbound() async throws(StoreError) -> [InboundRow] { try await base.inbound() }
    func receive(_ receipts: [StockReceipt]) async throws(StoreError) { try await base.receive(receipts) }
    func originalDecisions(_ window: DecisionWindow, after: OrderID?, limit: Int) async throws(StoreError)
        -> [RecordedDecision]
    { try await base.originalDecisions(window, after: after, limit: limit) }
    func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult { try await base.commit(commit) }
    func recordAcknowledgement(_ receipt: AcknowledgementReceipt) async throws(StoreError) -> AcknowledgementMatch {
        try await base.recordAcknowledgement(receipt)
    }
    func sentGroups(partner: String?) async throws(StoreError) -> [SentGroup] {
        try await base.sentGroups(partner: partner)
    }
    func recorded(_ keys: [OrderKey]) async throws(StoreError) -> [OrderKey: OrderID] { try await base.recorded(keys) }
    func commit(batch: [OrderCommit]) async throws(StoreError) -> [CommitResult] {
        var results: [CommitResult] = []
        // One at a time, through `commit(_:)`: a double that counts or refuses commits sees each.
        for commit in batch { results.append(try await self.commit(commit)) }
        return results
    }
    func enqueue(_ drafts: [OutboundDraft], inReplyTo: DocumentID?, key: String) async throws(StoreError)
        -> [OutboxEntry]
    { try await base.enqueue(drafts, inReplyTo: inReplyTo, key: key) }
    func resend(key: String, as newKey: String, inReplyTo: DocumentID?, at: Date) async throws(StoreError)
        -> [OutboxEntry]
    { try await base.resend(key: key, as: newKey, inReplyTo: inReplyTo, at: at) }
    func orders(_ filter: OrderFilter) async throws(StoreError) -> [OrderSummary] { try await base.orders(filter) }
    func outbox(state: OutboxState?) async throws(StoreError) -> [OutboxEntry] { try await base.outbox(state: state) }
    func outboxDepth() async throws(StoreError) -> [OutboxState: [OutboundKind: Int]] {
        try await base.outboxDepth()
    }
    func audit(of order: OrderID) async throws(StoreError) -> [AuditEvent] { try await base.audit(of: order) }

    // The warehouse floor.
    func pickList(node: DCID?, order: OrderID?) async throws(StoreError) -> [PickListEntry] {
        try await base.pickList(node: node, order: order)
    }
    func deadlineRows(node: DCID?, since: Date) async throws(StoreError) -> [DeadlineRow] {
        try await base.deadlineRows(node: node, since: since)
    }

    // Node switches and repeated POs.
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

    // The warehouse floor.
    func floorOrder(_ id: OrderID) async throws(StoreError) -> FloorOrder? { try await base.floorOrder(id) }
    func recordShipment(_ shipment: ShipmentCommit) async throws(StoreError) -> FloorResult {
        try await base.recordShipment(shipment)
    }
    func recordCancellation(_ cancellation: CancellationCommit) async throws(StoreError) -> FloorResult {
        try await base.recordCancellation(cancellation)
    }
    func recordChange(_ change: ChangeCommit) async throws(StoreError) -> ChangeResult {
        try await base.recordChange(change)
    }
    func changeRequests(_ filter: ChangeRequestFilter) async throws(StoreError) -> [ChangeRequestRecord] {
        try await base.changeRequests(filter)
    }

    // Credentials and single-row lookups.
    func issueKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await base.issueKey(for: principal, at: at)
    }
    func rotateKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await base.rotateKey(for: principal, at: at)
    }
    func revokeKeys(of principal: Principal, keyID: String?, at: Date) async throws(StoreError) -> Int {
        try await base.revokeKeys(of: principal, keyID: keyID, at: at)
    }
    func credentials() async throws(StoreError) -> [CredentialSummary] { try await base.credentials() }
    func authenticate(_ token: String) async throws(StoreError) -> Principal? { try await base.authenticate(token) }
    func document(_ id: DocumentID) async throws(StoreError) -> DocumentRecord? { try await base.document(id) }
    func order(_ id: OrderID) async throws(StoreError) -> OrderSummary? { try await base.order(id) }
    func outbox(inReplyTo document: DocumentID) async throws(StoreError) -> [OutboxEntry] {
        try await base.outbox(inReplyTo: document)
    }
    func outbox(order: OrderID) async throws(StoreError) -> [OutboxEntry] { try await base.outbox(order: order) }
}
