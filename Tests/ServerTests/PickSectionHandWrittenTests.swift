import Foundation
import Gateway
import Orders
import Profiles
import Store
import TestSupport
import Testing

@testable import Server

/// The pick list's order section written by hand (`PickSection+HandWritten.swift`) must be the text the `pick`
/// template renders, byte for byte: over many tickets with every optional present and absent, kits, bins, lines
/// done, each urgency and state, and text needing escapes (`& < > " '`) in every place a ticket's text is shown.
@Suite("Pick section written by hand")
struct PickSectionHandWrittenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GatewayTests/Golden/pick-tickets/EWR1/walmart-4792183650-EWR1.json")

    static let texts = [
        "Bath Towel", #"<script>alert("x")</script> & 'quoted'"#, "é日本🚚 · ok", "line\nbreak", "", "a&b", "'", "\"",
        "<", ">", "&amp;",
    ]

    /// Random picks as the page shows them, with the carrier and the profile's methods beside each.
    static func picks(count: Int) throws -> [(pick: WarehousePages.Pick, methods: String, carrier: String?)] {
        let base = try JSONDecoder().decode(PickTicket.self, from: Data(contentsOf: golden))
        var random = SplitMix(seed: 2_110)
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func text() -> String { pick(texts) }
        func below(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        func maybe(_ value: String) -> String? { chance(70) ? value : nil }
        func bin() -> BinLocation? { chance(50) ? BinLocation(checking: pick(["A-3", "B-10-2", "Z/9 #1"])) : nil }
        return (0..<count).map { (index: Int) -> (pick: WarehousePages.Pick, methods: String, carrier: String?) in
            var ticket = base
            ticket.poNumber = PONumber(text())
            ticket.retailerName = text()
            ticket.node = DCID(pick(["EWR1", text()]))
            ticket.service = CarrierServiceID(pick(["fedex-home", text()]))
            ticket.giftMessage = maybe(text())
            ticket.packingSlip = chance(50)
            let zone = TimeZone(identifier: pick(["America/New_York", "UTC", "Asia/Kolkata", "America/St_Johns"]))!
            // Mostly now; sometimes before 1970, before year 0 or past 9999, where the times pad otherwise.
            let far: [TimeInterval] = [-1, -86_401, -62_200_000_000, -70_000_000_000, 253_402_300_800, 400_000_000_000]
            let instant = Date(
                timeIntervalSince1970: chance(15) ? pick(far) : TimeInterval(1_700_000_000 + below(90_000_000)))
            ticket.shipAt = ZonedInstant(instant, in: zone)
            ticket.shipBy = ZonedInstant(instant + 3_600, in: TimeZone(secondsFromGMT: -21_600)!)
            ticket.shipByAtNode = ZonedInstant(instant + 3_600, in: zone)
            ticket.lines = (0..<below(5)).map { (number: Int) -> PickTicket.Line in
                let quantity = below(4)
                var components: [PickTicket.Component]?
                if chance(30) {
                    var parts: [PickTicket.Component] = []
                    for part in 0..<below(3) {
                        let sku = SKU(pick(["PART-\(part)", text()]))
                        let perKit: Int = part + 1
                        let units: Int = perKit * quantity
                        let upc: String? = maybe("0845")
                        let description: String? = maybe(text())
                        let location: BinLocation? = bin()
                        parts.append(
                            PickTicket.Component(
                                sku: sku, upc: upc, description: description, quantityPerKit: perKit, quantity: units,
                                location: location))
                    }
                    components = parts
                }
                let lineNumber = pick([String(number + 1), text()])
                let sku = SKU(pick(["HP-10001", text()]))
                let planned: Int? = chance(40) ? quantity + below(3) : nil
                let upc: String? = maybe(text())
                let item: String? = maybe(text())
                let description: String? = maybe(text())
                let giftWrap: Bool = chance(20)
                let hazmat: Bool = chance(20)
                let oversize: Bool = chance(20)
                let location: BinLocation? = bin()
                // Lines are made by changing the golden ticket's first: their memberwise initializer is Gateway's.
                var line = base.lines[0]
                line.lineNumber = lineNumber
                line.sku = sku
                line.upc = upc
                line.retailerItemID = item
                line.description = description
                line.quantity = quantity
                line.giftWrap = giftWrap
                line.hazmat = hazmat
                line.oversize = oversize
                line.components = components
                line.planned = planned
                line.location = location
                return line
            }
            let entry = PickListEntry(
                order: OrderID(Int64(index + 1)), state: pick(OrderState.allCases), retailer: ticket.retailer,
                poNumber: ticket.poNumber, node: ticket.node, acknowledgeBy: nil, shipBy: nil, ticket: [])
            return (
                WarehousePages.Pick(entry: entry, ticket: ticket), pick(["", "UPSN / GROUND", text()]),
                pick([nil, "UPS", "", text()])
            )
        }
    }

    @Test("the section written by hand is the template's text, byte for byte")
    func sameAsTemplate() throws {
        let pages = try WarehousePages()
        let urgencies: [WarehousePages.Urgency] = [.overdue, .dueSoon, .onTime]
        var escapes = 0
        for (index, (pick, methods, carrier)) in try Self.picks(count: 600).enumerated() {
            let urgency = urgencies[index % urgencies.count]
            let expected = pages.render(
                "pick", WarehousePages.section(pick, urgency: urgency, methods: methods, carrier: carrier))
            let written = HandWrittenPickSection.html(pick, urgency: urgency, methods: methods, carrier: carrier)
            #expect(Array(written.utf8) == Array(expected.utf8), "pick \(index)\n\(written)\n---\n\(expected)")
            if expected.contains("&lt;script&gt;") { escapes += 1 }
        }
        #expect(escapes > 100, "text needing escapes was exercised")
    }

    @Test("the golden ticket's section is the template's text on the floor's page")
    func goldenTicket() throws {
        let pages = try WarehousePages()
        let bytes = try [UInt8](Data(contentsOf: Self.golden))
        let entry = PickListEntry(
            order: OrderID(42), state: .open, retailer: "walmart", poNumber: "4792183650", node: "EWR1",
            acknowledgeBy: nil,
            shipBy: nil, ticket: bytes)
        let pick = try #require(WarehousePages.picks([entry]).picks.first)
        for urgency in [WarehousePages.Urgency.overdue, .dueSoon, .onTime] {
            let expected = pages.render(
                "pick", WarehousePages.section(pick, urgency: urgency, methods: "FDEH / HOME", carrier: "FDXH"))
            #expect(
                HandWrittenPickSection.html(pick, urgency: urgency, methods: "FDEH / HOME", carrier: "FDXH")
                    == expected)
        }
    }
}
