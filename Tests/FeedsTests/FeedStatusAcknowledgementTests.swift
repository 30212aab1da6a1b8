import Feeds
import Foundation
import Orders
import Profiles
import Store
import Testing

/// What `feed status` says of a retailer whose 846s are accepted on its 997: per node, the newest delivered run
/// waits, was accepted, or was rejected, and a 997 past the profile's `acknowledgement-due` is overdue.
@Suite("Feed status: runs waiting for their 997")
struct FeedStatusAcknowledgementTests {
    static let delivered = Date(timeIntervalSince1970: 1_796_549_400)

    /// The sample set with Walmart's 997 due 24 hours after delivery.
    static func profiles() throws -> ProfileSet {
        let sample = try SampleWorld.load().profiles
        var walmart = try #require(sample["walmart"])
        walmart.feed?.acknowledgementDue = .hours(24)
        return ProfileSet(profiles: [walmart], network: sample.network, catalog: sample.catalog)
    }

    static func run(
        _ id: Int64, node: DCID, delivered at: Date, acknowledgement status: AcknowledgementStatus? = nil,
        errors: String = ""
    ) -> FeedRun {
        FeedRun(
            id: FeedRunID(id), retailer: "walmart", node: node, format: "x12-846", mode: "full", builtAt: at - 60,
            bytes: 1, sha256: "", destination: "sftp://r.test/846", state: .delivered, attempts: 1, nextAttemptAt: nil,
            deliveredAt: at, body: [], acceptedOn: .functionalAcknowledgement,
            acknowledgement: status.map {
                GroupAcknowledgement(status: $0, code: "", errors: errors, document: DocumentID(9), at: at + 60)
            })
    }

    @Test("a run waits for its 997 from its delivery, and is overdue once the profile's acknowledgement-due is past")
    func overdue() throws {
        let profiles = try Self.profiles()
        let runs = [Self.run(1, node: "EWR1", delivered: Self.delivered)]
        let early = try #require(FeedStatus.lines(profiles: profiles, runs: runs, at: Self.delivered + 23 * 3600).first)
        #expect(early.acceptedOn == "997" && early.awaitingAcknowledgement && early.lastAcknowledgement == "awaiting")
        #expect(early.awaitingSince == Self.delivered && !early.acknowledgementOverdue && early.lastAccepted == nil)
        let late = try #require(FeedStatus.lines(profiles: profiles, runs: runs, at: Self.delivered + 25 * 3600).first)
        #expect(late.acknowledgementOverdue)

        let accepted = [Self.run(1, node: "EWR1", delivered: Self.delivered, acknowledgement: .accepted)]
        let done = try #require(
            FeedStatus.lines(profiles: profiles, runs: accepted, at: Self.delivered + 25 * 3600).first)
        #expect(!done.awaitingAcknowledgement && !done.acknowledgementOverdue && done.awaitingSince == nil)
        #expect(done.lastAcknowledgement == "accepted" && done.lastAccepted == Self.delivered - 60)
    }

    @Test("one node's rejected run is shown before another's waiting run, with the 997's errors")
    func rejectedFirst() throws {
        let profiles = try Self.profiles()
        let runs = [
            Self.run(1, node: "EWR1", delivered: Self.delivered, acknowledgement: .rejected, errors: "846 0001: bad"),
            Self.run(2, node: "DFW1", delivered: Self.delivered + 600),
        ]
        let line = try #require(FeedStatus.lines(profiles: profiles, runs: runs, at: Self.delivered + 3600).first)
        #expect(line.lastAcknowledgement == "rejected" && line.acknowledgementErrors == "846 0001: bad")
        #expect(line.awaitingAcknowledgement && line.awaitingSince == Self.delivered + 600)
        #expect(line.lastAccepted == nil)
    }
}
