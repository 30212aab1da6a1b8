import Foundation
import Orders
import Store
import Testing

/// Pending documents on one database shared by several stores (several processes): a document a live store keeps
/// is pending for no other; once its keeper is gone, exactly one other store takes it, at once. (A keeper whose
/// session dies: `PostgresStoreTests`.)
@Suite("Order store: pending documents")
struct StorePendingDocumentTests {
    @Test(
        "a document a live store keeps is pending for no other; once its keeper closes, one store takes it, and a finished one is pending for none",
        arguments: Backend.allCases)
    func pendingLeavesLiveKeepers(backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        // A SQLite store lets go of what it keeps when it goes (`close` is for PostgreSQL's pool): held optionally.
        var first: (any OrderStore)? = try await database.open()
        var second: (any OrderStore)? = try await database.open()
        let third = try await database.open()
        let kept = try #require(try await first?.keep(document("ISA*kept")))
        let other = try #require(try await second?.keep(document("ISA*other")))
        #expect(try await first?.pendingDocuments().map(\.id) == [kept.id], "its own keeper finishes it")
        #expect(try await second?.pendingDocuments().map(\.id) == [other.id], "the first store is still at work")
        #expect(try await third.pendingDocuments().isEmpty)

        if let store = first { await close(store) }
        first = nil
        #expect(try await second?.pendingDocuments().map(\.id) == [kept.id, other.id])
        #expect(try await third.pendingDocuments().isEmpty, "the second store now keeps both")
        #expect(try await second?.pendingDocuments().map(\.id) == [kept.id, other.id], "still the second's")

        try await second?.finish(kept.id, status: .accepted, problems: [])
        #expect(try await second?.pendingDocuments().map(\.id) == [other.id])
        #expect(try await third.pendingDocuments().isEmpty)
        if let store = second { await close(store) }
        second = nil
        #expect(try await third.pendingDocuments().map(\.id) == [other.id])
        try await third.finish(other.id, status: .rejected, problems: ["no"])
        #expect(try await third.pendingDocuments().isEmpty)
        await close(third)
    }
}
