import Foundation
import TestSupport

/// A real HTTP server on 127.0.0.1 (Python's `http.server`), started for a test and stopped after it. It answers
/// every POST or PUT with `201` and a JSON echo of what it received; `/slow` waits 5 s first; `/status/NNN` answers
/// with that status.
final class LocalHTTPServer {
    let port: Int
    /// Stopped (SIGKILL) when the last reference goes.
    private let server: SpawnedServer

    static let script = #"""
        import base64, json, sys, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Echo(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def handle_upload(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if self.path == "/slow":
                    time.sleep(5)
                status = int(self.path.split("/")[2]) if self.path.startswith("/status/") else 201
                answer = json.dumps({
                    "method": self.command,
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": base64.b64encode(body).decode(),
                }).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Received-Bytes", str(len(body)))
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            do_POST = handle_upload
            do_PUT = handle_upload

        server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    init() throws {
        let server: SpawnedServer
        do {
            server = try SpawnedServer(["/usr/bin/env", "python3", "-c", LocalHTTPServer.script], capturesOutput: true)
        } catch {
            throw ServerError("could not start python3 for the test HTTP server: \(error)")
        }
        // The first line is the port the server bound.
        guard let port = server.readLine().flatMap({ Int($0) }) else {
            throw ServerError("the test HTTP server did not report its port (python3 with http.server is required)")
        }
        self.port = port
        self.server = server
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// What the echo server says it received.
struct Echo: Decodable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String

    var bodyBytes: [UInt8] { Data(base64Encoded: body).map { Array($0) } ?? [] }
}
