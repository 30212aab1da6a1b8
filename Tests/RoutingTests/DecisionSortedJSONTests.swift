import Foundation
import Profiles
import Routing
import Testing

@testable import Orders

/// The decision's pretty JSON as `dropgate route --json` prints it: a list written element by element must be what
/// `RoutingDecision.jsonEncoder()` writes for the array. (Each decision alone, compact and pretty, over random
/// decisions and the sample inbox: `DecisionJSONTests`.)
@Suite("hand-written pretty decision JSON")
struct DecisionSortedJSONTests {
    static func handWritten(_ decision: RoutingDecision) throws -> [UInt8] {
        let writer = JSONByteWriter(dates: .iso8601, layout: .pretty(escapesSlashes: false))
        try writer.write(decision)
        return writer.bytes
    }

    @Test("the sample inbox's decisions as a list: none, one and all, written element by element")
    func lists() throws {
        let (world, state) = try #require(SampleInbox.world)
        let decisions = try SampleInbox.cases.map { example in
            let profile = try #require(world[example.order.retailer ?? ""])
            return route(
                example.order, profile: profile, network: world.network, catalog: world.catalog, state: state,
                now: SampleWorld.demoNow)
        }
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
