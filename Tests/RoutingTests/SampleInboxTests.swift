import Foundation
import Orders
import Profiles
import Routing
import Testing

/// The POs of `fixtures/inbox/` as the parsers produce them (built here by hand, so routing is tested on its own),
/// decided against the committed `items.csv` and `inventory.csv` at the demo clock. Each expects the outcome
/// `fixtures/inbox/README.md` says it is built to show.
@Suite("the sample inbox decides as its README says")
struct SampleInboxTests {
    @Test("each inbox PO gets the outcome it was built to show", arguments: SampleInbox.cases)
    func outcome(_ example: SampleInbox.Case) throws {
        let (world, state) = try #require(SampleInbox.world)
        let profile = try #require(world[example.order.retailer ?? ""])
        let decision = route(
            example.order, profile: profile, network: world.network, catalog: world.catalog,
            state: state, now: SampleWorld.demoNow)
        #expect(decision.outcome == example.outcome, "\(decision.renderText())")
        #expect(decision.shipments.map(\.node) == example.nodes, "\(decision.renderText())")
        #expect(decision.cancelledLines.map(\.lineNumber) == example.cancelled)
    }

    @Test("the whole inbox decided in order consumes stock as it goes and still gets every outcome")
    func wholeRun() throws {
        let (world, initial) = try #require(SampleInbox.world)
        var state = initial
        for example in SampleInbox.cases {
            let profile = try #require(world[example.order.retailer ?? ""])
            let decision = route(
                example.order, profile: profile, network: world.network, catalog: world.catalog,
                state: state, now: SampleWorld.demoNow)
            #expect(decision.outcome == example.outcome)
            state.apply(decision)
        }
    }
}

enum SampleInbox {
    struct Case: Sendable, CustomTestStringConvertible {
        var order: PurchaseOrder
        var outcome: RoutingDecision.Outcome
        var nodes: [DCID]
        var cancelled: [String] = []
        var testDescription: String { "\(order.poNumber) → \(outcome.rawValue)" }
    }

    static let world: (ProfileSet, NetworkState)? = {
        let root = SampleWorld.root
        guard
            let inventory = try? String(
                contentsOf: root.appendingPathComponent("fixtures/inventory.csv"), encoding: .utf8),
            let world = try? ProfileSet.load(
                profiles: root.appendingPathComponent("retailer-profiles"),
                network: root.appendingPathComponent("fixtures/network.yaml"),
                catalog: root.appendingPathComponent("fixtures/items.csv")),
            let stock = try? Stock.parse(inventoryCSV: inventory)
        else { return nil }
        return (world, NetworkState(stock: stock))
    }()

    static func po(
        _ retailer: RetailerID, _ number: String, _ method: ShipMethod, _ shipTo: Address,
        _ lines: [(SKU, Int)], assigned: DCID? = nil, esd: String? = nil
    ) -> PurchaseOrder {
        var parties = [Party(role: .shipTo, name: "Consumer", address: shipTo)]
        if let assigned {
            parties.append(
                Party(role: .shipFrom, identifier: PartyIdentifier(qualifier: "92", value: assigned.rawValue)))
        }
        var dates = OrderDates(ordered: CalendarDate(parsing: "2026-11-24"))
        dates.expectedShip = esd.flatMap { CalendarDate(parsing: $0) }
        return PurchaseOrder(
            retailer: retailer, poNumber: PONumber(number), dates: dates, parties: parties, shipMethod: method,
            lines: lines.enumerated().map {
                OrderLine(
                    lineNumber: String($0.offset + 1), sku: $0.element.0, quantity: Decimal($0.element.1),
                    unitPrice: Money(20, .usd))
            },
            source: OrderSource(format: .x12))
    }

    static func at(_ lines: [String], _ city: String, _ state: String, _ zip: String) -> Address {
        Address(lines: lines, city: city, region: state, postalCode: zip, country: "US")
    }

    static let upsGround = ShipMethod(
        carrierSCAC: "UPSN", serviceLevel: "SG", transportMethod: "M", routing: "UPS GROUND")
    static let ups2Day = ShipMethod(
        carrierSCAC: "UPSN", serviceLevel: "SE", transportMethod: "M", routing: "UPS 2ND DAY AIR")
    static let fedexHome = ShipMethod(
        carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX HOME DELIVERY")
    static let fedexGround = ShipMethod(
        carrierSCAC: "FDEG", serviceLevel: "SG", transportMethod: "M", routing: "FEDEX GROUND")

    static let cases: [Case] = [
        Case(
            order: po(
                "homedepot", "31846207", upsGround, at(["864 CLIFTON RD NE"], "ATLANTA", "GA", "30307"),
                [("HP-10212", 1), ("HP-10201", 1), ("HP-10231", 1)]),
            outcome: .ship, nodes: ["ORD1"], cancelled: ["3"]),
        Case(
            order: po(
                "homedepot", "31846519", upsGround, at(["2291 NORTHWEST BLVD"], "COLUMBUS", "OH", "43221"),
                [("HP-10063", 1), ("HP-10108", 1), ("HP-10197", 2)]),
            outcome: .ship, nodes: ["ORD1"]),
        Case(
            order: po(
                "homedepot", "31847083", upsGround, at(["3719 S ROCKFORD AVE"], "TULSA", "OK", "74105"),
                [("HP-10141", 1), ("HP-10171", 1), ("HP-10155", 1)]),
            outcome: .reroute, nodes: ["DFW1"]),
        Case(
            order: po(
                "walmart", "4792183650", fedexHome, at(["5612 PHILLIPS AVE"], "PITTSBURGH", "PA", "15217"),
                [("HP-10049", 1), ("HP-10001", 2)], assigned: "EWR1", esd: "2026-11-25"),
            outcome: .ship, nodes: ["EWR1"]),
        Case(
            order: po(
                "walmart", "4792190417", fedexHome, at(["3140 GIRARD AVE S", "APT 2"], "MINNEAPOLIS", "MN", "55408"),
                [("HP-10164", 1)], assigned: "ORD1", esd: "2026-11-25"),
            outcome: .cancel, nodes: [], cancelled: ["1"]),
        Case(
            order: po(
                "walmart", "4792201188", fedexGround, at(["7405 CAHILL DR"], "AUSTIN", "TX", "78729"),
                [("HP-10146", 1)], assigned: "DFW1"),
            outcome: .ship, nodes: ["DFW1"]),
        Case(
            order: po(
                "walmart", "4792215503", fedexHome, at(["3221 WAIALAE AVE", "UNIT 1104"], "HONOLULU", "HI", "96816"),
                [("HP-10107", 1)], assigned: "ONT1", esd: "2026-11-25"),
            outcome: .reject, nodes: []),
        Case(
            order: po(
                "amazon", "D8kTqR2mW", upsGround, at(["418 7th Ave", "Apt 3R"], "Brooklyn", "NY", "11215"),
                [("HP-10180", 2), ("HP-10277", 1)]),
            outcome: .ship, nodes: ["EWR1"]),
        Case(
            order: po(
                "amazon", "D3vNcY8pL", ups2Day, at(["1126 Williamson St"], "Madison", "WI", "53703"),
                [("HP-10203", 1), ("HP-10218", 2)]),
            outcome: .reroute, nodes: ["ORD1"]),
        Case(
            order: po(
                "amazon", "DqH6sZ4bK", upsGround, at(["PO Box 2217"], "Bozeman", "MT", "59771"),
                [("HP-10167", 1), ("HP-10112", 1)]),
            outcome: .cancel, nodes: [], cancelled: ["1", "2"]),
        Case(
            order: po(
                "walmart", "4792230071", fedexHome, at(["1 Main St"], "Trenton", "NJ", "08608"),
                [("HP-10283", 2)], assigned: "EWR1", esd: "2026-11-25"),
            outcome: .ship, nodes: ["EWR1"]),
        Case(
            order: po(
                "bestbuy", "8841207-A", ShipMethod(routing: "Expedited 2 Day"),
                at(["1 Main St"], "Irvine", "CA", "92618"),
                [("HP-10187", 2), ("HP-10274", 1)]),
            outcome: .ship, nodes: ["ONT1"]),
        Case(
            order: po(
                "bestbuy", "8841362-A", ShipMethod(routing: "Standard Ground"),
                at(["1 Main St"], "Mesa", "AZ", "85201"),
                [("HP-10093", 2), ("HP-10239", 3), ("HP-10228", 1)]),
            outcome: .split, nodes: ["ONT1", "PHX1"]),
        Case(
            order: po(
                "bestbuy", "8841590-A", ShipMethod(routing: "Standard Ground"),
                at(["1 Main St"], "Reno", "NV", "89501"),
                [("HP-10002", 6)]),
            outcome: .reject, nodes: []),
    ]
}
