import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Store
import Testing

/// What a refused repeat of a PO is answered with: the profile's `duplicate-order` code when it maps one, else
/// nothing (an 855 reject of the PO number would read as rejecting the first order).
@Suite("a PO sent again in a new interchange, answered as the profile allows")
struct RepeatAnswerTests {
    /// Amazon's sample file, as a new interchange (another ISA13) with the same POs.
    static func amazon(control: String) throws -> [UInt8] {
        let url = SampleWorld.root.appendingPathComponent("fixtures/inbox/amazon-20261124-0715.x12")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "000052907", with: control).utf8)
    }

    func run(_ profiles: ProfileSet) async throws -> (first: DocumentReport, again: DocumentReport, store: SQLiteStore)
    {
        let world = try SampleWorld()
        try await world.store.importInventory(world.inventory)
        let gateway = Gateway(profiles: profiles, store: world.store, logger: Logger(label: "test"))
        let first = await gateway.process(
            try Self.amazon(control: "000052907"), origin: "a.x12", receivedAt: SampleWorld.clock)
        let again = await gateway.process(
            try Self.amazon(control: "000052999"), origin: "a-again.x12", receivedAt: SampleWorld.clock + 3600)
        return (first, again, world.store)
    }

    @Test("with a duplicate-order code, each repeat gets a reject carrying it; the first orders stand")
    func answeredWithTheCode() async throws {
        let profiles = try editedWorld("amazon") {
            $0.replacingOccurrences(of: "  fill-or-kill: IR", with: "  fill-or-kill: IR\n  duplicate-order: R2")
        }
        let (first, again, store) = try await run(profiles)
        #expect(first.orders.allSatisfy { if case .decided = $0.result { true } else { false } })
        #expect(again.orders.count == 3)
        #expect(again.orders.allSatisfy { if case .duplicate = $0.result { true } else { false } })
        let answers = try await store.outbox(state: nil).filter {
            $0.kind == .purchaseOrderAcknowledgement && $0.inReplyTo == again.documentID
        }
        #expect(answers.count == 3)
        for answer in answers {
            let text = String(decoding: answer.bytes, as: UTF8.self)
            #expect(text.contains("BAK*00*RD*"), "\(text)")
            #expect(text.contains("ACK*R2*"), "\(text)")
        }
        let orders = try await store.orders(.all)
        #expect(orders.count == 3)
        for order in orders {
            let trail = try await store.audit(of: order.id)
            #expect(trail.map(\.event) == ["decided", "duplicate"])
            #expect(trail.last?.detail.contains("answered with a reject, code R2") == true, "\(trail)")
        }
    }

    @Test("without one, the repeats are recorded and not answered")
    func notAnsweredWithoutACode() async throws {
        let (_, again, store) = try await run(try editedWorld("amazon") { $0 })
        #expect(again.orders.allSatisfy { if case .duplicate = $0.result { true } else { false } })
        let answers = try await store.outbox(state: nil).filter {
            $0.kind == .purchaseOrderAcknowledgement && $0.inReplyTo == again.documentID
        }
        #expect(answers.isEmpty)
        #expect(again.notes.filter { $0.contains("not answered (no duplicate-order reason code)") }.count == 3)
    }

    @Test("a duplicate-order code a profile's acknowledgements could never carry is reported by profiles check")
    func codeThatIsNeverSent() throws {
        let edit: (String) -> String = {
            $0.replacingOccurrences(of: "    kinds: [accept, reject]", with: "    kinds: [accept]")
                .replacingOccurrences(
                    of: "  default: { code: reject, text: \"Cannot be fulfilled\" }",
                    with: "  default: { code: reject, text: \"Cannot be fulfilled\" }\n  duplicate-order: duplicate")
        }
        let errors: [String]
        do {
            _ = try editedWorld("bestbuy", edit)
            errors = []
        } catch {
            errors = error.errors.map(\.description)
        }
        #expect(errors.count == 1, "\(errors)")
        #expect(
            errors.first?.contains("reason-codes.duplicate-order: a refused repeat of a PO would be answered") == true)
    }
}
