import Foundation
import Gateway
import Logging
import Operations
import Orders
import Profiles
import Routing
import Store
import Testing

/// A kit and another line of the same order that draw on one component (the kit's component ordered alone, or two
/// kits sharing one) are routed on what that component covers for them together, not on each line's own figure:
/// before, each line saw the component's whole stock, the plan overdrew it, the store refused the reservation every
/// time and the PO was left pending.
///
/// HP-KIT-1 is two HP-10001 and two HP-10009; HP-KIT-2 is one HP-10001 and one HP-10002. Amazon ships whole from
/// one node (fill or kill), EWR1 first, then ORD1.
@Suite("The gateway: lines sharing a kit's component are routed on it together", .serialized)
struct KitSharedStockTests {
    static let skus: Set<SKU> = ["HP-10001", "HP-10009", "HP-10002"]

    @Test("the catalog names the components lines of different SKUs draw on, with each line's units per unit")
    func sharedStock() throws {
        let catalog = try KitWorld().profiles.catalog
        func shared(_ skus: [SKU]) -> [String] {
            catalog.sharedStock(of: skus).map { entry in
                "\(entry.sku): " + entry.draws.map { "\($0.line)×\($0.perUnit)" }.joined(separator: " ")
            }
        }
        #expect(shared(["HP-KIT-1", "HP-10001"]) == ["HP-10001: 0×2 1×1"])
        #expect(shared(["HP-10002", "HP-KIT-1", "HP-KIT-2"]) == ["HP-10002: 0×1 2×1", "HP-10001: 1×2 2×1"])
        #expect(shared(["HP-KIT-1", "HP-KIT-1"]).isEmpty, "one SKU twice shares by its own figure")
        #expect(shared(["HP-KIT-1", "HP-10002"]).isEmpty)
        #expect(shared(["HP-10001", "HP-10001", "HP-10002"]).isEmpty)
    }

    /// A gateway over `stock` (node, SKU, on hand) deciding one Amazon PO of `lines` (or the interchange
    /// `interchange`); its report's problems, the decision, the store's reservations (`node SKU` → units) and the
    /// store.
    func decide(
        _ po: String, _ lines: [(SKU, Int)] = [], interchange: [UInt8]? = nil, stock: [(DCID, SKU, Int)]
    ) async throws -> (problems: [String], decision: RoutingDecision, reserved: [String: Int], store: SQLiteStore) {
        let world = try KitWorld()
        let gateway = try await world.gateway(stock: stock.map { ($0.0, $0.1, $0.2, 0) })
        let report = await gateway.process(
            interchange ?? KitWorld.amazonInterchange([(po, lines)]), origin: "\(po).x12", receivedAt: KitWorld.clock)
        var decision: RoutingDecision?
        for order in report.orders {
            if case .decided(let made) = order.result { decision = made }
        }
        return (
            report.problems, try #require(decision, "\(report.problems)"), try await world.reserved(Self.skus),
            world.store
        )
    }

    @Test("a kit and its component alone: the node holding enough for both ships them, the other is explained")
    func kitAndComponent() async throws {
        let (problems, decision, reserved, _) = try await decide(
            "KS-1", [("HP-KIT-1", 1), ("HP-10001", 1)],
            stock: [
                ("EWR1", "HP-10001", 2), ("EWR1", "HP-10009", 2),
                ("ORD1", "HP-10001", 3), ("ORD1", "HP-10009", 2),
            ])
        #expect(problems.isEmpty)
        #expect(decision.shipments.map(\.node) == ["ORD1"])
        #expect(reserved == ["ORD1 HP-10001": 3, "ORD1 HP-10009": 2])
        let ewr1 = try #require(decision.nodes.first { $0.node == "EWR1" })
        #expect(ewr1.canShipAll == false)
        #expect(ewr1.verdict == "cannot ship these lines together: lines 1, 2 need 3 of HP-10001 together, 2 available")
        #expect(
            ewr1.checks.filter { !$0.passed }.map { "\($0.kind.rawValue): \($0.detail)" } == [
                "stock: lines 1, 2 need 3 of HP-10001 together, 2 available"
            ])
    }

    @Test("two kits sharing a component that no node holds enough of for both: cancelled for stock, not left pending")
    func twoKitsShort() async throws {
        let (problems, decision, reserved, _) = try await decide(
            "KS-2", [("HP-KIT-1", 1), ("HP-KIT-2", 1)],
            stock: [
                ("EWR1", "HP-10001", 2), ("EWR1", "HP-10009", 2), ("EWR1", "HP-10002", 1),
                ("ORD1", "HP-10001", 2), ("ORD1", "HP-10009", 5), ("ORD1", "HP-10002", 5),
            ])
        #expect(problems.isEmpty, "decided, not refused by the store and left pending")
        #expect(decision.shipments.isEmpty)
        #expect(decision.cancelledLines.map(\.reason) == [.outOfStock, .outOfStock])
        #expect(
            decision.cancelledLines.first?.detail.contains("no single node has every line of the order in stock")
                == true,
            "\(decision.cancelledLines.map(\.detail))")
        #expect(reserved.isEmpty)
    }

    @Test("line fill-or-kill: the kit ships, its component's own line is cancelled for the stock the kit takes")
    func lineFillOrKill() async throws {
        let (problems, decided, reserved, _) = try await decide(
            "KS-4",
            interchange: RetailerX12.interchange(
                RetailerX12.homeDepot, control: 910, functionalID: "PO", setID: "850",
                sets: [RetailerX12.homeDepotPO("KS-4", [("1", "HP-KIT-1", 1), ("2", "HP-10001", 1)])]),
            stock: [("ORD1", "HP-10001", 2), ("ORD1", "HP-10009", 2)])
        #expect(problems.isEmpty)
        #expect(decided.shipments.map { "\($0.node) \($0.lines.map(\.lineNumber))" } == ["ORD1 [\"1\"]"])
        #expect(decided.cancelledLines.map(\.lineNumber) == ["2"])
        #expect(decided.cancelledLines.first?.reason == .outOfStock)
        #expect(
            decided.cancelledLines.first?.detail
                == "line 2 HP-10001: no node that has it holds enough HP-10001 for it beside the lines it ships")
        #expect(reserved == ["ORD1 HP-10001": 2, "ORD1 HP-10009": 2])
    }

    @Test("what the decision read of the shared component is recorded: a replay with nothing changed reproduces it")
    func replayReproduces() async throws {
        let (_, decision, _, store) = try await decide(
            "KS-3", [("HP-KIT-1", 1), ("HP-KIT-2", 1)],
            stock: [
                ("EWR1", "HP-10001", 2), ("EWR1", "HP-10009", 2), ("EWR1", "HP-10002", 1),
                ("ORD1", "HP-10001", 3), ("ORD1", "HP-10009", 2), ("ORD1", "HP-10002", 1),
            ])
        #expect(decision.shipments.map(\.node) == ["ORD1"], "HP-10001 covers 2 + 1 only at ORD1")
        let report = try await store.replay(
            DecisionWindow(from: KitWorld.clock - 3600), profiles: try KitWorld().profiles)
        #expect(report.replayed == 1)
        #expect(report.reproduced == 1, "\(report.changes.map(\.afterWhy))")
    }
}
