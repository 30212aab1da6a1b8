import Foundation
import Operations
import Orders
import Profiles
import Routing
import Testing

@Suite("Replayer: deciding recorded POs again")
struct ReplayerTests {
    static let window = ReplayReport.Window(since: ReplayWorld.now)

    /// Two POs for the last units of one item: EWR1 holds 3, ORD1 holds 5.
    static let contested: [RecordedPO] = ReplayWorld.record(
        [
            ReplayWorld.order("A-1", [("HP-10001", 2)]), ReplayWorld.order("A-2", [("HP-10001", 2)]),
            ReplayWorld.order("A-3", [("HP-10001", 2)]),
        ],
        stock: [("EWR1", "HP-10001", 3), ("ORD1", "HP-10001", 5)])

    @Test("with nothing changed, each decision comes out byte for byte")
    func reproduces() {
        var replayer = Replayer(profiles: ReplayWorld.profiles, window: Self.window)
        for recorded in Self.contested { replayer.replay(recorded) }
        let report = replayer.report
        #expect(report.replayed == 3)
        #expect(report.reproduced == 3)
        #expect(report.changes.isEmpty)
        // The record is what the test expects: A-1 from EWR1, then EWR1 is short and the rest reroute to ORD1.
        #expect(Self.contested.map { $0.figures.shipments.map(\.node) } == [["EWR1"], ["ORD1"], ["ORD1"]])
    }

    @Test("a PO reads only what it read: the stock the PO before it read is not left behind")
    func positionsDoNotLeak() {
        // B-1 read 3 at EWR1; B-2 was decided when EWR1 had none (its record lists ORD1 alone) and shipped from
        // ORD1. Replayed one after the other, B-2 must find EWR1 empty again, or it would ship from EWR1.
        let first = ReplayWorld.record(
            [ReplayWorld.order("B-1", [("HP-10001", 1)])], stock: [("EWR1", "HP-10001", 3), ("ORD1", "HP-10001", 5)])
        let second = ReplayWorld.record(
            [ReplayWorld.order("B-2", [("HP-10001", 1)])], stock: [("ORD1", "HP-10001", 5)])
        #expect((first + second).map { $0.figures.shipments.map(\.node) } == [["EWR1"], ["ORD1"]])
        var replayer = Replayer(profiles: ReplayWorld.profiles, window: Self.window)
        for recorded in first + second { replayer.replay(recorded) }
        #expect(replayer.report.reproduced == 2)
        #expect(replayer.report.changes.isEmpty)
    }

    @Test("a PO decided otherwise moves the stock the POs after it read")
    func correctsLaterPOs() throws {
        // With EWR1's on hand at 1, A-1 can no longer ship from it: it takes 2 of ORD1's 5. A-2 then finds 3 at
        // ORD1 (not 5), still enough; A-3 finds 1, not enough: it cannot ship from ORD1 as recorded.
        let changes = StockChanges([.init(node: "EWR1", sku: "HP-10001", onHand: 1)])
        var replayer = Replayer(profiles: ReplayWorld.profiles, changes: changes, window: Self.window)
        let decisions = Self.contested.map { replayer.replay($0) }
        #expect(decisions.map { $0?.shipments.map(\.node) ?? [] } == [["ORD1"], ["ORD1"], []])
        let report = replayer.report
        #expect(report.planChanges.map(\.poNumber) == ["A-1", "A-3"])
        #expect(report.changes.first { $0.poNumber == "A-2" }?.kind != .plan)
        let load = try #require(report.load.first { $0.node == "ORD1" })
        #expect(load.before.units == 4)
        #expect(load.after.units == 4)
        let ewr = try #require(report.load.first { $0.node == "EWR1" })
        #expect(ewr.before.units == 2 && ewr.after.units == 0)
        let amazon = try #require(report.retailers.first)
        #expect(amazon.before.cancelled == 0 && amazon.after.cancelled == 1)
        #expect(amazon.after.cancelledUnits == 2)
    }

    @Test("units a replayed PO leaves behind are there for the POs after it")
    func givesBack() {
        // More on hand at EWR1: every PO ships from there; ORD1 ships nothing.
        let changes = StockChanges([.init(node: "EWR1", sku: "HP-10001", onHand: 6)])
        var replayer = Replayer(profiles: ReplayWorld.profiles, changes: changes, window: Self.window)
        let nodes = Self.contested.map { replayer.replay($0)?.shipments.map(\.node) ?? [] }
        #expect(nodes == [["EWR1"], ["EWR1"], ["EWR1"]])
    }

    @Test("safety stock as a share of on hand, rounded up, held back from what routing sees")
    func safetyStock() {
        // 10% of 3 is 0.3: one unit held at EWR1 leaves 2, still enough for A-1.
        var replayer = Replayer(
            profiles: ReplayWorld.profiles,
            changes: StockChanges([.init(node: "EWR1", sku: nil, safetyStock: .percent(10))]), window: Self.window)
        let first = Self.contested.map { replayer.replay($0)?.shipments.map(\.node) ?? [] }
        #expect(first == [["EWR1"], ["ORD1"], ["ORD1"]])
        // 50% of 3 rounds up to 2: 1 left, A-1 goes to ORD1, and A-3 finds ORD1 short.
        var half = Replayer(
            profiles: ReplayWorld.profiles,
            changes: StockChanges([.init(node: "EWR1", sku: nil, safetyStock: .percent(50))]), window: Self.window)
        let second = Self.contested.map { half.replay($0)?.shipments.map(\.node) ?? [] }
        #expect(second == [["ORD1"], ["ORD1"], []])
    }

    @Test("a PO whose retailer no profile claims is reported, not decided")
    func noProfile() throws {
        var world = Self.contested[0]
        world.retailer = "gone"
        var replayer = Replayer(profiles: ReplayWorld.profiles, window: Self.window)
        #expect(replayer.replay(world) == nil)
        #expect(replayer.report.notReplayed == 1)
        #expect(replayer.report.changes.first?.after.contains("no profile") == true)
    }
}
