import Foundation
import Store

/// What `StoppingStore` forwards of credentials and single-row lookups: unchanged.
extension StoppingStore {
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
