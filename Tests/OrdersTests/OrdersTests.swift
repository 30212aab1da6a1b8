import Foundation
import Orders
import Testing

@Suite("The canonical order model")
struct OrdersTests {
    @Test("money keeps X12 unit prices exactly, with more decimals than cents", arguments: [
        ("12.3456 USD", "12.3456", "USD"), ("25.00 USD", "25", "USD"), ("0.1 eur", "0.1", "EUR"),
    ])
    func moneyParsesExactly(text: String, amount: String, currency: String) throws {
        let money = try #require(Money(parsing: text))
        #expect(money.amount == Decimal(string: amount))
        #expect(money.currency.rawValue == currency)
    }

    @Test("money refuses text that is not an amount and a currency", arguments: ["", "USD", "1.2.3 USD", "12 US", "1e5 USD", "12 USD extra"])
    func moneyRejects(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test("money prints cents and keeps extra precision")
    func moneyDescription() {
        #expect(Money(25, .usd).description == "25.00 USD")
        #expect(Money(Decimal(string: "24.5")!, .usd).description == "24.50 USD")
        #expect(Money(Decimal(string: "12.3456")!, .usd).description == "12.3456 USD")
    }

    @Test("calendar dates parse X12, ISO and six-digit ISA forms and refuse impossible days")
    func calendarDates() throws {
        #expect(CalendarDate(parsing: "20261125")?.description == "2026-11-25")
        #expect(CalendarDate(parsing: "2026-11-25T10:00:00-08:00")?.description == "2026-11-25")
        #expect(CalendarDate(parsingYYMMDD: "261124")?.description == "2026-11-24")
        #expect(CalendarDate(parsingYYMMDD: "991231")?.year == 1999)
        #expect(CalendarDate(parsing: "20260230") == nil)
        #expect(CalendarDate(parsing: "20240229") != nil)
        #expect(CalendarDate(parsing: "2026112") == nil)
        #expect(CalendarDate(parsing: "2026-1x-25") == nil)
    }

    @Test("calendar dates in compact storage read, order, equal and print as their year, month and day")
    func compactDates() throws {
        var generator = SystemRandomNumberGenerator()
        var dates: [CalendarDate] = []
        for _ in 0..<2_000 {
            let (year, month) = (Int.random(in: 1...9999, using: &generator), Int.random(in: 1...12, using: &generator))
            let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &generator)
            let date = try #require(CalendarDate(year: year, month: month, day: day))
            #expect((date.year, date.month, date.day) == (year, month, day))
            #expect(CalendarDate(parsing: date.description) == date)
            dates.append(date)
        }
        for (a, b) in zip(dates, dates.shuffled()) {
            #expect((a < b) == ((a.year, a.month, a.day) < (b.year, b.month, b.day)), "\(a) \(b)")
            #expect((a == b) == ((a.year, a.month, a.day) == (b.year, b.month, b.day)), "\(a) \(b)")
            let same = try #require(CalendarDate(year: a.year, month: a.month, day: a.day))
            #expect(same == a && same.hashValue == a.hashValue)
        }
        // Setting a part keeps it; a value no calendar has is clamped, not wrapped.
        var date = try #require(CalendarDate(year: 2026, month: 11, day: 24))
        date.day = 30
        date.month = 12
        date.year = 2027
        #expect(date.description == "2027-12-30")
        date.day = 300
        date.year = Int(Int32.max) + 1
        #expect(date.day == 255 && date.year == Int(Int32.max))
        date.month = -1
        #expect(date.month == 0)
    }

    @Test("an order source's shared parts change in its own box, and it codes, equals and hashes as its parts do")
    func sharedSource() throws {
        let group = OrderSource(
            format: .x12, senderID: PartnerIdentity(qualifier: "08", id: "925485US00"),
            receiverID: PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"), interchangeControl: "000018233",
            groupControl: "7", version: "004010VICS", origin: "inbox/walmart.x12")
        var first = group
        first.setControl = "0001"
        var second = group
        second.setControl = "0002"
        second.origin = "elsewhere.x12"
        second.version = nil
        #expect(first.origin == "inbox/walmart.x12" && first.version == "004010VICS" && group.setControl == nil)
        #expect(second.origin == "elsewhere.x12" && second.version == nil && second.setControl == "0002")
        // The same parts in another box are the same source.
        var rebuilt = OrderSource(
            format: .x12, senderID: group.senderID, receiverID: group.receiverID, interchangeControl: "000018233",
            groupControl: "7", setControl: "0001", version: "004010VICS", origin: "inbox/walmart.x12")
        #expect(rebuilt == first && rebuilt.hashValue == first.hashValue)
        rebuilt.groupControl = "8"
        #expect(rebuilt != first)
        #expect(Set([first, second, rebuilt, first]).count == 3)
        // What the plain struct of eight fields, with coding synthesized, wrote: nil parts left out.
        struct PlainSource: Codable {
            var format: OrderSource.Format
            var senderID, receiverID: PartnerIdentity?
            var interchangeControl, groupControl, setControl, version, origin: String?
        }
        let plain = PlainSource(
            format: .x12, senderID: second.senderID, receiverID: second.receiverID, interchangeControl: "000018233",
            groupControl: "7", setControl: "0002", version: nil, origin: "elsewhere.x12")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(second), as: UTF8.self)
        #expect(json == String(decoding: try encoder.encode(plain), as: UTF8.self))
        #expect(!json.contains("version"))
        #expect(try JSONDecoder().decode(OrderSource.self, from: Data(json.utf8)) == second)
        let bare = try JSONDecoder().decode(OrderSource.self, from: Data(#"{"format":"mapped-xml"}"#.utf8))
        #expect(bare == OrderSource(format: .mappedXML) && bare.senderID == nil && bare.setControl == nil)
    }

    @Test("calendar arithmetic crosses months, years and knows weekdays")
    func calendarArithmetic() throws {
        let date = try #require(CalendarDate(year: 2026, month: 12, day: 30))
        #expect(date.adding(days: 3).description == "2027-01-02")
        #expect(date.adding(days: -30).description == "2026-11-30")
        #expect(CalendarDate(year: 2026, month: 11, day: 26)?.weekday == 5)  // Thanksgiving, a Thursday
    }

    @Test("the day an instant falls on depends on the time zone")
    func dayOfInstant() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-25T03:30:00Z"))
        #expect(CalendarDate(instant, in: try #require(TimeZone(identifier: "America/Los_Angeles"))).description == "2026-11-24")
        #expect(CalendarDate(instant, in: try #require(TimeZone(identifier: "Europe/Berlin"))).description == "2026-11-25")
    }

    @Test("an order round-trips through JSON unchanged")
    func orderRoundTrips() throws {
        let order = PurchaseOrder(
            retailer: "walmart", poNumber: "4792183650",
            dates: OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24)),
            parties: [
                Party(role: .shipTo, name: "KAREN MCALLISTER",
                      address: Address(lines: ["5612 PHILLIPS AVE"], city: "PITTSBURGH", region: "PA", postalCode: "15217", country: "US")),
                Party(role: .shipFrom, identifier: PartyIdentifier(qualifier: "92", value: "EWR1")),
            ],
            shipMethod: ShipMethod(carrierSCAC: "FDEG", serviceLevel: "SG", routing: "FEDEX HOME DELIVERY"),
            lines: [
                OrderLine(lineNumber: "1", sku: "HP-10049", gtin: "084512100496", quantity: 1,
                          unitPrice: Money(Decimal(string: "55.99")!, .usd)),
                OrderLine(lineNumber: "2", sku: "HP-10001", quantity: 2, unitPrice: Money(Decimal(string: "17.9925")!, .usd)),
            ],
            source: OrderSource(format: .x12, senderID: PartnerIdentity(qualifier: "08", id: "925485US00"), setControl: "0001"))
        let data = try JSONEncoder().encode(order)
        #expect(try JSONDecoder().decode(PurchaseOrder.self, from: data) == order)
        #expect(order.assignedNode == "EWR1")
        #expect(order.shipTo?.address?.zip3 == "152")
        #expect(order.extendedTotal == Money(Decimal(string: "91.9750")!, .usd))
        #expect(order.totalUnits == 3)
    }
}
