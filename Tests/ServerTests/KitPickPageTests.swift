import Foundation
import Gateway
import Orders
import Profiles
import Store
import Testing

@testable import Server

/// The printed pick ticket of a kit line lists what to pick for it.
@Suite("Warehouse pages: kits")
struct KitPickPageTests {
    @Test("a kit line's printed ticket lists its components under it, per kit and in all")
    func components() throws {
        var json = try JSONSerialization.jsonObject(with: Data(PageTemplateTests.ticketJSON())) as? [String: Any] ?? [:]
        json["lines"] = [
            [
                "lineNumber": "1", "sku": "HP-KIT-1", "description": "Towel set", "quantity": 3, "giftWrap": false,
                "hazmat": false, "oversize": false,
                "components": [
                    ["sku": "HP-10001", "description": "Bath towel", "quantityPerKit": 2, "quantity": 6],
                    ["sku": "HP-10009", "description": "Hand towel", "quantityPerKit": 1, "quantity": 3],
                ] as [[String: Any]],
            ] as [String: Any]
        ]
        let bytes = Array(try JSONSerialization.data(withJSONObject: json))
        let (picks, unreadable) = WarehousePages.picks([PageTemplateTests.entry(7, bytes)])
        #expect(unreadable.isEmpty)
        let ticket = try #require(picks.first?.ticket)
        #expect(ticket.lines.first?.components?.map(\.quantity) == [6, 3])
        let html = try WarehousePages().printed(
            "ticket", tickets: [(OrderID(7), ticket)], dc: "EWR1", profiles: PageTemplateTests.world)
        #expect(
            html.contains(
                "<span class=\"sku human\">HP-10001</span></td><td>Bath towel (2 per kit)</td><td class=\"qty\">6</td>"),
            "\(html)")
        #expect(html.contains("Hand towel (1 per kit)</td><td class=\"qty\">3</td>"))
        let plain = try WarehousePages().printed(
            "ticket",
            tickets: [
                (
                    OrderID(7),
                    try #require(
                        WarehousePages.picks([PageTemplateTests.entry(8, try PageTemplateTests.ticketJSON())]).picks
                            .first?.ticket)
                )
            ],
            dc: "EWR1", profiles: PageTemplateTests.world)
        #expect(!plain.contains("kit-component"), "an ordinary line has no component rows")
    }

    @Test("a kit line partly shipped: the page and the ticket show what is left of the kit and of each component")
    func partlyShipped() throws {
        var json = try JSONSerialization.jsonObject(with: Data(PageTemplateTests.ticketJSON())) as? [String: Any] ?? [:]
        json["lines"] = [
            [
                "lineNumber": "1", "sku": "HP-KIT-1", "description": "Towel set", "quantity": 3, "giftWrap": false,
                "hazmat": false, "oversize": false,
                "components": [
                    ["sku": "HP-10001", "description": "Bath towel", "quantityPerKit": 2, "quantity": 6],
                    ["sku": "HP-10009", "description": "Hand towel", "quantityPerKit": 1, "quantity": 3],
                ] as [[String: Any]],
            ] as [String: Any]
        ]
        var entry = PageTemplateTests.entry(7, Array(try JSONSerialization.data(withJSONObject: json)))
        entry.shipments = [
            ShipConfirmation(
                node: "EWR1", shippedAt: Date(timeIntervalSince1970: 0), method: ShipMethod(carrierSCAC: "FDEG"),
                service: "fedex-home",
                packages: [
                    .init(
                        trackingNumber: "986578788855", contents: [.init(lineNumber: "1", sku: "HP-KIT-1", quantity: 2)]
                    )
                ])
        ]
        let pages = try WarehousePages()
        let (picks, _) = pages.picks([entry])
        let ticket = try #require(picks.first?.ticket)
        #expect(ticket.lines.first?.quantity == 1)
        #expect(ticket.lines.first?.components?.map(\.quantity) == [2, 1])
        let now = ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-05:00") ?? Date()
        let page = pages.pickList(picks, dc: "EWR1", profiles: PageTemplateTests.world, now: now)
        let printed = pages.printed(
            "ticket", tickets: [(OrderID(7), ticket)], dc: "EWR1", profiles: PageTemplateTests.world)
        for html in [page, printed] {
            #expect(html.contains("<td class=\"qty\">1 of 3 left</td>"), "\(html)")
            #expect(html.contains("Bath towel (2 per kit)</td><td class=\"qty\">2 of 6 left</td>"), "\(html)")
            #expect(html.contains("Hand towel (1 per kit)</td><td class=\"qty\">1 of 3 left</td>"))
        }
        let csv = WarehousePages.pickListCSV(picks)
        #expect(csv.contains(",HP-10001,,2,\"kit HP-KIT-1, 2 per kit: Bath towel\","), "\(csv)")
    }
}
