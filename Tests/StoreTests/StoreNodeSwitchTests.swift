import Foundation
import Orders
import Store
import Testing

/// Node switches set in the store and read back by every process sharing it.
@Suite("Order store: node switches")
struct StoreNodeSwitchTests {
    /// `t0` and later instants made from seconds since 1970, as the stores keep them, so that they compare equal
    /// when read back.
    func instant(_ seconds: Double) -> Date { Date(timeIntervalSince1970: t0.timeIntervalSince1970 + seconds) }

    @Test("a node switch is kept and read back by another store on the same database", arguments: Backend.allCases)
    func switchesAreShared(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            #expect(try await store.nodeSwitches().isEmpty)
            let window = ClosedWindow(from: instant(86_400), until: instant(2 * 86_400), reason: "stocktake")
            let off = try await store.switchNode(
                NodeSwitchChange(node: "EWR1", enabled: false, at: t0, by: "ops", reason: "flooded dock"))
            #expect(off.enabled == false)
            _ = try await store.switchNode(
                NodeSwitchChange(node: "ORD1", closedWindow: window, at: instant(1), by: "ops"))
            let other = try await database.open()
            let read = try await other.nodeSwitches()
            await close(other)
            #expect(
                read == [
                    NodeSwitch(node: "EWR1", enabled: false, setAt: t0, setBy: "ops", reason: "flooded dock"),
                    NodeSwitch(node: "ORD1", enabled: nil, closedWindows: [window], setAt: instant(1), setBy: "ops"),
                ])
        }
    }

    @Test("a change keeps what it does not name, and clearing drops the windows", arguments: Backend.allCases)
    func changesMerge(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = ClosedWindow(from: t0, until: instant(3600))
            let second = ClosedWindow(from: instant(7200), until: instant(9000), reason: "carrier strike")
            _ = try await store.switchNode(
                NodeSwitchChange(node: "EWR1", enabled: false, closedWindow: second, at: t0, by: "a", reason: "why"))
            let both = try await store.switchNode(NodeSwitchChange(node: "EWR1", closedWindow: first, at: t0, by: "b"))
            #expect(both.closedWindows == [first, second])
            #expect(both.enabled == false)
            #expect(both.reason == "why")
            #expect(both.setBy == "b")
            let on = try await store.switchNode(
                NodeSwitchChange(node: "EWR1", enabled: true, clearsWindows: true, at: instant(60), by: "c"))
            #expect(on.closedWindows.isEmpty)
            #expect(on.enabled == true)
            #expect(try await store.nodeSwitches() == [on])
        }
    }

    @Test("windows added by several stores at once are all kept", arguments: Backend.allCases)
    func concurrentChanges(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            var stores: [any OrderStore] = [store]
            for _ in 0..<3 { stores.append(try await database.open(maximumConnections: 4)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    let target = stores[index % stores.count]
                    let from = instant(Double(index) * 3600)
                    group.addTask {
                        _ = try await target.switchNode(
                            NodeSwitchChange(
                                node: "EWR1", closedWindow: ClosedWindow(from: from, until: from + 60), at: t0,
                                by: "ops"))
                    }
                }
                try await group.waitForAll()
            }
            for other in stores.dropFirst() { await close(other) }
            #expect(try await store.nodeSwitches().first?.closedWindows.count == 12)
        }
    }
}
