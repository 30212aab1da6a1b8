import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Store

/// Durable ingest on SQLite: a file of realistic 850s kept, read, validated, decided, and committed with its
/// reservations, capacity and outbox rows (`synchronous=FULL`), as POs per second; beside it, in the same run, the
/// floor: the `sqlite3` shell copying exactly the rows the pipeline wrote into a new file in one transaction.
enum IngestBenchmarks {
    static func run(megabytes: Int) async throws -> Figure {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-ingest-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (profiles, rows) = try sampleWorld()
        let bytes = X12Benchmarks.interchange(megabytes: megabytes)
        let path = folder.appendingPathComponent("ingest.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.importInventory(rows)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let gateway = Gateway(profiles: profiles, store: store, logger: logger)
        let start = Date()
        let report = await gateway.process(
            bytes, origin: "bench.x12", receivedAt: Date(timeIntervalSince1970: 1_795_532_400))
        let seconds = Date().timeIntervalSince(start)
        let decided = report.orders.filter { if case .decided = $0.result { true } else { false } }.count
        let poPerSecond = Double(decided) / seconds
        print("  ingest: \(decided) POs decided of \(report.orders.count) in \(String(format: "%.2f", seconds)) s")

        let floor = try copySeconds(from: path, into: folder.appendingPathComponent("floor.sqlite").path)
        return Figure(
            name: "durable ingest to SQLite (synchronous=FULL), \(megabytes) MB of 850s", value: poPerSecond,
            unit: "POs/s", target: 10_000,
            reference: floor.map { .init(name: "sqlite3 inserting the same rows", value: Double(decided) / $0) })
    }

    /// The sample world from the repository, and plenty of every item at every node, so that POs ship and reserve
    /// rather than cancel.
    static func sampleWorld() throws -> (ProfileSet, [InventoryRow]) {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let profiles = try ProfileSet.load(
            profiles: root.appendingPathComponent("retailer-profiles"),
            network: root.appendingPathComponent("fixtures/network.yaml"),
            catalog: root.appendingPathComponent("fixtures/items.csv"))
        let rows = profiles.network.nodes.flatMap { node in
            profiles.catalog.items.keys.map { InventoryRow(node: node.id, sku: $0, onHand: 10_000_000, safetyStock: 0) }
        }
        return (profiles, rows)
    }

    /// How long the `sqlite3` shell takes to write every row the pipeline wrote into a new WAL file with
    /// `synchronous=FULL`, in one transaction; nil when the shell is not installed.
    static func copySeconds(from source: String, into target: String) throws -> Double? {
        let tables = [
            "inbound_document", "purchase_order", "decision", "reservation", "inventory", "capacity_used",
            "interchange", "outbox", "control_number", "audit",
        ]
        let script =
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; ATTACH '\(source)' AS s; BEGIN;\n"
            + tables.map { "CREATE TABLE \($0) AS SELECT * FROM s.\($0);" }.joined(separator: "\n") + "\nCOMMIT;\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        guard FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") else { return nil }
        process.arguments = [target]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Date().timeIntervalSince(start) : nil
    }
}
