import Foundation
import Orders
import Profiles
import Store
import Testing

@testable import Feeds

/// Feeds over SFTP to Debian's OpenSSH server, started on a free loopback port by the test.
@Suite("Delivery over SFTP", .serialized)
struct SFTPDeliveryTests {
    @Test("with the user's key and the server's key in known_hosts, the feed arrives in the expected folder")
    func arrives() async throws {
        let server = try LocalSFTPServer()
        let temporary = try TemporaryStore()
        let body = "ISA*00*~" + String(repeating: "LIN**SK*HP-10001~QTY*33*4~", count: 2_000)
        let run = try await temporary.store.recordFeedRun(feedDraft(body, at: Date()))
        let target = endpoint(
            server.url("inbound/846/"), credentials: ["username": "SFTP_USER", "key": "SFTP_KEY"],
            options: DeliveryOptions(knownHosts: server.knownHosts))
        let deliverer = quickDeliverer(environment: ["SFTP_USER": server.user, "SFTP_KEY": server.clientKey])
        let result = try await deliverer.push(
            run, name: "walmart-EWR1.x12", to: target, store: temporary.store, clock: ContinuousClock(),
            now: wallClock)
        #expect(result == .delivered(attempts: 1))
        let arrived = server.root.appendingPathComponent("inbound/846/walmart-EWR1.x12")
        #expect(FileManager.default.contents(atPath: arrived.path).map(Array.init) == Array(body.utf8))
        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.map(\.outcome) == [.delivered])
        #expect(ledger.map(\.status) == [0])
        #expect(ledger.first?.bytes == body.utf8.count)
    }

    @Test(
        "a host key other than the one known_hosts lists, or none listed, is refused and nothing is written",
        arguments: [true, false])
    func wrongHostKeyRefused(listsAnotherKey: Bool) async throws {
        let server = try LocalSFTPServer()
        let temporary = try TemporaryStore()
        let knownHosts: String
        if listsAnotherKey {
            knownHosts = server.wrongKnownHosts
        } else {
            knownHosts = server.folder.appendingPathComponent("empty_known_hosts").path
            FileManager.default.createFile(atPath: knownHosts, contents: Data())
        }
        let run = try await temporary.store.recordFeedRun(feedDraft("secret stock", at: Date()))
        let target = endpoint(
            server.url("inbound/"), credentials: ["username": "SFTP_USER", "key": "SFTP_KEY"],
            options: DeliveryOptions(knownHosts: knownHosts))
        let deliverer = quickDeliverer(environment: ["SFTP_USER": server.user, "SFTP_KEY": server.clientKey])
        let result = try await deliverer.push(
            run, name: "feed.x12", to: target, store: temporary.store, clock: ContinuousClock(), now: wallClock)
        #expect(result == .failed(attempts: 1))
        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.first?.error?.contains("host key") == true)
        #expect(!FileManager.default.fileExists(atPath: server.root.appendingPathComponent("inbound/feed.x12").path))
    }

    @Test("a wrong user key is refused as a login failure")
    func wrongUserKey() throws {
        let server = try LocalSFTPServer()
        let request = TransferRequest(
            url: server.url("x.txt"), method: .put, body: Array("x".utf8),
            credentials: .sshKey(
                user: server.user, privateKeyPath: server.folder.appendingPathComponent("other_host_ed25519").path,
                publicKeyPath: ""),
            security: TransferSecurity(knownHosts: server.knownHosts))
        #expect {
            try TransferClient().perform(request)
        } throws: { error in
            (error as? FeedError)?.kind == .loginDenied
        }
    }
}
