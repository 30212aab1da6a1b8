import Foundation
import TestSupport
import Testing

/// The warehouse pages of `dropgate serve` end to end: the real binary over a real store with POs of two retailers,
/// read with a warehouse key as HTML, JSON and CSV, and in headless Chromium, whose screenshot of the pick ticket
/// zbarimg reads the barcodes back from.
@Suite("Warehouse pages end to end", .serialized)
struct WarehousePagesTests {
    /// A served store with Walmart's and Amazon's sample POs decided, and the keys to read it.
    struct Floor {
        let world: IngestWorld
        let database: String
        let serve: ServeProcess
        let warehouse: String
        let walmart: String

        init(extra: [String] = []) async throws {
            world = try IngestWorld()
            database = try world.store("pages.sqlite").path
            warehouse = try ServiceKeys.staff("warehouse", name: "floor", database: database)
            walmart = try ServiceKeys.partner("walmart", database: database)
            let amazon = try ServiceKeys.partner("amazon", database: database)
            serve = try ServeProcess(database: database, folder: world.folder, extra: extra)
            for (partner, key, file) in [
                ("walmart", walmart, "walmart-20261124-0600.x12"), ("amazon", amazon, "amazon-20261124-0715.x12"),
            ] {
                let posted = try await serve.request(
                    "POST", "/v1/partners/\(partner)/documents", key: key, body: try ServeTests.fixture(file))
                #expect(posted.status == 202, "\(posted.text)")
                let document = try #require(posted.json["document"] as? Int)
                #expect(try await serve.finished(document, key: key).json["finished"] as? Bool == true)
            }
        }

        func stop() {
            serve.server.stop()
            world.remove()
        }

        /// The pick list as JSON: its orders.
        func picks(_ dc: String = "EWR1") async throws -> [[String: Any]] {
            let reply = try await serve.request("GET", "/warehouse/\(dc)/picks?format=json", key: warehouse)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
            return try #require(reply.json["orders"] as? [[String: Any]])
        }
    }

    static func ticket(_ order: [String: Any]) -> [String: Any] { order["ticket"] as? [String: Any] ?? [:] }

    static func skus(_ order: [String: Any]) -> [String] {
        (ticket(order)["lines"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
    }

    @Test("the DC's pick list as HTML, JSON and CSV: both retailers' orders, most urgent first; who may read it")
    func pickList() async throws {
        let floor = try await Floor()
        defer { floor.stop() }
        let serve = floor.serve

        // Every order with a ticket at EWR1 is on its list, and none other; soonest ship-by first.
        let orders = try await floor.picks()
        let listed = try await serve.request("GET", "/v1/orders?dc=EWR1", key: floor.warehouse).json["orders"]
        var withTicket: Set<String> = []
        for order in listed as? [[String: Any]] ?? [] {
            let id = try #require(order["id"] as? Int)
            let detail = try await serve.request("GET", "/v1/orders/\(id)", key: floor.warehouse)
            let documents = detail.json["documents"] as? [[String: Any]] ?? []
            if documents.contains(where: {
                $0["kind"] as? String == "pick-ticket" && $0["partner"] as? String == "EWR1"
            }) {
                withTicket.insert(order["poNumber"] as? String ?? "")
            }
        }
        let pos = orders.compactMap { $0["poNumber"] as? String }
        #expect(Set(pos) == withTicket)
        #expect(Set(orders.compactMap { $0["retailer"] as? String }) == ["walmart", "amazon"], "\(pos)")
        let shipBys = orders.compactMap { $0["shipBy"] as? String }.compactMap(ISO8601DateFormatter().date(from:))
        #expect(shipBys.count == orders.count)
        #expect(shipBys == shipBys.sorted())
        #expect(orders.allSatisfy { $0["state"] as? String == "open" && $0["urgency"] as? String == "on-time" })
        #expect(orders.allSatisfy { Self.ticket($0)["node"] as? String == "EWR1" })

        // HTML: the same orders in the same order, with what the packer needs.
        let html = try await serve.request("GET", "/warehouse/EWR1/picks", key: floor.warehouse)
        #expect(html.status == 200)
        #expect(html.headers["content-type"] == "text/html; charset=utf-8")
        let positions = pos.compactMap { html.text.range(of: "data-po=\"\($0)\"")?.lowerBound }
        #expect(positions.count == pos.count)
        #expect(positions == positions.sorted())
        for order in orders {
            for sku in Self.skus(order) { #expect(html.text.contains("<td class=\"sku\">\(sku)</td>")) }
            let ticket = Self.ticket(order)
            #expect(html.text.contains(ticket["retailerName"] as? String ?? "?"))
            #expect(html.text.contains("<strong>\(ticket["service"] as? String ?? "?")</strong>"))
            let id = order["order"] as? Int ?? 0
            #expect(html.text.contains("href=\"/warehouse/EWR1/orders/\(id)/ship\""))
            #expect(html.text.contains("href=\"/warehouse/EWR1/orders/\(id)/ticket\""))
            #expect(html.text.contains("id=\"order-\(id)\" data-po=\"\(order["poNumber"] as? String ?? "")\""))
        }
        #expect(!html.text.contains("OVERDUE"))
        #expect(
            try await serve.request(
                "GET", "/warehouse/EWR1/picks", key: floor.warehouse, headers: ["Accept": "application/json"]
            ).json["dc"] as? String == "EWR1")

        // CSV: the pick-ticket columns, one row a line, in the list's order.
        for (path, headers) in [
            ("/warehouse/EWR1/picks?format=csv", [:]), ("/warehouse/EWR1/picks", ["Accept": "text/csv"]),
        ] {
            let csv = try await serve.request("GET", path, key: floor.warehouse, headers: headers)
            #expect(csv.status == 200)
            #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
            let rows = csv.text.split(separator: "\r\n").map(String.init)
            #expect(rows.first?.hasPrefix("ticket,retailer,po,node,service,ship_at,ship_by") == true)
            #expect(rows.count - 1 == orders.map { Self.skus($0).count }.reduce(0, +))
            #expect(rows.dropFirst().first?.split(separator: ",")[2] == pos.first.map { Substring($0) })
        }

        // A partner's key may not read the floor; no key: a page sends the browser to sign in, a list is 401.
        #expect(try await serve.request("GET", "/warehouse/EWR1/picks", key: floor.walmart).status == 403)
        #expect(try await serve.request("GET", "/warehouse/EWR1/picks?format=json", key: floor.walmart).status == 403)
        let redirected = try serve.requestWithoutRedirects("GET", "/warehouse/EWR1/picks")
        #expect(redirected.status == 303)
        #expect(redirected.headers["location"] == "/warehouse/login?next=/warehouse/EWR1/picks")
        #expect(try await serve.request("GET", "/warehouse/EWR1/picks?format=json").status == 401)
        #expect(try await serve.request("GET", "/warehouse/EWR1/picks?format=csv").status == 401)
        #expect(
            try serve.requestWithoutRedirects("GET", "/warehouse/EWR1/picks", key: "dg_000000000000_wrong").status
                == 303)
        #expect(try await serve.request("GET", "/warehouse/NOPE1/picks", key: floor.warehouse).status == 404)
        #expect(try await serve.request("GET", "/warehouse/EWR1/picks?format=xml", key: floor.warehouse).status == 400)

        // Signing in: a warehouse key becomes an HttpOnly cookie, which then reads the pages; a partner's is refused.
        let login = try await serve.request("GET", "/warehouse/login?next=/warehouse/EWR1/picks")
        #expect(login.status == 200)
        #expect(login.text.contains("name=\"key\""))
        let signedIn = try serve.requestWithoutRedirects(
            "POST", "/warehouse/login", body: Array("key=\(floor.warehouse)&dc=&next=%2Fwarehouse%2FEWR1%2Fpicks".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(signedIn.status == 303)
        #expect(signedIn.headers["location"] == "/warehouse/EWR1/picks")
        let cookie = try #require(signedIn.headers["set-cookie"])
        #expect(cookie == "dropgate_key=\(floor.warehouse); HttpOnly; SameSite=Strict; Path=/")
        // Behind a TLS-terminating proxy the cookie is Secure: it never travels over plain HTTP.
        for header in [("X-Forwarded-Proto", "https"), ("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43")] {
            let proxied = try serve.requestWithoutRedirects(
                "POST", "/warehouse/login", body: Array("key=\(floor.warehouse)&dc=EWR1".utf8),
                headers: ["Content-Type": "application/x-www-form-urlencoded", header.0: header.1])
            #expect(
                proxied.headers["set-cookie"]
                    == "dropgate_key=\(floor.warehouse); HttpOnly; SameSite=Strict; Path=/; Secure", "\(header)")
        }
        let withCookie = try await serve.request(
            "GET", "/warehouse/EWR1/picks", headers: ["Cookie": "dropgate_key=\(floor.warehouse)"])
        #expect(withCookie.status == 200)
        #expect(withCookie.text.contains("Pick list · EWR1"))
        let chooser = try serve.requestWithoutRedirects(
            "POST", "/warehouse/login", body: Array("key=\(floor.warehouse)&dc=ORD1".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(chooser.headers["location"] == "/warehouse/ORD1/picks")
        let partner = try serve.requestWithoutRedirects(
            "POST", "/warehouse/login", body: Array("key=\(floor.walmart)".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(partner.status == 403)
        #expect(partner.headers["set-cookie"] == nil)
        let wrong = try serve.requestWithoutRedirects(
            "POST", "/warehouse/login", body: Array("key=nope&next=https%3A%2F%2Fevil.example%2F".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"])
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("unknown or revoked"))
        #expect(
            try await serve.request("GET", "/warehouse", key: floor.warehouse).text.contains("/warehouse/EWR1/picks"))

        // Each order's printable ticket, its packing slip where the retailer wants one, and the ship form.
        for order in orders {
            let id = try #require(order["order"] as? Int)
            let ticket = try await serve.request("GET", "/warehouse/EWR1/orders/\(id)/ticket", key: floor.warehouse)
            #expect(ticket.status == 200)
            #expect(ticket.text.components(separatedBy: "<svg ").count - 1 == 1 + Self.skus(order).count)
            #expect(ticket.text.contains("break-after: page"))
            let slip = try await serve.request("GET", "/warehouse/EWR1/orders/\(id)/packing-slip", key: floor.warehouse)
            #expect(slip.status == (Self.ticket(order)["packingSlip"] as? Bool == true ? 200 : 404), "\(slip.text)")
            if slip.status == 200 { #expect(!slip.text.contains("USD")) }
            let form = try await serve.request(
                "GET", "/warehouse/EWR1/orders/\(id)/ship?packages=2", key: floor.warehouse)
            #expect(form.status == 200)
            #expect(form.text.contains("name=\"p2.tracking\""))
            #expect(
                form.text.contains("<option value=\"\(Self.ticket(order)["service"] as? String ?? "?")\" selected>"))
        }
        #expect(
            try await serve.request("GET", "/warehouse/ORD1/orders/999999/ticket", key: floor.warehouse).status == 404)
        #expect(try await serve.request("GET", "/warehouse/EWR1/orders/x/ticket", key: floor.warehouse).status == 400)

        let problems = try serve.openAPIProblems()
        #expect(
            problems.isEmpty, "replies the OpenAPI document does not describe:\n\(problems.joined(separator: "\n"))")
    }

    @Test("with the clock past ship-by, the list marks orders overdue and the deadlines page names the late-ship fee")
    func overdue() async throws {
        let floor = try await Floor()
        defer { floor.stop() }
        let on = try await floor.picks()
        let latest = try #require(
            on.compactMap { $0["shipBy"] as? String }.compactMap(ISO8601DateFormatter().date(from:)).max())
        let earliest = try #require(
            on.compactMap { $0["shipBy"] as? String }.compactMap(ISO8601DateFormatter().date(from:)).min())
        // A second service over the same store, its clock a minute past the earliest ship-by.
        let at = ISO8601DateFormatter().string(from: earliest + 60)
        let late = try ServeProcess(database: floor.database, folder: floor.world.folder, extra: ["--at", at])
        defer { late.server.stop() }
        let reply = try await late.request("GET", "/warehouse/EWR1/picks?format=json", key: floor.warehouse)
        let orders = try #require(reply.json["orders"] as? [[String: Any]])
        let overdue = orders.filter { $0["urgency"] as? String == "overdue" }.compactMap { $0["poNumber"] as? String }
        let expected = orders.filter {
            ($0["shipBy"] as? String).flatMap(ISO8601DateFormatter().date(from:)).map { $0 <= earliest + 60 } == true
        }.compactMap { $0["poNumber"] as? String }
        #expect(!overdue.isEmpty)
        #expect(overdue == expected)
        #expect(latest > earliest + 60 || overdue.count == orders.count)
        let html = try await late.request("GET", "/warehouse/EWR1/picks", key: floor.warehouse)
        #expect(
            html.text.components(separatedBy: "<span class=\"flag overdue\">OVERDUE</span>").count - 1 == overdue.count)
        for po in overdue {
            #expect(
                html.text.contains("class=\"order overdue\" id=\"order-") && html.text.contains("data-po=\"\(po)\""))
        }

        // The deadlines: every overdue ship step, with the profile's late-ship fee where it sets one.
        let deadlines = try await late.request("GET", "/warehouse/EWR1/deadlines?format=json", key: floor.warehouse)
        #expect(deadlines.status == 200, "\(deadlines.text)")
        let entries = deadlines.json["entries"] as? [[String: Any]] ?? []
        let lateShips = entries.filter { $0["step"] as? String == "ship" && $0["status"] as? String == "overdue" }
        #expect(Set(lateShips.compactMap { $0["poNumber"] as? String }) == Set(overdue))
        for entry in lateShips where entry["retailer"] as? String == "walmart" {
            #expect(entry["feeAtStake"] as? String == "5.00 USD")
        }
        for entry in lateShips where entry["retailer"] as? String == "amazon" {
            #expect(entry["feeAtStake"] as? String == "10.00 USD")
        }
        let page = try await late.request("GET", "/warehouse/deadlines", key: floor.warehouse)
        #expect(page.text.contains("<meta http-equiv=\"refresh\" content=\"60\">"))
        #expect(page.text.contains("OVERDUE"))
        let csv = try await late.request(
            "GET", "/warehouse/deadlines", key: floor.warehouse, headers: ["Accept": "text/csv"])
        #expect(csv.text.hasPrefix("order,retailer,po,nodes,step,status"))
        let problems = try late.openAPIProblems()
        #expect(
            problems.isEmpty, "replies the OpenAPI document does not describe:\n\(problems.joined(separator: "\n"))")
    }

    /// Where the screenshots are kept: `.build/test-artifacts/warehouse-pages/`, made by this test.
    static let artifacts = DropgateCommand.packageRoot.appendingPathComponent(".build/test-artifacts/warehouse-pages")

    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @Test("headless Chromium signs in, loads the pick list and a ticket; zbarimg reads the PO and SKUs off the ticket")
    func chromium() async throws {
        let chromium = try #require(Self.tool("chromium"), "chromium is not installed (make deps installs it)")
        let zbarimg = try #require(Self.tool("zbarimg"), "zbarimg is not installed (make deps installs zbar-tools)")
        let floor = try await Floor()
        defer { floor.stop() }
        let orders = try await floor.picks()
        let first = try #require(orders.first)
        let id = try #require(first["order"] as? Int)
        let po = try #require(first["poNumber"] as? String)

        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let picksPNG = Self.artifacts.appendingPathComponent("picks-EWR1.png")
        let ticketPNG = Self.artifacts.appendingPathComponent("ticket-EWR1-\(po).png")
        let shipPNG = Self.artifacts.appendingPathComponent("ship-EWR1-\(po).png")
        for file in [picksPNG, ticketPNG, shipPNG] { try? FileManager.default.removeItem(at: file) }
        print("warehouse page screenshots: \(Self.artifacts.path)")
        let plan: [String: Any] = [
            "chromium": chromium, "base": "http://127.0.0.1:\(floor.serve.port)", "key": floor.warehouse,
            "login": "/warehouse/login?next=/warehouse/EWR1/picks",
            "pages": [
                ["url": "/warehouse/EWR1/picks", "png": picksPNG.path],
                ["url": "/warehouse/EWR1/orders/\(id)/ticket", "png": ticketPNG.path],
                ["url": "/warehouse/EWR1/orders/\(id)/ship", "png": shipPNG.path],
            ],
            "width": 1280, "height": 900, "scale": 2, "timeout": 60,
        ]
        let planFile = floor.world.folder.appendingPathComponent("chromium-plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
        let run = try DropgateCommand.run(
            [
                "python3", DropgateCommand.packageRoot.appendingPathComponent("Tests/TestSupport/chromium.py").path,
                planFile.path,
            ],
            executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(run.status == 0, "chromium.py: \(run.status) \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let login = report["login"] as? [String: Any]
        #expect((login?["url"] as? String)?.hasSuffix("/warehouse/EWR1/picks") == true, "\(report)")
        let pages = report["pages"] as? [[String: Any]] ?? []
        try #require(pages.count == 3)
        #expect((pages[0]["text"] as? String)?.contains(po) == true)
        for page in pages {
            #expect((page["finalURL"] as? String)?.contains("/warehouse/login") == false, "\(page["finalURL"] ?? "")")
            // A tablet at arm's length: 18 px text or more, touch targets 48 px or more.
            #expect((page["fontSize"] as? Double ?? 0) >= 18, "\(page["url"] ?? "")")
            #expect((page["minTarget"] as? Double ?? 0) >= 48, "\(page["url"] ?? "") \(page["minTarget"] ?? "")")
        }
        for png in [picksPNG, ticketPNG, shipPNG] {
            #expect(FileManager.default.fileExists(atPath: png.path), "\(png.path)")
        }

        let decoded = try DropgateCommand.run(
            ["--raw", "-q", ticketPNG.path], executable: URL(fileURLWithPath: zbarimg))
        #expect(decoded.status == 0, "zbarimg: \(decoded.status) \(decoded.stderr)")
        let codes = decoded.stdout.split(separator: "\n").map(String.init)
        #expect(codes.sorted() == ([po] + Self.skus(first)).sorted(), "\(codes)")
    }
}
