import Foundation
import Gateway
import Orders
import Store
import Testing

@Suite("an envelope the acknowledgement rejects is not routed")
struct RejectedEnvelopeTests {
    static func walmart(_ edit: (String) -> String) throws -> [UInt8] {
        let original = try String(
            contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12"),
            encoding: .utf8)
        return Array(edit(original).utf8)
    }

    @Test(
        "an interchange answered by a TA1 that rejects it (ISA02 too narrow, IEA02 not ISA13) has none of its POs decided",
        arguments: [
            // ISA02 three characters wide: TA1-024 and TA1-011.
            { (text: String) in text.replacingOccurrences(of: "*00*          *00*", with: "*00*   *00*") },
            // IEA02 not ISA13: TA1-001.
            { (text: String) in text.replacingOccurrences(of: "IEA*1*000018233", with: "IEA*1*000018299") },
        ] as [@Sendable (String) -> String])
    func rejectedInterchange(edit: @Sendable (String) -> String) async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let report = await gateway.process(try Self.walmart(edit), origin: "bad-isa.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 4)
        for order in report.orders {
            guard case .notProcessed(let reasons) = order.result else {
                Issue.record("\(String(describing: order.poNumber)) was \(order.result)")
                continue
            }
            #expect(reasons.contains { $0.hasPrefix("TA1-") }, "\(reasons)")
        }
        #expect(try await world.store.orders(OrderFilter()).isEmpty)
        let answers = try await world.store.outbox(state: nil)
        #expect(answers.map(\.kind) == [.interchangeAcknowledgement])
        let ta1 = String(decoding: answers.first?.bytes ?? [], as: UTF8.self)
        #expect(ta1.contains("*R*0"), "\(ta1)")
        #expect(report.status == .rejected)
    }

    @Test("an interchange a TA1 rejected, sent again corrected under the same ISA13, is read and decided")
    func correctedInterchangeUnderTheSameNumber() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let broken = try Self.walmart { $0.replacingOccurrences(of: "*00*          *00*", with: "*00*   *00*") }
        let rejected = await gateway.process(broken, origin: "bad-isa.x12", receivedAt: SampleWorld.clock)
        #expect(rejected.status == .rejected)
        let corrected = await gateway.process(
            try Self.walmart { $0 }, origin: "fixed.x12", receivedAt: SampleWorld.clock)
        #expect(corrected.orders.filter { if case .decided = $0.result { true } else { false } }.count == 4)
        let answers = try await world.store.outbox(state: nil).filter {
            [.interchangeAcknowledgement, .functionalAcknowledgement].contains($0.kind)
        }
        #expect(answers.map(\.kind) == [.interchangeAcknowledgement, .functionalAcknowledgement])
        // The same broken bytes again are rejected again, and still decide nothing.
        let again = await gateway.process(broken, origin: "bad-isa-again.x12", receivedAt: SampleWorld.clock)
        #expect(again.status == .rejected)
        #expect(try await world.store.orders(OrderFilter()).count == 4)
    }

    @Test("a group its 997 rejects (GE01 counts 5 sets, the group holds 4) has none of its POs decided")
    func rejectedGroup() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let bytes = try Self.walmart { $0.replacingOccurrences(of: "GE*4*18233", with: "GE*5*18233") }
        let report = await gateway.process(bytes, origin: "bad-ge.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 4)
        #expect(
            report.orders.allSatisfy { if case .notProcessed = $0.result { true } else { false } },
            "\(report.orders.map(\.result))")
        #expect(try await world.store.orders(OrderFilter()).isEmpty)
        let answer = try #require(try await world.store.outbox(state: nil).first)
        #expect(answer.kind == .functionalAcknowledgement)
        #expect(String(decoding: answer.bytes, as: UTF8.self).contains("AK9*R*"))
    }
}
