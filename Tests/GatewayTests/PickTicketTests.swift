import Foundation
import Gateway
import Orders
import Profiles
import Routing
import Testing

/// Issue 16: a pick ticket carries what the floor needs (ship-to, gift message, packing slip, item flags) and shows
/// each time on the clock of whoever owns it, with its offset.
@Suite("pick tickets for the floor")
struct PickTicketTests {
    /// A Walmart order (retailer in Chicago) assigned to ONT1 (Ontario, CA, Pacific time), given hazmat handling
    /// here so one ticket shows every item flag: an oversize rug, lamp-oil candles, towels to gift-wrap.
    static func ticket() throws -> (PickTicket, PurchaseOrder) {
        let world = try SampleWorld()
        var network = world.profiles.network
        let ont = try #require(network.nodes.firstIndex { $0.id == "ONT1" })
        network.nodes[ont].capabilities.insert(.hazmat)
        let profile = try #require(world.profiles["walmart"])
        var dates = OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24))
        dates.expectedShip = CalendarDate(year: 2026, month: 11, day: 25)
        let shipTo = Party(
            role: .shipTo, name: "Pat O'Neil, Jr.",
            address: Address(
                lines: ["12 Main St", "Apt 4"], city: "Riverside", region: "CA", postalCode: "92501", country: "US"),
            contact: Contact(phone: "951-555-0100"))
        var order = PurchaseOrder(
            retailer: "walmart", poNumber: "4790000001", dates: dates,
            parties: [shipTo, Party(role: .shipFrom, identifier: PartyIdentifier(qualifier: "92", value: "ONT1"))],
            shipMethod: ShipMethod(
                carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX HOME DELIVERY"),
            lines: [
                OrderLine(lineNumber: "1", sku: "HP-10131", quantity: 1, unitPrice: Money(115, .usd)),
                OrderLine(lineNumber: "2", sku: "HP-10194", quantity: 2, unitPrice: Money(12, .usd)),
                OrderLine(lineNumber: "3", sku: "HP-10001", quantity: 1, unitPrice: Money(9, .usd), giftWrap: true),
            ],
            source: OrderSource(format: .x12))
        order.notes = [Note(kind: .giftMessage, text: "Happy Thanksgiving, Mom!\nLove, \"Sam\"")]
        var stock = Stock()
        for sku: SKU in ["HP-10131", "HP-10194", "HP-10001"] { stock.set(9, of: sku, at: "ONT1") }
        let decision = Router(profile: profile, network: network, catalog: world.profiles.catalog)
            .route(order, state: NetworkState(stock: stock), now: SampleWorld.clock)
        #expect(decision.outcome == .ship, "\(decision.renderText())")
        let shipment = try #require(decision.shipments.first)
        return (PickTicket(order: order, shipment: shipment, profile: profile, catalog: world.profiles.catalog), order)
    }

    /// RFC 4180: fields split on commas, records on CRLF or LF, quoted fields keep commas, line breaks and doubled
    /// quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append(scalar)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    @Test("the CSV read back with an RFC 4180 reader gives every field, the multi-line gift message intact")
    func csvRoundTrip() throws {
        let (ticket, _) = try Self.ticket()
        let text = ([PickTicket.csvHeader] + ticket.csvRows).joined(separator: "\r\n") + "\r\n"
        let records = Self.parseCSV(text)
        #expect(records.count == 4)
        let header = records[0]
        #expect(header == PickTicket.csvColumns)
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.allSatisfy { $0.count == header.count })
        let first = try #require(rows.first)
        #expect(first["ticket"] == "walmart-4790000001-ONT1")
        #expect(first["node"] == "ONT1")
        #expect(first["ship_to_name"] == "Pat O'Neil, Jr.")
        #expect(first["ship_to_address_1"] == "12 Main St")
        #expect(first["ship_to_address_2"] == "Apt 4")
        #expect(first["ship_to_city"] == "Riverside")
        #expect(first["ship_to_state"] == "CA")
        #expect(first["ship_to_postal_code"] == "92501")
        #expect(first["ship_to_country"] == "US")
        #expect(first["ship_to_phone"] == "951-555-0100")
        #expect(first["gift_message"] == "Happy Thanksgiving, Mom!\nLove, \"Sam\"")
        #expect(first["packing_slip"] == "no")  // Walmart: no packing slip
        #expect(rows.map { $0["line"] } == ["1", "2", "3"])
        #expect(rows.map { $0["sku"] } == ["HP-10131", "HP-10194", "HP-10001"])
        #expect(rows.map { $0["quantity"] } == ["1", "2", "1"])
        #expect(rows.map { $0["oversize"] } == ["yes", "no", "no"])
        #expect(rows.map { $0["hazmat"] } == ["no", "yes", "no"])
        #expect(rows.map { $0["gift_wrap"] } == ["no", "no", "yes"])
        #expect(rows.map { $0["description"] }.first == "Harlow Jute Area Rug 8 x 10 ft")
    }

    @Test("times read on the DC's clock and the retailer's deadline on the retailer's, each with its offset")
    func timesCarryOffsets() throws {
        let (ticket, _) = try Self.ticket()
        // ONT1's 15:00 cutoff in Pacific time; Walmart's ESD Wednesday ends at 23:59:59 in Chicago, 21:59:59 at ONT1.
        #expect(ticket.shipAt.description == "2026-11-24T15:00:00-08:00")
        #expect(ticket.shipBy.description == "2026-11-25T23:59:59-06:00")
        #expect(ticket.shipByAtNode.description == "2026-11-25T21:59:59-08:00")
        #expect(ticket.nodeTimeZone == "America/Los_Angeles")
        #expect(ticket.retailerTimeZone == "America/Chicago")
        let row = try #require(Self.parseCSV(PickTicket.csvHeader + "\n" + ticket.csvRows[0]).last)
        let fields = Dictionary(uniqueKeysWithValues: zip(PickTicket.csvColumns, row))
        #expect(fields["ship_at"] == "2026-11-24T15:00:00-08:00")
        #expect(fields["ship_by"] == "2026-11-25T23:59:59-06:00")
        #expect(fields["ship_by_at_node"] == "2026-11-25T21:59:59-08:00")
    }

    @Test("the JSON ticket, written as the gateway writes it, keeps the offsets and decodes to the same ticket")
    func jsonKeepsOffsets() throws {
        let (ticket, _) = try Self.ticket()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(ticket)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["shipAt"] as? String == "2026-11-24T15:00:00-08:00")
        #expect(json["shipBy"] as? String == "2026-11-25T23:59:59-06:00")
        #expect(json["shipByAtNode"] as? String == "2026-11-25T21:59:59-08:00")
        #expect(json["giftMessage"] as? String == "Happy Thanksgiving, Mom!\nLove, \"Sam\"")
        #expect(json["packingSlip"] as? Bool == false)
        let lines = try #require(json["lines"] as? [[String: Any]])
        #expect(lines.map { $0["hazmat"] as? Bool } == [false, true, false])
        #expect(lines.map { $0["oversize"] as? Bool } == [true, false, false])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(PickTicket.self, from: data) == ticket)
    }

    @Test(
        "an instant reads with the zone's offset on that day, daylight saving included",
        arguments: [
            ("2026-11-24T20:00:00Z", "America/New_York", "2026-11-24T15:00:00-05:00"),
            ("2026-07-01T19:00:00Z", "America/New_York", "2026-07-01T15:00:00-04:00"),
            ("2026-07-01T22:00:00Z", "America/Phoenix", "2026-07-01T15:00:00-07:00"),
            ("2026-11-26T05:59:59Z", "America/Chicago", "2026-11-25T23:59:59-06:00"),
            ("2026-11-24T20:00:00Z", "UTC", "2026-11-24T20:00:00+00:00"),
            ("2026-11-24T20:00:00Z", "Asia/Kolkata", "2026-11-25T01:30:00+05:30"),
        ])
    func zonedInstant(utc: String, zone: String, expected: String) throws {
        let instant = try #require(ISO8601DateFormatter().date(from: utc))
        let zoned = ZonedInstant(instant, in: try #require(TimeZone(identifier: zone)))
        #expect(zoned.description == expected)
        let parsed = try #require(ZonedInstant(parsing: expected))
        #expect(parsed == zoned)
        #expect(parsed.instant == instant)
    }
}
