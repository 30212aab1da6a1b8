import Foundation
import Gateway
import Orders
import Store
import Testing

@Suite("X12 whose reading stops after a readable ISA is still answered, and its sound interchanges processed")
struct SalvagedInterchangeTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/\(name)")))
    }

    @Test("bytes after the last IEA that are no interchange leave the interchanges before them decided and answered")
    func trailingGarbage() async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let bytes = try Self.fixture("amazon-20261124-0715.x12") + Array("\u{0}\u{1}garbage\u{FF}".utf8)
        let report = await gateway.process(bytes, origin: "trailing.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 3)
        #expect(report.orders.allSatisfy { if case .decided = $0.result { true } else { false } })
        #expect(report.status == .acceptedWithErrors)
        #expect(report.problems.contains { $0.contains("unexpected data after IEA") })
        let answers = try await world.store.outbox(state: nil).filter { $0.kind == .functionalAcknowledgement }
        #expect(answers.count == 1)
        let acknowledgement = String(decoding: answers.first?.bytes ?? [], as: UTF8.self)
        #expect(acknowledgement.contains("AK9*A*3*3*3~"), "\(acknowledgement)")
    }

    @Test(
        "an interchange that cannot be read past a byte is answered with a TA1 that rejects it, and nothing in it is decided",
        arguments: [
            // A segment over the 1 MB limit.
            { (text: String) in
                text.replacingOccurrences(
                    of: "N3*5612 PHILLIPS AVE", with: "N3*" + String(repeating: "A", count: 1 << 21))
            },
            // An ISA inside a set whose delimiters clash.
            { (text: String) in text.replacingOccurrences(of: "CUR*BY*USD~\n", with: "CUR*BY*USD~\nISA*00*junk~\n") },
        ] as [@Sendable (String) -> String])
    func unreadableInterchange(edit: @Sendable (String) -> String) async throws {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let original = String(decoding: try Self.fixture("walmart-20261124-0600.x12"), as: UTF8.self)
        // A sound interchange first: it is decided whatever follows.
        let amazon = try Self.fixture("amazon-20261124-0715.x12")
        let report = await gateway.process(
            amazon + Array(edit(original).utf8), origin: "broken.x12", receivedAt: SampleWorld.clock)
        #expect(report.orders.count == 3, "\(report.orders.map(\.poNumber))")
        #expect(report.orders.allSatisfy { if case .decided = $0.result { true } else { false } })
        #expect(report.problems.contains { $0.contains("interchange 000018233 cannot be read past byte") })
        let answers = try await world.store.outbox(state: nil).filter { $0.inReplyTo == report.documentID }
            .filter { [.functionalAcknowledgement, .interchangeAcknowledgement].contains($0.kind) }
        #expect(answers.map(\.kind) == [.functionalAcknowledgement, .interchangeAcknowledgement])
        let ta1 = String(decoding: answers.last?.bytes ?? [], as: UTF8.self)
        #expect(ta1.contains("TA1*000018233*261124*0600*R*"), "\(ta1)")
        #expect(try await world.store.orders(OrderFilter(retailer: "walmart")).isEmpty)
    }
}
