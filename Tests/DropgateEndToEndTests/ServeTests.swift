import Foundation
import Glibc
import TestSupport
import Testing

/// `dropgate serve` as partners and staff use it: the real binary on loopback, a real store, real keys.
@Suite("serve: the partner API end to end", .serialized)
struct ServeTests {
    static let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: inbox.appendingPathComponent(name)))
    }

    @Test("two partners post, read their decisions and acknowledgements; the 997s and 855s wait in the outbox")
    func twoPartners() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("serve.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let amazon = try ServiceKeys.partner("amazon", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }

        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart, body: try Self.fixture("walmart-20261124-0600.x12"))
        #expect(posted.status == 202, "\(posted.text)")
        let walmartDocument = try #require(posted.json["document"] as? Int)
        #expect(posted.headers["location"] == "/v1/documents/\(walmartDocument)")
        let other = try await serve.request(
            "POST", "/v1/partners/amazon/documents", key: amazon, body: try Self.fixture("amazon-20261124-0715.x12"))
        #expect(other.status == 202, "\(other.text)")
        let amazonDocument = try #require(other.json["document"] as? Int)

        let done = try await serve.finished(walmartDocument, key: walmart)
        #expect(done.json["status"] as? String == "accepted", "\(done.text)")
        #expect(done.json["partner"] as? String == "walmart")
        #expect(try await serve.finished(amazonDocument, key: amazon).json["finished"] as? Bool == true)

        // Each partner reads its own orders only: Walmart's four POs, Amazon's three.
        let walmartOrders =
            try await serve.request("GET", "/v1/orders", key: walmart).json["orders"] as? [[String: Any]]
        #expect(walmartOrders?.count == 4)
        #expect(Set(walmartOrders?.compactMap { $0["retailer"] as? String } ?? []) == ["walmart"])
        let amazonOrders = try await serve.request("GET", "/v1/orders", key: amazon).json["orders"] as? [[String: Any]]
        #expect(amazonOrders?.count == 3)
        let everything = try await serve.request("GET", "/v1/orders", key: admin).json["orders"] as? [[String: Any]]
        #expect(everything?.count == 7)

        // One order in full: its decision with every rule checked, its explanation and its documents.
        let orderID = try #require(walmartOrders?.first?["id"] as? Int)
        let order = try await serve.request("GET", "/v1/orders/\(orderID)", key: walmart)
        #expect(order.status == 200, "\(order.text)")
        let decision = try #require(order.json["decision"] as? [String: Any])
        #expect(decision["poNumber"] as? String == walmartOrders?.first?["poNumber"] as? String)
        #expect(decision["retailer"] as? String == "walmart")
        let documents = order.json["documents"] as? [[String: Any]] ?? []
        #expect(documents.contains { $0["kind"] as? String == "855" })
        #expect(documents.contains { $0["kind"] as? String == "pick-ticket" })
        #expect((order.json["explanation"] as? String)?.isEmpty == false)
        #expect(try await serve.request("GET", "/v1/orders/\(orderID)", key: amazon).status == 403)

        // The acknowledgement: a 997 to Walmart's interchange, accepting its group.
        let ack = try await serve.request("GET", "/v1/documents/\(walmartDocument)/ack", key: walmart)
        #expect(ack.status == 200)
        #expect(ack.text.hasPrefix("ISA*"))
        #expect(ack.text.contains("ST*997*"))
        #expect(ack.text.contains("AK1*PO*18233"))

        // The outbox holds both 997s and the seven 855s, for the deliverer.
        let outbox = try await serve.request("GET", "/v1/outbox", key: admin).json["documents"] as? [[String: Any]]
        let kinds = outbox?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.filter { $0 == "997" || $0 == "999" }.count == 2)
        #expect(kinds.filter { $0 == "855" }.count == 7)
        // Partners do not read the outbox.
        #expect(try await serve.request("GET", "/v1/outbox", key: walmart).status == 403)

        // What an operator scrapes: documents in by partner, decisions by outcome, the outbox's depth, latencies.
        let metrics = try await serve.request("GET", "/metrics").text
        #expect(metrics.contains(#"dropgate_documents_received_total{partner="walmart",format="x12"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"dropgate_decisions_total{retailer="walmart""#))
        #expect(metrics.contains(#"dropgate_outbox_documents{state="pending",kind="855"} 7"#))
        #expect(metrics.contains(#"http_server_request_duration_bucket{http_route="/v1/partners/{partner}/documents""#))

        // The rest of the API, read once each, so that every answer is checked against the document below.
        #expect(
            try await serve.request("GET", "/v1/orders?status=ship&since=2026-11-01T00:00:00Z", key: admin).status
                == 200)
        #expect(try await serve.request("GET", "/v1/orders?status=shipped", key: admin).status == 400)
        #expect(try await serve.request("GET", "/v1/orders/999999", key: admin).status == 404)
        #expect(try await serve.request("GET", "/v1/documents/abc", key: admin).status == 400)
        #expect(try await serve.request("GET", "/v1/outbox?state=pending", key: admin).status == 200)
        #expect(try await serve.request("GET", "/v1/feeds", key: admin).status == 200)
        #expect(try await serve.request("GET", "/v1/status", key: admin).status == 200)
        #expect(try await serve.request("GET", "/healthz").status == 200)
        #expect(try await serve.request("GET", "/readyz").status == 200)
        let switched = try await serve.request(
            "PUT", "/v1/dcs/EWR1", key: admin, body: Array(#"{"enabled": false, "reason": "dock flooded"}"#.utf8),
            headers: ["Content-Type": "application/json"])
        #expect(switched.status == 200, "\(switched.text)")
        #expect(switched.json["enabled"] as? Bool == false)
        #expect(try await serve.request("PUT", "/v1/dcs/NOPE1", key: admin, body: Array("{}".utf8)).status == 404)
        #expect(try await serve.request("PUT", "/v1/dcs/EWR1", key: walmart, body: Array("{}".utf8)).status == 403)
        let stock = try await serve.request(
            "POST", "/v1/inventory", key: admin, body: Array("dc,sku,on_hand,safety_stock\nEWR1,NOPE-SKU,4,0\n".utf8),
            headers: ["Content-Type": "text/csv"])
        #expect(stock.status == 422, "\(stock.text)")
        // The bin a DC keeps a SKU in, in the JSON form as in the CSV's optional column; a bad one names its row.
        let binned = try await serve.request(
            "POST", "/v1/inventory", key: admin,
            body: Array(#"[{"dc": "EWR1", "sku": "HP-10001", "onHand": 40, "location": "A-12-03"}]"#.utf8),
            headers: ["Content-Type": "application/json"])
        #expect(binned.status == 200, "\(binned.text)")
        let badBin = try await serve.request(
            "POST", "/v1/inventory", key: admin,
            body: Array("dc,sku,on_hand,safety_stock,location\nEWR1,HP-10001,40,0,A;12\n".utf8),
            headers: ["Content-Type": "text/csv"])
        #expect(badBin.status == 422, "\(badBin.text)")
        #expect(badBin.text.contains("request:2: location 'A;12' is not a bin"), "\(badBin.text)")
        // Stock on its way, then received: nothing waits for it here, so nothing is released.
        let inbound = try await serve.request(
            "POST", "/v1/inventory/inbound", key: admin,
            body: Array("dc,sku,quantity,due\nORD1,HP-10001,5,2026-12-10\n".utf8), headers: ["Content-Type": "text/csv"]
        )
        #expect(inbound.status == 200, "\(inbound.text)")
        let lateDue = try await serve.request(
            "POST", "/v1/inventory/inbound", key: admin,
            body: Array("dc,sku,quantity,due\nORD1,HP-10001,5,soon\n".utf8), headers: ["Content-Type": "text/csv"])
        #expect(lateDue.status == 422, "\(lateDue.text)")
        let received = try await serve.request(
            "POST", "/v1/inventory/receipts", key: admin, body: Array("dc,sku,quantity\nORD1,HP-10001,5\n".utf8),
            headers: ["Content-Type": "text/csv"])
        #expect(received.status == 200, "\(received.text)")
        #expect(received.json["rows"] as? Int == 1)
        #expect(
            try await serve.request(
                "POST", "/v1/inventory/receipts", key: walmart, body: Array("dc,sku,quantity\n".utf8)
            ).status == 403)
        let problems = try serve.openAPIProblems()
        #expect(
            problems.isEmpty, "replies the OpenAPI document does not describe:\n\(problems.joined(separator: "\n"))")
    }

    @Test("the OpenAPI document served is the one in the repository")
    func openAPIDocument() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("openapi.sqlite").path
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }
        let served = try await serve.request("GET", "/openapi.yaml")
        #expect(served.status == 200)
        let file = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("api/openapi.yaml"), encoding: .utf8)
        #expect(served.text == file, "api/openapi.yaml changed: run `make openapi`")
        let metrics = try await serve.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
    }

    @Test("no key, a wrong key, a revoked key, posting as another, reading another's: refused, nothing kept")
    func authentication() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("auth.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let amazon = try ServiceKeys.partner("amazon", database: database)
        let retired = try ServiceKeys.partner("homedepot", database: database)
        let revoked = try DropgateCommand.run(["partners", "revoke", "homedepot", "--db", database])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }
        let order = try Self.fixture("walmart-20261124-0600.x12")
        let path = "/v1/partners/walmart/documents"

        #expect(try await serve.request("POST", path, body: order).status == 401)
        let forged = walmart.dropLast(4) + "AAAA"
        #expect(try await serve.request("POST", path, key: String(forged), body: order).status == 401)
        #expect(try await serve.request("POST", path, key: "dg_nonsense", body: order).status == 401)
        #expect(
            try await serve.request("POST", "/v1/partners/homedepot/documents", key: retired, body: order).status == 401
        )
        // Amazon's key posting as Walmart; Amazon posting Walmart's interchange (its ISA sender) as itself.
        #expect(try await serve.request("POST", path, key: amazon, body: order).status == 403)
        let asItself = try await serve.request("POST", "/v1/partners/amazon/documents", key: amazon, body: order)
        #expect(asItself.status == 403)
        #expect(asItself.text.contains("walmart"))
        // Best Buy's cXML order (its From credential) posted as Amazon.
        let cXML = try await serve.request(
            "POST", "/v1/partners/amazon/documents", key: amazon, body: try Self.fixture("bestbuy-20261124-0905.xml"))
        #expect(cXML.status == 403)
        #expect(cXML.text.contains("bestbuy"), "\(cXML.text)")
        #expect(try await serve.request("GET", "/v1/orders?retailer=walmart", key: amazon).status == 403)
        #expect(
            try StoreInspector(URL(fileURLWithPath: database)).integer("SELECT count(*) FROM inbound_document") == 0,
            "a refused request kept a document")

        // Walmart's own document: Amazon may not read it or its acknowledgement.
        let posted = try await serve.request("POST", path, key: walmart, body: order)
        #expect(posted.status == 202)
        let id = try #require(posted.json["document"] as? Int)
        #expect(try await serve.request("GET", "/v1/documents/\(id)", key: amazon).status == 403)
        #expect(try await serve.request("GET", "/v1/documents/\(id)/ack", key: amazon).status == 403)
        #expect(try await serve.request("GET", "/v1/documents/\(id)").status == 401)
        // The same bytes again answer with the first document's id.
        let again = try await serve.request("POST", path, key: walmart, body: order)
        #expect(again.status == 202)
        #expect(again.json["document"] as? Int == id)
        #expect(again.json["redelivery"] as? Bool == true)
        // Revoked while serving: refused within a second (the service remembers a good key that long).
        let revokedNow = try DropgateCommand.run(["partners", "revoke", "walmart", "--db", database])
        #expect(revokedNow.status == 0, "\(revokedNow.stderr)")
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await serve.request("GET", "/v1/documents/\(id)", key: walmart).status == 401)
        let problems = try serve.openAPIProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("behind a TLS proxy, a partner's key is taken only with that partner's verified certificate")
    func clientCertificateHeader() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("mtls.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, extra: ["--client-identity-header", "X-Client-DN"])
        defer { serve.server.stop() }
        let order = try Self.fixture("walmart-20261124-0600.x12")
        let path = "/v1/partners/walmart/documents"
        #expect(try await serve.request("POST", path, key: walmart, body: order).status == 401)
        let stolen = try await serve.request(
            "POST", path, key: walmart, body: order, headers: ["X-Client-DN": "CN=amazon,O=Amazon"])
        #expect(stolen.status == 403)
        #expect(
            try StoreInspector(URL(fileURLWithPath: database)).integer("SELECT count(*) FROM inbound_document") == 0)
        let own = try await serve.request(
            "POST", path, key: walmart, body: order, headers: ["X-Client-DN": "/C=US/O=Walmart/CN=walmart"])
        #expect(own.status == 202, "\(own.text)")
        // Staff tokens are not asked for a certificate.
        #expect(try await serve.request("GET", "/v1/status", key: admin).status == 200)
        let problems = try serve.openAPIProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("a cXML order's acknowledgement is a cXML Response: 200 when taken, 400 with the problems when not")
    func cXMLResponse() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("cxml.sqlite").path
        let bestbuy = try ServiceKeys.partner("bestbuy", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }
        let path = "/v1/partners/bestbuy/documents"
        let order = try Self.fixture("bestbuy-20261124-0905.xml")
        let posted = try await serve.request("POST", path, key: bestbuy, body: order)
        #expect(posted.status == 202, "\(posted.text)")
        let id = try #require(posted.json["document"] as? Int)
        #expect(try await serve.finished(id, key: bestbuy).json["status"] as? String == "accepted")
        let ack = try await serve.request("GET", "/v1/documents/\(id)/ack", key: bestbuy)
        #expect(ack.status == 200)
        #expect(ack.headers["content-type"]?.hasPrefix("text/xml") == true)
        #expect(ack.text.contains(#"<Status code="200" text="OK"/>"#), "\(ack.text)")

        // A cXML document cut short: kept, rejected, answered 400 with why.
        let broken = Array(String(decoding: order, as: UTF8.self).prefix(900).utf8)
        let rejected = try await serve.request("POST", path, key: bestbuy, body: broken)
        #expect(rejected.status == 202)
        let rejectedID = try #require(rejected.json["document"] as? Int)
        let done = try await serve.finished(rejectedID, key: bestbuy)
        #expect(["rejected", "unreadable"].contains(done.json["status"] as? String ?? ""), "\(done.text)")
        let refusal = try await serve.request("GET", "/v1/documents/\(rejectedID)/ack", key: bestbuy)
        #expect(refusal.text.contains(#"<Status code="400" text="Bad Request">"#), "\(refusal.text)")
        let problems = try serve.openAPIProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("a body over the limit is 413 and an empty one 400, nothing kept")
    func limits() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("limits.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder, extra: ["--max-body-bytes", "1000"])
        defer { serve.server.stop() }
        let order = try Self.fixture("walmart-20261124-0600.x12")
        #expect(order.count > 1000)
        let large = try await serve.request("POST", "/v1/partners/walmart/documents", key: walmart, body: order)
        #expect(large.status == 413)
        #expect(try await serve.request("POST", "/v1/partners/walmart/documents", key: walmart, body: []).status == 400)
        #expect(
            try StoreInspector(URL(fileURLWithPath: database)).integer("SELECT count(*) FROM inbound_document") == 0)
    }

    @Test("a client that stops sending halfway through its request is cut off after the idle timeout")
    func stalledClient() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("idle.sqlite").path
        let serve = try ServeProcess(database: database, folder: world.folder, extra: ["--idle-seconds", "1"])
        defer { serve.server.stop() }
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(serve.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        let partial = "POST /v1/partners/walmart/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nISA*"
        _ = partial.withCString { send(socket, $0, strlen($0), 0) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received = 1
        while received > 0 { received = recv(socket, &buffer, buffer.count, 0) }
        let waited = Date().timeIntervalSince(started)
        // Closed by the server (recv sees the end, not the 10 s receive timeout), a second or so after it stalled.
        #expect(received == 0, "the connection was not closed: recv returned \(received), errno \(errno)")
        #expect(waited < 5, "closed after \(waited) s")
    }
}
