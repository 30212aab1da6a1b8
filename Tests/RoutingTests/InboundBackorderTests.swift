import Foundation
import Orders
import Profiles
import Routing
import Testing

/// Backorders and preorders that wait for stock on its way: at the node it reaches first, until its due day, only
/// within the profile's backorder window, and only where the profile allows them.
@Suite("backorders waiting for inbound stock")
struct InboundBackorderTests {
    typealias W = SampleWorld

    /// Best Buy's sample profile (ONT1, then PHX1, DEN1, DFW1) with backorders of up to 10 days: from the demo clock
    /// (2026-11-24) an order may wait until 2026-12-04.
    static var waiting: RetailerProfile {
        var profile = W.profile("bestbuy")
        profile.fulfilment = FulfilmentPolicy(
            fill: .shipComplete, maxShipments: 2, backorder: ProfileDuration(10, .days))
        return profile
    }

    static func state(stock: [(DCID, SKU, Int)] = [], inbound: [(DCID, SKU, Int, String)]) -> NetworkState {
        var state = W.stock(stock)
        state.inbound = InboundStock(
            inbound.map { InboundRow(node: $0.0, sku: $0.1, quantity: $0.2, due: W.day($0.3)) })
        return state
    }

    @Test("a preorder waits until the day its stock is due, at the node that gets it first")
    func waitsForEarliestInbound() throws {
        let order = W.order("bestbuy", lines: [("HP-10001", 2)])
        let decision = W.decide(
            order,
            Self.state(inbound: [
                ("ONT1", "HP-10001", 5, "2026-12-03"), ("DEN1", "HP-10001", 1, "2026-11-27"),
                ("DEN1", "HP-10001", 1, "2026-11-30"), ("PHX1", "HP-10001", 1, "2026-11-26"),
            ]), profile: Self.waiting)
        #expect(decision.outcome == .backorder)
        // PHX1's one unit is not enough; DEN1 has both by 2026-11-30, before ONT1's 2026-12-03.
        let line = try #require(decision.backorderedLines.first)
        #expect(line.node == "DEN1")
        #expect(line.until == W.day("2026-11-30"))
        #expect(line.awaiting == 2)
        #expect(decision.shipments.isEmpty && decision.cancelledLines.isEmpty)
        // Ship-by is the SLA counted from the day the stock is due.
        let deadlines = try #require(decision.deadlines)
        #expect(deadlines.shipByDay > W.day("2026-11-30"))
        #expect(deadlines.basis.hasPrefix("inbound stock due 2026-11-30: "), "\(deadlines.basis)")
        #expect(
            decision.renderText().contains("waits for 2 inbound unit(s) due 2026-11-30"), "\(decision.renderText())")
    }

    @Test("on-hand stock counts first: the line waits only for the rest")
    func onHandCountsFirst() throws {
        let decision = W.decide(
            W.order("bestbuy", lines: [("HP-10001", 3)]),
            Self.state(stock: [("ONT1", "HP-10001", 1)], inbound: [("ONT1", "HP-10001", 2, "2026-12-01")]),
            profile: Self.waiting)
        #expect(decision.outcome == .backorder)
        #expect(decision.backorderedLines.map(\.awaiting) == [2])
        #expect(decision.backorderedLines.map(\.until) == [W.day("2026-12-01")])
    }

    @Test("stock due after the backorder window cancels the order as out of stock, saying when it would come")
    func inboundBeyondWindowCancels() throws {
        let decision = W.decide(
            W.order("bestbuy", lines: [("HP-10001", 1)]),
            Self.state(inbound: [("ONT1", "HP-10001", 5, "2026-12-20")]), profile: Self.waiting)
        #expect(decision.outcome == .cancel)
        #expect(decision.backorderedLines.isEmpty)
        let cancelled = try #require(decision.cancelledLines.first)
        #expect(cancelled.reason == .outOfStock)
        #expect(cancelled.detail.contains("only on 2026-12-20"), "\(cancelled.detail)")
        #expect(cancelled.detail.contains("after 2026-12-04"), "\(cancelled.detail)")
    }

    @Test("stock due without enough units at any one node cancels the order")
    func inboundShortCancels() throws {
        let decision = W.decide(
            W.order("bestbuy", lines: [("HP-10001", 3)]),
            Self.state(inbound: [("ONT1", "HP-10001", 2, "2026-11-30"), ("PHX1", "HP-10001", 2, "2026-11-30")]),
            profile: Self.waiting)
        #expect(decision.outcome == .cancel)
        #expect(decision.cancelledLines.first?.detail.contains("never covers") == true)
    }

    @Test("a profile that forbids backorders cancels as it did, whatever stock is on its way")
    func forbiddenBackorderCancels() throws {
        let order = W.order("bestbuy", lines: [("HP-10001", 1)])
        let profile = W.profile("bestbuy")
        #expect(profile.fulfilment.backorder == nil)
        let without = W.decide(order, W.stock([]), profile: profile)
        let with = W.decide(
            order, Self.state(inbound: [("ONT1", "HP-10001", 5, "2026-11-26")]), profile: profile)
        #expect(with.outcome == .cancel)
        #expect(with == without)
        #expect(with.cancelledLines.map(\.reason) == without.cancelledLines.map(\.reason))
    }

    @Test("with no stock of the order's items on its way, a backorder waits out the profile's window as before")
    func noInboundKeepsWindow() throws {
        let decision = W.decide(
            W.order("bestbuy", lines: [("HP-10001", 1)]),
            Self.state(inbound: [("ONT1", "HP-10004", 5, "2026-11-26")]), profile: Self.waiting)
        #expect(decision.outcome == .backorder)
        #expect(decision.backorderedLines.first?.node == "ONT1")
        #expect(decision.backorderedLines.first?.until == W.day("2026-12-04"))
        #expect(decision.backorderedLines.first?.awaiting == nil)
    }

    @Test("a run books what a waiting order was promised, so the next one waits for later stock")
    func applyTakesInbound() throws {
        var state = Self.state(inbound: [
            ("ONT1", "HP-10001", 1, "2026-11-27"), ("ONT1", "HP-10001", 1, "2026-12-02"),
        ])
        let first = W.decide(W.order("bestbuy", "PO-1", lines: [("HP-10001", 1)]), state, profile: Self.waiting)
        state.apply(first)
        let second = W.decide(W.order("bestbuy", "PO-2", lines: [("HP-10001", 1)]), state, profile: Self.waiting)
        #expect(first.backorderedLines.map(\.until) == [W.day("2026-11-27")])
        #expect(second.backorderedLines.map(\.until) == [W.day("2026-12-02")])
        #expect(state.inbound.arrivals(of: "HP-10001", at: "ONT1").map(\.quantity) == [1])
    }

    @Test("the inbound file reads dc, sku, quantity and due; a bad day names its line")
    func parsesInboundCSV() throws {
        let rows = try InboundStock.rows(inboundCSV: "dc,sku,quantity,due\nONT1,HP-10001,4,2026-12-10\n")
        #expect(rows == [InboundRow(node: "ONT1", sku: "HP-10001", quantity: 4, due: W.day("2026-12-10"))])
        #expect(throws: RoutingError.self) {
            try InboundStock.rows(inboundCSV: "dc,sku,quantity,due\nONT1,HP-10001,4,next week\n")
        }
        let receipts = try InboundStock.receipts(csv: "dc,sku,quantity\nONT1,HP-10001,2\n")
        #expect(receipts == [StockReceipt(node: "ONT1", sku: "HP-10001", quantity: 2)])
    }
}
