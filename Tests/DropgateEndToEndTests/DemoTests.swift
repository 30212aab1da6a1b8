import Foundation
import Testing

@Suite("dropgate demo, end to end on the sample world", .serialized)
struct DemoTests {
    @Test("the demo routes every PO of the inbox and prints one row per PO with its decision")
    func demoPrintsTable() throws {
        let output = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try DropgateCommand.run("demo", "--output", output.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        func row(_ po: String) -> String? { rows.first { $0.hasPrefix(po + " ") } }
        // Each PO of fixtures/inbox/README.md, with the outcome it is built to show.
        let expected: [(String, String, String)] = [
            ("D8kTqR2mW", "ship", "EWR1"), ("D3vNcY8pL", "reroute", "ORD1"), ("8841207-A", "ship", "ONT1"),
            ("8841362-A", "split", "ONT1+PHX1"), ("DqH6sZ4bK", "cancel", "-"), ("8841590-A", "reject", "-"),
            ("31846519", "ship", "ORD1"),
            ("31847083", "reroute", "DFW1"), ("4792183650", "ship", "EWR1"), ("4792190417", "cancel", "-"),
            ("4792201188", "ship", "DFW1"), ("4792215503", "reject", "-"), ("4792230071", "ship", "EWR1"),
            ("4792230086", "not processed", "-"),
        ]
        for (po, decision, node) in expected {
            let line = try #require(row(po), "no row for \(po) in:\n\(result.stdout)")
            let cells = line.split(separator: "  ", omittingEmptySubsequences: true).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            #expect(cells.count >= 5, "\(line)")
            #expect(cells[2] == decision, "\(po): \(line)")
            #expect(cells[3] == node, "\(po): \(line)")
        }
        #expect(row("31846207")?.contains("cancels line 3") == true)
        #expect(result.stdout.contains("SE01 says 18 segments, the set holds 19"))
        #expect(!result.stdout.contains("not written"), "every answer must be written:\n\(result.stdout)")
    }

    @Test("the demo answers every interchange with a 997 and writes 855s, confirmations and pick tickets")
    func demoWritesDocuments() throws {
        let output = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try DropgateCommand.run("demo", "--output", output.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        func read(_ path: String) throws -> String {
            String(decoding: try Data(contentsOf: output.appendingPathComponent(path)), as: UTF8.self)
        }
        // The broken interchange: one set accepted, one rejected for its segment count, the group partially.
        let broken = try read("acks/walmart/997-000018234.x12")
        #expect(broken.contains("AK1*PO*18234~"))
        #expect(broken.contains("AK2*850*0002~\nAK5*R*4~\n"), "Walmart's profile: one segment a line, LF")
        #expect(broken.contains("AK9*P*2*2*1~"))
        // Home Depot takes cancellation acks only: the PO with a cancelled line is answered with that line alone
        // (exception detail only), the others are not answered.
        let homeDepot = try read("answers/homedepot/855-31846207.x12")
        #expect(homeDepot.contains("BAK|00|AE|31846207|20261123|||||20261124~\r\n"))
        #expect(homeDepot.contains("PO1|3|1|EA|77.99||VN|HP-10231|UP|084512102315|SK|1008451237~\r\nACK|IR|1|EA~\r\n"))
        #expect(!homeDepot.contains("ACK|IA"), "no accept lines to a cancel-only retailer")
        #expect(
            !FileManager.default.fileExists(
                atPath: output.appendingPathComponent("answers/homedepot/855-31846519.x12").path))
        // Best Buy gets a cXML ConfirmationRequest.
        let confirmation = try read("answers/bestbuy/confirmation-8841207-A.xml")
        #expect(confirmation.contains("<ConfirmationRequest>"))
        #expect(confirmation.contains("type=\"accept\""))
        // A split is two pick tickets, one per node.
        let csv = try read("pick-tickets/PHX1.csv")
        #expect(csv.contains("bestbuy-8841362-A-PHX1,bestbuy,8841362-A,PHX1,"))
        let ticket =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: output.appendingPathComponent(
                        "pick-tickets/ONT1/bestbuy-8841362-A-ONT1.json"))) as? [String: Any]
        #expect((ticket?["lines"] as? [Any])?.count == 2)
        // Walmart's Wednesday ESD on Walmart's clock (Chicago), the EWR1 pickup on Edison's: not UTC.
        let walmart =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: output.appendingPathComponent(
                        "pick-tickets/EWR1/walmart-4792183650-EWR1.json"))) as? [String: Any]
        #expect(walmart?["shipBy"] as? String == "2026-11-25T23:59:59-06:00")
        #expect(walmart?["shipAt"] as? String == "2026-11-24T15:00:00-05:00")
        let ewr = try read("pick-tickets/EWR1.csv")
        #expect(ewr.hasPrefix("ticket,retailer,po,node,service,ship_at,ship_by,ship_by_at_node,"))
        #expect(ewr.contains(",2026-11-24T15:00:00-05:00,2026-11-25T23:59:59-06:00,2026-11-26T00:59:59-05:00,"))
    }

    @Test("a second run on the same store recognises every PO as a duplicate and promises nothing again")
    func rerunIsIdempotent() throws {
        let output = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try DropgateCommand.run("demo", "--output", output.path)
        #expect(first.status == 0)
        let second = try DropgateCommand.run("demo", "--output", output.path, "--keep-store")
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let decided = second.stdout.split(separator: "\n").filter {
            $0.contains("  ship  ") || $0.contains("  reroute  ") || $0.contains("  split  ")
        }
        #expect(decided.isEmpty, "decided again:\n\(decided.joined(separator: "\n"))")
        #expect(second.stdout.components(separatedBy: "  duplicate  ").count - 1 == 14)
    }

    @Test("a profile folder that does not check is refused with every problem and exit 2")
    func brokenProfilesAreRefused() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("id: acme\nname: Acme\nsurprise: true\n".utf8).write(to: folder.appendingPathComponent("acme.yaml"))
        let result = try DropgateCommand.run(
            "demo", "--profiles", folder.path, "--output", folder.appendingPathComponent("out").path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("acme.yaml:3:1:"), "\(result.stderr)")
    }
}
