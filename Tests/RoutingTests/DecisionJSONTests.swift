import Foundation
import Profiles
import PropertyBased
import Routing
import Synchronization
import Testing

@testable import Orders

/// The decision's hand-written JSON (`RoutingDecision+JSON.swift`) must be byte for byte what `JSONEncoder` writes
/// from its `encode(to:)` with sorted keys, in both layouts: compact, as the store keeps it, and pretty, as
/// `dropgate route --json` prints it (`RoutingDecision.jsonEncoder()`). The random decisions must between them fill
/// every optional part, or the comparison would not cover it: the test counts them.
@Suite("hand-written decision JSON")
struct DecisionJSONTests {
    /// Whether the hand-written text is `JSONEncoder`'s, byte for byte, compact and pretty.
    static func writesAsCodable(_ decision: RoutingDecision) -> Bool {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        foundation.dateEncodingStrategy = .iso8601
        let compact = try? CompactJSONEncoder(dates: .iso8601).encode(decision)
        let pretty = try? DecisionSortedJSONTests.handWritten(decision)
        return compact != nil && compact == (try? foundation.encode(decision)).map(Array.init)
            && pretty != nil && pretty == (try? RoutingDecision.jsonEncoder().encode(decision)).map(Array.init)
    }

    @Test("random decisions and the sample inbox's write, compact and pretty, the bytes JSONEncoder writes")
    func decisions() async throws {
        let seen = Counts()
        await propertyCheck(count: 400, input: RoutingPropertyTests.seeds) { seed in
            let decision = RandomWorld(seed: seed).decide()
            seen.note(decision)
            #expect(Self.writesAsCodable(decision), "seed \(seed)")
        }
        // The sample inbox shows every outcome: reroutes that avoid a fee, rejections that draw one, backorders,
        // cancels naming the nodes that could have shipped.
        let (world, state) = try #require(SampleInbox.world)
        for example in SampleInbox.cases {
            let profile = try #require(world[example.order.retailer ?? ""])
            let decision = route(
                example.order, profile: profile, network: world.network, catalog: world.catalog, state: state,
                now: SampleWorld.demoNow)
            seen.note(decision)
            #expect(Self.writesAsCodable(decision), "\(example.order.poNumber)")
        }
        // A backorder, which neither shows.
        var profile = SampleWorld.profile("bestbuy")
        profile.fulfilment = FulfilmentPolicy(
            fill: .shipComplete, maxShipments: 2, backorder: ProfileDuration(10, .days))
        let held = SampleWorld.decide(
            SampleWorld.order("bestbuy", lines: [("HP-10001", 1)]), SampleWorld.stock([]), profile: profile)
        seen.note(held)
        #expect(Self.writesAsCodable(held))
        for (part, count) in seen.counts.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            #expect(count > 0, "no random decision had \(part): the comparison did not cover it")
        }
    }

    final class Counts: Sendable {
        let counts = Mutex<[String: Int]>([:])

        func note(_ decision: RoutingDecision) {
            let parts: [(String, Bool)] = [
                ("shipments", !decision.shipments.isEmpty),
                ("an expected delivery", decision.shipments.contains { $0.expectedDelivery != nil }),
                ("a zone", decision.shipments.contains { $0.zone != nil }),
                ("cancelled lines", !decision.cancelledLines.isEmpty),
                ("backordered lines", !decision.backorderedLines.isEmpty),
                ("rejections", !decision.rejections.isEmpty),
                ("deadlines", decision.deadlines != nil),
                ("fees avoided", !decision.fees.avoided.isEmpty),
                ("fees incurred", !decision.fees.incurred.isEmpty),
                ("a node evaluation with a distance", decision.nodes.contains { $0.distanceMiles != nil }),
                ("could-have-shipped nodes", !decision.couldHaveShipped.isEmpty),
            ]
            counts.withLock { counts in
                for (part, present) in parts { counts[part, default: 0] += present ? 1 : 0 }
            }
        }
    }
}
