import Foundation
import Testing

@testable import Feeds

@Suite("libcurl transfers to real destinations")
struct TransferClientTests {
    let client = TransferClient()

    @Test("a POST reaches a local HTTP server with its body and headers intact")
    func postReachesServer() throws {
        let server = try LocalHTTPServer()
        let body = Array("ISA*00*          *00*          *ZZ*HARBORPINE     ~".utf8) + (0..<200_000).map { UInt8($0 % 251) }
        let response = try client.perform(
            TransferRequest(
                url: server.url("/feeds/846"), method: .post,
                headers: [.init("Content-Type", "application/edi-x12"), .init("X-Partner", "walmart")], body: body))
        #expect(response.status == 201)
        #expect(response.header("x-received-bytes") == String(body.count))
        #expect(response.bytesSent == body.count)
        let echo = try JSONDecoder().decode(Echo.self, from: Data(response.body))
        #expect(echo.method == "POST")
        #expect(echo.path == "/feeds/846")
        #expect(echo.headers["content-type"] == "application/edi-x12")
        #expect(echo.headers["x-partner"] == "walmart")
        #expect(echo.headers["expect"] == nil)
        #expect(echo.bodyBytes == body)
    }

    @Test("a PUT with basic credentials sends them as an Authorization header")
    func putWithBasicAuth() throws {
        let server = try LocalHTTPServer()
        let response = try client.perform(
            TransferRequest(
                url: server.url("/inventory.csv"), method: .put, body: Array("sku,qty\nHP-10001,4\n".utf8),
                credentials: .basic(user: "harbor", password: "s3cret")))
        let echo = try JSONDecoder().decode(Echo.self, from: Data(response.body))
        #expect(echo.method == "PUT")
        #expect(echo.headers["authorization"] == "Basic " + Data("harbor:s3cret".utf8).base64EncodedString())
        #expect(String(decoding: echo.bodyBytes, as: UTF8.self) == "sku,qty\nHP-10001,4\n")
    }

    @Test("an error status is returned, not thrown, so the caller can decide to retry")
    func errorStatusIsReturned() throws {
        let server = try LocalHTTPServer()
        let response = try client.perform(TransferRequest(url: server.url("/status/503"), body: [1, 2, 3]))
        #expect(response.status == 503)
        #expect(!response.isSuccess)
    }

    @Test("a destination slower than the timeout fails with timedOut")
    func slowServerTimesOut() throws {
        let server = try LocalHTTPServer()
        let start = ContinuousClock.now
        #expect {
            try client.perform(TransferRequest(url: server.url("/slow"), body: [1], timeout: .milliseconds(700)))
        } throws: { error in
            (error as? FeedError)?.kind == .timedOut
        }
        #expect(ContinuousClock.now - start < .seconds(4))
    }

    @Test("a closed port fails with couldNotConnect and names the URL without credentials")
    func closedPortFails() throws {
        let port = try freeLoopbackPort()
        do {
            _ = try client.perform(TransferRequest(url: "http://user:pw@127.0.0.1:\(port)/x", body: []))
            Issue.record("expected a connection failure")
        } catch {
            #expect(error.kind == .couldNotConnect)
            #expect(error.url == "http://127.0.0.1:\(port)/x")
            #expect(!error.description.contains("pw"))
        }
    }

    @Test("an upload to a file URL writes the file, creating missing folders")
    func fileUpload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-feeds-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("outbox/846-20261124.x12")
        let body = Array("BIA*00*MB*0001*20261124~".utf8)
        let response = try client.perform(TransferRequest(url: "file://\(target.path)", method: .put, body: body))
        #expect(response.status == 0)
        #expect(try Data(contentsOf: target) == Data(body))
    }

    @Test("schemes a feed may not use are refused before anything is sent")
    func unsupportedScheme() {
        #expect {
            try client.perform(TransferRequest(url: "gopher://127.0.0.1/x", body: []))
        } throws: { error in
            (error as? FeedError)?.kind == .unsupportedURL
        }
    }

    @Test("send runs the transfer without blocking the caller's task")
    func asyncSend() async throws {
        let server = try LocalHTTPServer()
        let response = try await client.send(TransferRequest(url: server.url("/async"), body: Array("x".utf8)))
        #expect(response.status == 201)
    }

    private func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
