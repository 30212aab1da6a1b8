import Foundation
import TestSupport
import Testing

/// Walmart's 846s are accepted on its 997 (`accepted-on: "997"`): through the real commands, an 846 pushed to a
/// local HTTP endpoint, the 997 Walmart would send for it written here with the control numbers it carried, and
/// ingested through the gateway's pipeline.
@Suite("dropgate feed: 846s accepted on the retailer's 997")
struct FeedAcknowledgementTests {
    /// What an 846 we sent says: its ISA and GS elements, its sets' ST02s, and each item (the LIN's elements after
    /// LIN01) with its QTY*33.
    struct Sent {
        var isa: [String]
        var gs: [String]
        var sets: [String]
        var items: [String: Int]
    }

    static func read846(_ body: [UInt8]) throws -> Sent {
        let text = String(decoding: body, as: UTF8.self)
        let segments = text.split(separator: "~").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var sent = Sent(isa: [], gs: [], sets: [], items: [:])
        var item: String?
        for segment in segments where !segment.isEmpty {
            let elements = segment.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            switch elements[0] {
            case "ISA": sent.isa = elements
            case "GS": sent.gs = elements
            case "ST":
                #expect(elements[1] == "846")
                sent.sets.append(elements[2])
            case "LIN": item = elements.dropFirst(2).joined(separator: "*")
            case "QTY" where elements[1] == "33":
                let key = try #require(item)
                sent.items[key] = try #require(Int(elements[2]))
            default: continue
            }
        }
        try #require(sent.isa.count == 17 && sent.gs.count == 9 && !sent.sets.isEmpty, "\(text.prefix(300))")
        return sent
    }

    /// The 997 Walmart sends for `sent`, in its interchange numbered `control`: sender and receiver swapped from
    /// the 846's ISA and GS, AK1 naming its group, one AK2/AK5 per set (`setCode`, with an AK3/AK4 when it rejects),
    /// AK9 `groupCode`.
    static func functionalAcknowledgement(
        for sent: Sent, control: Int, setCode: String = "A", groupCode: String = "A"
    ) -> [UInt8] {
        let isa = sent.isa
        let number = String(format: "%09d", control)
        // ISA05/06 and ISA07/08 swap places: the fields are as wide as the 846 wrote them.
        let header = [
            "ISA", isa[1], isa[2], isa[3], isa[4], isa[7], isa[8], isa[5], isa[6], isa[9], isa[10], isa[11], isa[12],
            number, "0", isa[15], isa[16],
        ].joined(separator: "*")
        var body = ["ST*997*0001", "AK1*\(sent.gs[1])*\(sent.gs[6])"]
        for set in sent.sets {
            body.append("AK2*846*\(set)")
            if setCode == "R" {
                body.append("AK3*LIN*7**8")
                body.append("AK4*3*235*7*ZZ")
                body.append("AK5*R*5")
            } else {
                body.append("AK5*\(setCode)")
            }
        }
        let accepted = setCode == "R" ? 0 : sent.sets.count
        body.append("AK9*\(groupCode)*\(sent.sets.count)*\(sent.sets.count)*\(accepted)")
        body.append("SE*\(body.count + 1)*0001")
        let segments =
            [header, "GS*FA*\(sent.gs[3])*\(sent.gs[2])*20261124*1600*\(control)*X*004010"] + body
            + ["GE*1*\(control)", "IEA*1*\(number)"]
        return Array(segments.map { $0 + "~\n" }.joined().utf8)
    }

    @Test(
        "the next delta is taken against the last 846 Walmart's 997 accepted: not one awaiting its 997, nor one it rejected"
    )
    func deltasFollowTheAcknowledgements() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedDeltaTests.stockedStore(in: folder)
        let server = try ScriptedHTTPServer()
        let store = StoreInspector(db)
        let sample = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("fixtures/inventory.csv"), encoding: .utf8)
        var onHand: [String: Int] = [:]
        for line in sample.split(separator: "\n") where line.hasPrefix("EWR1,") {
            let fields = line.split(separator: ",")
            onHand[String(fields[1])] = Int(fields[2])
        }
        let skus = ["HP-10001", "HP-10002", "HP-10003", "HP-10005"]
        #expect(skus.allSatisfy { (onHand[$0] ?? 0) > 20 }, "enough stock to take from")

        /// EWR1's stock with `sku` lowered by 7, imported.
        func lower(_ sku: String) throws {
            onHand[sku, default: 0] -= 7
            let csv = folder.appendingPathComponent("ewr1-\(sku).csv")
            try
                ("dc,sku,on_hand,safety_stock\n"
                + sample.split(separator: "\n").filter { $0.hasPrefix("EWR1,") }.map { line -> String in
                    var fields = line.split(separator: ",").map(String.init)
                    fields[2] = String(onHand[fields[1]] ?? 0)
                    return fields.joined(separator: ",")
                }.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
            let imported = try DropgateCommand.run(
                ["inventory", "import", csv.path, "--db", db.path] + FeedCommandTests.world)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        func push(_ mode: String) throws -> Sent {
            try FeedDeltaTests.push(["walmart", "--node", "EWR1", mode], db: db, server: server)
            return try Self.read846(try #require(try server.requests().last).bodyBytes)
        }
        /// The items of a delta, by the SKU each names.
        func changed(_ sent: Sent) -> Set<String> {
            Set(sent.items.keys.compactMap { key in skus.first { key.contains($0) } })
        }
        func ingest(_ bytes: [UInt8], _ name: String) throws -> DropgateCommand.Result {
            let file = folder.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            return try DropgateCommand.run(
                ["ingest", file.path, "--db", db.path] + FeedCommandTests.world + IngestCommandTests.clock)
        }
        func status() throws -> [String: Any] {
            let shown = try DropgateCommand.run(
                ["feed", "status", "--json", "--db", db.path] + FeedCommandTests.world + IngestCommandTests.clock)
            #expect(shown.status == 0, "\(shown.stderr)")
            let lines = try #require(
                try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]])
            return try #require(lines.first { $0["retailer"] as? String == "walmart" })
        }

        let first = try push("--full")
        #expect(first.items.count > 200, "every item of EWR1")
        #expect(try status()["awaitingAcknowledgement"] as? Bool == true)
        #expect(try status()["lastAcknowledgement"] as? String == "awaiting")
        #expect(try status()["awaitingSince"] as? String == (try status()["lastDelivered"] as? String))
        let accepting = try ingest(Self.functionalAcknowledgement(for: first, control: 501), "997-501.x12")
        #expect(accepting.status == 0, "\(accepting.stdout)\n\(accepting.stderr)")
        #expect(accepting.stderr.contains("group IB \(first.gs[6]) (846, feed run 1) accepted"), "\(accepting.stderr)")
        #expect(try status()["awaitingAcknowledgement"] as? Bool == false)
        #expect(try status()["awaitingSince"] == nil)
        #expect(try status()["lastAcknowledgement"] as? String == "accepted")

        // Against the accepted first run.
        try lower(skus[0])
        let second = try push("--delta")
        #expect(changed(second) == [skus[0]] && second.items.count == 1, "\(second.items)")
        // The second awaits its 997: the third is still taken against the first.
        try lower(skus[1])
        let third = try push("--delta")
        #expect(changed(third) == [skus[0], skus[1]] && third.items.count == 2, "\(third.items)")
        #expect(try status()["awaitingAcknowledgement"] as? Bool == true)

        // Walmart accepts the third: the fourth is taken against it.
        let acceptingThird = try ingest(Self.functionalAcknowledgement(for: third, control: 502), "997-502.x12")
        #expect(acceptingThird.status == 0, "\(acceptingThird.stdout)\n\(acceptingThird.stderr)")
        try lower(skus[2])
        let fourth = try push("--delta")
        #expect(changed(fourth) == [skus[2]] && fourth.items.count == 1, "\(fourth.items)")

        // Walmart rejects the fourth: the fifth is still taken against the third.
        let rejecting = try ingest(
            Self.functionalAcknowledgement(for: fourth, control: 503, setCode: "R", groupCode: "R"), "997-503.x12")
        #expect(rejecting.status == 0, "\(rejecting.stdout)\n\(rejecting.stderr)")
        #expect(rejecting.stderr.contains("rejected"), "\(rejecting.stderr)")
        let shown = try status()
        #expect(shown["lastAcknowledgement"] as? String == "rejected")
        #expect((shown["acknowledgementErrors"] as? String)?.contains("segment LIN at position 7") == true, "\(shown)")
        try lower(skus[3])
        let fifth = try push("--delta")
        #expect(changed(fifth) == [skus[2], skus[3]] && fifth.items.count == 2, "\(fifth.items)")

        // What the store kept: each group's word and the 997 that carried it; and no 997 answered any 997.
        #expect(
            try store.lines(
                """
                SELECT feed_run_id, group_control, coalesce(ack_status, '-'), coalesce(ack_code, '-')
                FROM sent_group ORDER BY feed_run_id
                """)
                == [
                    "1\t\(first.gs[6])\taccepted\tA", "2\t\(second.gs[6])\t-\t-", "3\t\(third.gs[6])\taccepted\tA",
                    "4\t\(fourth.gs[6])\trejected\tR", "5\t\(fifth.gs[6])\t-\t-",
                ])
        #expect(try store.lines("SELECT count(*) FROM outbox") == ["0"], "a 997 is never answered")
        #expect(
            try store.lines("SELECT origin, status FROM inbound_document ORDER BY id")
                == ["997-501.x12\taccepted", "997-502.x12\taccepted", "997-503.x12\taccepted"])
    }

    @Test("a 997 naming a group never sent to Walmart is kept, said to match nothing, and not answered")
    func unmatchedAcknowledgement() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedDeltaTests.stockedStore(in: folder)
        let server = try ScriptedHTTPServer()
        try FeedDeltaTests.push(["walmart", "--node", "EWR1", "--full"], db: db, server: server)
        var sent = try Self.read846(try #require(try server.requests().last).bodyBytes)
        sent.gs[6] = String((Int(sent.gs[6]) ?? 0) + 40)
        let file = folder.appendingPathComponent("997-stray.x12")
        try Data(Self.functionalAcknowledgement(for: sent, control: 601)).write(to: file)
        let ingested = try DropgateCommand.run(
            ["ingest", file.path, "--db", db.path] + FeedCommandTests.world + IngestCommandTests.clock)
        #expect(ingested.status == 0, "\(ingested.stdout)\n\(ingested.stderr)")
        let problem =
            "acknowledges group IB \(sent.gs[6]) (sets 846 \(sent.sets[0])), but no group of that number was sent to walmart"
        #expect(ingested.stdout.contains(problem), "\(ingested.stdout)")
        let store = StoreInspector(db)
        #expect(
            try store.lines("SELECT origin, status, problems LIKE '%no group of that number%' FROM inbound_document")
                == ["997-stray.x12\taccepted-with-errors\t1"])
        #expect(try store.lines("SELECT count(*) FROM sent_group WHERE ack_status IS NOT NULL") == ["0"])
        #expect(try store.lines("SELECT count(*) FROM outbox") == ["0"], "a 997 is never answered")
    }
}
