import Foundation
import Gateway
import Orders
import Store
import Testing

@Suite("a redelivery that comes between the first delivery's claim and its acknowledgement")
struct RedeliveryRaceTests {
    @Test(
        "is answered with a copy of the acknowledgement all the same, written once for the first delivery, which then finishes unchanged"
    )
    func redeliveryBetweenClaimAndAcknowledgement() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let bytes = Array(
            try Data(contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12")))
        // The first delivery is kept and has claimed its interchange, and no more: its process is about to enqueue
        // the 997 (or stopped right there).
        let first = try await world.store.keep(
            InboundDocument(receivedAt: SampleWorld.clock, origin: "first.x12", format: .x12, bytes: bytes))
        let key = InterchangeKey(senderQualifier: "08", senderID: "925485US00", controlNumber: "000018233")
        #expect(try await world.store.claim(key, for: first.id) == .first)

        let again = await gateway.process(bytes, origin: "again.x12", receivedAt: SampleWorld.clock)
        #expect(again.orders.allSatisfy { if case .redelivered = $0.result { true } else { false } })
        let outbox = try await world.store.outbox(state: nil)
        let original = outbox.filter { $0.inReplyTo == first.id }
        let copy = outbox.filter { $0.inReplyTo == again.documentID }
        #expect(original.map(\.kind) == [.functionalAcknowledgement])
        #expect(copy.map(\.kind) == [.functionalAcknowledgement], "the redelivery is answered")
        #expect(copy.first?.bytes == original.first?.bytes)

        // The first delivery finishes: its orders are decided, its 997 stays the one written, numbered 1.
        let finished = await gateway.resume()
        #expect(finished.map(\.documentID) == [first.id])
        #expect(finished.first?.orders.filter { if case .decided = $0.result { true } else { false } }.count == 4)
        let answers = try await world.store.outbox(state: nil).filter {
            $0.inReplyTo == first.id && $0.kind == .functionalAcknowledgement
        }
        #expect(answers.map(\.id) == original.map(\.id))
        let acknowledgement = String(decoding: original.first?.bytes ?? [], as: UTF8.self)
        #expect(acknowledgement.contains("*000000001*0*P*>~"), "\(acknowledgement)")
    }
}
