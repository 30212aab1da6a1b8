import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Store
import Testing

@testable import Server

/// Issue 21: every place that shows a pick list line (the DC's page, its JSON and CSV, the printed ticket, the
/// ship form) shows what is still to pick after the floor's shipments and cancels and a retailer's honoured
/// cancel, at once (the page's kept sections included), with the bins and in bin order; an order with nothing
/// left leaves the list. Through a real server on a real store.
@Suite("Warehouse pages: what is left to pick", .serialized)
struct PickListLeftTests {
    static let clock = ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-05:00") ?? Date()

    /// A gateway on `store` with the sample world, Home Depot shipping in up to three shipments and honouring
    /// cancels after release, and ORD1 holding HP-10001 in bin B-10-2 and HP-10002 in bin A-3.
    static func gateway(on store: SQLiteStore) async throws -> Gateway {
        let root = ScorecardServer.root
        let world = try ProfileSet.load(
            profiles: root.appendingPathComponent("retailer-profiles"),
            network: root.appendingPathComponent("fixtures/network.yaml"),
            catalog: root.appendingPathComponent("fixtures/items.csv"))
        var profile = try #require(world["homedepot"])
        profile.fulfilment = FulfilmentPolicy(fill: .shipComplete, maxShipments: 3)
        profile.orders.cancelAfterRelease = .honour
        var profiles = world.profiles
        profiles["homedepot"] = profile
        try await store.importInventory([
            InventoryRow(
                node: "ORD1", sku: "HP-10001", onHand: 20, safetyStock: 0, location: BinLocation(checking: "B-10-2")),
            InventoryRow(
                node: "ORD1", sku: "HP-10002", onHand: 20, safetyStock: 0, location: BinLocation(checking: "A-3")),
        ])
        return Gateway(
            profiles: ProfileSet(profiles: Array(profiles.values), network: world.network, catalog: world.catalog),
            store: store, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A Home Depot interchange (`|`, `^`, `~`) of one transaction set.
    static func interchange(control: Int, group: String, set: String, _ body: [String]) -> [UInt8] {
        let number = String(format: "%09d", control)
        func pad(_ text: String) -> String { text.padding(toLength: 15, withPad: " ", startingAt: 0) }
        let segments =
            [
                "ISA|00|\(String(repeating: " ", count: 10))|00|\(String(repeating: " ", count: 10))|ZZ|"
                    + "\(pad("HOMEDEPOTDS"))|ZZ|\(pad("HARBORPINE"))|261124|1200|U|00401|\(number)|0|P|^",
                "GS|\(group)|HOMEDEPOTDS|HARBORPINE|20261124|1200|\(control)|X|004010", "ST|\(set)|0001",
            ] + body + ["SE|\(body.count + 2)|0001", "GE|1|\(control)", "IEA|1|\(number)"]
        return Array(segments.map { $0 + "~\n" }.joined().utf8)
    }

    /// Places Home Depot PO `po`: line 1 five HP-10001, line 2 two HP-10002; its order id.
    static func place(_ po: String, control: Int, gateway: Gateway, store: SQLiteStore) async throws -> OrderID {
        let body = [
            "BEG|00|DS|\(po)||20261123", "TD5|O|2|UPSN|M|UPS GROUND|||||||SG", "N1|ST|ANGELA WHITFIELD",
            "N3|864 CLIFTON RD NE", "N4|ATLANTA|GA|30307|US", "PO1|1|5|EA|25.00||VN|HP-10001",
            "PO1|2|2|EA|25.00||VN|HP-10002", "CTT|2",
        ]
        _ = await gateway.process(
            interchange(control: control, group: "PO", set: "850", body), origin: "\(po).x12", receivedAt: clock)
        return try #require(
            try await store.orders(OrderFilter(retailer: "homedepot", poNumber: PONumber(po))).first?.id)
    }

    static func ship(_ order: OrderID, _ lines: [(String, Decimal)], gateway: Gateway) async throws {
        _ = try await gateway.ship(
            ShipmentRequest(
                order: order, service: "ups-ground", shippedAt: clock + 3600,
                packages: [
                    .init(
                        trackingNumber: "1Z999AA10123456784", weight: 3,
                        dimensions: ShipConfirmation.Dimensions(length: 10, width: 8, height: 4), contents: lines)
                ]), by: "test", at: clock + 3600)
    }

    /// The table rows of line `number` on a page (`data-line="…"` up to the row's end).
    static func row(_ number: String, in html: String) -> String {
        guard let start = html.range(of: "data-line=\"\(number)\"") else { return "" }
        return String(html[start.lowerBound...].prefix { $0 != "\n" })
    }

    @Test("2 of 5 left after 2 shipped and 1 cancelled: page, JSON, CSV, ticket, ship form; shipped whole, gone")
    func partlyShippedThenCancelled() async throws {
        let server = try await ScorecardServer.start(source: nil)
        defer { Task { await server.stop() } }
        let gateway = try await Self.gateway(on: server.store)
        let order = try await Self.place("FL-1", control: 501, gateway: gateway, store: server.store)
        let fresh = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(fresh.status == 200)
        #expect(Self.row("1", in: fresh.text).contains("<td class=\"qty\">5</td>"), "\(fresh.text)")
        #expect(Self.row("1", in: fresh.text).contains("<td class=\"bin\">B-10-2</td>"))
        let first = try #require(fresh.text.range(of: "data-line=\"2\""))
        let second = try #require(fresh.text.range(of: "data-line=\"1\""))
        #expect(first.lowerBound < second.lowerBound, "line 2 in bin A-3 is walked to before line 1 in B-10-2")

        // The page was rendered and kept: the shipment shows on the very next load.
        try await Self.ship(order, [("1", 2)], gateway: gateway)
        let shipped = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(Self.row("1", in: shipped.text).contains("3 of 5 left"), "\(Self.row("1", in: shipped.text))")

        _ = try await gateway.cancel(
            order, node: nil, lines: ["1": 1], reason: .damaged, by: "test", at: Self.clock + 4000)
        let page = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(Self.row("1", in: page.text).contains("<td class=\"qty\">2 of 5 left</td>"))
        #expect(Self.row("2", in: page.text).contains("<td class=\"qty\">2</td>"), "the other line whole")

        let json = try await server.request("/warehouse/ORD1/picks?format=json", key: server.warehouse)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        let orders = try #require(list["orders"] as? [[String: Any]])
        let ticket = try #require(orders.first?["ticket"] as? [String: Any])
        let lines = try #require(ticket["lines"] as? [[String: Any]])
        #expect(lines.map { $0["lineNumber"] as? String } == ["2", "1"])
        #expect(lines.map { $0["quantity"] as? Int } == [2, 2])
        #expect(lines.map { $0["planned"] as? Int } == [nil, 5])
        #expect(lines.map { $0["location"] as? String } == ["A-3", "B-10-2"])

        let csv = try await server.request(
            "/warehouse/ORD1/picks", key: server.warehouse, headers: ["Accept": "text/csv"])
        let rows = csv.text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(rows.first).map(String.init)
        let columns = try ["line", "quantity", "planned", "location"].map { name in
            try #require(header.firstIndex(of: name))
        }
        #expect(
            rows.dropFirst().map { row in columns.map { String(row[$0]) } } == [
                ["2", "2", "2", "A-3"], ["1", "2", "5", "B-10-2"],
            ])

        let printed = try await server.request("/warehouse/ORD1/orders/\(order)/ticket", key: server.warehouse)
        #expect(Self.row("1", in: printed.text).contains("2 of 5 left"), "\(printed.text)")
        #expect(printed.text.contains("<td class=\"bin\">B-10-2</td>"))
        let slip = try await server.request("/warehouse/ORD1/orders/\(order)/packing-slip", key: server.warehouse)
        #expect(slip.text.contains("<td class=\"qty\">2 of 5</td>"), "\(slip.text)")
        #expect(slip.text.contains("<td class=\"qty\">2</td>"), "the other line whole")
        let form = try await server.request("/warehouse/ORD1/orders/\(order)/ship", key: server.warehouse)
        #expect(form.text.contains("name=\"p1.line.1\" value=\"2\""), "the form starts with what is left")
        #expect(form.text.contains("name=\"p1.line.2\" value=\"2\""))

        try await Self.ship(order, [("1", 2), ("2", 2)], gateway: gateway)
        let empty = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(empty.text.contains("Nothing to pick at ORD1"), "\(empty.text)")
        let none = try await server.request("/warehouse/ORD1/picks?format=csv", key: server.warehouse)
        #expect(none.text.split(separator: "\r\n").count == 1, "the header only")
    }

    @Test("a retailer's cancel honoured after release shows at once: 3 of 5 left")
    func retailerCancelAfterRelease() async throws {
        let server = try await ScorecardServer.start(source: nil)
        defer { Task { await server.stop() } }
        let gateway = try await Self.gateway(on: server.store)
        let order = try await Self.place("FL-2", control: 601, gateway: gateway, store: server.store)
        #expect(try await server.store.mark(order, as: .released, at: Self.clock + 60, detail: "picking"))
        let before = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(Self.row("1", in: before.text).contains("<td class=\"qty\">5</td>"))
        let change = [
            "BCH|04|DS|FL-2||1|20261123", "POC|1|QD|3|5|EA|25.00||VN|HP-10001", "CTT|1",
        ]
        _ = await gateway.process(
            Self.interchange(control: 602, group: "PC", set: "860", change), origin: "change.x12",
            receivedAt: Self.clock + 600)
        #expect(try await server.store.floorOrder(order)?.cancellations.map(\.quantity) == [2])
        let after = try await server.request("/warehouse/ORD1/picks", key: server.warehouse)
        #expect(Self.row("1", in: after.text).contains("3 of 5 left"), "\(Self.row("1", in: after.text))")
        #expect(Self.row("2", in: after.text).contains("<td class=\"qty\">2</td>"))
    }

    @Test("a line with nothing left is struck through as done on the page and ticket, and no task for a WMS")
    func doneLine() throws {
        var json = try JSONSerialization.jsonObject(with: Data(PageTemplateTests.ticketJSON())) as? [String: Any] ?? [:]
        var lines = json["lines"] as? [[String: Any]] ?? []
        lines.append([
            "lineNumber": "2", "sku": "HP-10002", "description": "Hand Towel", "quantity": 3, "giftWrap": false,
            "hazmat": false, "oversize": false,
        ])
        json["lines"] = lines
        var entry = PageTemplateTests.entry(7, Array(try JSONSerialization.data(withJSONObject: json)))
        entry.cancelled = ["1": 2]
        let pages = try WarehousePages()
        let (picks, _) = pages.picks([entry])
        let page = pages.pickList(picks, dc: "EWR1", profiles: PageTemplateTests.world, now: Self.clock)
        #expect(page.contains("<tr class=\"line done\" data-line=\"1\" data-left=\"0\">"), "\(page)")
        #expect(Self.row("1", in: page).contains("<td class=\"qty\">done (2 planned)</td>"))
        #expect(Self.row("2", in: page).contains("<td class=\"qty\">3</td>"))
        let ticket = try #require(picks.first?.ticket)
        #expect(ticket.lines.map(\.lineNumber) == ["2", "1"], "the line done goes last")
        let printed = pages.printed(
            "ticket", tickets: [(OrderID(7), ticket)], dc: "EWR1", profiles: PageTemplateTests.world)
        #expect(printed.contains("<tr class=\"line done\" data-line=\"1\""))
        let slip = pages.printed(
            "packing-slip", tickets: [(OrderID(7), ticket)], dc: "EWR1", profiles: PageTemplateTests.world)
        #expect(!slip.contains("HP-10001"), "the consumer's slip lists what is in the box")
        let csv = WarehousePages.pickListCSV(picks).split(separator: "\r\n")
        #expect(csv.count == 2)
        #expect(csv.last?.contains(",HP-10002,") == true)
        let list = PickListJSON(dc: "EWR1", picks: picks, now: Self.clock, dueSoon: 3600)
        #expect(list.orders.first?.ticket.lines.map(\.lineNumber) == ["2"])
        // Both lines done: the order leaves the list.
        entry.cancelled = ["1": 2, "2": 3]
        #expect(pages.picks([entry]).picks.isEmpty)
    }
}
