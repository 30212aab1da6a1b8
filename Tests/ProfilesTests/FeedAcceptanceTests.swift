import Foundation
import Orders
import Profiles
import Testing

/// `feed.accepted-on`: when a feed run counts as accepted, read, checked, defaulted and written back.
@Suite("the feed's accepted-on setting of a profile")
struct FeedAcceptanceTests {
    /// The minimal profile with a feed of `format`, `acceptedOn` (none when nil) and `sends` (none when nil).
    func profile(format: String, acceptedOn: String?, sends: String? = #"["850", "997"]"#) -> String {
        minimalProfile + (sends.map { "documents:\n  sends: \($0)\n" } ?? "")
            + """
            feed:
              format: \(format)
              schedule: "0 6 * * * America/Chicago"
              destination: https://example.test/feed

            """ + (acceptedOn.map { "  accepted-on: \($0)\n" } ?? "")
    }

    func load(_ text: String) throws -> RetailerProfile? {
        try ProfileSet.load(
            profiles: [SourceFile(name: "p.yaml", text: text)], network: try sampleNetwork(), catalog: smallCatalog
        ).profiles.values.first
    }

    @Test("a feed is accepted on delivery unless it says 997, quoted or not; a written profile reads back with it")
    func readsAndDefaults() throws {
        #expect(try load(profile(format: "x12-846", acceptedOn: nil))?.feed?.acceptedOn == .delivery)
        #expect(try load(profile(format: "csv", acceptedOn: "delivery"))?.feed?.acceptedOn == .delivery)
        for value in ["997", #""997""#] {
            let read = try #require(try load(profile(format: "x12-846", acceptedOn: value)))
            #expect(read.feed?.acceptedOn == .functionalAcknowledgement)
            let written = try read.fileYAML()
            #expect(written.contains("accepted-on:"), "\(written)")
            #expect(try load(written)?.feed == read.feed)
        }
        #expect(try load(profile(format: "x12-846", acceptedOn: nil))?.fileYAML().contains("accepted-on") == false)
    }

    @Test("an unknown value is reported at its place, naming the two there are")
    func unknownValue() throws {
        let found = try problems(profile: profile(format: "x12-846", acceptedOn: "999"))
        #expect(
            found == [
                "p.yaml:22:16: feed.accepted-on: unknown value '999'; expected one of delivery, 997 (did you mean '997'?)"
            ], "\(found)")
    }

    @Test("a CSV, JSON or XML feed cannot wait for a 997", arguments: ["csv", "json", "xml"])
    func notAnX12Feed(format: String) throws {
        let found = try problems(profile: profile(format: format, acceptedOn: "997"))
        #expect(
            found == [
                "p.yaml:22:16: feed.accepted-on: a feed in \(format) cannot be acknowledged: only an X12 846 gets a 997 "
                    + "back, so accepted-on: 997 needs format: x12-846 (or accepted-on: delivery)"
            ], "\(found)")
    }

    @Test("a retailer that sends no 997 or 999 cannot be waited on for one")
    func retailerSendsNoAcknowledgement() throws {
        let found = try problems(profile: profile(format: "x12-846", acceptedOn: "997", sends: nil))
        #expect(
            found == [
                "p.yaml:20:16: feed.accepted-on: accepted-on: 997, but documents.sends lists no 997 or 999: no feed run "
                    + "would ever count as accepted"
            ], "\(found)")
        #expect(try problems(profile: profile(format: "x12-846", acceptedOn: "997", sends: #"["850", "999"]"#)) == [])
    }

    @Test("Walmart's sample profile waits for the 997 it sends for our 846")
    func walmartSample() throws {
        let set = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        let accepted = set.sortedProfiles.compactMap { profile in
            profile.feed.map { "\(profile.id)=\($0.acceptedOn.rawValue)" }
        }
        #expect(accepted == ["amazon=delivery", "bestbuy=delivery", "homedepot=delivery", "walmart=997"])
    }
}

@Suite("the feed's acknowledgement-due setting of a profile")
struct AcknowledgementDueTests {
    let base = FeedAcceptanceTests()

    @Test("a feed accepted on its 997 may say when the 997 is due; it reads back as written")
    func readsAndWrites() throws {
        let text = base.profile(format: "x12-846", acceptedOn: "997") + "  acknowledgement-due: 24h\n"
        let read = try #require(try base.load(text))
        #expect(read.feed?.acknowledgementDue == .hours(24))
        #expect(try base.load(try read.fileYAML())?.feed == read.feed)
    }

    @Test("acknowledgement-due on a feed accepted on delivery, or in business days, is reported at its place")
    func refused() throws {
        let onDelivery = try problems(
            profile: base.profile(format: "x12-846", acceptedOn: nil) + "  acknowledgement-due: 24h\n")
        #expect(
            onDelivery == [
                "p.yaml:22:24: feed.acknowledgement-due: acknowledgement-due is when a 997 is due, but this feed is "
                    + "accepted on delivery: set accepted-on: 997, or leave acknowledgement-due out"
            ], "\(onDelivery)")
        let business = try problems(
            profile: base.profile(format: "x12-846", acceptedOn: "997")
                + "  acknowledgement-due: 2 business days\n")
        #expect(
            business == [
                "p.yaml:23:24: feed.acknowledgement-due: acknowledgement-due must be a positive wall-clock duration "
                    + "like 24h or 2 days, got 2 business days"
            ], "\(business)")
    }
}
