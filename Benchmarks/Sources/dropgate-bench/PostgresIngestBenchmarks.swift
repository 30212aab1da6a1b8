import Foundation
import Gateway
import Logging
import Orders
import PostgresNIO
import Profiles
import Store

/// Durable ingest on PostgreSQL (issue 18: ≥ 5,000 POs/s with two gateway processes): the same generated 850s as the
/// SQLite figure, in two interchanges of half the POs each, kept, read, validated, decided and committed into a
/// PostgreSQL server this run starts (durable defaults: `fsync` and `synchronous_commit` on), by one gateway and by
/// two at once, each into a new database. Beside them, in the same run and on the same server, the reference:
/// every row the two gateways wrote inserted again into copies of the tables (same indexes), one prepared
/// single-row `INSERT` a round trip, in one transaction, as `pgbench -M prepared` inserts.
///
/// The gateways are `dropgate ingest` processes when a built binary is found (`DROPGATE_BINARY`, else
/// `.build/release/dropgate` under the working folder), else `Gateway`s in this process, each with its own
/// `PostgresStore` (its own connections): the run says which.
enum PostgresIngestBenchmarks {
    /// The clock the SQLite figure uses too: 2026-11-24 15:00 UTC.
    static let clock = Date(timeIntervalSince1970: 1_795_532_400)

    static func run(megabytes: Int) async throws -> [Figure] {
        let server = try BenchPostgres.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-pg-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        // The SQLite figure's world: nodes with room for every PO of the file, so that they ship.
        let network = try IngestBenchmarks.roomyNetwork(in: folder)
        let (profiles, _) = try IngestBenchmarks.sampleWorld(network: network)
        let halves = (0..<2).map { half in interchange(megabytes: max(1, megabytes / 2), half: half) }
        let files = try halves.enumerated().map { half, bytes in
            let file = folder.appendingPathComponent("half\(half).x12")
            try Data(bytes).write(to: file)
            return file
        }
        let binary =
            ProcessInfo.processInfo.environment["DROPGATE_BINARY"]
            ?? root.appendingPathComponent(".build/release/dropgate").path
        let processes = FileManager.default.isExecutableFile(atPath: binary)
        if processes {
            print("  PostgreSQL ingest: gateways are `\(binary) ingest` processes")
        } else {
            print(
                "  PostgreSQL ingest: no dropgate binary at \(binary) (build it with `swift build -c release`, or set "
                    + "DROPGATE_BINARY): the gateways run in this process, each with its own store")
        }

        var figures: [(gateways: Int, decided: Int, seconds: Double)] = []
        for gateways in [1, 2] {
            let database = "ingest_\(gateways)"
            try server.createDatabase(database)
            try await stock(server.url(database), profiles: profiles)
            let start = ContinuousClock.now
            if processes {
                try ingestInProcesses(
                    binary, files: files, gateways: gateways, url: server.url(database), network: network)
            } else {
                try await ingestHere(halves, gateways: gateways, url: server.url(database), profiles: profiles)
            }
            let seconds = seconds(since: start)
            let decided = try await count("SELECT count(*) FROM decision", in: server.url(database))
            print(
                "  PostgreSQL ingest, \(gateways) gateway\(gateways == 1 ? "" : "s"): \(decided) POs decided in "
                    + "\(String(format: "%.2f", seconds)) s")
            figures.append((gateways, decided, seconds))
        }

        let floor = try await copySeconds(of: server.url("ingest_2"))
        let reference = Figure.Reference(
            name: "prepared single-row INSERTs of the same rows, one transaction",
            value: Double(figures[1].decided) / floor.seconds)
        print("  reference: \(floor.rows) rows inserted in \(String(format: "%.2f", floor.seconds)) s")
        return figures.map { figure in
            Figure(
                name: "durable ingest to PostgreSQL, \(figure.gateways) gateway"
                    + (figure.gateways == 1 ? "" : processes ? " processes" : "s in one process")
                    + ", \(megabytes) MB of 850s",
                value: Double(figure.decided) / figure.seconds, unit: "POs/s",
                target: figure.gateways == 2 ? 5_000 : nil, reference: reference)
        }
    }

    /// Half of the POs of an interchange of about `megabytes` MB: its own ISA13 and PO numbers.
    static func interchange(megabytes: Int, half: Int) -> [UInt8] {
        let control = String(format: "%09d", 18_233 + half)
        var text =
            "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*U*00401*\(control)*0*P*>~\n"
        var number = half * 10_000_000
        var groups = 0
        while text.utf8.count < megabytes * 1_000_000 {
            groups += 1
            text += "GS*PO*925485US00*HARBORPINE*20261124*0600*\(groups)*X*004010~\n"
            var sets = 0
            while sets < 9_999 && text.utf8.count < megabytes * 1_000_000 {
                sets += 1
                number += 1
                text += X12Benchmarks.purchaseOrder(number, control: sets)
            }
            text += "GE*\(sets)*\(groups)~\n"
        }
        text += "IEA*\(groups)*\(control)~\n"
        return Array(text.utf8)
    }

    /// Plenty of every item at every node, as for the SQLite figure.
    static func stock(_ url: String, profiles: ProfileSet) async throws {
        let store = try await PostgresStore(url: url, environment: [:])
        try await store.importInventory(
            profiles.network.nodes.flatMap { node in
                profiles.catalog.items.keys.map {
                    InventoryRow(node: node.id, sku: $0, onHand: 10_000_000, safetyStock: 0)
                }
            })
        await store.shutdown()
    }

    /// `dropgate ingest` processes at once: one with both files, or one a file.
    static func ingestInProcesses(_ binary: String, files: [URL], gateways: Int, url: String, network: URL) throws {
        let shares = gateways == 1 ? [files] : files.map { [$0] }
        let children = try shares.map { share in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments =
                ["ingest"] + share.map(\.path) + [
                    "--db", url, "--at", "2026-11-24T15:00:00Z", "--network", network.path, "--quiet", "--json",
                ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for child in children {
            child.waitUntilExit()
            guard child.terminationReason == .exit, child.terminationStatus == 0 else {
                throw BenchFailure("\(binary) ingest ended with status \(child.terminationStatus)")
            }
        }
    }

    /// `Gateway`s in this process at once, each with its own store: one with both halves, or one a half.
    static func ingestHere(_ halves: [[UInt8]], gateways: Int, url: String, profiles: ProfileSet) async throws {
        var quiet = Logger(label: "bench")
        quiet.logLevel = .error
        let logger = quiet
        let shares = gateways == 1 ? [halves] : halves.map { [$0] }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (gateway, share) in shares.enumerated() {
                group.addTask {
                    let store = try await PostgresStore(url: url, environment: [:])
                    let gatewayInstance = Gateway(profiles: profiles, store: store, logger: logger)
                    for (half, bytes) in share.enumerated() {
                        let report = await gatewayInstance.process(
                            bytes, origin: "bench-\(gateway)-\(half).x12", receivedAt: clock)
                        if !report.problems.isEmpty {
                            await store.shutdown()
                            throw BenchFailure("ingest: \(report.problems.prefix(3))")
                        }
                    }
                    await store.shutdown()
                }
            }
            try await group.waitForAll()
        }
    }

    /// The tables a commit writes, as the SQLite reference copies them.
    static let tables = [
        "inbound_document", "purchase_order", "decision", "reservation", "inventory", "capacity_used", "interchange",
        "outbox", "control_number", "audit",
    ]

    /// How long inserting every row of the database's tables into copies of them in a schema `floor` (same columns
    /// and indexes) takes with one prepared `INSERT` a row, all in one transaction; the rows are read first, as
    /// text, and bound as text (as `pgbench` binds its parameters).
    static func copySeconds(of source: String) async throws -> (seconds: Double, rows: Int) {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let sourceLocation = try PostgresLocation(url: source, environment: [:])
        var copies: [(sql: String, rows: [[String?]])] = []
        let reader = try await connect(sourceLocation, logger: logger)
        let writer = try await connect(sourceLocation, logger: logger)
        do {
            try await writer.query("CREATE SCHEMA floor", logger: logger)
            for table in tables {
                let columns = try await reader.query(
                    """
                    SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
                    WHERE attrelid = \(table)::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
                    """, logger: logger
                ).collect().map { try $0.decode((String, String).self) }
                let names = columns.map { "\"\($0.0)\"" }.joined(separator: ", ")
                let rows = try await reader.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(columns.map { "\"\($0.0)\"::text" }.joined(separator: ", ")) FROM \(table)"
                    ),
                    logger: logger
                ).collect().map { row in try row.map { try $0.decode(String?.self) } }
                // The table's definition, indexes included, without the sequence defaults: every id is copied.
                try await writer.query(
                    PostgresQuery(unsafeSQL: "CREATE TABLE floor.\(table) (LIKE public.\(table) INCLUDING INDEXES)"),
                    logger: logger)
                let values = columns.enumerated().map { "$\($0.offset + 1)::text::\($0.element.1)" }
                copies.append(
                    ("INSERT INTO floor.\(table) (\(names)) VALUES (\(values.joined(separator: ", ")))", rows))
            }
            try await reader.close()
            let start = ContinuousClock.now
            _ = try await writer.query("BEGIN", logger: logger)
            for copy in copies where !copy.rows.isEmpty {
                let prepared = try await writer.prepare(query: copy.sql).get()
                for row in copy.rows {
                    _ = try await prepared.execute(
                        row.map { $0.map(PostgresData.init(string:)) ?? PostgresData(type: .text, value: nil) }
                    ).get()
                }
            }
            _ = try await writer.query("COMMIT", logger: logger)
            let elapsed = seconds(since: start)
            try await writer.close()
            return (elapsed, copies.reduce(0) { $0 + $1.rows.count })
        } catch {
            try? await reader.close()
            try? await writer.close()
            throw error
        }
    }

    static func count(_ sql: String, in url: String) async throws -> Int {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let connection = try await connect(try PostgresLocation(url: url, environment: [:]), logger: logger)
        let value = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first?
            .decode(Int.self)
        try await connection.close()
        return value ?? 0
    }

    static func connect(_ location: PostgresLocation, logger: Logger) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: .disable),
            id: 0, logger: logger)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
