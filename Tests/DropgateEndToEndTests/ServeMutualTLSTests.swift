import Foundation
import TestSupport
import Testing

/// Certificates made with the `openssl` command for one test: a CA that signs partners' client certificates and
/// the service's own (for 127.0.0.1), and a second CA no one trusts.
struct TestCertificates {
    let folder: URL

    init(in folder: URL) throws {
        self.folder = folder.appendingPathComponent("tls")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        try authority("ca")
        try authority("rogue")
        try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: file("server.ext"))
        try signed("server", by: "ca", subject: "/CN=127.0.0.1", extensions: file("server.ext").path)
        try signed("walmart", by: "ca", subject: "/O=Walmart/CN=walmart")
        try signed("amazon", by: "ca", subject: "/O=Amazon/CN=amazon")
        try signed("walmart-rogue", by: "rogue", subject: "/O=Walmart/CN=walmart")
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
    func certificate(_ name: String) -> String { file("\(name).pem").path }
    func key(_ name: String) -> String { file("\(name).key").path }

    private func authority(_ name: String) throws {
        try openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=\(name) test CA",
            "-keyout", key(name), "-out", certificate(name),
        ])
    }

    private func signed(_ name: String, by authority: String, subject: String, extensions: String? = nil) throws {
        try openssl([
            "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key(name), "-out",
            file("\(name).csr").path,
        ])
        try openssl(
            [
                "x509", "-req", "-in", file("\(name).csr").path, "-CA", certificate(authority), "-CAkey",
                key(authority), "-CAcreateserial", "-days", "2", "-out", certificate(name),
            ] + (extensions.map { ["-extfile", $0] } ?? []))
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try DropgateCommand.run(
            ["openssl"] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard result.status == 0 else {
            throw DropgateCommand.Missing(description: "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }
}

@Suite("dropgate serve terminating mutual TLS itself")
struct ServeMutualTLSTests {
    /// A request over TLS through python3's `ssl`, trusting `ca`, presenting `certificate` (and its key) when
    /// given: the status, or nil when the connection was refused (the handshake failed, or was cut).
    static func request(
        port: Int, ca: String, certificate: String?, key: String?, token: String, method: String = "POST",
        path: String, body: [UInt8] = []
    ) throws -> (status: Int?, detail: String) {
        let script = """
            import http.client, ssl, sys
            context = ssl.create_default_context(cafile=sys.argv[2])
            if sys.argv[3]:
                context.load_cert_chain(sys.argv[3], sys.argv[4])
            connection = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=context, timeout=30)
            try:
                body = sys.stdin.buffer.read()
                connection.request(sys.argv[5], sys.argv[6], body=body or None,
                                   headers={"Authorization": "Bearer " + sys.argv[7]})
                answer = connection.getresponse()
                print(answer.status)
                print(answer.read().decode("utf-8", "replace"))
            except (ssl.SSLError, ConnectionError, OSError) as error:
                print("refused")
                print(type(error).__name__, error)
            """
        let result = try DropgateCommand.run(
            [
                "python3", "-c", script, String(port), ca, certificate ?? "", key ?? "", method, path, token,
            ], stdin: body, executable: URL(fileURLWithPath: "/usr/bin/env"))
        let lines = result.stdout.split(separator: "\n", maxSplits: 1).map(String.init)
        guard result.status == 0, let first = lines.first else {
            throw DropgateCommand.Missing(description: "the TLS client did not run: \(result.stderr)")
        }
        return (Int(first), lines.count > 1 ? lines[1] : "")
    }

    @Test(
        "a partner posts only with its own key and a client certificate our CA signed for it; no certificate, another CA's, or another partner's is refused, and nothing is kept"
    )
    func partnerCertificates() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let certificates = try TestCertificates(in: world.folder)
        let database = try world.store("tls.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder,
            extra: [
                "--tls-certificate", certificates.certificate("server"), "--tls-key", certificates.key("server"),
                "--tls-client-ca", certificates.certificate("ca"),
            ])
        defer { serve.server.stop() }
        let order = try ServeTests.fixture("walmart-20261124-0600.x12")
        let path = "/v1/partners/walmart/documents"
        let ca = certificates.certificate("ca")
        func post(as name: String?) throws -> (status: Int?, detail: String) {
            try Self.request(
                port: serve.port, ca: ca, certificate: name.map(certificates.certificate),
                key: name.map(certificates.key), token: walmart, path: path, body: order)
        }
        func kept() throws -> Int {
            try StoreInspector(URL(fileURLWithPath: database)).integer("SELECT count(*) FROM inbound_document")
        }

        let none = try post(as: nil)
        #expect(none.status == nil, "no client certificate: \(none)")
        let rogue = try post(as: "walmart-rogue")
        #expect(rogue.status == nil, "a certificate another CA signed: \(rogue)")
        let stolen = try post(as: "amazon")
        #expect(stolen.status == 403, "walmart's key with amazon's certificate: \(stolen)")
        #expect(stolen.detail.contains("amazon"), "\(stolen.detail)")
        #expect(try kept() == 0)

        let own = try post(as: "walmart")
        #expect(own.status == 202, "\(own)")
        #expect(try kept() == 1)
        // Staff tokens are not asked for a partner's certificate (the connection still needs one our CA signed).
        let status = try Self.request(
            port: serve.port, ca: ca, certificate: certificates.certificate("amazon"), key: certificates.key("amazon"),
            token: admin, method: "GET", path: "/v1/status")
        #expect(status.status == 200, "\(status)")
        // Plain HTTP to the TLS port gets no answer.
        let plain = try? await serve.request("GET", "/healthz")
        #expect(plain == nil || plain?.status != 200)
    }

    @Test("a TLS file that is missing or not PEM stops the service at start with exit 2, saying which")
    func badFiles() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let certificates = try TestCertificates(in: world.folder)
        let database = try world.store("tls-bad.sqlite").path
        let notPEM = world.folder.appendingPathComponent("not.pem")
        try Data("hello".utf8).write(to: notPEM)
        let missing = try DropgateCommand.run(
            [
                "serve", "--port", "0", "--db", database, "--deliver-every", "0", "--tls-certificate",
                "/nonexistent/server.pem", "--tls-key", certificates.key("server"),
            ] + IngestWorld.options)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/server.pem"), "\(missing.stderr)")
        let garbage = try DropgateCommand.run(
            [
                "serve", "--port", "0", "--db", database, "--deliver-every", "0", "--tls-certificate",
                notPEM.path, "--tls-key", certificates.key("server"),
            ] + IngestWorld.options)
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("not.pem: not a certificate chain in PEM"), "\(garbage.stderr)")
        let alone = try DropgateCommand.run(
            ["serve", "--port", "0", "--db", database, "--tls-client-ca", certificates.certificate("ca")]
                + IngestWorld.options)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("tls-client-ca asks for mutual TLS"), "\(alone.stderr)")
    }
}
