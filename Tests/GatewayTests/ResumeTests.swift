import Foundation
import Gateway
import Logging
import Orders
import Store
import Synchronization
import Testing

/// A store that forwards to another and can stop before `finish`, as a process killed between its last commit
/// and finishing the document; it counts the commits asked of it.
final class StoppingStore: ForwardingStore {
    let base: SQLiteStore
    let stopsBeforeFinish: Bool
    let commits = Mutex(0)

    init(_ base: SQLiteStore, stopsBeforeFinish: Bool) {
        self.base = base
        self.stopsBeforeFinish = stopsBeforeFinish
    }

    func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError) {
        if stopsBeforeFinish { throw StoreError("finish", code: .unavailable, underlying: CancellationError()) }
        try await base.finish(document, status: status, problems: problems)
    }
    func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult {
        commits.withLock { $0 += 1 }
        return try await base.commit(commit)
    }
}

@Suite("resuming a document a stopped run left pending")
struct ResumeTests {
    @Test("the POs the stopped run committed are found in the store, not routed and committed again")
    func committedOrdersAreNotDecidedAgain() async throws {
        let world = try SampleWorld()
        _ = try await world.gateway()
        let file = SampleWorld.root.appendingPathComponent("fixtures/inbox/amazon-20261124-0715.x12")
        let stopped = Gateway(
            profiles: world.profiles, store: StoppingStore(world.store, stopsBeforeFinish: true),
            logger: Logger(label: "test"))
        let first = await stopped.process(file: file, receivedAt: SampleWorld.clock)
        #expect(first.orders.filter { if case .decided = $0.result { true } else { false } }.count == 3)

        let store = StoppingStore(world.store, stopsBeforeFinish: false)
        let resumed = await Gateway(profiles: world.profiles, store: store, logger: Logger(label: "test")).resume()
        #expect(resumed.map(\.documentID) == [first.documentID])
        #expect(resumed.first?.orders.allSatisfy { if case .duplicate = $0.result { true } else { false } } == true)
        #expect(store.commits.withLock { $0 } == 0, "committed POs were routed and committed again")
        #expect(try await world.store.pendingDocuments().isEmpty)
    }
}
