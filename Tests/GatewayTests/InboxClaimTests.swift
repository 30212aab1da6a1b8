import Foundation
import Store
import Testing

@testable import Gateway

@Suite("the name of a file claimed from the inbox")
struct InboxClaimTests {
    @Test(
        "says the original name, the process and the kept document, and is read back from its end",
        arguments: [
            ("walmart-20261124-0600.x12", "web-1.example.com", nil),
            ("orders-2026.11.24-1-2-3.x12", "web-1.example.com", DocumentID(15)),
            ("report.doc5", "dockerhost", nil),
            ("a", "h", DocumentID(1)),
        ] as [(String, String, DocumentID?)])
    func roundTrip(original: String, host: String, document: DocumentID?) {
        let claim = InboxClaim(
            original: original, owner: InboxOwner(host: host, pid: 4711, run: "9af3"), serial: 12, document: document)
        #expect(InboxClaim(parsing: claim.name, host: host) == claim)
    }

    @Test(
        "a name of another form, or a claim of another host, is not read as a claim of this one",
        arguments: [
            "walmart.x12", "walmart.x12.web-1-2", "walmart.x12.web-x-9af3-1", "walmart.x12.web-1-nothex-1",
            "walmart.x12.other-1-9af3-1", ".web-1-9af3-1",
        ])
    func notAClaim(name: String) {
        #expect(InboxClaim(parsing: name, host: "web") == nil)
    }

    @Test("a claim's process is dead only when this machine has no such process, or it is this PID's predecessor")
    func liveness() throws {
        let current = InboxOwner.current
        #expect(current.isAlive)
        #expect(!InboxOwner(host: current.host, pid: current.pid, run: current.run + "0").isAlive)
        #expect(!InboxOwner(host: current.host, pid: try InboxWorld.deadPID(), run: "1").isAlive)
        #expect(InboxOwner(host: current.host, pid: 1, run: "1").isAlive)
        #expect(InboxOwner(host: current.host + "-elsewhere", pid: try InboxWorld.deadPID(), run: "1").isAlive)
    }

    @Test("each new claim of this process has a name of its own")
    func claimsAreUnique() {
        let names = (0..<100).map { _ in InboxClaim(original: "a.x12").name }
        #expect(Set(names).count == names.count)
    }
}
