import Foundation
import Orders
import Store
import Testing

@Suite("pending documents on one SQLite file shared by several processes")
struct PendingDocumentKeeperTests {
    @Test(
        "a document another live store keeps is not pending for the others; once its keeper is gone, one store takes it, and a finished one is pending for none"
    )
    func pendingLeavesLiveKeepers() async throws {
        let world = try SampleWorld()
        let path = world.folder.appendingPathComponent("store.sqlite").path
        var first: SQLiteStore? = try SQLiteStore(path: path)
        let kept = try #require(
            try await first?.keep(
                InboundDocument(
                    receivedAt: SampleWorld.clock, origin: "a.x12", format: .x12, bytes: Array("ISA*00*".utf8))))
        let second = try SQLiteStore(path: path)
        let third = try SQLiteStore(path: path)
        #expect(try await second.pendingDocuments().isEmpty, "the first store is still at work on it")

        // The first store's process stops (its locks go with it, as with SIGKILL).
        first = nil
        #expect(try await second.pendingDocuments().map(\.id) == [kept.id])
        #expect(try await third.pendingDocuments().isEmpty, "the second store now keeps it")
        #expect(try await second.pendingDocuments().map(\.id) == [kept.id], "still the second's to finish")

        try await second.finish(kept.id, status: .accepted, problems: [])
        #expect(try await third.pendingDocuments().isEmpty)
        #expect(try await second.pendingDocuments().isEmpty)
    }

    @Test("stores that ask at once for a dead keeper's documents take each document once between them")
    func deadKeeperTakenOnce() async throws {
        let world = try SampleWorld()
        let path = world.folder.appendingPathComponent("store.sqlite").path
        var first: SQLiteStore? = try SQLiteStore(path: path)
        var kept: [DocumentID] = []
        for index in 0..<40 {
            let document = InboundDocument(
                receivedAt: SampleWorld.clock, origin: "\(index).x12", format: .x12, bytes: Array("ISA*\(index)".utf8))
            kept.append(try #require(try await first?.keep(document)).id)
        }
        let (second, third) = (try SQLiteStore(path: path), try SQLiteStore(path: path))
        first = nil
        async let bySecond = second.pendingDocuments()
        async let byThird = third.pendingDocuments()
        let (a, b) = (try await bySecond.map(\.id), try await byThird.map(\.id))
        #expect(Set(a).isDisjoint(with: b), "a document was taken by both stores")
        #expect((a + b).sorted { $0.rawValue < $1.rawValue } == kept)
    }
}
