import Foundation
import Orders
import Store
import Testing

/// Several processes on one database, as several `dropgate` processes are: each is a child of the test process
/// (an exit test) with a store of its own.
@Suite("Order store: processes")
struct StoreProcessTests {
    static let processCount = 3

    @Test(
        "three processes on a new database, racing for too little stock, never oversell and record every PO once",
        arguments: Backend.allCases)
    func processesRace(backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        defer { database.remove() }
        let address = database.address
        // Each child opens the new database (migrating it, or waiting for another that does), then decides 20 POs,
        // 10 of which another child decides too: the same POs delivered to two processes.
        await withTaskGroup(of: Void.self) { group in
            for process in 0..<Self.processCount {
                group.addTask {
                    let result = await #expect(
                        processExitsWith: .success, observing: [\.standardErrorContent]
                    ) { [address = address as String, process = process as Int] in
                        do {
                            let store = try await TestDatabase(address: address).open(maximumConnections: 4)
                            if process == 0 { try await StoreRace.stock(store) }
                            // The others wait for the stock, as a gateway started before an import would not.
                            while try await store.inventory(of: ["A"]).count < 2 {
                                try await Task.sleep(for: .milliseconds(5))
                            }
                            for index in 0..<20 {
                                let po = (process * 11 + index) % StoreRace.distinctPOs
                                _ = try await StoreRace.decide(po, store: store)
                            }
                            await close(store)
                        } catch {
                            FileHandle.standardError.write(Data("process \(process): \(error)\n".utf8))
                            exit(1)
                        }
                    }
                    if let result, result.exitStatus != .exitCode(0) {
                        Issue.record("\(String(decoding: result.standardErrorContent, as: UTF8.self))")
                    }
                }
            }
        }
        let store = try await database.open()
        try await StoreRace.verify(store)
        await close(store)
    }
}
