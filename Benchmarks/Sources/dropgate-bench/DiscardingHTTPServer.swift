import Foundation

/// The far end of the push figures: a local HTTP/1.1 server (Python's `http.server`, threaded) that reads each
/// request body in 1 MiB pieces, throws it away and answers 200. Started on a free loopback port; `stop()` ends it.
final class DiscardingHTTPServer {
    let port: Int
    private let process: Process

    private static let script = """
        import http.server
        class Discard(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                left = int(self.headers.get("Content-Length", "0"))
                while left > 0:
                    chunk = self.rfile.read(min(left, 1 << 20))
                    if not chunk:
                        break
                    left -= len(chunk)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            do_PUT = do_POST
            def log_message(self, *arguments):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Discard)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the push server did not start"])
        }
        self.port = port
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
