import Foundation
import Profiles
import PropertyBased
import Routing
import Synchronization
import Testing

@testable import Orders

/// The decision's pretty JSON written by hand (`RoutingDecision+SortedJSON.swift`) must be byte for byte what
/// `RoutingDecision.jsonEncoder()` writes, as `dropgate route --json` printed it: alone and as a list written element
/// by element. The random decisions must between them fill every optional part (`DecisionJSONTests.Counts`), or the
/// comparison would not cover it.
@Suite("hand-written pretty decision JSON")
struct DecisionSortedJSONTests {
    static func handWritten(_ decision: RoutingDecision) throws -> [UInt8] {
        let writer = JSONByteWriter(dates: .iso8601, layout: .pretty(escapesSlashes: false))
        try writer.write(decision)
        return writer.bytes
    }

    /// Whether the hand-written text is `JSONEncoder`'s, byte for byte.
    static func writesAsEncoder(_ decision: RoutingDecision) -> Bool {
        let handWritten = try? handWritten(decision)
        let encoded = try? RoutingDecision.jsonEncoder().encode(decision)
        return handWritten != nil && handWritten == encoded.map { [UInt8]($0) }
    }

    @Test("random decisions and the sample inbox's write the bytes JSONEncoder writes")
    func decisions() async throws {
        let seen = DecisionJSONTests.Counts()
        await propertyCheck(count: 400, input: RoutingPropertyTests.seeds) { seed in
            let decision = RandomWorld(seed: seed).decide()
            seen.note(decision)
            #expect(Self.writesAsEncoder(decision), "seed \(seed)")
        }
        let (world, state) = try #require(SampleInbox.world)
        var decisions: [RoutingDecision] = []
        for example in SampleInbox.cases {
            let profile = try #require(world[example.order.retailer ?? ""])
            let decision = route(
                example.order, profile: profile, network: world.network, catalog: world.catalog, state: state,
                now: SampleWorld.demoNow)
            seen.note(decision)
            decisions.append(decision)
            #expect(Self.writesAsEncoder(decision), "\(example.order.poNumber)")
        }
        var profile = SampleWorld.profile("bestbuy")
        profile.fulfilment = FulfilmentPolicy(
            fill: .shipComplete, maxShipments: 2, backorder: ProfileDuration(10, .days))
        let held = SampleWorld.decide(
            SampleWorld.order("bestbuy", lines: [("HP-10001", 1)]), SampleWorld.stock([]), profile: profile)
        seen.note(held)
        #expect(Self.writesAsEncoder(held))
        for (part, count) in seen.counts.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            #expect(count > 0, "no decision had \(part): the comparison did not cover it")
        }
        // As `route --json` prints them: a list, written element by element.
        let lists: [ArraySlice<RoutingDecision>] = [[], decisions.prefix(1), decisions[...]]
        for list in lists {
            let writer = JSONByteWriter(dates: .iso8601, layout: .pretty(escapesSlashes: false))
            writer.beginArray()
            for decision in list { try writer.element(decision) }
            writer.endArray()
            #expect(writer.bytes == [UInt8](try RoutingDecision.jsonEncoder().encode(Array(list))), "\(list.count)")
        }
    }

    @Test("a decision read back from its JSON, its sentences given as text, writes the same bytes")
    func readBack() throws {
        let decision = RandomWorld(seed: 3).decide()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let read = try decoder.decode(RoutingDecision.self, from: try RoutingDecision.jsonEncoder().encode(decision))
        #expect(try Self.handWritten(read) == (try Self.handWritten(decision)))
    }
}
