import Foundation
import Orders
import Profiles
import Testing

/// `orders.duplicates`: what a PO number sent again does, read, checked and defaulted.
@Suite("the duplicate-PO policy of a profile")
struct DuplicatePolicyTests {
    func load(_ text: String) throws -> RetailerProfile? {
        try ProfileSet.load(
            profiles: [SourceFile(name: "p.yaml", text: text)], network: try sampleNetwork(), catalog: smallCatalog
        ).profiles.values.first
    }

    @Test("a profile that says nothing rejects repeats; one that says replace replaces")
    func readsAndDefaults() throws {
        #expect(try load(minimalProfile)?.orders.duplicates == .reject)
        #expect(try load(minimalProfile + "orders:\n  duplicates: replace\n")?.orders.duplicates == .replace)
    }

    @Test("each sample profile sets its policy as RETAILERS.md suggests")
    func samples() throws {
        let set = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        let policies = set.sortedProfiles.map { "\($0.id)=\($0.orders.duplicates.rawValue)" }
        #expect(policies == ["amazon=reject", "bestbuy=reject", "homedepot=replace", "walmart=reject"])
        for text in try sampleProfiles().map(\.text) { #expect(text.contains("\norders:\n  duplicates: ")) }
    }

    @Test("a policy that is not one of the two is reported at its place, naming both")
    func badPolicy() throws {
        let errors = try problems(profile: minimalProfile + "orders:\n  duplicates: ignore\n")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("p.yaml:17:15: orders.duplicates:") == true, "\(errors)")
        #expect(errors.first?.contains("reject") == true && errors.first?.contains("replace") == true, "\(errors)")
        let unknownKey = try problems(profile: minimalProfile + "orders:\n  duplicate: reject\n")
        #expect(
            unknownKey.first?.contains("unknown key 'duplicate'; did you mean 'duplicates'?") == true, "\(unknownKey)")
    }

    @Test("a written profile reads back with its policy")
    func roundTrip() throws {
        let profile = try #require(try load(minimalProfile + "orders:\n  duplicates: replace\n"))
        let written = try profile.fileYAML()
        #expect(written.contains("orders:\n  duplicates: replace"), "\(written)")
        #expect(try load(written)?.orders == profile.orders)
    }
}
