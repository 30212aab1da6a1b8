import Foundation
import TestSupport
import Testing

@Suite("crash safety: an ingest killed at any instant and restarted ends as an uninterrupted run", .serialized)
struct CrashSafetyTests {
    /// 4 files × 6 interchanges × 210 POs, a sixth of the lines for SKUs that run out.
    static let files = 4
    static let interchangesPerFile = 6
    static let ordersPerInterchange = 210
    static let kills = 6

    struct Kill: CustomStringConvertible {
        var run: Int
        var after: Double
        var decided: Int
        var pending: Int
        var description: String {
            "run \(run) killed after \(String(format: "%.2f", after)) s: \(decided) POs decided, \(pending) documents pending"
        }
    }

    @Test(
        "SIGKILL at random moments, restarted with the same arguments until a run completes: every PO decided once, the same stock, reservations, control numbers and outbound documents as an uninterrupted run"
    )
    func killedAndRestartedIngestEqualsUninterruptedRun() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        var generator = PurchaseOrderGenerator(seed: 0x5EED_C4A5, catalog: try SampleCatalog.load())
        let generated = generator.files(
            Self.files, interchangesPerFile: Self.interchangesPerFile, ordersPerInterchange: Self.ordersPerInterchange)
        let orderCount = generated.flatMap(\.orders).count
        #expect(orderCount >= 5_000)
        let inputs = try world.write(generated, into: "inbox")

        // The uninterrupted run, and how long it takes.
        let reference = try world.store("uninterrupted.sqlite")
        let started = Date()
        let clean = try world.ingest(inputs, database: reference)
        let fullRun = Date().timeIntervalSince(started)
        #expect(clean.status == 0, "the uninterrupted run: \(clean.stderr.prefix(2_000))")

        // The same inputs and clock into another store, killed at sorted random moments of an uninterrupted run's
        // span (seeded; up to 80% of it, so that each kill lands before the work is done), each restart running
        // until the next moment.
        let crashed = try world.store("crashed.sqlite")
        let store = StoreInspector(crashed)
        var random = SplitMix(seed: 0xDEAD_BEEF)
        let moments = (0..<Self.kills).map { _ in 0.2 + random.unit() * max(0.1, fullRun * 0.8 - 0.2) }.sorted()
        var kills: [Kill] = []
        var runs = 0
        var last: DropgateChild?
        while last == nil {
            runs += 1
            let child = try DropgateChild(
                IngestWorld.ingestArguments(inputs, database: crashed), outputIn: world.folder, name: "run\(runs)")
            guard kills.count < moments.count else {
                // No moment left: this run goes to the end.
                #expect(child.wait(upTo: 600), "run \(runs) did not end within 10 minutes")
                last = child
                break
            }
            let delay = max(0.2, moments[kills.count] - (kills.count == 0 ? 0 : moments[kills.count - 1]))
            if child.wait(upTo: delay) {
                last = child
                break
            }
            child.kill()
            #expect(child.wasKilled, "run \(runs) ended before it was killed: status \(child.status)")
            kills.append(
                Kill(
                    run: runs, after: delay, decided: try store.integer("SELECT count(*) FROM purchase_order"),
                    pending: try store.integer("SELECT count(*) FROM inbound_document WHERE finished = 0")))
            // At any instant the store is consistent: whatever was committed, was committed whole.
            let broken = try store.brokenInvariants()
            #expect(broken.isEmpty, "after \(kills.last!):\n\(broken.prefix(10).joined(separator: "\n"))")
        }
        print(
            "crash safety: uninterrupted run \(String(format: "%.1f", fullRun)) s for \(orderCount) POs; \(runs) runs:")
        for kill in kills { print("  \(kill)") }
        #expect(kills.count >= 5, "only \(kills.count) kills landed: \(kills)")
        #expect(kills.contains { $0.decided > 0 && $0.decided < orderCount }, "no kill landed while POs were decided")
        let final = try #require(last)
        #expect(final.status == 0, "the completing run: status \(final.status)\n\(final.errors.prefix(2_000))")

        // Every PO decided exactly once, nothing left pending, the store consistent.
        #expect(try store.integer("SELECT count(*) FROM purchase_order") == orderCount)
        #expect(try store.integer("SELECT count(*) FROM inbound_document WHERE finished = 0") == 0)
        let broken = try store.brokenInvariants()
        #expect(broken.isEmpty, "\(broken.prefix(10).joined(separator: "\n"))")
        #expect(try StoreInspector(reference).brokenInvariants().isEmpty)

        // The same figures as the uninterrupted run.
        let expected = try StoreInspector(reference).figures()
        for (figure, rows) in try store.figures() {
            let wanted = expected.first { $0.name == figure }?.rows ?? []
            #expect(rows == wanted, "\(figure) differ from the uninterrupted run's:\n\(differences(rows, wanted))")
        }

        // What restarts add: each delivers its files again, and a redelivered interchange is answered again with a
        // byte copy of its first acknowledgement, nothing else.
        let copies = try store.integer("SELECT count(*) FROM outbox WHERE \(StoreInspector.againCopies)")
        let unfaithful = try store.unfaithfulCopies()
        #expect(unfaithful.isEmpty, "\(unfaithful.prefix(10).joined(separator: "\n"))")
        #expect(
            try store.integer(
                "SELECT count(*) FROM outbox WHERE \(StoreInspector.againCopies) AND kind NOT IN ('997', '999', 'TA1')")
                == 0)
        #expect(
            try StoreInspector(reference).integer("SELECT count(*) FROM outbox WHERE \(StoreInspector.againCopies)")
                == 0)
        print("crash safety: \(copies) acknowledgements sent again for redelivered interchanges")
    }
}
