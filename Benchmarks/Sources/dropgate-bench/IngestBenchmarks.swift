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
    static func run(megabytes: Int) async throws -> [Figure] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-ingest-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (profiles, rows) = try sampleWorld(network: try roomyNetwork(in: folder))
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
        let decisions = report.orders.compactMap {
            if case .decided(let decision) = $0.result { decision } else { nil }
        }
        let decided = decisions.count
        let poPerSecond = Double(decided) / seconds
        let outcomes = Dictionary(grouping: decisions, by: \.outcome.rawValue).mapValues(\.count).sorted {
            $0.key < $1.key
        }
        print(
            "  ingest: \(decided) POs decided of \(report.orders.count) in \(String(format: "%.2f", seconds)) s ("
                + outcomes.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")")

        let floor = try copySeconds(from: path, into: folder.appendingPathComponent("floor.sqlite").path)
        var figures = [
            Figure(
                name: "durable ingest to SQLite (synchronous=FULL), \(megabytes) MB of 850s", value: poPerSecond,
                unit: "POs/s", target: 10_000,
                reference: floor.map { .init(name: "sqlite3 inserting the same rows", value: Double(decided) / $0) })
        ]
        figures += try command(bytes: bytes, megabytes: megabytes, rows: rows, in: folder, inProcess: poPerSecond)
        return figures
    }

    /// The product's command on the same file: `dropgate ingest` into a new SQLite file holding the same stock, its
    /// POs per second beside the in-process figure, and its peak memory (the issue's: under 100 MB whatever the
    /// file's size). Nothing when no release build is found (`CommandBenchmarks.binary`).
    static func command(bytes: [UInt8], megabytes: Int, rows: [InventoryRow], in folder: URL, inProcess: Double)
        throws -> [Figure]
    {
        guard FileManager.default.isExecutableFile(atPath: CommandBenchmarks.binary.path) else {
            print("  dropgate ingest: \(CommandBenchmarks.binary.path) is not built: left out")
            return []
        }
        let input = folder.appendingPathComponent("command.x12")
        try Data(bytes).write(to: input)
        let stock = folder.appendingPathComponent("stock.csv")
        try
            ("dc,sku,on_hand,safety_stock\n"
            + rows.map { "\($0.node),\($0.sku),\($0.onHand),\($0.safetyStock)\n" }.joined())
            .write(to: stock, atomically: true, encoding: .utf8)
        let database = folder.appendingPathComponent("command.sqlite").path
        let world = [
            "--db", database, "--network", folder.appendingPathComponent("network.yaml").path,
        ]
        guard
            try CommandBenchmarks.measure(
                ["inventory", "import", stock.path] + world, output: folder.appendingPathComponent("import.out"))
                != nil,
            let run = try CommandBenchmarks.measure(
                ["ingest", input.path, "--at", "2026-11-24T15:00:00Z", "--quiet"] + world,
                output: folder.appendingPathComponent("ingest.out"))
        else {
            print("  dropgate ingest: failed; left out")
            return []
        }
        let orders = bytes.withUnsafeBufferPointer { CommandBenchmarks.count(of: Array("~\nST*850*".utf8), in: $0) }
        return [
            Figure(
                name: "dropgate ingest (SQLite), \(megabytes) MB of 850s", value: Double(orders) / run.seconds,
                unit: "POs/s", target: 10_000,
                reference: .init(name: "the same pipeline in this process", value: inProcess)),
            Figure(
                name: "dropgate ingest peak memory, \(megabytes) MB", value: run.peakMB, unit: "MB", target: 100,
                higherIsBetter: false),
        ]
    }

    /// The sample world from the repository, on `network` when given (`roomyNetwork`) else the sample's, and plenty
    /// of every item at every node, so that POs ship and reserve rather than cancel for stock.
    static func sampleWorld(network: URL? = nil) throws -> (ProfileSet, [InventoryRow]) {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let profiles = try ProfileSet.load(
            profiles: root.appendingPathComponent("retailer-profiles"),
            network: network ?? root.appendingPathComponent("fixtures/network.yaml"),
            catalog: root.appendingPathComponent("fixtures/items.csv"))
        let rows = profiles.network.nodes.flatMap { node in
            profiles.catalog.items.keys.map { InventoryRow(node: node.id, sku: $0, onHand: 10_000_000, safetyStock: 0) }
        }
        return (profiles, rows)
    }

    /// The sample network (`fixtures/network.yaml`) with every node's daily capacity a thousand times larger,
    /// written into `folder`: the sample's capacity takes some 800 of a file's POs a day, and a benchmark of POs
    /// that nearly all cancel for capacity would measure less than a day's real work (no reservations, no pick
    /// tickets).
    static func roomyNetwork(in folder: URL) throws -> URL {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let text = try String(contentsOf: root.appendingPathComponent("fixtures/network.yaml"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "capacity: \\{ orders: ([0-9]+), units: ([0-9]+) \\}")
        var roomy = text
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text), let orders = Range(match.range(at: 1), in: text),
                let units = Range(match.range(at: 2), in: text), let o = Int(text[orders]), let u = Int(text[units])
            else { continue }
            roomy.replaceSubrange(whole, with: "capacity: { orders: \(o * 1_000), units: \(u * 1_000) }")
        }
        guard roomy != text else { throw BenchFailure("fixtures/network.yaml: no capacity to raise") }
        let file = folder.appendingPathComponent("network.yaml")
        try roomy.write(to: file, atomically: true, encoding: .utf8)
        return file
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
