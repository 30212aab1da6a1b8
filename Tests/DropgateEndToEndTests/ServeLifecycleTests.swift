import Foundation
import Glibc
import TestSupport
import Testing

/// `dropgate serve` over its life: reloads that refuse a bad edit, a graceful stop that loses nothing answered,
/// and several processes sharing one PostgreSQL.
@Suite("serve: reloads, shutdown, several processes", .serialized)
struct ServeLifecycleTests {
    /// The sample world with the profiles (and the XML mappings they name, by relative paths) copied into
    /// `folder`, so that a test may edit them.
    static func editableWorld(in folder: URL) throws -> (options: [String], profiles: URL) {
        let profiles = folder.appendingPathComponent("profiles")
        let root = DropgateCommand.packageRoot
        try FileManager.default.copyItem(at: root.appendingPathComponent("retailer-profiles"), to: profiles)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("fixtures"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("fixtures/xml-mappings"),
            to: folder.appendingPathComponent("fixtures/xml-mappings"))
        var options = IngestWorld.options
        options[1] = profiles.path
        return (options, profiles)
    }

    static func status(_ serve: ServeProcess, admin: String) async throws -> [String: Any] {
        let reply = try await serve.request("GET", "/v1/status", key: admin)
        #expect(reply.status == 200, "\(reply.text)")
        return reply.json
    }

    @Test("a broken profile edit is refused and the old set keeps deciding; a good edit takes effect without a restart")
    func reload() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("reload.sqlite").path
        let (options, profiles) = try Self.editableWorld(in: world.folder)
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder, world: options)
        defer { serve.server.stop() }
        let before = try await Self.status(serve, admin: admin)
        #expect((before["profiles"] as? [String])?.contains("walmart") == true)

        // A broken edit, announced with SIGHUP: refused, reported, and Walmart's orders are still decided.
        let walmartFile = profiles.appendingPathComponent("walmart.yaml")
        let original = try String(contentsOf: walmartFile, encoding: .utf8)
        try (original + "\nack-within: [unclosed\n").write(to: walmartFile, atomically: true, encoding: .utf8)
        serve.signal(SIGHUP)
        var refused: [String: Any] = [:]
        for _ in 0..<100 {
            refused = try await Self.status(serve, admin: admin)
            if refused["refusedEdit"] != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let problems = try #require(refused["refusedEdit"] as? [String], "\(refused)")
        #expect(problems.contains { $0.contains("walmart.yaml") }, "\(problems)")
        #expect((refused["profiles"] as? [String])?.contains("walmart") == true)
        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart,
            body: try ServeTests.fixture("walmart-20261124-0600.x12"))
        #expect(posted.status == 202)
        let id = try #require(posted.json["document"] as? Int)
        #expect(try await serve.finished(id, key: walmart).json["status"] as? String == "accepted")
        let metrics = try await serve.request("GET", "/metrics").text
        #expect(metrics.contains("dropgate_world_edit_refused 1"), "\(metrics)")

        // A good edit, found by the watcher without a signal: a new retailer's profile is served.
        try original.write(to: walmartFile, atomically: true, encoding: .utf8)
        let harbor = try String(contentsOf: profiles.appendingPathComponent("harbormkt.yaml"), encoding: .utf8)
        #expect(harbor.contains("id: harbormkt"))
        var after: [String: Any] = [:]
        for _ in 0..<200 {
            after = try await Self.status(serve, admin: admin)
            if after["refusedEdit"] == nil, (after["reloads"] as? Int ?? 0) >= 1 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(after["refusedEdit"] == nil, "\(after)")
        #expect((after["reloads"] as? Int ?? 0) >= 1)
        let undocumented = try serve.openAPIProblems()
        #expect(undocumented.isEmpty, "\(undocumented.joined(separator: "\n"))")
    }

    @Test("SIGTERM during a burst of posts: every document answered 202 is finished, none half written")
    func gracefulShutdown() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("shutdown.sqlite")
        let walmart = try ServiceKeys.partner("walmart", database: database.path)
        let serve = try ServeProcess(database: database.path, folder: world.folder)
        defer { serve.server.stop() }
        var generator = PurchaseOrderGenerator(seed: 20, catalog: try SampleCatalog.load())
        let bodies = (0..<60).map { _ in generator.interchange(for: .walmart, orders: 1).bytes }
        let accepted = Accepted()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for body in bodies {
                group.addTask {
                    guard
                        let reply = try? await serve.request(
                            "POST", "/v1/partners/walmart/documents", key: walmart, body: body),
                        reply.status == 202, let id = reply.json["document"] as? Int
                    else { return }
                    accepted.add(id)
                }
            }
            // The stop comes once the burst is under way: some posts answered, others in flight or not yet sent.
            group.addTask {
                while accepted.ids.count < 10 { try await Task.sleep(for: .milliseconds(2)) }
                serve.signal(SIGTERM)
            }
            try await group.waitForAll()
        }
        #expect(serve.waitForExit() == 0, "\(serve.log)")
        let ids = accepted.ids
        #expect(!ids.isEmpty, "no post was answered 202 before the stop")
        let store = StoreInspector(database)
        let unfinished = try store.integer(
            "SELECT count(*) FROM inbound_document WHERE status = 'received' AND id IN (\(ids.map(String.init).joined(separator: ",")))"
        )
        #expect(unfinished == 0, "answered 202 but not finished: \(unfinished) of \(ids.count)")
        #expect(try store.integer("SELECT count(DISTINCT document_id) FROM purchase_order") == ids.count)
    }

    @Test("a file dropped into the watched inbox is decided once and moved to processed/; garbage to failed/")
    func watchedInbox() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("inbox.sqlite").path
        let inbox = world.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, extra: ["--inbox", inbox.path])
        defer { serve.server.stop() }
        try Data(try ServeTests.fixture("walmart-20261124-0600.x12")).write(
            to: inbox.appendingPathComponent("walmart.x12"))
        try Data("not an interchange".utf8).write(to: inbox.appendingPathComponent("junk.x12"))
        let processed = inbox.appendingPathComponent("processed/walmart.x12")
        let failed = inbox.appendingPathComponent("failed/junk.x12")
        for _ in 0..<200 {
            if FileManager.default.fileExists(atPath: processed.path),
                FileManager.default.fileExists(atPath: failed.path)
            {
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(FileManager.default.fileExists(atPath: processed.path), "\(serve.log)")
        #expect(FileManager.default.fileExists(atPath: failed.path))
        #expect(!FileManager.default.fileExists(atPath: inbox.appendingPathComponent("walmart.x12").path))
        let orders = try await serve.request("GET", "/v1/orders", key: admin).json["orders"] as? [[String: Any]]
        #expect(orders?.count == 4)
        let metrics = try await serve.request("GET", "/metrics").text
        #expect(metrics.contains(#"dropgate_documents_received_total{partner="inbox""#), "\(metrics)")
        // The dropped file is Walmart's (its ISA sender): Walmart reads it through the API, Amazon may not.
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let amazon = try ServiceKeys.partner("amazon", database: database)
        let document = try #require(orders?.first?["document"] as? Int)
        let own = try await serve.request("GET", "/v1/documents/\(document)", key: walmart)
        #expect(own.status == 200, "\(own.text)")
        #expect(own.json["partner"] as? String == "walmart")
        #expect(own.json["origin"] as? String == "walmart.x12")
        #expect(try await serve.request("GET", "/v1/documents/\(document)", key: amazon).status == 403)
        let problems = try serve.openAPIProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("two serve processes over one PostgreSQL: posts to both are decided once, readable through either")
    func twoProcessesOnPostgres() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let postgres = try await TemporaryPostgres.shared.database()
        try IngestWorld.importInventory(db: postgres.url)
        let walmart = try ServiceKeys.partner("walmart", database: postgres.url)
        let first = try ServeProcess(database: postgres.url, folder: world.folder)
        defer { first.server.stop() }
        let second = try ServeProcess(database: postgres.url, folder: world.folder)
        defer { second.server.stop() }
        var generator = PurchaseOrderGenerator(seed: 21, catalog: try SampleCatalog.load())
        let bodies = (0..<20).map { _ in generator.interchange(for: .walmart, orders: 2).bytes }
        var ids: [Int] = []
        for (index, body) in bodies.enumerated() {
            let serve = index.isMultiple(of: 2) ? first : second
            let reply = try await serve.request("POST", "/v1/partners/walmart/documents", key: walmart, body: body)
            #expect(reply.status == 202, "\(reply.text)")
            ids.append(try #require(reply.json["document"] as? Int))
        }
        for (index, id) in ids.enumerated() {
            // Each document read through the other process.
            let serve = index.isMultiple(of: 2) ? second : first
            #expect(try await serve.finished(id, key: walmart).json["finished"] as? Bool == true)
        }
        let orders = try await first.request("GET", "/v1/orders", key: walmart).json["orders"] as? [[String: Any]]
        #expect(orders?.count == 40)
        let inspector = PostgresInspector(postgres)
        #expect(try inspector.integer("SELECT count(*) FROM purchase_order") == 40)
        #expect(try inspector.integer("SELECT count(*) FROM outbox WHERE kind = '855'") == 40)
        for serve in [first, second] {
            let problems = try serve.openAPIProblems()
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }
}

/// The ids answered 202, from many tasks.
final class Accepted: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func add(_ id: Int) { lock.withLock { values.append(id) } }
    var ids: [Int] { lock.withLock { values } }
}
