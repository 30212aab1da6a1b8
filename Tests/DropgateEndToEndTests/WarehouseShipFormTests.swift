import Foundation
import TestSupport
import Testing

/// The floor test, whole: `dropgate serve` with POs of two retailers, the DC's pick page and ship form in
/// headless Chromium, a shipment confirmed through the form as a person would, and a local HTTP server standing
/// for Walmart receiving the 856 and 810, read back with the tracking number and quantities typed in. A short
/// shipment under Amazon's order fill-or-kill comes back on the form, refused with the reason.
@Suite("Warehouse: a shipment confirmed through the form reaches the retailer", .serialized)
struct WarehouseShipFormTests {
    static let fedEx = "986578788855"

    @Test("Chromium confirms a Walmart shipment; Walmart's endpoint gets the 856 and 810 with what was typed")
    func shipThroughForm() async throws {
        let chromium = try #require(WarehousePagesTests.tool("chromium"), "chromium is not installed (make deps)")
        let world = try IngestWorld()
        defer { world.remove() }
        let server = try ScriptedHTTPServer()
        let database = try world.store("form.sqlite").path
        // Walmart's documents go to the local server; Amazon's profile as the sample has it.
        let options = try ServeDeliveryTests.world(in: world.folder, server: server)
        try FileManager.default.copyItem(
            at: DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles/amazon.yaml"),
            to: world.folder.appendingPathComponent("profiles/amazon.yaml"))
        let warehouse = try ServiceKeys.staff("warehouse", name: "edison-floor", database: database)
        let serve = try ServeProcess(
            database: database, folder: world.folder, world: options, extra: ["--deliver-every", "1"])
        defer { serve.server.stop() }
        for (partner, file) in [("walmart", "walmart-20261124-0600.x12"), ("amazon", "amazon-20261124-0715.x12")] {
            let key = try ServiceKeys.partner(partner, database: database)
            let posted = try await serve.request(
                "POST", "/v1/partners/\(partner)/documents", key: key, body: try ServeTests.fixture(file))
            let document = try #require(posted.json["document"] as? Int, "\(posted.text)")
            #expect(try await serve.finished(document, key: key).json["finished"] as? Bool == true)
        }
        let picks = try await serve.request("GET", "/warehouse/EWR1/picks?format=json", key: warehouse)
        let orders = try #require(picks.json["orders"] as? [[String: Any]], "\(picks.text)")
        let walmart = try #require(orders.first { $0["poNumber"] as? String == "4792183650" }, "\(picks.text)")
        let walmartOrder = try #require(walmart["order"] as? Int)
        let amazon = try #require(orders.first { $0["retailer"] as? String == "amazon" }, "no Amazon pick at EWR1")
        let amazonOrder = try #require(amazon["order"] as? Int)
        let amazonLine = try #require(
            ((amazon["ticket"] as? [String: Any])?["lines"] as? [[String: Any]])?.first?["lineNumber"] as? String)

        let artifacts = WarehousePagesTests.artifacts
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shipPNG = artifacts.appendingPathComponent("ship-form-EWR1-4792183650.png")
        let shippedPNG = artifacts.appendingPathComponent("shipped-EWR1-4792183650.png")
        let refusedPNG = artifacts.appendingPathComponent("refused-EWR1-amazon.png")
        print("warehouse form screenshots: \(artifacts.path)")
        let plan: [String: Any] = [
            "chromium": chromium, "base": "http://127.0.0.1:\(serve.port)", "key": warehouse,
            "login": "/warehouse/login?next=/warehouse/EWR1/picks",
            "pages": [
                [
                    "url": "/warehouse/EWR1/orders/\(walmartOrder)/ship", "png": shipPNG.path, "submit": "ship-form",
                    "fill": [
                        "service": "fedex-home", "shipped_at": "2026-11-24T09:40", "p1.tracking": Self.fedEx,
                        "p1.weight": "6.5", "p1.length": "14", "p1.width": "11", "p1.height": "6", "p1.line.1": "1",
                        "p1.line.2": "2",
                    ],
                    "after": shippedPNG.path,
                ],
                [
                    "url": "/warehouse/EWR1/orders/\(amazonOrder)/ship", "submit": "ship-form",
                    "fill": [
                        "service": "ups-ground", "shipped_at": "2026-11-24T09:40",
                        "p1.tracking": "1Z999AA10123456784", "p1.line.\(amazonLine)": "0",
                    ],
                    "after": refusedPNG.path,
                ],
            ],
            "width": 1280, "height": 900, "scale": 1, "timeout": 60,
        ]
        let planFile = world.folder.appendingPathComponent("form-plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
        let run = try DropgateCommand.run(
            [
                "python3", DropgateCommand.packageRoot.appendingPathComponent("Tests/TestSupport/chromium.py").path,
                planFile.path,
            ], executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(run.status == 0, "chromium.py: \(run.status) \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let pages = try #require(report["pages"] as? [[String: Any]])
        try #require(pages.count == 2)

        // The shipment went through the form: the browser is on the order's floor page, which says so.
        let shipped = try #require(pages[0]["submitted"] as? [String: Any])
        #expect((shipped["finalURL"] as? String)?.hasSuffix("/warehouse/EWR1/orders/\(walmartOrder)/floor") == true)
        let shippedText = shipped["text"] as? String ?? ""
        #expect(shippedText.contains("shipped"), "\(shippedText)")
        #expect(shippedText.contains(Self.fedEx), "\(shippedText)")
        #expect(shippedText.contains("No rule broken"), "\(shippedText)")
        #expect(FileManager.default.fileExists(atPath: shippedPNG.path))

        // Amazon ships the whole PO or cancels it: a line left out comes back refused, on the form.
        let refused = try #require(pages[1]["submitted"] as? [String: Any])
        let refusedText = refused["text"] as? String ?? ""
        #expect(refusedText.contains("Not recorded"), "\(refusedText)")
        #expect(refusedText.contains("order fill-or-kill"), "\(refusedText)")
        #expect((refused["finalURL"] as? String)?.hasSuffix("/orders/\(amazonOrder)/ship") == true)

        // Walmart's endpoint receives the 856 and the 810, which read back with what was typed.
        let (asn, invoice) = try await ServeShipmentTests.delivered(to: server)
        let readback = try ShipCommandTests.interchange(
            bytes: try #require(asn, "no 856 arrived: \(serve.log.suffix(1500))"), in: world, name: "form-856.x12")
        #expect(readback.segments("MAN").contains { $0.count > 2 && $0[2] == Self.fedEx })
        #expect(readback.segments("SN1").map { $0[2] } == ["1", "2"])
        #expect(readback.element("PRF", 1) == "4792183650")
        // The ship time typed on the DC's clock (09:40 in Edison), written on Walmart's (Central, standard time).
        #expect(readback.element("DTM", 3) == "0840")
        #expect(readback.element("DTM", 4) == "CS")
        #expect(readback.segments("MEA").isEmpty == false, "the dimensions typed")
        let bill = try ShipCommandTests.interchange(
            bytes: try #require(invoice, "no 810 arrived"), in: world, name: "form-810.x12")
        #expect(bill.element("TDS", 1) == "9197")
        let problems = try serve.openAPIProblems()
        #expect(problems.isEmpty, "\(problems)")
    }
}
