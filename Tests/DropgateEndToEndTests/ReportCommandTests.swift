import Foundation
import Testing

/// `dropgate report` on a store filled by the real binary: generated POs ingested on several days of November
/// 2026, some Home Depot POs shipped on time and some late, then the report's JSON compared with a recount from the
/// store's raw tables, read with `sqlite3`, in each retailer's own time zone.
@Suite("report end to end", .serialized)
struct ReportCommandTests {
    /// When each file of POs arrives. The last is 23:30 on November 30th in Chicago: still November for Walmart
    /// (Chicago), already December for Home Depot (New York); 21:30 for Amazon (Los Angeles).
    static let arrivals = [
        "2026-11-02T09:00:00-06:00", "2026-11-05T11:00:00-06:00", "2026-11-12T08:30:00-06:00",
        "2026-11-19T10:00:00-06:00", "2026-11-30T23:30:00-06:00",
    ]
    static let asOf = "2026-12-03T12:00:00Z"

    /// A store with the arrivals ingested and every other open single-node Home Depot PO shipped: one on time (two
    /// hours before its ship-by), the next late (three hours after).
    static func filledStore(_ world: IngestWorld) throws -> URL {
        let database = try world.store("report.sqlite")
        var generator = PurchaseOrderGenerator(seed: 23, catalog: try SampleCatalog.load())
        for (index, at) in arrivals.enumerated() {
            let file = generator.file(interchangesPerFile: 3, ordersPerInterchange: 4, prefix: "day\(index)")
            let paths = try world.write([file], into: "in\(index)")
            let ingested = try DropgateCommand.run(
                ["ingest"] + paths.map(\.path) + ["--db", database.path, "--at", at] + IngestWorld.options)
            #expect(ingested.status == 0, "\(ingested.stderr)")
        }
        let store = StoreInspector(database)
        let open = try store.rows(
            """
            SELECT p.id, d.ship_by FROM purchase_order p JOIN decision d ON d.order_id = p.id
            WHERE p.retailer = 'homedepot' AND p.state = 'open' AND d.ship_by IS NOT NULL
                AND d.nodes <> '' AND instr(d.nodes, ',') = 0
            ORDER BY p.id
            """)
        #expect(open.count >= 4, "Home Depot POs to ship: \(open)")
        let iso = ISO8601DateFormatter()
        for (index, row) in open.enumerated() where index % 3 != 2 {
            let shipBy = try #require(Double(row[1]))
            let shippedAt = Date(timeIntervalSince1970: shipBy + (index % 3 == 0 ? -7_200 : 10_800))
            let shipped = try DropgateCommand.run(
                [
                    "ship", row[0], "--service", "ups-ground", "--tracking", ShipCommandTests.ups, "--shipped-at",
                    iso.string(from: shippedAt), "--db", database.path, "--at",
                    iso.string(from: shippedAt.addingTimeInterval(600)),
                ] + IngestWorld.options)
            #expect(shipped.status == 0, "order \(row[0]): \(shipped.stdout) \(shipped.stderr)")
        }
        return database
    }

    /// What the raw tables say of one retailer's November in `zone`, as of `asOf`.
    struct Recount: Equatable {
        var orders = 0, units = 0, shipDue = 0, onTime = 0, late = 0, cancelledOrders = 0, cancelledUnits = 0
        var reroutes = 0
    }

    static func recount(_ store: StoreInspector, retailer: String, zone: TimeZone, asOf: Date) throws -> Recount {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func inNovember(_ seconds: Double) -> Bool {
            let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: seconds))
            return parts.year == 2026 && parts.month == 11
        }
        let rows = try store.rows(
            """
            SELECT p.received_at, p.state, COALESCE(d.outcome, ''), COALESCE(d.ship_by, ''),
                COALESCE(o.units, 0), COALESCE(o.cancelled_units, 0),
                (SELECT COALESCE(SUM(l.quantity), 0) FROM line_cancellation l
                 WHERE l.order_id = p.id AND l.reason <> 'retailer-cancel'),
                (SELECT COUNT(*) FROM line_cancellation l WHERE l.order_id = p.id AND l.reason = 'retailer-cancel'),
                COALESCE((SELECT MAX(s.shipped_at) FROM shipment s WHERE s.order_id = p.id), '')
            FROM purchase_order p
            LEFT JOIN decision d ON d.order_id = p.id
            LEFT JOIN original_decision o ON o.order_id = p.id
            WHERE p.retailer = '\(retailer)'
            """)
        var r = Recount()
        for row in rows {
            let received = Double(row[0]) ?? 0
            if inNovember(received) {
                r.orders += 1
                r.units += Int(row[4]) ?? 0
                let cancelled = (Int(row[5]) ?? 0) + (Int(row[6]) ?? 0)
                if cancelled > 0 {
                    r.cancelledOrders += 1
                    r.cancelledUnits += cancelled
                }
                if row[2] == "reroute" { r.reroutes += 1 }
            }
            guard let shipBy = Double(row[3]), inNovember(shipBy), row[7] == "0" else { continue }
            let lastShipped = Double(row[8])
            if let lastShipped, lastShipped > shipBy {
                r.shipDue += 1
                r.late += 1
            } else if row[1] == "open" || row[1] == "released" {
                if asOf.timeIntervalSince1970 > shipBy {
                    r.shipDue += 1
                    r.late += 1
                }
            } else if lastShipped != nil {
                r.shipDue += 1
                r.onTime += 1
            }
        }
        return r
    }

    @Test("the report's figures match a recount from the store's tables, in each retailer's month")
    func matchesTheStore() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try Self.filledStore(world)
        let store = StoreInspector(database)
        let report = try DropgateCommand.run(
            ["report", "--db", database.path, "--month", "2026-11", "--json", "--at", Self.asOf]
                + IngestWorld.options)
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stdout)")
        #expect(json["month"] as? String == "2026-11")
        #expect(json["asOf"] as? String == "2026-12-03T12:00:00Z")
        let retailers = try #require(json["retailers"] as? [[String: Any]])
        #expect(
            retailers.compactMap { $0["retailer"] as? String } == [
                "amazon", "bestbuy", "harbormkt", "homedepot",
                "walmart",
            ])
        let asOf = try #require(ISO8601DateFormatter().date(from: Self.asOf))
        var shippedSomething = false
        for retailer in retailers {
            let id = try #require(retailer["retailer"] as? String)
            let zone = try #require(TimeZone(identifier: retailer["timeZone"] as? String ?? ""))
            let total = try #require(retailer["total"] as? [String: Any])
            func figure(_ key: String) -> Int { total[key] as? Int ?? -1 }
            let reported = Recount(
                orders: figure("orders"), units: figure("units"), shipDue: figure("shipDue"),
                onTime: figure("shippedOnTime"), late: figure("shippedLate"),
                cancelledOrders: figure("cancelledOrders"), cancelledUnits: figure("cancelledUnits"),
                reroutes: figure("reroutes"))
            let recounted = try Self.recount(store, retailer: id, zone: zone, asOf: asOf)
            #expect(reported == recounted, "\(id)")
            if recounted.onTime > 0 { shippedSomething = true }
            // Late-ship: $5 beyond 1% of the month's POs where the profile sets it.
            if let fee = (retailer["fees"] as? [[String: Any]])?.first(where: {
                $0["violation"] as? String == "late-ship"
            }), id == "walmart" {
                #expect(fee["count"] as? Int == recounted.late)
                #expect(fee["base"] as? Int == recounted.orders)
                #expect(fee["free"] as? Int == recounted.orders / 100)
                #expect(fee["charged"] as? Int == max(0, recounted.late - recounted.orders / 100))
            }
        }
        #expect(shippedSomething, "some Home Depot PO shipped on time")

        // The last arrival (23:30 on the 30th, Chicago time) is in Walmart's November, not in Home Depot's.
        let last = try #require(ISO8601DateFormatter().date(from: Self.arrivals[4])).timeIntervalSince1970
        let lastByRetailer = try store.rows(
            "SELECT retailer, count(*) FROM purchase_order WHERE received_at = \(last) GROUP BY retailer ORDER BY 1")
        #expect(lastByRetailer.map(\.[0]).contains("walmart") && lastByRetailer.map(\.[0]).contains("homedepot"))

        let text = try DropgateCommand.run(
            ["report", "--db", database.path, "--month", "2026-11", "--retailer", "walmart", "--at", Self.asOf]
                + IngestWorld.options)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("(walmart) — 2026-11, America/Chicago"), "\(text.stdout)")
        #expect(text.stdout.contains("late PO") && text.stdout.contains("free"), "\(text.stdout)")
        let csv = try DropgateCommand.run(
            ["report", "--db", database.path, "--month", "2026-11", "--csv", "--at", Self.asOf] + IngestWorld.options)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("month,retailer,dc,orders,units,") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("2026-11,") })
    }

    /// The sample Walmart profile alone in `world`'s folder, its late-ship fee made 2% of the order beyond 1% of
    /// its POs.
    static func percentProfiles(_ world: IngestWorld) throws -> [String] {
        let profiles = world.folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let walmart = profiles.appendingPathComponent("walmart.yaml")
        let text = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles/walmart.yaml"),
            encoding: .utf8)
        let changed = text.replacingOccurrences(
            of: "late-ship: { fixed: 5.00 USD, allowance: 1% of orders }",
            with: "late-ship: { percent: 2, allowance: 1% of orders }")
        #expect(changed != text, "the sample Walmart profile sets its late-ship fee as before")
        try changed.write(to: walmart, atomically: true, encoding: .utf8)
        var options = IngestWorld.options
        options[1] = profiles.path
        return options
    }

    /// Each Walmart PO late in Walmart's November as of `asOf`, from the raw tables: its ship-by, PO number, id and
    /// extended value (quantity × unit price over the lines priced in the order's currency, read as written).
    static func lateWalmartPOs(_ store: StoreInspector, asOf: Date) throws -> [(Double, String, Int, Decimal)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Chicago"))
        var values: [Int: Decimal] = [:]
        for row in try store.rows(
            """
            SELECT p.id, l.value -> '$.quantity', COALESCE(l.value -> '$.unitPrice.amount', ''),
                COALESCE(l.value ->> '$.unitPrice.currency', ''), p.order_json ->> '$.currency'
            FROM purchase_order p, json_each(p.order_json, '$.lines') l WHERE p.retailer = 'walmart'
            """)
        {
            let id = try #require(Int(row[0]))
            guard row[3] == row[4], let quantity = Decimal(string: row[1]), let price = Decimal(string: row[2]) else {
                values[id, default: 0] += 0
                continue
            }
            values[id, default: 0] += quantity * price
        }
        var late: [(Double, String, Int, Decimal)] = []
        for row in try store.rows(
            """
            SELECT p.id, p.po_number, d.ship_by, p.state,
                COALESCE((SELECT MAX(s.shipped_at) FROM shipment s WHERE s.order_id = p.id), ''),
                (SELECT COUNT(*) FROM line_cancellation l WHERE l.order_id = p.id AND l.reason = 'retailer-cancel')
            FROM purchase_order p JOIN decision d ON d.order_id = p.id
            WHERE p.retailer = 'walmart' AND d.ship_by IS NOT NULL
            """)
        {
            let id = try #require(Int(row[0]))
            let shipBy = try #require(Double(row[2]))
            let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: shipBy))
            guard parts.year == 2026, parts.month == 11, row[5] == "0" else { continue }
            let lastShipped = Double(row[4])
            let isOpen = row[3] == "open" || row[3] == "released"
            if lastShipped.map({ $0 > shipBy }) ?? (isOpen && asOf.timeIntervalSince1970 > shipBy) {
                late.append((shipBy, row[1], id, values[id] ?? 0))
            }
        }
        return late.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    @Test("a per-cent fee shows in the report as its share of the charged late POs' values, the forecast as estimates")
    func percentFee() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try Self.filledStore(world)
        let store = StoreInspector(database)
        let options = try Self.percentProfiles(world)
        let asOf = try #require(ISO8601DateFormatter().date(from: Self.asOf))
        let report = try DropgateCommand.run(
            [
                "report", "--db", database.path, "--month", "2026-11", "--retailer", "walmart", "--json", "--at",
                Self.asOf,
            ]
                + options)
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stdout)")
        let retailer = try #require((json["retailers"] as? [[String: Any]])?.first)
        let fee = try #require(
            (retailer["fees"] as? [[String: Any]])?.first { $0["violation"] as? String == "late-ship" })
        let recounted = try Self.recount(
            store, retailer: "walmart", zone: try #require(TimeZone(identifier: "America/Chicago")), asOf: asOf)
        let late = try Self.lateWalmartPOs(store, asOf: asOf)
        #expect(late.count == recounted.late && late.count > 1, "\(late)")
        let free = recounted.orders / 100
        let charged = late.dropFirst(free).reduce(Decimal(0)) { $0 + $1.3 }
        #expect(charged > 0)
        func amount(_ key: String) -> Double? {
            ((fee[key] as? [String: Any])?["amount"] as? NSNumber)?.doubleValue
        }
        let expected = NSDecimalNumber(decimal: charged * 2 / 100).doubleValue
        #expect(fee["fee"] as? String == "2% of the order beyond 1% of orders")
        #expect(fee["count"] as? Int == late.count && fee["free"] as? Int == free)
        #expect(abs((amount("incurred") ?? -1) - expected) < 1e-9, "\(fee) against \(expected)")
        #expect(fee["estimated"] as? Bool == true)
        // The month is over: the forecast is what was charged, and the next late PO costs 2% of the average one.
        #expect(abs((amount("projectedIncurred") ?? -1) - expected) < 1e-9)
        let average = NSDecimalNumber(decimal: late.reduce(Decimal(0)) { $0 + $1.3 } / Decimal(late.count)).doubleValue
        #expect(abs((amount("nextFee") ?? -1) - average * 0.02) <= 0.005, "\(fee)")
        let total = try #require(retailer["total"] as? [String: Any])
        let incurred = ((total["feesIncurred"] as? [String: Any])?["amount"] as? NSNumber)?.doubleValue
        let fees = (retailer["fees"] as? [[String: Any]]) ?? []
        let sum = fees.reduce(0.0) {
            $0 + ((($1["incurred"] as? [String: Any])?["amount"] as? NSNumber)?.doubleValue ?? 0)
        }
        #expect(abs((incurred ?? -1) - sum) < 1e-9, "the total is its fees' incurred: \(total)")

        let text = try DropgateCommand.run(
            ["report", "--db", database.path, "--month", "2026-11", "--retailer", "walmart", "--at", Self.asOf]
                + options)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains("costs about $") && text.stdout.contains("(2% of an average order)"), "\(text.stdout)")
    }

    @Test("a month that is not one, or --json with --csv, is refused")
    func badOptions() throws {
        let month = try DropgateCommand.run(["report", "--month", "2026-13", "--db", "x.sqlite"])
        #expect(month.status == 64, "\(month.stderr)")
        let both = try DropgateCommand.run(["report", "--json", "--csv", "--db", "x.sqlite"])
        #expect(both.status == 64, "\(both.stderr)")
    }
}
