import Foundation
import Orders
import Store
import Testing

/// What the store keeps of the 997s partners send for our X12: each group we send recorded where it is numbered,
/// matched by partner and control numbers, and an 846 feed run that waits for its 997 accepted only once one
/// accepts it.
@Suite("Order store: functional acknowledgements")
struct StoreAcknowledgementTests {
    /// An 846 run numbered from walmart's counters: an interchange, a group and two sets, as `InventoryAdvice`
    /// draws them; accepted on a 997.
    private func numberedRun(at: Date) -> FeedRunDraft {
        var draft = FeedRunDraft(
            retailer: "walmart", node: "EWR1", format: "x12-846", mode: "delta", builtAt: at,
            body: .numbered(partner: "walmart") { numbers in
                let interchange = numbers.next(.interchange)
                let group = numbers.next(.group)
                let sets = [numbers.next(.transactionSet), numbers.next(.transactionSet)]
                return Array("ISA \(interchange) GS \(group) ST \(sets)".utf8)
            }, destination: "https://r.test/feed", snapshot: Array("\(at.timeIntervalSince1970)".utf8))
        draft.acceptedOn = .functionalAcknowledgement
        return draft
    }

    private func deliver(_ run: FeedRun, _ deliveries: any DeliveryStore, at: Date) async throws {
        guard case .claimed = try await deliveries.claimFeedRun(run.id, at: at, lease: .seconds(30)) else {
            Issue.record("run \(run.id) was not claimed")
            return
        }
        try await deliveries.resolveFeedRun(
            run.id, as: .delivered,
            attempt: DeliveryAttempt(
                subject: .feedRun(run.id), attempt: 1, at: at, url: "https://r.test/feed", status: 200, bytes: 1,
                duration: .zero, responseExcerpt: [], outcome: .delivered))
    }

    private func group(of run: FeedRun, in store: any OrderStore) async throws -> SentGroup {
        try #require(try await store.sentGroups(partner: "walmart").first { $0.subject == .feedRun(run.id) })
    }

    private func receipt(
        _ group: SentGroup, code: String, document: DocumentID, at: Date, errors: [String] = [],
        sets: [AcknowledgementReceipt.SetReceipt]? = nil, functionalID: String? = nil
    ) throws -> AcknowledgementReceipt {
        let status = try #require(AcknowledgementStatus(code: code))
        return AcknowledgementReceipt(
            partner: group.partner, document: document, receivedAt: at,
            functionalID: functionalID ?? group.functionalID,
            groupControl: group.groupControl, status: status, code: code, errors: errors,
            sets: sets ?? group.sets.map { .init(setID: group.setID, control: $0.control, status: status, errors: []) })
    }

    @Test(
        "an 846 waits for its 997: accepted, then rejected, then accepted with errors, each moves what the next delta is taken against",
        arguments: Backend.allCases)
    func feedRunAcknowledged(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let document = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "997.x12", format: .x12, bytes: Array("ISA 997".utf8))
            ).id

            let first = try await deliveries.recordFeedRun(numberedRun(at: t0))
            try await deliver(first, deliveries, at: t0 + 1)
            let sent = try await group(of: first, in: store)
            #expect(sent.functionalID == "IB" && sent.setID == "846" && sent.acknowledgement == nil)
            #expect(sent.sets.map(\.control).count == 2 && sent.sets.allSatisfy { $0.status == nil })
            var runs = try await deliveries.feedRunsWithoutBodies(retailer: "walmart")
            #expect(runs.map(\.awaitsAcknowledgement) == [true] && runs.map(\.isAccepted) == [false])
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").isEmpty, "delivered, not acknowledged")

            guard
                case .matched(let matched, let unmatched) = try await store.recordAcknowledgement(
                    receipt(sent, code: "A", document: document, at: t0 + 2))
            else { throw Failure("the 997 for the first run matched nothing") }
            #expect(unmatched.isEmpty && matched.acknowledgement?.status == .accepted)
            #expect(matched.acknowledgement?.document == document)
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").map(\.id) == [first.id])

            // A 997 that rejects a run: the next delta is still taken against the first.
            let second = try await deliveries.recordFeedRun(numberedRun(at: t0 + 10))
            try await deliver(second, deliveries, at: t0 + 11)
            let secondGroup = try await group(of: second, in: store)
            #expect(secondGroup.groupControl == sent.groupControl + 1, "numbered from the same counters")
            let bad = try #require(secondGroup.sets.first)
            _ = try await store.recordAcknowledgement(
                receipt(
                    secondGroup, code: "R", document: document, at: t0 + 12, errors: ["0 of 2 sets accepted"],
                    sets: [
                        .init(
                            setID: "846", control: bad.control, status: .rejected,
                            errors: ["segment LIN at position 7: 8: segment has data element errors"])
                    ]))
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").map(\.id) == [first.id])
            runs = try await deliveries.feedRunsWithoutBodies(retailer: "walmart")
            let rejected = try #require(runs.first { $0.id == second.id })
            #expect(!rejected.isAccepted && !rejected.awaitsAcknowledgement)
            #expect(rejected.acknowledgement?.status == .rejected && rejected.acknowledgement?.code == "R")
            #expect(rejected.acknowledgement?.errors.contains("846 \(Self.four(bad.control)): segment LIN") == true)
            // The set it does not name takes the group's word.
            let sets = try await group(of: second, in: store).sets
            #expect(sets.map(\.status) == [.rejected, .rejected])
            #expect(sets[0].errors.contains("segment LIN") && sets[1].errors.isEmpty)

            // Accepted with errors is accepted.
            let third = try await deliveries.recordFeedRun(numberedRun(at: t0 + 20))
            try await deliver(third, deliveries, at: t0 + 21)
            _ = try await store.recordAcknowledgement(
                receipt(try await group(of: third, in: store), code: "E", document: document, at: t0 + 22))
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").map(\.id) == [third.id])
            #expect(
                try await deliveries.feedRuns(retailer: "walmart").first { $0.id == third.id }?.acknowledgement?.status
                    == .acceptedWithErrors)
        }
    }

    @Test(
        "a 997 for a group never sent, or of another functional ID, records nothing; a set the group lacked is named",
        arguments: Backend.allCases)
    func unmatched(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let deliveries = try #require(store as? any DeliveryStore)
            let document = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "997.x12", format: .x12, bytes: Array("ISA 997".utf8))
            ).id
            let run = try await deliveries.recordFeedRun(numberedRun(at: t0))
            try await deliver(run, deliveries, at: t0 + 1)
            let sent = try await group(of: run, in: store)

            var never = try receipt(sent, code: "A", document: document, at: t0 + 2)
            never.groupControl += 100
            #expect(try await store.recordAcknowledgement(never) == .unmatched)
            var otherPartner = try receipt(sent, code: "A", document: document, at: t0 + 2)
            otherPartner.partner = "bestbuy"
            #expect(try await store.recordAcknowledgement(otherPartner) == .unmatched)
            #expect(
                try await store.recordAcknowledgement(
                    receipt(sent, code: "A", document: document, at: t0 + 2, functionalID: "PR"))
                    == .otherFunction(sent: "IB"))
            #expect(try await group(of: run, in: store).acknowledgement == nil, "nothing recorded")
            #expect(try await deliveries.acceptedFeedRuns(retailer: "walmart").isEmpty)

            let stray = AcknowledgementReceipt.SetReceipt(setID: "846", control: 77, status: .accepted, errors: [])
            let wrongID = AcknowledgementReceipt.SetReceipt(
                setID: "855", control: sent.sets[0].control, status: .accepted, errors: [])
            guard
                case .matched(_, let unmatched) = try await store.recordAcknowledgement(
                    receipt(sent, code: "A", document: document, at: t0 + 3, sets: [stray, wrongID]))
            else { throw Failure("the 997 matched nothing") }
            #expect(unmatched == [stray, wrongID])
        }
    }

    @Test(
        "an 855 in the outbox shows what its 997 said; a 997 we send is never awaited",
        arguments: Backend.allCases)
    func outboxAcknowledged(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let document = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "997.x12", format: .x12, bytes: Array("ISA 997".utf8))
            ).id
            func draft(_ kind: OutboundKind) -> OutboundDraft {
                OutboundDraft(kind: kind, partner: "walmart", name: "\(kind.rawValue).x12") { numbers in
                    Array(
                        "ISA \(numbers.next(.interchange)) GS \(numbers.next(.group)) ST \(numbers.next(.transactionSet))"
                            .utf8)
                }
            }
            let rows = try await store.enqueue(
                [draft(.purchaseOrderAcknowledgement), draft(.functionalAcknowledgement)], inReplyTo: document,
                key: "test")
            #expect(rows.count == 2)
            var groups = try await store.sentGroupsByOutboxRow()
            #expect(Set(groups.keys) == [rows[0].id], "the 855's group, not the 997's")
            let sent = try #require(groups[rows[0].id])
            #expect(sent.functionalID == "PR" && sent.setID == "855" && sent.acknowledgement == nil)
            #expect(String(decoding: rows[0].bytes, as: UTF8.self).contains("GS \(sent.groupControl) ST"))
            _ = try await store.recordAcknowledgement(receipt(sent, code: "A", document: document, at: t0 + 1))
            groups = try await store.sentGroupsByOutboxRow()
            #expect(groups[rows[0].id]?.acknowledgement?.status == .accepted)
            #expect(groups[rows[0].id]?.sets.map(\.status) == [.accepted])
        }
    }

    private static func four(_ control: Int) -> String {
        let text = String(control)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
