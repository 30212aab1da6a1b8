import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Store

/// The operations lead's commands on a month of recorded POs: `dropgate replay` (every recorded PO decided again
/// from what it read, nothing changed: each must come out byte for byte) and, when built, `dropgate report`, run
/// as release children under `/usr/bin/time -v`. The month is made by ingesting a file of 850s through the
/// gateway, then copying its recorded POs and first decisions with the `sqlite3` shell up to `orders` rows (each
/// copy reads what its original read, so it decides the same). Beside them, in the same run, the floor: the
/// `sqlite3` shell reading the same rows (the order JSON and the kept inputs a replay reads).
enum OperationsBenchmarks {
    static func run(orders: Int) async throws -> [Figure] {
        var figures: [Figure] = []
        guard FileManager.default.isExecutableFile(atPath: CommandBenchmarks.binary.path) else {
            print("  operations: \(CommandBenchmarks.binary.path) is not built: left out")
            return []
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-ops-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("month.sqlite").path
        // The sample network's capacity takes some 800 POs a day and cancels the rest for capacity: a month of
        // that would be nine cancels in ten. Its nodes get room, as the ingest benchmark's do, so that the month
        // is mostly shipped, as a month a retailer would keep a supplier for is.
        let network = try IngestBenchmarks.roomyNetwork(in: folder)
        let recorded = try await record(megabytes: 8, network: network, into: path)
        let copies = max(0, (orders + recorded - 1) / recorded - 1)
        try sqlite(path, multiply(recorded: recorded, copies: copies))
        let total = recorded * (copies + 1)
        print("  operations: \(recorded) POs ingested, copied to \(total) recorded first decisions")
        let floor = try timed {
            try sqlite(
                path,
                "SELECT count(*), sum(length(p.order_json)), sum(length(o.inputs)), sum(length(o.figures)) "
                    + "FROM original_decision o JOIN purchase_order p ON p.id = o.order_id;")
        }
        let world = [
            "--profiles", "retailer-profiles", "--network", network.path, "--items", "fixtures/items.csv",
        ]
        let output = folder.appendingPathComponent("replay.json")
        // `DROPGATE_OPERATIONS_ONLY=report`: the report alone (a replay of a million POs takes minutes).
        let replays = ProcessInfo.processInfo.environment["DROPGATE_OPERATIONS_ONLY"].map { $0 == "replay" } ?? true
        if replays,
            let run = try CommandBenchmarks.measure(
                ["replay", "--db", path, "--since", "2026-11-01T00:00:00Z", "--json"] + world, output: output,
                onOneCore: true)
        {
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
            let reproduced = report?["reproduced"] as? Int ?? -1
            print("  replay: \(reproduced) of \(total) reproduced byte for byte")
            figures.append(
                Figure(
                    name: "dropgate replay on one core, \(total) recorded POs (\(reproduced) reproduced byte for byte)",
                    value: run.seconds, unit: "s", target: 60.0 * Double(total) / 1_000_000, higherIsBetter: false,
                    reference: .init(name: "sqlite3 reading the same rows", value: floor)))
            figures.append(
                Figure(
                    name: "dropgate replay peak memory, \(total) POs", value: run.peakMB, unit: "MB", target: 500,
                    higherIsBetter: false))
        }
        // The report's floor: the `sqlite3` shell reading the rows the scorecard's records are made of (each PO
        // received in November's window with its decision and first decision), as `scorecardRecords` reads them.
        let rows = try timed {
            try sqlite(
                path,
                "SELECT count(*), sum(length(p.retailer)), sum(p.received_at), sum(length(p.state)), "
                    + "sum(length(d.outcome)), sum(length(d.nodes)), sum(d.ship_by), sum(o.units), "
                    + "sum(o.cancelled_units), sum(length(o.fees_avoided)), sum(length(o.fees_incurred)) "
                    + "FROM purchase_order p LEFT JOIN decision d ON d.order_id = p.id "
                    + "LEFT JOIN original_decision o ON o.order_id = p.id "
                    + "WHERE p.received_at >= 1790726400 AND p.received_at < 1796169600;")
        }
        let scorecard = folder.appendingPathComponent("report.json")
        if replays || ProcessInfo.processInfo.environment["DROPGATE_OPERATIONS_ONLY"] == "report",
            let run = try CommandBenchmarks.measure(
                ["report", "--db", path, "--month", "2026-11", "--at", "2026-11-30T12:00:00Z", "--json"] + world,
                output: scorecard)
        {
            figures.append(
                Figure(
                    name: "dropgate report (scorecard), a month of \(total) POs", value: run.seconds, unit: "s",
                    target: 2.0 * Double(total) / 1_000_000, higherIsBetter: false,
                    reference: .init(name: "sqlite3 reading the same rows", value: rows)))
            figures.append(
                Figure(
                    name: "dropgate report peak memory, \(total) POs", value: run.peakMB, unit: "MB", target: 500,
                    higherIsBetter: false))
        } else {
            print("  report: did not run (no `dropgate report` in this build?); left out")
        }
        return figures
    }

    /// Ingests `megabytes` of Walmart 850s through the gateway into a new store with plenty of stock, on the
    /// network `network`; returns how many POs it recorded with their first decisions.
    static func record(megabytes: Int, network: URL, into path: String) async throws -> Int {
        let (profiles, rows) = try IngestBenchmarks.sampleWorld(network: network)
        let store = try SQLiteStore(path: path)
        try await store.importInventory(rows)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let gateway = Gateway(profiles: profiles, store: store, logger: logger)
        _ = await gateway.process(
            X12Benchmarks.interchange(megabytes: megabytes), origin: "bench.x12",
            receivedAt: Date(timeIntervalSince1970: 1_795_532_400))
        var recorded = 0
        var outcomes: [String: Int] = [:]
        try await store.forEachOriginalDecision(DecisionWindow(from: .distantPast)) { page in
            recorded += page.count
            for decision in page { outcomes[decision.outcome.rawValue, default: 0] += 1 }
        }
        // What the month holds: a replay's cost follows its decisions' explanations (a cancel names every node).
        print(
            "  operations: the recorded decisions are "
                + outcomes.sorted { $0.key < $1.key }.map { "\($1) \($0)" }
                .joined(separator: ", "))
        return recorded
    }

    /// SQL that copies every recorded PO and its first decision `copies` times, under new ids and PO numbers.
    static func multiply(recorded: Int, copies: Int) -> String {
        guard copies > 0 else { return "" }
        return """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
            BEGIN;
            CREATE TEMP TABLE copy (n INTEGER);
            WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < \(copies))
                INSERT INTO copy SELECT n FROM c;
            CREATE TEMP TABLE base AS SELECT max(id) AS top FROM purchase_order;
            INSERT INTO purchase_order (id, retailer, po_number, purpose, received_at, order_json, order_value, state,
                    version)
                SELECT p.id + copy.n * base.top, p.retailer, p.po_number || '#' || copy.n, p.purpose, p.received_at,
                    p.order_json, p.order_value, p.state, p.version
                FROM copy, base, purchase_order p JOIN original_decision o ON o.order_id = p.id
                ORDER BY copy.n, p.id;
            INSERT INTO decision (order_id, outcome, nodes, ship_by, decided_at, explanation_json, acknowledge_by)
                SELECT d.order_id + copy.n * base.top, d.outcome, d.nodes, d.ship_by, d.decided_at, '{}',
                    d.acknowledge_by
                FROM copy, base, decision d JOIN original_decision o ON o.order_id = d.order_id;
            INSERT INTO original_decision (order_id, retailer, received_at, decided_at, units, outcome,
                    cancelled_units, fees_avoided, fees_incurred, figures, digest, inputs, cancelled_value)
                SELECT o.order_id + copy.n * base.top, o.retailer, o.received_at, o.decided_at, o.units, o.outcome,
                    o.cancelled_units, o.fees_avoided, o.fees_incurred, o.figures, o.digest, o.inputs,
                    o.cancelled_value
                FROM copy, base, original_decision o WHERE o.order_id <= base.top ORDER BY copy.n, o.order_id;
            COMMIT;
            """
    }

    static func sqlite(_ path: String, _ script: String) throws {
        guard !script.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "sqlite3 failed on \(path)"])
        }
    }

    static func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}
