import Foundation
import TestSupport
import Testing

/// `POST /v1/shipments` on a real `dropgate serve`: a warehouse token records a Walmart shipment, and the delivery
/// loop sends its 856 and 810 to a real local HTTP server standing for Walmart, where they are read back.
@Suite("serve: shipments from the floor", .serialized)
struct ServeShipmentTests {
    static let fedEx = "986578788855"

    /// The first Walmart PO of the sample (4792183650: line 1 one HP-10049, line 2 two HP-10001, FedEx Home
    /// Delivery, assigned EWR1), posted and decided; the serve process, its keys and the order's id.
    static func walmartOrder(_ world: IngestWorld, server: ScriptedHTTPServer, deliver: Bool) async throws -> (
        serve: ServeProcess, warehouse: String, walmart: String, order: Int
    ) {
        let database = try world.store("floor.sqlite").path
        let options = try ServeDeliveryTests.world(in: world.folder, server: server)
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let warehouse = try ServiceKeys.staff("warehouse", name: "edison-floor", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, world: options,
            extra: ["--deliver-every", deliver ? "1" : "0"])
        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart,
            body: try ServeTests.fixture("walmart-20261124-0600.x12"))
        let document = try #require(posted.json["document"] as? Int)
        #expect(try await serve.finished(document, key: walmart).json["status"] as? String == "accepted")
        let orders = try await serve.request("GET", "/v1/orders?retailer=walmart", key: warehouse)
        let rows = try #require(orders.json["orders"] as? [[String: Any]])
        let order = try #require(rows.first { $0["poNumber"] as? String == "4792183650" }?["id"] as? Int)
        return (serve, warehouse, walmart, order)
    }

    /// The 856 and 810 the delivery loop sends to Walmart's documents destination on `server`, waited for up to a
    /// minute (nil for one that does not arrive).
    static func delivered(to server: ScriptedHTTPServer) async throws -> (asn: [UInt8]?, invoice: [UInt8]?) {
        let deadline = Date().addingTimeInterval(60)
        var asn: [UInt8]?
        var invoice: [UInt8]?
        while Date() < deadline, asn == nil || invoice == nil {
            for request in try server.requests() where request.path == "/walmart/docs/" {
                let text = String(decoding: request.bodyBytes, as: UTF8.self)
                if text.contains("ST*856*") { asn = request.bodyBytes }
                if text.contains("ST*810*") { invoice = request.bodyBytes }
            }
            if asn == nil || invoice == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        return (asn, invoice)
    }

    static func shipment(_ order: Int, tracking: String = fedEx, service: String = "fedex-home", line2: Int = 2)
        -> [UInt8]
    {
        let body: [String: Any] = [
            "order": order, "service": service, "shippedAt": "2026-11-24T14:40:00Z",
            "packages": [
                [
                    "tracking": tracking, "weight": 6.5,
                    "dimensions": ["length": 14, "width": 11, "height": 6],
                    "contents": [["line": "1", "quantity": 1], ["line": "2", "quantity": line2]],
                ]
            ],
        ]
        return Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data())
    }

    @Test("a recorded shipment's 856 and 810 reach the retailer's endpoint and say what the floor entered")
    func deliveredASN() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let server = try ScriptedHTTPServer()
        let (serve, warehouse, walmart, order) = try await Self.walmartOrder(world, server: server, deliver: true)
        defer { serve.server.stop() }

        // A partner's key may not record shipments.
        let asPartner = try await serve.request("POST", "/v1/shipments", key: walmart, body: Self.shipment(order))
        #expect(asPartner.status == 403)

        let recorded = try await serve.request("POST", "/v1/shipments", key: warehouse, body: Self.shipment(order))
        #expect(recorded.status == 201, "\(recorded.text)")
        #expect(recorded.json["state"] as? String == "shipped")
        #expect((recorded.json["flags"] as? [Any])?.isEmpty == true, "\(recorded.text)")
        let documents = try #require(recorded.json["documents"] as? [[String: Any]])
        #expect(documents.compactMap { $0["kind"] as? String }.sorted() == ["810", "856"])

        // The delivery loop sends them to Walmart's documents destination.
        let (asn, invoice) = try await Self.delivered(to: server)
        let asnBytes = try #require(asn, "no 856 reached the retailer: \(serve.log.suffix(2000))")
        let readback = try ShipCommandTests.interchange(bytes: asnBytes, in: world, name: "walmart-856.x12")
        #expect(readback.element("GS", 1) == "SH")
        #expect(readback.element("BSN", 5) == "0001")
        #expect(readback.element("TD5", 3) == "FDEG", "the SCAC Walmart's profile maps FedEx Home Delivery to")
        #expect(readback.element("TD5", 5) == "FEDEX HOME DELIVERY")
        #expect(readback.element("PRF", 1) == "4792183650")
        #expect(readback.segments("MAN").contains { $0.count > 2 && $0[2] == Self.fedEx })
        #expect(readback.element("DTM", 2) == "20261124")
        #expect(readback.segments("N1").contains { $0[1] == "SF" && $0.last == "EWR1" })
        let shippedUnits = readback.segments("SN1").map { $0[2] }
        #expect(shippedUnits == ["1", "2"], "the quantities entered")
        let invoiceBytes = try #require(invoice)
        let bill = try ShipCommandTests.interchange(bytes: invoiceBytes, in: world, name: "walmart-810.x12")
        #expect(bill.element("TDS", 1) == "9197", "55.99 + 2 × 17.99 in cents")
        #expect(try serve.openAPIProblems().isEmpty)
    }

    @Test("refused with every reason (422), flagged with fees (201), unknown order (404), twice (409)")
    func refusedAndFlagged() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let server = try ScriptedHTTPServer()
        let (serve, warehouse, _, order) = try await Self.walmartOrder(world, server: server, deliver: false)
        defer { serve.server.stop() }

        let short = try await serve.request(
            "POST", "/v1/shipments", key: warehouse, body: Self.shipment(order, tracking: "986578788856", line2: 1))
        #expect(short.status == 422)
        let problems = try #require((short.json["error"] as? [String: Any])?["problems"] as? [String])
        #expect(problems.contains { $0.contains("a FedEx tracking number") }, "\(problems)")
        #expect(problems.contains { $0.contains("allows 1 shipment(s)") }, "\(problems)")

        let unknown = try await serve.request("POST", "/v1/shipments", key: warehouse, body: Self.shipment(99_999))
        #expect(unknown.status == 404)

        // FedEx Ground for a FedEx Home Delivery PO: recorded, flagged with Walmart's $5.00.
        let wrong = try await serve.request(
            "POST", "/v1/shipments", key: warehouse, body: Self.shipment(order, service: "fedex-ground"))
        #expect(wrong.status == 201, "\(wrong.text)")
        let flags = try #require(wrong.json["flags"] as? [[String: Any]])
        #expect(flags.map { $0["violation"] as? String } == ["unauthorized-carrier"])
        #expect(flags.first?["fee"] as? String == "5.00 USD")
        let metrics = try await serve.request("GET", "/metrics").text
        #expect(
            ServeDeliveryTests.sample(
                metrics, "dropgate_floor_fees_total",
                ["retailer": "walmart", "violation": "unauthorized-carrier", "currency": "USD"]) == 5, "\(metrics)")
        #expect(
            ServeDeliveryTests.sample(metrics, "dropgate_shipments_total", ["retailer": "walmart", "flagged": "yes"])
                == 1)

        let again = try await serve.request("POST", "/v1/shipments", key: warehouse, body: Self.shipment(order))
        #expect(again.status == 409, "\(again.text)")

        // A process started on this store warms the pick pages of the orders still on the floor: one ticket, as
        // 4792183650 shipped, 4792201188 waits at DFW1, and the other two were cancelled or rejected.
        let second = try ServeProcess(database: serve.database, folder: world.folder, extra: ["--deliver-every", "0"])
        defer { second.server.stop() }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !second.log.contains("pick pages warmed") {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(
            second.log.split(separator: "\n").contains { $0.contains("pick pages warmed") && $0.contains("tickets=1") },
            "\(second.log.split(separator: "\n").filter { $0.contains("warmed") })")
        let bad = try await serve.request("POST", "/v1/shipments", key: warehouse, body: Array(#"{"order": 1}"#.utf8))
        #expect(bad.status == 400)
        #expect(bad.text.contains("'service' is missing"), "\(bad.text)")
        #expect(try serve.openAPIProblems().isEmpty)
    }
}
