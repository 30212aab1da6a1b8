import Foundation
import Glibc
import Synchronization
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `dropgate serve` on a free port of loopback, over a store the test names, and an HTTP client for it.
final class ServeProcess: Sendable {
    let server: SpawnedServer
    let port: Int
    let errorFile: URL
    let database: String
    /// Every reply this process gave the test, for `openAPIProblems()`.
    private let replies = Mutex<[String]>([])

    /// Starts `dropgate serve --port 0` with the sample world (or `world` options) and waits until it listens.
    init(database: String, folder: URL, world: [String] = IngestWorld.options, extra: [String] = []) throws {
        self.database = database
        errorFile = folder.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
        let arguments =
            [try DropgateCommand.executable.path, "serve", "--port", "0", "--db", database, "--at", IngestWorld.at]
            + world + extra
            // The sample profiles send to placeholder hosts: no delivery loop unless a test asks for one.
            + (extra.contains("--deliver-every") ? [] : ["--deliver-every", "0"])
        server = try SpawnedServer(arguments, capturesOutput: true, errorFile: errorFile.path)
        guard let line = server.readLine(), let range = line.range(of: "://127.0.0.1:"),
            let port = Int(line[range.upperBound...])
        else {
            let log = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw SpawnError("dropgate serve did not start listening: \(log)")
        }
        self.port = port
    }

    /// What the service wrote to standard error (its log).
    var log: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Sends a signal; `stop()` when the test is done with it.
    func signal(_ number: Int32) { kill(server.pid, number) }

    func waitForExit() -> Int32 { server.waitForExit() }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object (an empty one when it is not).
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    func request(
        _ method: String, _ path: String, key: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        let reply = try await Self.request(
            method, "http://127.0.0.1:\(port)\(path)", key: key, body: body, headers: headers)
        let record: [String: Any] = [
            "method": method, "path": path, "status": reply.status, "contentType": reply.headers["content-type"] ?? "",
            "body": reply.text,
        ]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        replies.withLock { $0.append(line) }
        return reply
    }

    /// A request whose redirect is not followed (URLSession follows a 303 by itself): through python3's
    /// http.client, and recorded for `openAPIProblems()` like `request`.
    func requestWithoutRedirects(
        _ method: String, _ path: String, key: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:]
    ) throws -> Reply {
        var fields = headers
        if let key { fields["Authorization"] = "Bearer \(key)" }
        let script = """
            import http.client, json, sys
            connection = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
            body = sys.stdin.buffer.read()
            connection.request(sys.argv[2], sys.argv[3], body=body if body else None, headers=json.loads(sys.argv[4]))
            answer = connection.getresponse()
            print(json.dumps({"status": answer.status, "headers": [[k.lower(), v] for k, v in answer.getheaders()],
                              "body": answer.read().decode("utf-8", "replace")}))
            """
        let fieldsJSON = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        let result = try DropgateCommand.run(
            ["python3", "-c", script, String(port), method, path, fieldsJSON], stdin: body ?? [],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            let status = object["status"] as? Int, let pairs = object["headers"] as? [[String]],
            let text = object["body"] as? String
        else { throw SpawnError("\(method) \(path) without redirects failed: \(result.stderr)") }
        var replyHeaders: [String: String] = [:]
        for pair in pairs where pair.count == 2 {
            // Set-Cookie may come more than once; the pages set one.
            replyHeaders[pair[0]] = replyHeaders[pair[0]].map { $0 + ", " + pair[1] } ?? pair[1]
        }
        let reply = Reply(status: status, headers: replyHeaders, body: Array(text.utf8))
        let record: [String: Any] = [
            "method": method, "path": path, "status": status, "contentType": replyHeaders["content-type"] ?? "",
            "body": text,
        ]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        replies.withLock { $0.append(line) }
        return reply
    }

    /// Every reply of this process checked against `api/openapi.yaml` (Tests/TestSupport/openapi_check.py): an
    /// undocumented operation, status or content type, or a JSON body its schema refuses, is a problem.
    func openAPIProblems() throws -> [String] {
        let log = errorFile.deletingLastPathComponent().appendingPathComponent("replies-\(UUID()).jsonl")
        let lines = replies.withLock { $0 }
        try Data(lines.joined(separator: "\n").utf8).write(to: log)
        let root = DropgateCommand.packageRoot
        let result = try DropgateCommand.run(
            [
                "python3", root.appendingPathComponent("Tests/TestSupport/openapi_check.py").path,
                root.appendingPathComponent("api/openapi.yaml").path, log.path,
            ], executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard result.status == 0 || result.status == 1 else {
            return ["the OpenAPI check did not run: \(result.status) \(result.stderr)"]
        }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    static func request(
        _ method: String, _ url: String, key: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: fields, body: Array(data))
    }

    /// Polls `GET /v1/documents/{id}` until the document is finished; its last answer.
    func finished(_ id: Int, key: String, timeout: TimeInterval = 60) async throws -> Reply {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try await request("GET", "/v1/documents/\(id)", key: key)
            if reply.json["finished"] as? Bool == true || Date() > deadline { return reply }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// Keys made with the real commands, as a partner or a member of staff receives them.
enum ServiceKeys {
    /// `dropgate partners add ID` (or `tokens add ROLE --name NAME`): the token it printed once.
    static func issue(_ arguments: [String], database: String) throws -> String {
        let result = try DropgateCommand.run(arguments + ["--db", database])
        guard result.status == 0,
            let range = result.stdout.range(of: #"dg_[0-9a-f]{12}_[A-Za-z0-9_-]+"#, options: .regularExpression)
        else {
            throw DropgateCommand.Missing(
                description: "\(arguments): \(result.status) \(result.stdout) \(result.stderr)")
        }
        return String(result.stdout[range])
    }

    static func partner(_ id: String, database: String) throws -> String {
        try issue(["partners", "add", id] + IngestWorld.options.prefix(2), database: database)
    }

    static func staff(_ role: String, name: String, database: String) throws -> String {
        try issue(["tokens", "add", role, "--name", name], database: database)
    }
}
