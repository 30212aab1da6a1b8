import Foundation
import Orders
import Profiles
import PropertyBased
import Routing
import Testing

@Suite("routing properties on random small networks")
struct RoutingPropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    @Test("the plan never uses a disabled node, more than the stock, or more than the capacity left")
    func neverBreaksTheNetwork() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            let world = RandomWorld(seed: seed)
            let decision = world.decide()
            for shipment in decision.shipments {
                let node = world.network.node(shipment.node)
                #expect(node?.enabled == true, "seed \(seed): shipped from disabled \(shipment.node)")
                var bySKU: [SKU: Int] = [:]
                for line in shipment.lines { bySKU[line.sku, default: 0] += line.quantity }
                for (sku, quantity) in bySKU {
                    #expect(
                        quantity <= world.state.stock.available(sku, at: shipment.node), "seed \(seed): oversold \(sku)"
                    )
                }
                let usage = world.state.usage(at: shipment.node)
                #expect(usage.units + shipment.units <= node?.capacity.units ?? 0, "seed \(seed): past unit capacity")
                #expect(usage.orders < node?.capacity.orders ?? 0, "seed \(seed): past order capacity")
                #expect(shipment.shipAt <= shipment.shipBy, "seed \(seed): ships after the ship-by it claims")
            }
        }
    }

    @Test("the plan never breaks the fulfilment policy: no split under fill-or-kill, never more shipments than allowed")
    func neverBreaksThePolicy() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            let world = RandomWorld(seed: seed)
            let decision = world.decide()
            let policy = world.profile.fulfilment
            #expect(decision.shipments.count <= policy.maxShipments, "seed \(seed)")
            if policy.fill == .orderFillOrKill {
                #expect(decision.shipments.count <= 1, "seed \(seed): split under order fill-or-kill")
                #expect(
                    decision.shipments.isEmpty || decision.cancelledLines.isEmpty, "seed \(seed): partial under FoK")
            }
            if policy.fill != .lineFillOrKill {
                #expect(decision.shipments.isEmpty || decision.cancelledLines.isEmpty, "seed \(seed): partial ship")
            }
            let shipped = decision.shipments.flatMap(\.lines).map(\.lineNumber)
            #expect(Set(shipped).count == shipped.count, "seed \(seed): a line ships twice")
            #expect(Set(shipped).isDisjoint(with: decision.cancelledLines.map(\.lineNumber)), "seed \(seed)")
        }
    }

    @Test("the engine ships as many lines as the best plan a brute-force search finds")
    func findsAPlanWhenOneExists() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            let world = RandomWorld(seed: seed)
            let decision = world.decide()
            let shipped = decision.shipments.reduce(0) { $0 + $1.lines.count }
            #expect(shipped == world.bruteForceMostShippableLines(), "seed \(seed): \(decision.outcome)")
        }
    }

    @Test("the same inputs give the same decision, whatever order the network lists its nodes in")
    func deterministic() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            let world = RandomWorld(seed: seed)
            var reversed = world.network
            reversed.nodes.reverse()
            let first = world.decide()
            #expect(first == world.decide(), "seed \(seed)")
            #expect(first == world.decide(network: reversed), "seed \(seed)")
        }
    }

    @Test("applying a decision leaves stock that the same order can no longer oversell")
    func applyingConsumes() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            let world = RandomWorld(seed: seed)
            let decision = world.decide()
            let after = world.state.applying(decision)
            for shipment in decision.shipments {
                for line in shipment.lines {
                    #expect(
                        after.stock.available(line.sku, at: shipment.node)
                            <= world.state.stock.available(line.sku, at: shipment.node) - line.quantity
                            || world.state.stock.available(line.sku, at: shipment.node) < line.quantity, "seed \(seed)")
                }
                #expect(after.usage(at: shipment.node).orders == world.state.usage(at: shipment.node).orders + 1)
            }
        }
    }
}

@Suite("the decision as the store keeps it")
struct DecisionRecordTests {
    @Test("the stored JSON is the same JSON value as route --json's, and reads back into the same decision")
    func recordMatchesRendering() async throws {
        await propertyCheck(count: 300, input: RoutingPropertyTests.seeds) { seed in
            let decision = RandomWorld(seed: seed).decide()
            guard let record = try? decision.recordJSON(), let rendered = try? decision.renderJSON(pretty: false),
                let ours = try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? NSDictionary,
                let theirs = try? JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? NSDictionary
            else {
                Issue.record("seed \(seed): a form did not encode or parse")
                return
            }
            #expect(ours == theirs, "seed \(seed)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let back = try? decoder.decode(RoutingDecision.self, from: Data(record.utf8))
            #expect(back?.renderText(verbose: true) == decision.renderText(verbose: true), "seed \(seed)")
        }
    }
}

@Suite("a decision with its sentences written once")
struct WrittenDecisionTests {
    @Test("reads as text and encodes as JSON exactly as the decision routing made, and equals it read back")
    func writtenReadsTheSame() async throws {
        await propertyCheck(count: 300, input: RoutingPropertyTests.seeds) { seed in
            let decision = RandomWorld(seed: seed).decide()
            let written = decision.written()
            #expect(written.renderText(verbose: true) == decision.renderText(verbose: true), "seed \(seed)")
            #expect(written.renderText() == decision.renderText(), "seed \(seed)")
            #expect((try? written.recordJSON()) == (try? decision.recordJSON()), "seed \(seed)")
            #expect(written.summary == decision.summary, "seed \(seed)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let back = try? decoder.decode(
                RoutingDecision.self, from: Data((try? decision.recordJSON())?.utf8 ?? "".utf8))
            #expect(back == written, "seed \(seed): written out, it is the decision read back from its JSON")
        }
    }
}
