import Foundation
import TestSupport
import Testing

/// Retailers' change requests through `dropgate ingest`, the real binary on a real SQLite store: an 860 that
/// cancels a line of a recorded Home Depot PO, and one for a PO never sent, each kept, acknowledged (997) and
/// answered (865).
@Suite("dropgate ingest: 860 change requests")
struct ChangeRequestCommandTests {
    static let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")

    /// A Home Depot 860 (its delimiters: `|`, `^`, `~`) with `body` between ST and SE.
    static func change(control: Int, _ body: [String]) -> [UInt8] {
        let number = String(format: "%09d", control)
        let segments =
            [
                "ISA|00|          |00|          |ZZ|HOMEDEPOTDS    |ZZ|HARBORPINE     |261124|1100|U|00401|\(number)|0|P|^",
                "GS|PC|HOMEDEPOTDS|HARBORPINE|20261124|1100|\(control)|X|004010", "ST|860|0001",
            ] + body + ["SE|\(body.count + 2)|0001", "GE|1|\(control)", "IEA|1|\(number)"]
        return Array(segments.map { $0 + "~\n" }.joined().utf8)
    }

    @Test("a line cancelled before release gives its stock back and is answered AT/ID; an unknown PO RD")
    func cancelLineAndUnknownPO() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("orders.sqlite")
        let store = StoreInspector(database)
        let first = try world.ingest(
            [Self.inbox.appendingPathComponent("homedepot-20261123-2200.x12")], database: database)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try store.integer("SELECT sum(reserved) FROM inventory WHERE sku = 'HP-10201'") == 1)

        let files = try world.write(
            [
                (
                    "homedepot-860.x12",
                    Self.change(
                        control: 7401,
                        ["BCH|04|DS|31846207||1|20261123", "POC|2|DI||1|EA|28.99||VN|HP-10201", "CTT|1"])
                ),
                (
                    "homedepot-860-unknown.x12",
                    Self.change(
                        control: 7402, ["BCH|01|DS|99999999||1|20261123"])
                ),
            ], into: "changes")
        let result = try world.ingest(files, database: database, json: true)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"change-accepted\""), "\(result.stdout)")
        #expect(result.stdout.contains("\"change-refused\""), "\(result.stdout)")
        #expect(try store.integer("SELECT sum(reserved) FROM inventory WHERE sku = 'HP-10201'") == 0)
        #expect(try store.integer("SELECT sum(reserved) FROM inventory WHERE sku = 'HP-10212'") == 1, "line 1 stays")
        let requests = try store.rows("SELECT verdict, coalesce(reason, '-') FROM change_request ORDER BY verdict")
        #expect(requests == [["accepted", "-"], ["refused", "unknown-order"]], "\(requests)")
        #expect(try store.integer("SELECT count(*) FROM outbox WHERE kind = '997'") == 3)
        // The accepted one (with an order) first.
        let answers = try store.rows(
            "SELECT hex(bytes) FROM outbox WHERE kind = '865' ORDER BY order_id IS NULL, id")
        #expect(answers.count == 2)
        for (index, row) in answers.enumerated() {
            let file = world.folder.appendingPathComponent("865-\(index).x12")
            try Data(StoreInspector.bytes(hex: row[0])).write(to: file)
            let validated = try DropgateCommand.run("x12", "validate", file.path)
            #expect(validated.status == 0, "\(validated.stdout) \(validated.stderr)")
            let text = String(decoding: StoreInspector.bytes(hex: row[0]), as: UTF8.self)
            if index == 0 {
                #expect(text.contains("BCA|04|AT|31846207"), "\(text)")
                #expect(text.contains("POC|2|DI|0|"), "\(text)")
                #expect(text.contains("ACK|ID|0|EA"), "\(text)")
            } else {
                #expect(text.contains("BCA|01|RD|99999999"), "\(text)")
            }
        }
        let broken = try store.brokenInvariants()
        #expect(broken.isEmpty, "\(broken)")
    }

    @Test("dropgate serve: an 860 posted by the partner shows on its order and its 865 in the outbox, as documented")
    func served() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("serve.sqlite").path
        let homeDepot = try ServiceKeys.partner("homedepot", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }
        let po = try await serve.request(
            "POST", "/v1/partners/homedepot/documents", key: homeDepot,
            body: Array(try Data(contentsOf: Self.inbox.appendingPathComponent("homedepot-20261123-2200.x12"))))
        #expect(po.status == 202, "\(po.text)")
        _ = try await serve.finished(try #require(po.json["document"] as? Int), key: homeDepot)
        let change = try await serve.request(
            "POST", "/v1/partners/homedepot/documents", key: homeDepot,
            body: Self.change(
                control: 7403, ["BCH|04|DS|31846207||1|20261123", "POC|2|DI||1|EA|28.99||VN|HP-10201", "CTT|1"]))
        #expect(change.status == 202, "\(change.text)")
        let done = try await serve.finished(try #require(change.json["document"] as? Int), key: homeDepot)
        #expect(done.json["status"] as? String == "accepted", "\(done.text)")
        let orders = try await serve.request("GET", "/v1/orders?retailer=homedepot", key: homeDepot)
        let id = try #require(
            (orders.json["orders"] as? [[String: Any]])?.first { $0["poNumber"] as? String == "31846207" }?["id"]
                as? Int)
        let order = try await serve.request("GET", "/v1/orders/\(id)", key: homeDepot)
        let changes = order.json["retailerChanges"] as? [[String: Any]] ?? []
        #expect(changes.map { $0["verdict"] as? String } == ["accepted"], "\(order.text)")
        #expect((order.json["documents"] as? [[String: Any]] ?? []).contains { $0["kind"] as? String == "865" })
        let outbox = try await serve.request("GET", "/v1/outbox", key: admin).json["documents"] as? [[String: Any]]
        #expect(outbox?.filter { $0["kind"] as? String == "865" }.count == 1)
        let metrics = try await serve.request("GET", "/metrics").text
        #expect(
            metrics.contains(#"dropgate_change_requests_total{retailer="homedepot",verdict="accepted"} 1"#),
            "\(metrics)")
        let problems = try serve.openAPIProblems()
        #expect(
            problems.isEmpty, "replies the OpenAPI document does not describe:\n\(problems.joined(separator: "\n"))")
    }
}
