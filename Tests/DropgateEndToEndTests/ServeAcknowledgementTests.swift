import Foundation
import TestSupport
import Testing

/// A retailer's 997 through the service: posted as any document, kept and matched to the 855 we sent, answered by
/// nothing, and shown beside that 855 in `GET /v1/outbox`.
@Suite("serve: a retailer's 997 for what we sent", .serialized)
struct ServeAcknowledgementTests {
    @Test("Walmart posts a 997 accepting one of our 855s: GET /v1/outbox shows it, and no 997 answers it")
    func walmartAcknowledgesAnAcknowledgement() async throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = try world.store("serve.sqlite").path
        let walmart = try ServiceKeys.partner("walmart", database: database)
        let admin = try ServiceKeys.staff("admin", name: "ops", database: database)
        let serve = try ServeProcess(database: database, folder: world.folder)
        defer { serve.server.stop() }

        let posted = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart,
            body: try ServeTests.fixture("walmart-20261124-0600.x12"))
        #expect(posted.status == 202, "\(posted.text)")
        _ = try await serve.finished(try #require(posted.json["document"] as? Int), key: walmart)
        var rows = try #require(
            try await serve.request("GET", "/v1/outbox", key: admin).json["documents"] as? [[String: Any]])
        let answer = try #require(rows.first { $0["kind"] as? String == "855" })
        let answerID = try #require(answer["id"] as? Int)
        #expect(answer["acknowledgement"] as? String == "awaiting")
        #expect(rows.first { $0["kind"] as? String == "997" }?["acknowledgement"] == nil, "a 997 awaits nothing")

        // The 855 as it was sent: its GS06 and ST02, which Walmart's 997 names.
        let sent = try StoreInspector(URL(fileURLWithPath: database)).lines(
            "SELECT CAST(bytes AS TEXT) FROM outbox WHERE id = \(answerID)"
        ).joined(separator: "\n")
        let segments = sent.split(separator: "~").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let gs = try #require(segments.first { $0.hasPrefix("GS*") }).split(separator: "*").map(String.init)
        let st = try #require(segments.first { $0.hasPrefix("ST*855*") }).split(separator: "*").map(String.init)
        let acknowledgement = [
            "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*1200*U*00401*000000700*0*P*>",
            "GS*FA*925485US00*HARBORPINE*20261124*1200*700*X*004010", "ST*997*0001", "AK1*PR*\(gs[6])",
            "AK2*855*\(st[2])", "AK5*A", "AK9*A*1*1*1", "SE*6*0001", "GE*1*700", "IEA*1*000000700",
        ].map { $0 + "~\n" }.joined()
        let inbound = try await serve.request(
            "POST", "/v1/partners/walmart/documents", key: walmart, body: Array(acknowledgement.utf8))
        #expect(inbound.status == 202, "\(inbound.text)")
        let inboundID = try #require(inbound.json["document"] as? Int)
        let done = try await serve.finished(inboundID, key: walmart)
        #expect(done.json["status"] as? String == "accepted", "\(done.text)")

        rows = try #require(
            try await serve.request("GET", "/v1/outbox", key: admin).json["documents"] as? [[String: Any]])
        let acknowledged = try #require(rows.first { $0["id"] as? Int == answerID })
        #expect(acknowledged["acknowledgement"] as? String == "accepted", "\(acknowledged)")
        #expect(acknowledged["acknowledgedBy"] as? Int == inboundID)
        #expect(rows.filter { $0["inReplyTo"] as? Int == inboundID }.isEmpty, "nothing answers a 997")
        #expect(rows.filter { $0["kind"] as? String == "997" }.count == 1)
        #expect(try await serve.request("GET", "/v1/documents/\(inboundID)/ack", key: walmart).status == 404)
        #expect(try await serve.request("GET", "/v1/feeds", key: admin).status == 200)
        let problems = try serve.openAPIProblems()
        #expect(
            problems.isEmpty, "replies the OpenAPI document does not describe:\n\(problems.joined(separator: "\n"))")
    }
}
