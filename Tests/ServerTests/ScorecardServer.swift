import Foundation
import Logging
import Operations
import Orders
import Prometheus
import Store
import Synchronization
import Testing

@testable import Server

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `DropgateServer`, in this process on a loopback port, over a fresh SQLite store and the sample world,
/// with an injected `ScorecardSource` (or none): what `dropgate serve` will run once its source is wired. Holds an
/// admin and a warehouse key.
struct ScorecardServer {
    let port: Int
    let folder: URL
    let store: SQLiteStore
    let metrics: ServerMetrics
    let admin: String
    let warehouse: String
    let task: Task<Void, any Error>

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func start(source: ScorecardSource?, interval: Duration = .seconds(60)) async throws -> ScorecardServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dropgate-scorecard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        let now = ScorecardSample.asOf
        let admin = try await store.issueKey(for: .staff(.admin, name: "lead"), at: now).secret
        let warehouse = try await store.issueKey(for: .staff(.warehouse, name: "dock"), at: now).secret
        var settings = ServerSettings()
        settings.port = 0
        settings.deliveryInterval = nil
        settings.scorecard = source
        settings.scorecardInterval = interval
        settings.clock = { now }
        let metrics = ServerMetrics(registry: PrometheusCollectorRegistry())
        let server = DropgateServer(
            settings: settings,
            source: WorldSource(
                profiles: root.appendingPathComponent("retailer-profiles"),
                network: root.appendingPathComponent("fixtures/network.yaml"),
                catalog: root.appendingPathComponent("fixtures/items.csv")),
            store: store, metrics: metrics, logger: Logger(label: "scorecard-test") { _ in SwiftLogNoOpLogHandler() })
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { listening.finish() }
            try await server.run { listening.yield($0) }
        }
        var port: Int?
        for await first in ports {
            port = first
            break
        }
        guard let port else {
            try await task.value
            throw ScorecardServerError(description: "the server stopped before it listened")
        }
        return ScorecardServer(
            port: port, folder: folder, store: store, metrics: metrics, admin: admin, warehouse: warehouse, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        await store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var text: String
        var finalURL: String
    }

    func request(_ path: String, key: String?, headers: [String: String] = [:]) async throws -> Reply {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        var request = URLRequest(url: url)
        // The whole suite runs at once on two cores: a page may wait its turn for longer than URLSession's minute.
        request.timeoutInterval = 600
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(
            status: http.statusCode, headers: fields, text: String(decoding: data, as: UTF8.self),
            finalURL: http.url?.absoluteString ?? "")
    }
}

struct ScorecardServerError: Error, CustomStringConvertible {
    var description: String
}

/// Who asked the source what, so that a test can see the page passes the query on.
final class SourceCalls: Sendable {
    let calls = Mutex<[(month: String?, retailer: RetailerID?, asOf: Date)]>([])

    var all: [(month: String?, retailer: RetailerID?, asOf: Date)] { calls.withLock { $0 } }

    /// A source that answers `scorecard` (narrowed to the retailer asked for) and records each call.
    func source(_ scorecard: Scorecard) -> ScorecardSource {
        { month, retailer, asOf in
            self.calls.withLock { $0.append((month, retailer, asOf)) }
            var answer = scorecard
            if let month { answer.month = month }
            if let retailer { answer.retailers = answer.retailers.filter { $0.retailer == retailer } }
            return answer
        }
    }
}
