import Foundation
import Testing

@Suite("dropgate route, a dry run over real files")
struct RouteCommandTests {
    @Test("a day's Amazon interchange decides in file order, reroutes one PO and exits 1 for the cancel")
    func amazonInbox() throws {
        let result = try DropgateCommand.run(
            "route", "fixtures/inbox/amazon-20261124-0715.x12", "--at", "2026-11-24T10:00:00-05:00")
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("PO D8kTqR2mW (amazon): SHIP"))
        #expect(result.stdout.contains("PO D3vNcY8pL (amazon): REROUTE"))
        #expect(result.stdout.contains("PO DqH6sZ4bK (amazon): CANCEL"))
    }

    @Test("POs that all ship compliantly exit 0, and --json carries every rule and every node")
    func jsonIsComplete() throws {
        let result = try DropgateCommand.run(
            "route", "fixtures/inbox/bestbuy-20261124-0905.xml", "--at", "2026-11-24T10:00:00-05:00", "--json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let decisions = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(decisions.count == 1)
        let decision = try #require(decisions.first)
        #expect(decision["outcome"] as? String == "ship")
        #expect((decision["nodes"] as? [Any])?.count == 4)
        #expect(((decision["checks"] as? [Any])?.count ?? 0) >= 8)
    }

    @Test("the same inputs and the same clock give the same decisions, byte for byte")
    func deterministic() throws {
        let arguments = ["route", "fixtures/inbox/walmart-20261124-0600.x12", "fixtures/inbox/homedepot-20261123-2200.x12",
                         "--at", "2026-11-24T10:00:00-05:00", "--json"]
        let first = try DropgateCommand.run(arguments)
        let second = try DropgateCommand.run(arguments)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test("a file that is neither X12 nor XML is an input error: exit 2 with the file named")
    func notADocument() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("hello, this is not a purchase order\n".utf8).write(to: file)
        let result = try DropgateCommand.run("route", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("notes.txt:byte 0: neither an X12 interchange"))
    }
}
