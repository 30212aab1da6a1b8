import Foundation
import Orders
import Profiles
import Routing

/// The committed sample profiles and network, with a small catalog of six items so the tests do not depend on the
/// generated `items.csv`.
enum SampleWorld {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let catalogCSV = """
        sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
        HP-10001,084512100014,Stoneware mug set,4.1,12,10,6,false,false,true,9.80
        HP-10002,084512100021,"Wool rug, 8x10",42,96,14,14,true,false,false,210.00
        HP-10003,084512100038,Lamp-oil candle,2.0,6,6,8,false,true,false,7.10
        HP-10004,084512100045,Linen throw,1.2,12,10,3,false,false,true,18.40
        HP-10005,084512100052,Oak cutting board,3.3,18,12,2,false,false,false,14.00
        HP-10006,084512100069,Glass carafe,2.2,10,5,5,false,false,true,11.25

        """

    static let world: ProfileSet = {
        func file(_ path: String) -> SourceFile {
            SourceFile(
                name: path, text: (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? "")
        }
        do {
            return try ProfileSet.load(
                profiles: ["walmart", "amazon", "homedepot", "bestbuy"].map { file("retailer-profiles/\($0).yaml") },
                network: file("fixtures/network.yaml"), catalog: SourceFile(name: "items.csv", text: catalogCSV))
        } catch {
            preconditionFailure("the sample world must load: \(error)")
        }
    }()

    static func profile(_ id: RetailerID) -> RetailerProfile {
        guard let profile = world[id] else { preconditionFailure("no sample profile \(id)") }
        return profile
    }

    /// The demo clock: Tuesday before Thanksgiving, 10:00 in New York.
    static let demoNow = instant("2026-11-24T10:00:00-05:00")

    static func instant(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("bad instant \(text)") }
        return date
    }

    static func day(_ text: String) -> CalendarDate {
        guard let day = CalendarDate(parsing: text) else { preconditionFailure("bad day \(text)") }
        return day
    }

    static func stock(_ rows: [(DCID, SKU, Int)]) -> NetworkState {
        var stock = Stock()
        for (node, sku, quantity) in rows { stock.set(quantity, of: sku, at: node) }
        return NetworkState(stock: stock)
    }

    static let methods: [RetailerID: ShipMethod] = [
        "walmart": ShipMethod(
            carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX HOME DELIVERY"),
        "amazon": ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", transportMethod: "M", routing: "UPS GROUND"),
        "homedepot": ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", transportMethod: "M", routing: "UPS GROUND"),
        "bestbuy": ShipMethod(routing: "Standard Ground"),
    ]

    static func address(_ city: String, _ region: String, _ zip: String, line: String = "12 Main St") -> Address {
        Address(lines: [line], city: city, region: region, postalCode: zip, country: "US")
    }

    static let newark = address("Newark", "NJ", "07102")
    static let chicago = address("Chicago", "IL", "60601")
    static let riverside = address("Riverside", "CA", "92501")

    static func order(
        _ retailer: RetailerID, _ number: String = "PO-1", lines: [(SKU, Int)], shipTo: Address = newark,
        assigned: DCID? = nil, method: ShipMethod? = nil,
        dates: OrderDates = OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24))
    ) -> PurchaseOrder {
        var parties = [Party(role: .shipTo, name: "Pat Doe", address: shipTo)]
        if let assigned {
            parties.append(
                Party(role: .shipFrom, identifier: PartyIdentifier(qualifier: "92", value: assigned.rawValue)))
        }
        return PurchaseOrder(
            retailer: retailer, poNumber: PONumber(number), dates: dates, parties: parties,
            shipMethod: method ?? methods[retailer],
            lines: lines.enumerated().map { index, line in
                OrderLine(
                    lineNumber: String(index + 1), sku: line.0, quantity: Decimal(line.1),
                    unitPrice: Money(25, .usd))
            },
            source: OrderSource(format: .x12))
    }

    static func decide(
        _ order: PurchaseOrder, _ state: NetworkState, now: Date = demoNow,
        profile: RetailerProfile? = nil
    ) -> RoutingDecision {
        route(
            order, profile: profile ?? self.profile(order.retailer ?? "amazon"), network: world.network,
            catalog: world.catalog, state: state, now: now)
    }
}
