import Foundation
import Orders
import Profiles
import Routing
import Testing

/// Issue 16: a cancelled line names its own cause, and a line cancelled only because another cannot ship says so and
/// points at that line.
@Suite("cancelled lines name the real cause")
struct CancelCauseTests {
    typealias W = SampleWorld

    @Test("under order fill-or-kill a line that could ship is cancelled with the line that cannot, which leads")
    func collateralUnderOrderFillOrKill() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10005", 1)]), W.stock([("EWR1", "HP-10001", 5)]))
        #expect(decision.outcome == .cancel)
        let lines = decision.cancelledLines
        #expect(lines.map(\.reason) == [.fillOrKill, .outOfStock])
        #expect(lines.map(\.causingLine) == ["2", nil])
        #expect(lines.map(\.code) == ["IR", "IR"])
        #expect(
            lines[0].detail
                == "line 1 HP-10001: cancelled with line 2 HP-10005, which cannot ship (no candidate node has 1 "
                + "available); order-fill-or-kill ships every line or none")
        #expect(
            decision.summary
                == "line 2 HP-10005: no candidate node has 1 available; line 1 cancelled with it (fill-or-kill); "
                + "risks cancel-for-stock 10.00 USD")
        #expect(decision.renderText().contains("[fill-or-kill with line 2 → IR]"))
    }

    @Test("a line that could ship from a node other than the first with its stock is still collateral")
    func collateralPastAFailingNode() throws {
        var network = W.world.network
        let ewr = try #require(network.nodes.firstIndex { $0.id == "EWR1" })
        network.nodes[ewr].enabled = false
        let decision = route(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10006", 1)]), profile: W.profile("amazon"),
            network: network, catalog: W.world.catalog,
            state: W.stock([("EWR1", "HP-10001", 5), ("ORD1", "HP-10001", 5), ("EWR1", "HP-10006", 5)]),
            now: W.demoNow)
        #expect(decision.outcome == .cancel)
        // Line 2's only stock is at the switched-off EWR1: that is the cause; ORD1 could ship line 1.
        #expect(decision.cancelledLines.map(\.reason) == [.fillOrKill, .nodeUnavailable])
        #expect(decision.cancelledLines.first?.causingLine == "2")
        #expect(decision.summary.hasPrefix("line 2 HP-10006: EWR1 enabled: switched off in the network file"))
    }

    @Test("a ship-complete order at a retailer-assigned node cancels the line in stock with the one out of stock")
    func collateralUnderShipComplete() throws {
        let decision = W.decide(
            W.order("walmart", lines: [("HP-10001", 1), ("HP-10005", 2)], assigned: "ORD1"),
            W.stock([("ORD1", "HP-10001", 5), ("ORD1", "HP-10005", 1)]))
        #expect(decision.outcome == .cancel)
        #expect(decision.cancelledLines.map(\.reason) == [.fillOrKill, .outOfStock])
        #expect(decision.cancelledLines.map(\.causingLine) == ["2", nil])
        #expect(decision.summary.hasPrefix("line 2 HP-10005: the only candidate, ORD1, has fewer than 2 available"))
    }

    @Test("lines each in stock somewhere, but never together, are cancelled for stock, not for capacity")
    func stockSpread() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10005", 1)]),
            W.stock([("EWR1", "HP-10001", 5), ("ORD1", "HP-10005", 5)]))
        #expect(decision.cancelledLines.map(\.reason) == [.outOfStock, .outOfStock])
        #expect(decision.cancelledLines.allSatisfy { $0.causingLine == nil })
        #expect(
            decision.cancelledLines.first?.detail
                == "line 1 HP-10001: no single node has every line of the order in stock, and order-fill-or-kill "
                + "ships from one")
    }

    @Test("line fill-or-kill cancels only the line that cannot ship, with its own cause")
    func lineFillOrKillHasNoCollateral() throws {
        let decision = W.decide(
            W.order("homedepot", lines: [("HP-10001", 1), ("HP-10005", 1), ("HP-10006", 1)], shipTo: W.chicago),
            W.stock([("ORD1", "HP-10001", 5), ("ORD1", "HP-10006", 5)]))
        #expect(decision.outcome == .ship)
        #expect(decision.cancelledLines.map(\.lineNumber) == ["2"])
        #expect(decision.cancelledLines.map(\.reason) == [.outOfStock])
        #expect(decision.cancelledLines.first?.causingLine == nil)
    }

    @Test("a profile maps the fill-or-kill reason to its own code, read from reason-codes and written back")
    func profileMapsFillOrKill() throws {
        let path = W.root.appendingPathComponent("retailer-profiles/amazon.yaml")
        let text = try String(contentsOf: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .filter { !$0.hasPrefix("  fill-or-kill:") }.joined(separator: "\n")
        .replacingOccurrences(
            of: "\n  default: IR\n", with: "\n  default: IR\n  fill-or-kill: IC\n")
        #expect(text.contains("fill-or-kill: IC"))
        let network = SourceFile(
            name: "network.yaml",
            text: try String(contentsOf: W.root.appendingPathComponent("fixtures/network.yaml"), encoding: .utf8))
        let set = try ProfileSet.load(
            profiles: [SourceFile(name: "amazon.yaml", text: text)], network: network,
            catalog: SourceFile(name: "items.csv", text: W.catalogCSV))
        let profile = try #require(set["amazon"])
        #expect(profile.reasonCodes.code(for: .fillOrKill) == "IC")
        #expect(try profile.fileYAML().contains("fill-or-kill: IC"))
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10005", 1)]), W.stock([("EWR1", "HP-10001", 5)]),
            profile: profile)
        #expect(decision.cancelledLines.map(\.code) == ["IC", "IR"])
    }

    @Test("a collateral cancel survives the decision's JSON round trip with its causing line")
    func jsonRoundTrip() throws {
        let decision = W.decide(
            W.order("amazon", lines: [("HP-10001", 1), ("HP-10005", 1)]), W.stock([("EWR1", "HP-10001", 5)]))
        let json = try decision.renderJSON()
        #expect(json.contains("\"causingLine\" : \"2\""))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // Read back, its sentences are given text: it renders the same, and equals what reads back the same way.
        let back = try decoder.decode(RoutingDecision.self, from: Data(json.utf8))
        #expect(try back.renderJSON() == json)
        #expect(back.renderText(verbose: true) == decision.renderText(verbose: true))
        #expect(try decoder.decode(RoutingDecision.self, from: Data(back.renderJSON().utf8)) == back)
    }
}
