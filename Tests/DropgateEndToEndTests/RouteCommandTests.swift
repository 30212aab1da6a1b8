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
        let decisions = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(decisions.count == 1)
        let decision = try #require(decisions.first)
        #expect(decision["outcome"] as? String == "ship")
        #expect((decision["nodes"] as? [Any])?.count == 4)
        #expect(((decision["checks"] as? [Any])?.count ?? 0) >= 8)
    }

    @Test("the same inputs and the same clock give the same decisions, byte for byte")
    func deterministic() throws {
        let arguments = [
            "route", "fixtures/inbox/walmart-20261124-0600.x12", "fixtures/inbox/homedepot-20261123-2200.x12",
            "--at", "2026-11-24T10:00:00-05:00", "--json",
        ]
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

    @Test("an X12 file without an 850 says, per file, what it holds instead and exits 2")
    func noPurchaseOrder() throws {
        let corpus = DropgateCommand.packageRoot.appendingPathComponent("../shared/corpus/x12")
        let ack999 = corpus.appendingPathComponent("xlate-staedi_simple999.edi").standardized.path
        let ack997 = corpus.appendingPathComponent("xlate-staedi_simple997.edi").standardized.path
        try #require(FileManager.default.fileExists(atPath: ack999), "the corpus is expected at ../shared/corpus")
        let result = try DropgateCommand.run(
            "route", ack999, ack997, "fixtures/inbox/walmart-20261124-0600.x12", "--at", "2026-11-24T10:00:00-05:00")
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("\(ack999): holds no purchase order (850), only 999: nothing to route"))
        #expect(result.stderr.contains("\(ack997): holds no purchase order (850), only 997: nothing to route"))
        // The file that has POs is still decided.
        #expect(result.stdout.contains("(walmart):"))
    }

    @Test("an X12 file with spaces between segments and ^Z padding is routed, with notes saying where")
    func realWorldLayout() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12"),
            encoding: .utf8)
        // Every terminator but the last followed by a space and CR LF; the IEA by its line break and DOS padding.
        let segments = original.split(separator: "~").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        let padded = segments.joined(separator: "~ \r\n") + "~\n\u{1A}\0\0"
        let file = folder.appendingPathComponent("padded.x12")
        try Data(padded.utf8).write(to: file)
        let plain = try DropgateCommand.run(
            "route", "fixtures/inbox/walmart-20261124-0600.x12", "--at", "2026-11-24T10:00:00-05:00")
        let result = try DropgateCommand.run("route", file.path, "--at", "2026-11-24T10:00:00-05:00")
        #expect(result.status == plain.status, "stderr: \(result.stderr)")
        #expect(result.stdout == plain.stdout)
        #expect(result.stderr.contains("padded.x12:byte 106: note: skipped space, CR, LF between segments"))
        #expect(result.stderr.contains("note: skipped 0x1A (^Z), 2 NULs after the IEA of interchange 1"))
    }

    @Test("a retailer's own XML is routed through the mapping its profile claims, without a flag")
    func claimedXML() throws {
        let result = try DropgateCommand.run(
            "route", "fixtures/xml-mappings/marketplace-orders.xml", "--at", "2026-11-24T10:00:00-05:00")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("PO HMK-2026-112401 (harbormkt): SHIP"))
        #expect(result.stdout.contains("PO HMK-2026-112402 (harbormkt): SHIP"))
    }

    @Test("route --mapping reads XML through the named mapping, as xml po --mapping does")
    func explicitMapping() throws {
        let result = try DropgateCommand.run(
            "route", "fixtures/xml-mappings/marketplace-orders.xml", "--mapping",
            "fixtures/xml-mappings/marketplace-order.mapping", "--at", "2026-11-24T10:00:00-05:00", "--json")
        // Read through the mapping alone, the orders name no retailer: the profile whose claim's sender test
        // they pass is theirs.
        #expect(result.status == 0, "\(result.stderr)")
        let decisions = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(decisions?.count == 2)
        let broken = try DropgateCommand.run(
            "route", "fixtures/xml-mappings/marketplace-orders.xml", "--mapping",
            "fixtures/xml-mappings/nothing.mapping")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("fixtures/xml-mappings/nothing.mapping: "))
    }
}
