import Foundation
import Orders
import Profiles
import Routing
import Testing

@Suite("routing outcomes in the sample world")
struct OutcomeScenarioTests {
    typealias W = SampleWorld

    @Test("an Amazon order the primary can ship ships from EWR1 by Friday, Thanksgiving skipped")
    func shipFromPrimary() throws {
        let decision = W.decide(W.order("amazon", lines: [("HP-10001", 2)]), W.stock([("EWR1", "HP-10001", 5)]))
        #expect(decision.outcome == .ship)
        let shipment = try #require(decision.shipments.first)
        #expect(shipment.node == "EWR1")
        #expect(shipment.service == "ups-ground")
        #expect(shipment.shipAt == W.instant("2026-11-24T15:00:00-05:00"))
        #expect(decision.deadlines?.shipByDay == CalendarDate(year: 2026, month: 11, day: 27))
        #expect(decision.deadlines?.acknowledgeBy == W.instant("2026-11-25T10:00:00-05:00"))
        #expect(shipment.expectedDelivery == CalendarDate(year: 2026, month: 11, day: 25))
        #expect(decision.isCompliantShipment)
    }

    @Test("an order the primary has no stock for reroutes to the next DC and names the fee avoided")
    func rerouteForStock() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 2)]),
            W.stock([("EWR1", "HP-10001", 1), ("ORD1", "HP-10001", 4), ("ONT1", "HP-10001", 9)]))
        #expect(decision.outcome == .reroute)
        #expect(decision.shipments.map(\.node) == ["ORD1"])
        #expect(decision.fees.avoided.map(\.violation) == [.cancelForStock])
        #expect(decision.fees.avoided.first?.amount == Money(10, .usd))
        let ewr = try #require(decision.nodes.first { $0.node == "EWR1" })
        #expect(!ewr.chosen && ewr.verdict.contains("1 available, 2 needed"))
        let ont = try #require(decision.nodes.first { $0.node == "ONT1" })
        #expect(ont.verdict == "not considered: ORD1 ranks higher and ships every line")
        #expect(decision.nodes.map(\.rank) == [1, 2, 3, 4])
    }

    @Test("an oversize rug reroutes past a DC that cannot handle oversize")
    func rerouteForCapability() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10002", 1)]),
            W.stock([("EWR1", "HP-10002", 3), ("ORD1", "HP-10002", 3), ("DFW1", "HP-10002", 3)]))
        #expect(decision.outcome == .reroute)
        #expect(decision.shipments.map(\.node) == ["DFW1"])
    }

    @Test("an order-level fill-or-kill order that no single DC can ship is cancelled, never split")
    func orderFillOrKillCancels() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10005", 1)]),
            W.stock([("EWR1", "HP-10001", 5), ("ORD1", "HP-10005", 5)]))
        #expect(decision.outcome == .cancel)
        #expect(decision.shipments.isEmpty)
        #expect(decision.cancelledLines.map(\.lineNumber) == ["1", "2"])
        #expect(decision.cancelledLines.allSatisfy { $0.code == "IR" })
        #expect(decision.fees.incurred.first?.amount == Money(10, .usd))
    }

    @Test("a marketplace order splits across two DCs when neither has every line")
    func split() throws {
        let decision = W.decide(
            W.order("bestbuy", lines: [("HP-10001", 1), ("HP-10005", 2)], shipTo: W.riverside),
            W.stock([("ONT1", "HP-10001", 5), ("PHX1", "HP-10005", 5)]))
        #expect(decision.outcome == .split)
        #expect(decision.shipments.map(\.node) == ["ONT1", "PHX1"])
        #expect(decision.shipments.map { $0.lines.map(\.lineNumber) } == [["1"], ["2"]])
        #expect(decision.shipments[1].service == "fedex-ground")
    }

    @Test("line-level fill-or-kill ships the lines that can ship and cancels the rest with the retailer's code")
    func lineFillOrKill() throws {
        let decision = W.decide(
            W.order("homedepot", lines: [("HP-10001", 1), ("HP-10005", 1)], shipTo: W.chicago),
            W.stock([("ORD1", "HP-10001", 5)]))
        #expect(decision.outcome == .ship)
        #expect(decision.shipments.map(\.node) == ["ORD1"])
        #expect(decision.cancelledLines.map(\.lineNumber) == ["2"])
        #expect(decision.cancelledLines.first?.reason == .outOfStock)
        #expect(!decision.isCompliantShipment)
    }

    @Test("a retailer-assigned node without stock cancels and names the alternates that could have shipped")
    func assignedNodeCancels() throws {
        let decision = W.decide(
            W.order("walmart", lines: [("HP-10001", 2)], assigned: "DEN1"),
            W.stock([("ORD1", "HP-10001", 5), ("EWR1", "HP-10001", 5)]))
        #expect(decision.outcome == .cancel)
        #expect(decision.couldHaveShipped == ["EWR1", "ORD1"])
        #expect(decision.nodes.filter(\.candidate).map(\.node) == ["DEN1"])
        #expect(decision.renderText().contains("tell the retailer: EWR1, ORD1 could have shipped"))
    }

    @Test("a retailer-assigned node with stock ships by the ESD the PO carries")
    func assignedNodeShips() throws {
        var dates = OrderDates(ordered: CalendarDate(year: 2026, month: 11, day: 24))
        dates.expectedShip = CalendarDate(year: 2026, month: 11, day: 24)
        let order = W.order("walmart", lines: [("HP-10001", 1)], assigned: "ORD1", dates: dates)
        let decision = W.decide(order, W.stock([("ORD1", "HP-10001", 5)]))
        #expect(decision.outcome == .ship)
        #expect(decision.deadlines?.basis == "the retailer's expected ship date 2026-11-24")
        #expect(decision.shipments.first?.service == "fedex-home")
        // After ORD1's 16:00 cutoff the ESD is out of reach: cancel, citing the ship-by.
        let late = W.decide(order, W.stock([("ORD1", "HP-10001", 5)]), now: W.instant("2026-11-24T16:00:01-06:00"))
        #expect(late.outcome == .cancel)
        #expect(late.cancelledLines.first?.reason == .cannotMeetShipBy)
    }

    @Test("a ship-complete profile with backorders holds an order no DC can ship")
    func backorder() throws {
        var profile = W.profile("bestbuy")
        profile.fulfilment = FulfilmentPolicy(
            fill: .shipComplete, maxShipments: 2, backorder: ProfileDuration(10, .days))
        let decision = W.decide(W.order("bestbuy", lines: [("HP-10001", 1)]), W.stock([]), profile: profile)
        #expect(decision.outcome == .backorder)
        #expect(decision.backorderedLines.first?.node == "ONT1")
        #expect(decision.backorderedLines.first?.until == CalendarDate(year: 2026, month: 12, day: 4))
    }

    @Test(
        "static rule failures reject with the profile's reason code before any node is asked",
        arguments: [
            ("walmart", [("HP-10001", 1)], SampleWorld.address("Anchorage", "AK", "99501"), Reason.shipToNotAllowed),
            ("amazon", [("HP-99999", 1)], SampleWorld.newark, Reason.unknownItem),
            ("bestbuy", [("HP-10001", 6)], SampleWorld.newark, Reason.quantityLimit),
            ("amazon", [("HP-10001", 1)], SampleWorld.address("APO", "AE", "09001"), Reason.shipToNotAllowed),
            (
                "homedepot", [("HP-10001", 1)], SampleWorld.address("Chicago", "IL", "60601", line: "P.O. Box 12"),
                Reason.shipToNotAllowed
            ),
        ] as [(RetailerID, [(SKU, Int)], Address, Reason)])
    func rejects(retailer: RetailerID, lines: [(SKU, Int)], shipTo: Address, reason: Reason) throws {
        let order = W.order(retailer, lines: lines, shipTo: shipTo, assigned: retailer == "walmart" ? "ORD1" : nil)
        let decision = W.decide(
            order, W.stock([("ORD1", "HP-10001", 9), ("EWR1", "HP-10001", 9), ("ONT1", "HP-10001", 9)]))
        #expect(decision.outcome == .reject)
        #expect(decision.rejections.map(\.reason) == [reason])
        #expect(decision.shipments.isEmpty && decision.nodes.isEmpty)
    }

    @Test("a ship method the retailer does not allow is rejected, and Walmart charges per rejected unit")
    func wrongMethod() throws {
        let order = W.order(
            "walmart", lines: [("HP-10001", 3)], assigned: "ORD1",
            method: ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", routing: "UPS GROUND"))
        let decision = W.decide(order, W.stock([("ORD1", "HP-10001", 9)]))
        #expect(decision.rejections.map(\.reason) == [.shipMethodNotAllowed])
        #expect(decision.fees.incurred.first?.amount == Money(15, .usd))
        #expect(decision.fees.incurred.first?.note == "only beyond 0.1% of units")
    }

    @Test("a line with only a UPC resolves to our SKU through the catalog")
    func upcResolution() throws {
        var order = W.order("amazon", lines: [("HP-10001", 1)])
        order.lines[0].sku = nil
        order.lines[0].gtin = "00084512100014"
        let decision = W.decide(order, W.stock([("EWR1", "HP-10001", 5)]))
        #expect(decision.outcome == .ship)
        #expect(decision.shipments.first?.lines.first?.sku == "HP-10001")
    }

    @Test("applying a decision consumes stock and capacity, so the next PO of a run reroutes")
    func applyConsumes() throws {
        var state = W.stock([("EWR1", "HP-10001", 3), ("ORD1", "HP-10001", 3)])
        let first = W.decide(W.order("amazon", "PO-1", lines: [("HP-10001", 2)]), state)
        state.apply(first)
        let second = W.decide(W.order("amazon", "PO-2", lines: [("HP-10001", 2)]), state)
        #expect(first.shipments.map(\.node) == ["EWR1"])
        #expect(second.shipments.map(\.node) == ["ORD1"])
        #expect(state.stock.available("HP-10001", at: "EWR1") == 1)
        #expect(state.usage(at: "EWR1") == DailyUsage(orders: 1, units: 2))
    }

    @Test("a DC switched off or inside a closed window is passed over with the reason")
    func closedNode() throws {
        var network = W.world.network
        network.nodes[0].closures = [
            Closure(
                from: W.day("2026-11-23"), until: W.day("2026-11-30"),
                reason: "roof repair")
        ]
        network.nodes[1].enabled = false
        let decision = route(
            W.order("amazon", lines: [("HP-10001", 1)]), profile: W.profile("amazon"), network: network,
            catalog: W.world.catalog,
            state: W.stock([("EWR1", "HP-10001", 5), ("ORD1", "HP-10001", 5), ("DFW1", "HP-10001", 5)]),
            now: W.demoNow)
        #expect(decision.shipments.map(\.node) == ["DFW1"])
        let ewr = try #require(decision.nodes.first { $0.node == "EWR1" })
        #expect(ewr.verdict.contains("closed 2026-11-23…2026-11-30 (roof repair)"))
        let ord = try #require(decision.nodes.first { $0.node == "ORD1" })
        #expect(ord.verdict == "cannot ship: enabled: switched off in the network file")
        #expect(decision.fees.avoided.first?.violation == .lateShip)
    }

    @Test("the decision renders as JSON that decodes back to a decision that renders the same")
    func jsonRoundTrip() throws {
        let decision = W.decide(W.order("amazon", lines: [("HP-10001", 2)]), W.stock([("ORD1", "HP-10001", 5)]))
        let json = try decision.renderJSON()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // Read back, its sentences are given text: it renders the same, and equals what reads back the same way.
        let back = try decoder.decode(RoutingDecision.self, from: Data(json.utf8))
        #expect(try back.renderJSON() == json)
        #expect(back.renderText(verbose: true) == decision.renderText(verbose: true))
        #expect(try decoder.decode(RoutingDecision.self, from: Data(back.renderJSON().utf8)) == back)
        #expect(json.contains("\"outcome\" : \"reroute\""))
    }

    @Test("a pickup order routes to the named store when it offers pickup and has the stock, and cancels when not")
    func storePickup() throws {
        var network = W.world.network
        network.nodes[5].capabilities.insert(.pickup)
        network.nodes[5].pickupReady = TimeOfDay(hour: 17, minute: 0)
        var order = W.order("bestbuy", lines: [("HP-10001", 1)], method: ShipMethod(routing: "no such method"))
        order.parties = [Party(role: .store, identifier: PartyIdentifier(qualifier: "92", value: "ONT1"))]
        let state = W.stock([("ONT1", "HP-10001", 3), ("PHX1", "HP-10001", 3)])
        func decide(_ network: Network) -> RoutingDecision {
            route(
                order, profile: W.profile("bestbuy"), network: network, catalog: W.world.catalog, state: state,
                now: W.demoNow)
        }
        let decision = decide(network)
        #expect(decision.outcome == .ship)
        #expect(decision.shipments.map(\.node) == ["ONT1"])
        #expect(decision.shipments.first?.service == .storePickup)
        #expect(decision.shipments.first?.shipAt == W.instant("2026-11-24T17:00:00-08:00"))
        #expect(decision.nodes.map(\.node) == ["ONT1"])

        let without = decide(W.world.network)
        #expect(without.outcome == .cancel)
        #expect(without.cancelledLines.first?.reason == .nodeUnavailable)
    }
}
