import Foundation
import Gateway
import Orders
import Store
import Testing

/// Inbound 997s through the gateway's pipeline: kept, matched to the group we sent, never answered with a 997 (a
/// TA1 only where the envelope calls for one).
@Suite("the gateway: 997s for what we sent")
struct FunctionalAcknowledgementTests {
    /// Walmart's 997 interchange numbered `control` (ISA14 `requests`), answering our group `group` of `functionalID`
    /// with `body` between AK1 and AK9: what Walmart sends back for an 855 we sent it.
    static func walmart997(
        control: Int, functionalID: String = "PR", group: Int, sets: [(String, String)], setCode: String = "A",
        groupCode: String = "A", requests: String = "0", trailer: Int? = nil
    ) -> [UInt8] {
        let number = String(format: "%09d", control)
        var body = ["ST*997*0001", "AK1*\(functionalID)*\(group)"]
        for (id, set) in sets { body += ["AK2*\(id)*\(set)", "AK5*\(setCode)"] }
        body.append("AK9*\(groupCode)*\(sets.count)*\(sets.count)*\(setCode == "R" ? 0 : sets.count)")
        body.append("SE*\(body.count + 1)*0001")
        let segments =
            [
                "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*1200*U*00401*\(number)*"
                    + "\(requests)*P*>",
                "GS*FA*925485US00*HARBORPINE*20261124*1200*\(control)*X*004010",
            ] + body + ["GE*1*\(control)", "IEA*1*\(String(format: "%09d", trailer ?? control))"]
        return Array(segments.map { $0 + "~\n" }.joined().utf8)
    }

    /// The sample world with Walmart's sample POs decided: its 855s wait in the outbox, each with its group.
    static func decided() async throws -> (SampleWorld, Gateway, [(id: OutboxID, sentGroup: SentGroup?)]) {
        let world = try SampleWorld()
        let gateway = try await world.gateway()
        let bytes = try RejectedEnvelopeTests.walmart { $0 }
        _ = await gateway.process(bytes, origin: "walmart.x12", receivedAt: SampleWorld.clock)
        let groups = try await world.store.sentGroupsByOutboxRow()
        let sent = try await world.store.outbox(state: nil).filter { $0.kind == .purchaseOrderAcknowledgement }.map {
            (id: $0.id, sentGroup: groups[$0.id])
        }
        try #require(sent.count >= 2)
        return (world, gateway, sent)
    }

    static func sets(of group: SentGroup) -> [(String, String)] {
        group.sets.map { (group.setID, String(format: "%04d", $0.control)) }
    }

    @Test("a 997 accepting an 855 is matched to its group and answered by nothing; one rejecting another says why")
    func acknowledgesOurAcknowledgements() async throws {
        let (world, gateway, sent) = try await Self.decided()
        let rows = try await world.store.outbox(state: nil).count
        let first = try #require(sent[0].sentGroup)
        #expect(first.functionalID == "PR" && first.acknowledgement == nil)
        let report = await gateway.process(
            Self.walmart997(control: 900, group: first.groupControl, sets: Self.sets(of: first)), origin: "997.x12",
            receivedAt: SampleWorld.clock + 60)
        #expect(report.status == .accepted && report.problems.isEmpty, "\(report.problems)")
        #expect(
            report.notes.contains {
                $0.contains("group PR \(first.groupControl) (855, outbox row \(sent[0].id)) accepted")
            })
        #expect(try await world.store.outbox(state: nil).count == rows, "nothing answers a 997")
        var groups = try await world.store.sentGroupsByOutboxRow()
        let acknowledged = try #require(groups[sent[0].id]?.acknowledgement)
        #expect(acknowledged.status == .accepted && acknowledged.document == report.documentID)

        let second = try #require(sent[1].sentGroup)
        let rejecting = await gateway.process(
            Self.walmart997(
                control: 901, group: second.groupControl, sets: Self.sets(of: second), setCode: "R", groupCode: "R"),
            origin: "997-r.x12", receivedAt: SampleWorld.clock + 60)
        #expect(rejecting.status == .accepted, "\(rejecting.problems)")
        #expect(try await world.store.outbox(state: nil).count == rows, "nothing answers a 997")
        groups = try await world.store.sentGroupsByOutboxRow()
        #expect(groups[sent[1].id]?.acknowledgement?.status == .rejected)
        #expect(groups[sent[0].id]?.acknowledgement?.status == .accepted)

        // The same 997 again is a redelivery: nothing is done, nothing answered.
        let again = await gateway.process(
            Self.walmart997(control: 900, group: first.groupControl, sets: Self.sets(of: first)),
            origin: "997-again.x12",
            receivedAt: SampleWorld.clock + 120)
        #expect(again.status == .duplicate, "\(again.problems)")
        #expect(try await world.store.outbox(state: nil).count == rows)
    }

    @Test("a 997 naming a group we never sent, or an 846 group by an 855's number, is kept and matched to nothing")
    func unmatched() async throws {
        let (world, gateway, sent) = try await Self.decided()
        let first = try #require(sent[0].sentGroup)
        let stray = await gateway.process(
            Self.walmart997(control: 902, group: first.groupControl + 500, sets: [("855", "0001")]),
            origin: "stray.x12", receivedAt: SampleWorld.clock + 60)
        #expect(stray.status == .acceptedWithErrors)
        #expect(
            stray.problems == [
                "stray.x12:byte 163: 997 0001 from walmart: acknowledges group PR \(first.groupControl + 500) (sets 855 "
                    + "0001), but no group of that number was sent to walmart: recorded nowhere"
            ], "\(stray.problems)")
        let otherFunction = await gateway.process(
            Self.walmart997(
                control: 903, functionalID: "IB", group: first.groupControl, sets: [("846", "0001")]),
            origin: "ib.x12", receivedAt: SampleWorld.clock + 60)
        #expect(
            otherFunction.problems.contains {
                $0.hasSuffix(
                    "acknowledges group IB \(first.groupControl), but the group of that number sent to walmart was PR: recorded nowhere"
                )
            }, "\(otherFunction.problems)")
        let kept = try await world.store.document(try #require(stray.documentID))
        #expect(kept?.status == .acceptedWithErrors)
        #expect(try await world.store.sentGroups(partner: "walmart").allSatisfy { $0.acknowledgement == nil })
        #expect(try await world.store.outbox(inReplyTo: try #require(stray.documentID)).isEmpty)
    }

    @Test("a 997 whose envelope a TA1 rejects is matched to nothing; one whose ISA14 asks gets a TA1 and no 997")
    func envelopes() async throws {
        let (world, gateway, sent) = try await Self.decided()
        let first = try #require(sent[0].sentGroup)
        let broken = await gateway.process(
            Self.walmart997(control: 904, group: first.groupControl, sets: Self.sets(of: first), trailer: 905),
            origin: "broken.x12", receivedAt: SampleWorld.clock + 60)
        #expect(broken.status == .rejected)
        let answers = try await world.store.outbox(inReplyTo: try #require(broken.documentID))
        #expect(answers.map(\.kind) == [.interchangeAcknowledgement])
        #expect(String(decoding: answers[0].bytes, as: UTF8.self).contains("TA1*000000904*"))
        #expect(try await world.store.sentGroups(partner: "walmart").allSatisfy { $0.acknowledgement == nil })

        let asking = await gateway.process(
            Self.walmart997(control: 906, group: first.groupControl, sets: Self.sets(of: first), requests: "1"),
            origin: "asking.x12", receivedAt: SampleWorld.clock + 60)
        #expect(asking.status == .accepted, "\(asking.problems)")
        let ta1 = try await world.store.outbox(inReplyTo: try #require(asking.documentID))
        #expect(ta1.map(\.kind) == [.interchangeAcknowledgement])
        let text = String(decoding: ta1.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("TA1*000000906*") && text.contains("*A*000") && !text.contains("GS*"), "\(text)")
        #expect(
            try await world.store.sentGroupsByOutboxRow()[sent[0].id]?.acknowledgement?.status
                == .accepted)
    }

    @Test("an interchange holding POs and a 997 gets a 997 for its POs alone")
    func mixedInterchange() async throws {
        let (world, gateway, sent) = try await Self.decided()
        let first = try #require(sent[0].sentGroup)
        let fa = String(
            decoding: Self.walmart997(control: 907, group: first.groupControl, sets: Self.sets(of: first)),
            as: UTF8.self
        )
        .split(separator: "\n").filter { !$0.hasPrefix("ISA") && !$0.hasPrefix("IEA") }.joined(separator: "\n")
        let mixed = try RejectedEnvelopeTests.walmart { text in
            text.replacingOccurrences(of: "000018233", with: "000018299")
                .replacingOccurrences(of: "IEA*1*000018299", with: fa + "\nIEA*2*000018299")
        }
        let report = await gateway.process(mixed, origin: "mixed.x12", receivedAt: SampleWorld.clock + 60)
        let answers = try await world.store.outbox(inReplyTo: try #require(report.documentID)).filter {
            $0.kind == .functionalAcknowledgement
        }
        try #require(answers.count == 1, "\(answers.map(\.kind))")
        let text = String(decoding: answers[0].bytes, as: UTF8.self)
        #expect(text.contains("AK1*PO*18233") && !text.contains("AK1*FA"), "\(text)")
        #expect(text.components(separatedBy: "ST*997").count == 2, "one 997 set: \(text)")
        #expect(
            try await world.store.sentGroupsByOutboxRow()[sent[0].id]?.acknowledgement?.status
                == .accepted)
    }
}
