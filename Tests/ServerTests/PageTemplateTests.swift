import Foundation
import Gateway
import Orders
import Profiles
import Routing
import Store
import Testing

@testable import Server

/// The warehouse pages as rendered from their templates: what a retailer or a consumer typed (a PO number, a
/// description, a gift message) is text, never markup; the ship form has the fields the POST handlers read.
@Suite("Warehouse page templates")
struct PageTemplateTests {
    static let hostile = #"<script>alert("x")</script> & 'quoted'"#

    /// A pick ticket as the gateway writes it, with `po`, a description and a gift message as given.
    static func ticketJSON(
        po: String = "4792183650", description: String = "Bath Towel", gift: String? = nil, packingSlip: Bool = true,
        shipBy: String = "2026-11-25T23:59:59-06:00"
    ) throws -> [UInt8] {
        var ticket: [String: Any] = [
            "id": "walmart-\(po)-EWR1", "retailer": "walmart", "retailerName": "Walmart", "poNumber": po,
            "node": "EWR1", "service": "fedex-home", "nodeTimeZone": "America/New_York",
            "retailerTimeZone": "America/Chicago", "shipAt": "2026-11-24T15:00:00-05:00", "shipBy": shipBy,
            "shipByAtNode": shipBy, "packingSlip": packingSlip, "notes": [] as [Any],
            "shipTo": [
                "role": "ship-to", "name": "KAREN <b>MCALLISTER</b>",
                "address": ["lines": ["5612 PHILLIPS AVE"], "city": "PITTSBURGH", "region": "PA"],
            ] as [String: Any],
            "lines": [
                [
                    "lineNumber": "1", "sku": "HP-10001", "upc": "084512100014", "description": description,
                    "quantity": 2, "giftWrap": false, "hazmat": true, "oversize": false,
                ] as [String: Any]
            ],
        ]
        if let gift { ticket["giftMessage"] = gift }
        return Array(try JSONSerialization.data(withJSONObject: ticket))
    }

    static func entry(_ order: Int64, _ bytes: [UInt8], po: String = "4792183650") -> PickListEntry {
        PickListEntry(
            order: OrderID(order), state: .open, retailer: "walmart", poNumber: PONumber(po), node: "EWR1",
            acknowledgeBy: nil, shipBy: nil, ticket: bytes)
    }

    static let world = ProfileSet(
        profiles: [], network: Network(nodes: [], services: [:], zones: [], regions: []), catalog: ItemCatalog([]))

    @Test("every template parses")
    func templatesParse() throws {
        let pages = try WarehousePages()
        for name in PageTemplates.all.keys { #expect(!pages.render(name, [:]).isEmpty, "\(name)") }
    }

    @Test("a PO number, description, name and gift message with <, & and quotes render escaped")
    func escaping() throws {
        let pages = try WarehousePages()
        let bytes = try Self.ticketJSON(po: Self.hostile, description: Self.hostile, gift: Self.hostile)
        let (picks, unreadable) = WarehousePages.picks([Self.entry(7, bytes, po: Self.hostile)])
        #expect(unreadable.isEmpty)
        let now = ISO8601DateFormatter().date(from: "2026-11-24T10:00:00-05:00") ?? Date()
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"
        let pages_ = [
            pages.pickList(picks, dc: "EWR1", profiles: Self.world, now: now),
            pages.printed("ticket", tickets: [(OrderID(7), picks[0].ticket)], dc: "EWR1", profiles: Self.world),
            pages.printed("packing-slip", tickets: [(OrderID(7), picks[0].ticket)], dc: "EWR1", profiles: Self.world),
            pages.shipForm(
                ticket: picks[0].ticket, order: OrderID(7), profile: nil, network: Self.world.network, packages: 1,
                now: now, problems: [Self.hostile], values: ["p1.tracking": Self.hostile]),
        ]
        for html in pages_ {
            #expect(!html.contains("<script>"), "\(html)")
            #expect(html.contains(escaped))
            #expect(!html.contains("<b>MCALLISTER"))
        }
        #expect(pages_[0].contains("&lt;b&gt;MCALLISTER") == false)  // the pick list shows no address
        #expect(pages_[1].contains("KAREN &lt;b&gt;MCALLISTER&lt;/b&gt;"))
        // The barcode's label is an attribute, escaped too; the PO is drawn, not printed raw.
        #expect(pages_[1].contains("aria-label=\"Code 128: \(escaped)\""))
    }

    @Test("the pick list marks overdue orders in words, most urgent first, and says when there is nothing")
    func overdue() throws {
        let pages = try WarehousePages()
        let now = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00-06:00") ?? Date()
        let (picks, _) = WarehousePages.picks([
            Self.entry(1, try Self.ticketJSON(po: "LATER", shipBy: "2026-11-27T23:59:59-06:00"), po: "LATER"),
            Self.entry(2, try Self.ticketJSON(po: "LATE", shipBy: "2026-11-25T11:00:00-06:00"), po: "LATE"),
            Self.entry(3, try Self.ticketJSON(po: "SOON", shipBy: "2026-11-25T14:00:00-06:00"), po: "SOON"),
            Self.entry(4, Array("not json".utf8), po: "BROKEN"),
        ])
        #expect(picks.map(\.ticket.poNumber) == ["LATE", "SOON", "LATER"])
        let html = pages.pickList(picks, dc: "EWR1", profiles: Self.world, now: now)
        let late = try #require(html.range(of: "data-po=\"LATE\""))
        let soon = try #require(html.range(of: "data-po=\"SOON\""))
        let later = try #require(html.range(of: "data-po=\"LATER\""))
        #expect(late.lowerBound < soon.lowerBound && soon.lowerBound < later.lowerBound)
        #expect(html.components(separatedBy: "<span class=\"flag overdue\">OVERDUE</span>").count == 2)
        #expect(html.components(separatedBy: "<span class=\"flag due-soon\">DUE SOON</span>").count == 2)
        #expect(html.contains("class=\"order overdue\""))
        #expect(html.contains("HAZMAT"))
        let empty = pages.pickList([], dc: "EWR1", profiles: Self.world, now: now)
        #expect(empty.contains("Nothing to pick at EWR1."))
    }

    @Test("the ship form has the fields the POST handlers read, package 1 prefilled, typed values kept")
    func shipForm() throws {
        let pages = try WarehousePages()
        let (picks, _) = WarehousePages.picks([Self.entry(9, try Self.ticketJSON())])
        let ticket = try #require(picks.first?.ticket)
        let now = ISO8601DateFormatter().date(from: "2026-11-24T15:04:00Z") ?? Date()
        let html = pages.shipForm(
            ticket: ticket, order: OrderID(9), profile: nil, network: Self.world.network, packages: 2, now: now,
            problems: ["tracking 1Z999 fails its check digit"], values: ["p2.tracking": "1Z999", "reason": "not-found"])
        for field in [
            #"name="service""#, #"<option value="fedex-home" selected>"#,
            #"name="shipped_at" value="2026-11-24T10:04""#,
            #"type="datetime-local""#, #"name="packages" value="2""#, #"name="p1.tracking" value="""#,
            #"name="p2.tracking" value="1Z999""#, #"name="p1.weight""#, #"name="p1.length""#, #"name="p1.width""#,
            #"name="p1.height""#, #"name="p1.line.1" value="2""#, #"name="p2.line.1" value="0""#,
            #"name="line.1" value="0""#, #"<option value="not-found" selected>"#, #"<option value="damaged">"#,
            #"<option value="other">"#, #"method="post" action="/warehouse/EWR1/orders/9/ship""#,
            #"action="/warehouse/EWR1/orders/9/cancel""#, #"enctype="application/x-www-form-urlencoded""#,
            "tracking 1Z999 fails its check digit", #"href="/warehouse/EWR1/orders/9/ship?packages=3""#,
        ] {
            #expect(html.contains(field), "\(field)")
        }
        #expect(!html.contains(#"name="p3.tracking""#))
    }

    @Test("the deadlines page reloads itself and names the fee at stake")
    func deadlines() throws {
        let pages = try WarehousePages()
        let now = ISO8601DateFormatter().date(from: "2026-11-24T12:00:00Z") ?? Date()
        let zone = TimeZone(identifier: "America/Chicago") ?? .gmt
        let entry = DeadlineWatch.Entry(
            order: 3, retailer: "walmart", retailerName: "Walmart <DSV>", poNumber: "PO-3", nodes: ["EWR1"],
            step: .ship,
            deadline: now - 600, doneAt: nil, status: .overdue, lateBy: 600, fee: Fee(amount: .fixed(Money(5, .usd))),
            feeAtStake: Money(5, .usd), retailerTimeZone: zone, nodeTimeZone: zone)
        let html = pages.deadlines([entry], dc: nil, now: now, dueSoon: 4 * 3600)
        #expect(html.contains(#"<meta http-equiv="refresh" content="60">"#))
        #expect(html.contains("OVERDUE"))
        #expect(html.contains("Walmart &lt;DSV&gt; · EWR1"))
        #expect(html.contains("5.00 USD"))
        #expect(html.contains("by 10 min"))
        #expect(html.contains(#"href="/warehouse/EWR1/orders/3/ship""#))
    }
}
