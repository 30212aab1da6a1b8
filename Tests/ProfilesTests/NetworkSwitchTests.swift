import Foundation
import Orders
import Profiles
import Testing

/// The store's node switches applied to the network file: what routing and the feeds then see.
@Suite("node switches applied to the network")
struct NetworkSwitchTests {
    func network() throws -> Network {
        try ProfileSet.load(profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog).network
    }

    func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    @Test("a switch overrides the file's enabled, and says so; a switch without one leaves it")
    func enabledOverride() throws {
        let network = try network()
        let setAt = try instant("2026-11-24T14:00:00Z")
        let applied = network.applying([
            NodeSwitch(node: "EWR1", enabled: false, setAt: setAt, setBy: "ops", reason: "flooded dock"),
            NodeSwitch(node: "ORD1", enabled: nil, setAt: setAt, setBy: "ops"),
            NodeSwitch(node: "XYZ9", enabled: false, setAt: setAt, setBy: "ops"),
        ])
        #expect(applied.node("EWR1")?.enabled == false)
        #expect(
            applied.node("EWR1")?.switchExplanation
                == "switched off in the store at 2026-11-24T14:00:00Z by ops (flooded dock)")
        #expect(applied.node("ORD1")?.enabled == network.node("ORD1")?.enabled)
        #expect(applied.node("ORD1")?.switchExplanation == "enabled")
        #expect(applied.nodes.map(\.id) == network.nodes.map(\.id))
        #expect(network.applying([]) == network)
    }

    @Test(
        "a closed window closes every day of the node's own calendar it touches",
        arguments: [
            // 22:00 to 01:00 in New York: two days touched.
            ("2026-11-27T03:00:00Z", "2026-11-27T06:00:00Z", "2026-11-26", "2026-11-27"),
            // Midnight to midnight local: one day; the end is exclusive.
            ("2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z", "2026-11-27", "2026-11-27"),
            ("2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z", "2026-11-27", "2026-11-27"),
        ])
    func windowDays(from: String, until: String, first: String, last: String) throws {
        let network = try network()
        let change = NodeSwitch(
            node: "EWR1", enabled: nil,
            closedWindows: [ClosedWindow(from: try instant(from), until: try instant(until), reason: "stocktake")],
            setAt: try instant("2026-11-24T14:00:00Z"), setBy: "ops")
        let node = try #require(network.applying([change]).node("EWR1"))
        let closure = try #require(node.closures.last)
        #expect(closure.from.description == first)
        #expect(closure.until.description == last)
        #expect(closure.reason?.contains("closed in the store \(from)…\(until) by ops: stocktake") == true)
        #expect(node.closures.count == (network.node("EWR1")?.closures.count ?? 0) + 1)
    }
}
