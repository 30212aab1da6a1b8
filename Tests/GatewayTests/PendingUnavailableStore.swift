import Foundation
import Orders
import Store

/// A store that forwards to another but cannot list pending documents, as a database that went away between two
/// statements.
final class PendingUnavailableStore: ForwardingStore {
    let base: SQLiteStore

    init(_ base: SQLiteStore) { self.base = base }

    func pendingDocuments() async throws(StoreError) -> [PendingDocument] {
        throw StoreError("list pending documents", code: .unavailable, underlying: CancellationError())
    }
}
