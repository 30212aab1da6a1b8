import Foundation
import Testing

@Suite("dropgate profiles, on real files")
struct ProfilesCommandTests {
    @Test("the sample profiles and network check clean, exit 0")
    func samplesAreClean() throws {
        let result = try DropgateCommand.run("profiles", "check")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("5 profiles (amazon, bestbuy, harbormkt, homedepot, walmart), 6 nodes"))
    }

    @Test("every problem is reported at once as FILE:LINE:COLUMN with the nearest key suggested, exit 1")
    func brokenProfileIsReported() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles/amazon.yaml")
        let text = try String(contentsOf: source, encoding: .utf8)
            .replacingOccurrences(of: "  strategy: profile-order", with: "  stratgy: profile-order")
            .replacingOccurrences(of: "cutoff: 14:00 America/Los_Angeles", with: "cutoff: 25:00 America/Los_Angeles")
        let file = folder.appendingPathComponent("amazon.yaml")
        try Data(text.utf8).write(to: file)
        let result = try DropgateCommand.run("profiles", "check", folder.path)
        #expect(result.status == 1)
        let output = result.stdout + result.stderr
        #expect(
            output.contains("amazon.yaml:26:3: sourcing: unknown key 'stratgy'; did you mean 'strategy'?"), "\(output)")
        #expect(output.contains("amazon.yaml:31:11: ship-sla.cutoff: 25:00 is not a time of day"), "\(output)")
    }

    @Test("show prints a profile with its defaults filled in, and it checks clean again")
    func showRoundTrips() throws {
        let result = try DropgateCommand.run("profiles", "show", "homedepot")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("id: homedepot"))
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(result.stdout.utf8).write(to: folder.appendingPathComponent("homedepot.yaml"))
        let check = try DropgateCommand.run("profiles", "check", folder.path)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("schema prints a JSON Schema document")
    func schemaIsJSON() throws {
        let result = try DropgateCommand.run("profiles", "schema")
        #expect(result.status == 0)
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(schema?["$schema"] != nil)
        #expect((schema?["properties"] as? [String: Any])?["ship-sla"] != nil)
    }
}
