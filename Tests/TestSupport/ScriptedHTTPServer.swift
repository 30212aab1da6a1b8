import Foundation
import Glibc

/// A real HTTP server on 127.0.0.1 (Python's `http.server`) that answers each path from a script, for fault
/// injection: every request to a path takes that path's next step; when the steps run out it answers `201`. Every
/// request is logged, in the order the server saw them, with what the server did about it.
public final class ScriptedHTTPServer {
    /// One answer.
    public enum Step: Encodable, Sendable {
        /// Answer with this status (and a Retry-After header, when given).
        case status(Int, retryAfter: String? = nil)
        /// Read the request, say nothing for this many seconds, then close the connection without an answer (a
        /// client with a shorter timeout has given up by then).
        case hang(seconds: Double)
        /// Read the request, wait this many seconds, then answer 201: a slow but successful transfer.
        case delay(seconds: Double)
        /// Read half the body, then close the connection without an answer.
        case drop

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            switch self {
            case .status(let status, let retryAfter):
                try container.encode(status, forKey: .status)
                try container.encodeIfPresent(retryAfter, forKey: .retryAfter)
            case .hang(let seconds): try container.encode(seconds, forKey: .hang)
            case .delay(let seconds): try container.encode(seconds, forKey: .delay)
            case .drop: try container.encode(true, forKey: .drop)
            }
        }

        enum Key: String, CodingKey {
            case status, hang, delay, drop
            case retryAfter = "retry_after"
        }
    }

    /// What the server saw and did, one request.
    public struct Request: Decodable, Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: String
        /// The status it answered, or `dropped`.
        public var outcome: String

        public var bodyBytes: [UInt8] { Data(base64Encoded: body).map { Array($0) } ?? [] }
        public var accepted: Bool { outcome.hasPrefix("2") }
    }

    public let port: Int
    private let server: SpawnedServer
    private let folder: URL
    private let logFile: URL

    static let script = #"""
        import base64, json, socket, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        scripts = json.loads(sys.argv[1])
        log_path = sys.argv[2]
        lock = threading.Lock()

        def next_step(path):
            with lock:
                steps = scripts.get(path, [])
                return steps.pop(0) if steps else {"status": 201}

        def log(handler, body, outcome):
            entry = {
                "method": handler.command, "path": handler.path,
                "headers": {k.lower(): v for k, v in handler.headers.items()},
                "body": base64.b64encode(body).decode(), "outcome": outcome,
            }
            with lock:
                with open(log_path, "a") as f:
                    f.write(json.dumps(entry) + "\n")

        class Scripted(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def handle_upload(self):
                step = next_step(self.path)
                length = int(self.headers.get("Content-Length", "0"))
                if step.get("drop"):
                    body = self.rfile.read(length // 2)
                    log(self, body, "dropped")
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                body = self.rfile.read(length)
                if "hang" in step:
                    time.sleep(step["hang"])
                    log(self, body, "hung")
                    self.close_connection = True
                    return
                if "delay" in step:
                    time.sleep(step["delay"])
                status = step.get("status", 201)
                log(self, body, str(status))
                answer = json.dumps({"received": len(body)}).encode()
                self.send_response(status)
                if "retry_after" in step:
                    self.send_header("Retry-After", step["retry_after"])
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            do_POST = handle_upload
            do_PUT = handle_upload

        server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
        server.daemon_threads = True
        if len(sys.argv) > 3:
            import ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[3], sys.argv[4])
            if len(sys.argv) > 5:
                context.verify_mode = ssl.CERT_REQUIRED
                context.load_verify_locations(sys.argv[5])
            server.socket = context.wrap_socket(server.socket, server_side=True)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// Starts the server with `scripts` (path → steps); throws, saying why, when it cannot.
    /// HTTPS instead of HTTP: the server's certificate and key (PEM), and the CA a client certificate must be signed
    /// by when one is required.
    public struct TLS: Sendable {
        public var certificate: String
        public var key: String
        public var clientCA: String?

        public init(certificate: String, key: String, clientCA: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
        }
    }

    /// Whether it speaks HTTPS.
    public let scheme: String

    public init(scripts: [String: [Step]] = [:], tls: TLS? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-http-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        logFile = folder.appendingPathComponent("requests.jsonl")
        let scriptText = String(decoding: try JSONEncoder().encode(scripts), as: UTF8.self)
        let server = try SpawnedServer(
            ["/usr/bin/env", "python3", "-c", ScriptedHTTPServer.script, scriptText, logFile.path]
                + (tls.map { [$0.certificate, $0.key] + ($0.clientCA.map { [$0] } ?? []) } ?? []),
            capturesOutput: true)
        // The first line is the port the server bound.
        guard let line = server.readLine(), let port = Int(line) else {
            throw ScriptedServerError(
                "the scripted HTTP server did not report its port (python3 with http.server is required)")
        }
        self.port = port
        self.server = server
        scheme = tls == nil ? "http" : "https"
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    public func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    /// Every request so far, in the order the server logged them.
    public func requests() throws -> [Request] {
        guard FileManager.default.fileExists(atPath: logFile.path) else { return [] }
        let text = try String(contentsOf: logFile, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }
}

/// The scripted server could not start.
public struct ScriptedServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
