import Foundation
import Orders
import Profiles
import Store
import TestSupport
import Testing

@testable import Feeds

/// HTTPS with a test CA made by `openssl` for the test: verification is on, the CA bundle is configurable, and a
/// client certificate is presented when the credentials name one.
@Suite("Delivery over HTTPS")
struct TLSDeliveryTests {
    @Test("a server whose certificate no trusted CA signed is refused before anything is sent")
    func untrustedServerRefused() throws {
        let certificates = try TestCertificates()
        let server = try ScriptedHTTPServer(tls: .init(certificate: certificates.server, key: certificates.serverKey))
        #expect {
            try TransferClient().perform(TransferRequest(url: server.url("/feed"), body: Array("stock".utf8)))
        } throws: { error in
            (error as? FeedError)?.kind == .tls
        }
        #expect(try server.requests().isEmpty)
    }

    @Test("with the profile's CA bundle the feed arrives over HTTPS")
    func caBundleTrusted() async throws {
        let certificates = try TestCertificates()
        let server = try ScriptedHTTPServer(tls: .init(certificate: certificates.server, key: certificates.serverKey))
        let temporary = try TemporaryStore()
        let run = try await temporary.store.recordFeedRun(feedDraft("sku,quantity\nA,1\n", at: Date()))
        let target = endpoint(server.url("/feed"), options: DeliveryOptions(caBundle: certificates.ca))
        let result = try await quickDeliverer(attempts: 1).push(
            run, name: "feed.csv", to: target, store: temporary.store, clock: ContinuousClock(), now: wallClock)
        #expect(result == .delivered(attempts: 1))
        #expect(try server.requests().map(\.bodyBytes) == [Array("sku,quantity\nA,1\n".utf8)])
    }

    @Test("a server that requires a client certificate gets the one the credentials name, and refuses none")
    func clientCertificate() async throws {
        let certificates = try TestCertificates()
        let tls = ScriptedHTTPServer.TLS(
            certificate: certificates.server, key: certificates.serverKey, clientCA: certificates.ca)
        let server = try ScriptedHTTPServer(tls: tls)
        let temporary = try TemporaryStore()
        let options = DeliveryOptions(caBundle: certificates.ca)

        let bare = try await temporary.store.recordFeedRun(feedDraft("without", at: Date(), node: "EWR1"))
        let refused = try await quickDeliverer(attempts: 1).push(
            bare, name: "feed.csv", to: endpoint(server.url("/feed"), options: options), store: temporary.store,
            clock: ContinuousClock(), now: wallClock)
        #expect(refused == .failed(attempts: 1))

        let run = try await temporary.store.recordFeedRun(feedDraft("with", at: Date(), node: "ORD1"))
        let target = endpoint(
            server.url("/feed"), credentials: ["client-certificate": "FEED_CERT", "client-key": "FEED_CERT_KEY"],
            options: options)
        let deliverer = quickDeliverer(
            attempts: 1, environment: ["FEED_CERT": certificates.client, "FEED_CERT_KEY": certificates.clientKey])
        let result = try await deliverer.push(
            run, name: "feed.csv", to: target, store: temporary.store, clock: ContinuousClock(), now: wallClock)
        #expect(result == .delivered(attempts: 1))
        #expect(try server.requests().map { String(decoding: $0.bodyBytes, as: UTF8.self) } == ["with"])
    }
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate it signed, made by `openssl` in a temporary
/// folder.
final class TestCertificates {
    let folder: URL
    var ca: String { path("ca.pem") }
    var server: String { path("server.pem") }
    var serverKey: String { path("server.key") }
    var client: String { path("client.pem") }
    var clientKey: String { path("client.key") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-tls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "subjectAltName=IP:127.0.0.1\n".write(
            to: folder.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        try "extendedKeyUsage=clientAuth\n".write(
            to: folder.appendingPathComponent("client.ext"), atomically: true, encoding: .utf8)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(
            ["req", "-x509"] + curve + [
                "-keyout", path("ca.key"), "-out", ca, "-days", "2", "-subj", "/CN=dropgate test CA",
            ])
        for (name, subject) in [("server", "/CN=127.0.0.1"), ("client", "/CN=dropgate")] {
            try openssl(
                ["req"] + curve + ["-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject])
            try openssl([
                "x509", "-req", "-in", path("\(name).csr"), "-CA", ca, "-CAkey", path("ca.key"), "-CAcreateserial",
                "-out", path("\(name).pem"), "-days", "2", "-extfile", path("\(name).ext"),
            ])
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func openssl(_ arguments: [String]) throws {
        let errors = path("openssl-errors.txt")
        let status = try SpawnedServer(["/usr/bin/openssl"] + arguments, capturesOutput: false, errorFile: errors)
            .waitForExit()
        guard status == 0 else {
            let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw SpawnError("openssl \(arguments.joined(separator: " ")) failed (\(status)): \(said)")
        }
    }
}
