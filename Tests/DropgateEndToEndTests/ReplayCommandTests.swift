import Foundation
import TestSupport
import Testing

/// `dropgate replay` over a generated month of POs ingested by the real binary (November 2026, two files each
/// business day, at 09:30 and 11:30 in Chicago, on the sample stock so that items run short and POs reroute,
/// split and cancel): with nothing changed every decision comes out byte for byte; each typical what-if question
/// changes what it should, and nothing decided before the change could matter.
@Suite("dropgate replay: what if, over a recorded month", RecordedMonth())
struct ReplayCommandTests {

    @Test("with nothing changed, every recorded decision is reproduced byte for byte")
    func reproducesEveryDecision() throws {
        let month = try RecordedMonth.current
        let report = try month.replay([])
        #expect(report.replayed == month.decisions.count)
        #expect(month.decisions.count > 400)
        #expect(report.reproduced == month.decisions.count, "\(report.changes.prefix(3))")
        #expect(report.changes.isEmpty)
        // The month is not trivial: it reroutes, splits and cancels.
        let outcomes = Set(month.decisions.map(\.outcome))
        #expect(outcomes.isSuperset(of: ["ship", "reroute", "cancel"]), "\(outcomes)")
    }

    @Test("what if DFW1 had been closed the week of 23 November")
    func closedNode() throws {
        let month = try RecordedMonth.current
        let network = try month.changedFile("fixtures/network.yaml", as: "network.yaml") { text in
            text.replacingOccurrences(
                of: "  - id: DFW1\n",
                with: "  - id: DFW1\n    closed: [{ from: 2026-11-23, until: 2026-11-27, reason: what if }]\n")
        }
        let report = try month.replay(["--network", network.path])
        let week = (23...27).map { "2026-11-\($0)" }
        let affected = month.decisions.filter { decision in
            decision.shipments.contains { $0.node == "DFW1" && week.contains($0.day) }
        }
        #expect(!affected.isEmpty)
        let changed = Dictionary(uniqueKeysWithValues: report.planChanges.map { ($0.poNumber, $0) })
        // Every PO that shipped from DFW1 that week is decided otherwise, and nothing ships from DFW1 that week.
        for decision in affected { #expect(changed[decision.poNumber] != nil, "\(decision.poNumber)") }
        for change in report.planChanges {
            #expect(!week.contains { change.after.contains("DFW1 \($0)") }, "\(change.poNumber): \(change.after)")
        }
        // No plan decided before the first PO that shipped from DFW1 that week changes.
        month.expectNoPlanChanged(before: affected[0], in: report)
    }

    @Test("what if Walmart's cutoff had been 11:00")
    func earlierCutoff() throws {
        let month = try RecordedMonth.current
        let profiles = try month.changedProfile("walmart.yaml") { text in
            text.replacingOccurrences(of: "cutoff: 12:00 America/Chicago", with: "cutoff: 11:00 America/Chicago")
        }
        let report = try month.replay(["--profiles", profiles.path])
        // Walmart's POs received at 11:30 in Chicago now come after the cutoff: day 0 is the next business day, so
        // their ship-by moves; their plans do not (Walmart assigns the node). The others' explanations name the new
        // cutoff; no other retailer's PO reads differently.
        let late = month.decisions.filter { $0.retailer == "walmart" && $0.localTime == "11:30" }
        #expect(!late.isEmpty)
        #expect(Set(report.changes.filter { $0.kind == "deadlines" }.map(\.poNumber)) == Set(late.map(\.poNumber)))
        #expect(report.planChanges.isEmpty, "\(report.planChanges.prefix(3))")
        #expect(report.changes.allSatisfy { $0.retailer == "walmart" })
        let others = month.decisions.filter { $0.retailer != "walmart" }.count
        #expect(report.reproduced >= others)
    }

    @Test("what if we had held 10% safety stock at EWR1")
    func safetyStock() throws {
        let month = try RecordedMonth.current
        let csv = month.folder.appendingPathComponent("ewr1-safety.csv")
        try Data("dc,sku,on_hand,safety_stock\nEWR1,*,,10%\n".utf8).write(to: csv)
        let report = try month.replay(["--inventory", csv.path])
        // A PO that took EWR1's stock below 10% of its on hand dips into the safety stock now held.
        let dipping = month.decisions.filter { decision in
            decision.shipments.contains { shipment in
                shipment.node == "EWR1"
                    && shipment.lines.contains { line in
                        guard let position = decision.stock["EWR1 \(line.sku)"] else { return false }
                        // The safety stock held becomes 10% of on hand (rounded up) in place of the recorded one.
                        let safety = (position.onHand + 9) / 10
                        return position.surplus + position.safety - safety - line.quantity < 0
                    }
            }
        }
        #expect(!dipping.isEmpty)
        let changed = Dictionary(uniqueKeysWithValues: report.planChanges.map { ($0.poNumber, $0) })
        // The first one cannot ship from EWR1 what it shipped; nothing before it changes.
        let first = try #require(dipping.first)
        let change = try #require(changed[first.poNumber])
        #expect(change.before != change.after)
        month.expectNoPlanChanged(before: first, in: report)
        // EWR1 ships less in all; no other node ships less.
        let before = report.load.filter { $0.node == "EWR1" }.reduce(0) { $0 + $1.beforeUnits }
        let after = report.load.filter { $0.node == "EWR1" }.reduce(0) { $0 + $1.afterUnits }
        #expect(after < before)
    }

    @Test("what if Home Depot allowed split shipments")
    func splits() throws {
        let month = try RecordedMonth.current
        let profiles = try month.changedProfile("homedepot.yaml") { text in
            text.replacingOccurrences(of: "  max-shipments: 1\n", with: "  max-shipments: 3\n")
        }
        let report = try month.replay(["--profiles", profiles.path])
        let homeDepot = report.planChanges.filter { $0.retailer == "homedepot" }
        let first = try #require(homeDepot.first)
        // The first plan to change is Home Depot's: lines it cut now ship from a second node. Later ones may
        // change either way (a split takes a second node's stock, which a later PO needed).
        #expect(report.planChanges.first?.poNumber == first.poNumber)
        #expect(first.after.hasPrefix("split"), "\(first.poNumber): \(first.before) → \(first.after)")
        #expect(cancelled(first.after) < cancelled(first.before), "\(first.before) → \(first.after)")
        let firstDecision = try #require(month.decisions.first { $0.poNumber == first.poNumber })
        month.expectNoPlanChanged(before: firstDecision, in: report)
        // Over the month Home Depot splits some POs and cuts fewer units.
        let totals = try #require(report.retailers["homedepot"])
        #expect(totals.after.split > totals.before.split)
        #expect(totals.after.cancelledUnits < totals.before.cancelledUnits)
    }

    private func cancelled(_ plan: String) -> Int {
        plan.components(separatedBy: "; ").first { $0.hasPrefix("cancels ") }.flatMap { Int($0.dropFirst(8)) } ?? 0
    }
}

/// Records the month once for the suite, and removes its folder when the suite is done.
struct RecordedMonth: SuiteTrait, TestScoping {
    @TaskLocal static var recorded: ReplayMonth?

    static var current: ReplayMonth {
        get throws {
            guard let recorded else { throw DropgateCommand.Missing(description: "no recorded month in this scope") }
            return recorded
        }
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let month = try ReplayMonth()
        defer { month.world.remove() }
        try await Self.$recorded.withValue(month) { try await function() }
    }
}

/// The recorded month: the store, and each first decision as `sqlite3` reads it back.
struct ReplayMonth: Sendable {
    let world: IngestWorld
    let database: URL
    let decisions: [Decision]
    var folder: URL { world.folder }

    struct Decision {
        var order: Int
        var poNumber: String
        var retailer: String
        var outcome: String
        /// The receipt's wall-clock time in Chicago (`09:30`, `11:30`).
        var localTime: String
        var shipments: [(node: String, day: String, lines: [(sku: String, quantity: Int)])]
        /// What the decision read of each node's stock, by `NODE SKU`.
        var stock: [String: (onHand: Int, safety: Int, surplus: Int)]
    }

    struct Report {
        var replayed: Int
        var reproduced: Int
        var changes: [Change]
        var planChanges: [Change] { changes.filter { $0.kind == "plan" } }
        var load: [(node: String, day: String, beforeUnits: Int, afterUnits: Int)]
        /// Per retailer: split POs and units cancelled, before and after.
        var retailers: [String: (before: Totals, after: Totals)]
    }

    struct Totals {
        var split: Int
        var cancelledUnits: Int
    }

    struct Change {
        var kind: String
        var order: Int
        var poNumber: String
        var retailer: String
        var before: String
        var after: String
    }

    init() throws {
        world = try IngestWorld()
        // The sample stock, except that EWR1 holds no safety stock: the what-if asks what holding 10% would do.
        let sample = try String(contentsOf: SampleCatalog.inventoryFile, encoding: .utf8)
        let inventory = world.folder.appendingPathComponent("inventory.csv")
        try Data(
            sample.split(separator: "\n").map { row in
                row.hasPrefix("EWR1,") ? row.split(separator: ",").prefix(3).joined(separator: ",") + ",0" : String(row)
            }.joined(separator: "\n").utf8
        ).write(to: inventory)
        database = try world.store("month.sqlite", inventory: inventory)
        // Every line asks for one of a few items most nodes stock: the month drains the primary nodes, so that POs
        // reroute, split and cancel as the weeks go by.
        let catalog = try SampleCatalog.load()
        let hot = Array(catalog.items.filter { catalog.nodes(stocking: $0.sku).count >= 5 }.prefix(8))
        var generator = PurchaseOrderGenerator(seed: 0x5EED_2311, catalog: catalog, hotItems: hot)
        // Walmart's ship-by from receipt and its cutoff, not a fixed expected ship date.
        generator.walmartExpectedShipDate = nil
        let chicago = TimeZone(identifier: "America/Chicago")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chicago
        for day in 2...30 where day != 26 {
            let date = calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: 12))!
            guard !calendar.isDateInWeekend(date) else { continue }
            for (hour, minute) in [(9, 30), (11, 30)] {
                let at = calendar.date(
                    from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
                let file = generator.file(interchangesPerFile: 3, ordersPerInterchange: 5, prefix: "po-\(day)-\(hour)")
                let urls = try world.write([file], into: "inbox")
                let stamp = ISO8601DateFormatter().string(from: at)
                let result = try DropgateCommand.run(
                    ["ingest"] + urls.map(\.path) + ["--db", database.path, "--at", stamp, "--quiet"]
                        + IngestWorld.options)
                guard result.status <= 1 else {
                    throw DropgateCommand.Missing(description: "ingest \(stamp): \(result.status) \(result.stderr)")
                }
            }
        }
        let rows = try StoreInspector(database).rows(
            """
            SELECT o.order_id, p.po_number, o.retailer, o.outcome, o.received_at, o.figures, o.inputs
            FROM original_decision o JOIN purchase_order p ON p.id = o.order_id ORDER BY o.order_id
            """)
        let clock = DateFormatter()
        clock.timeZone = chicago
        clock.dateFormat = "HH:mm"
        decisions = rows.map { row in
            // figures: outcome, ship-by, cancelled, backordered, shipments (node|day|service|sku*q,…;…), summary.
            let figures = row[5].components(separatedBy: "\t")
            let shipments = figures[4].split(separator: ";").map { shipment in
                let parts = shipment.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                let lines = parts[3].split(separator: ",").map { line in
                    let halves = line.split(separator: "*")
                    return (sku: String(halves[0]), quantity: Int(halves[1]) ?? 0)
                }
                return (node: parts[0], day: parts[1], lines: lines)
            }
            var stock: [String: (onHand: Int, safety: Int, surplus: Int)] = [:]
            for line in row[6].split(separator: "\n") {
                let fields = line.split(separator: "\t").map(String.init)
                guard fields.first == "s", fields.count == 7 else { continue }
                stock["\(fields[1]) \(fields[2])"] = (Int(fields[4]) ?? 0, Int(fields[5]) ?? 0, Int(fields[6]) ?? 0)
            }
            return Decision(
                order: Int(row[0]) ?? 0, poNumber: row[1], retailer: row[2], outcome: row[3],
                localTime: clock.string(from: Date(timeIntervalSince1970: Double(row[4]) ?? 0)),
                shipments: shipments, stock: stock)
        }
    }

    /// `dropgate replay` over the month with `arguments`, its JSON read back.
    func replay(_ arguments: [String]) throws -> Report {
        var options = IngestWorld.options
        for (index, argument) in arguments.enumerated() where argument.hasPrefix("--") && index + 1 < arguments.count {
            if let at = options.firstIndex(of: argument) { options.removeSubrange(at...(at + 1)) }
        }
        let result = try DropgateCommand.run(
            ["replay", "--db", database.path, "--since", "2026-11-01T00:00:00-05:00", "--json"] + options + arguments)
        guard result.status == 0 else {
            throw DropgateCommand.Missing(description: "replay: \(result.status) \(result.stderr)")
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = (object["changes"] as? [[String: Any]] ?? []).map { change in
            Change(
                kind: change["kind"] as? String ?? "", order: change["order"] as? Int ?? 0,
                poNumber: change["poNumber"] as? String ?? "", retailer: change["retailer"] as? String ?? "",
                before: change["before"] as? String ?? "", after: change["after"] as? String ?? "")
        }
        let load = (object["load"] as? [[String: Any]] ?? []).map { load in
            (
                node: load["node"] as? String ?? "", day: load["day"] as? String ?? "",
                beforeUnits: (load["before"] as? [String: Any])?["units"] as? Int ?? 0,
                afterUnits: (load["after"] as? [String: Any])?["units"] as? Int ?? 0
            )
        }
        var retailers: [String: (before: Totals, after: Totals)] = [:]
        for effect in object["retailers"] as? [[String: Any]] ?? [] {
            func totals(_ key: String) -> Totals {
                let side = effect[key] as? [String: Any] ?? [:]
                return Totals(split: side["split"] as? Int ?? -1, cancelledUnits: side["cancelledUnits"] as? Int ?? -1)
            }
            retailers[effect["retailer"] as? String ?? ""] = (totals("before"), totals("after"))
        }
        return Report(
            replayed: object["replayed"] as? Int ?? -1, reproduced: object["reproduced"] as? Int ?? -1,
            changes: changes, load: load, retailers: retailers)
    }

    /// A copy of a file of the repository, edited; the edit must change it.
    func changedFile(_ path: String, as name: String, _ edit: (String) -> String) throws -> URL {
        let original = try String(contentsOf: DropgateCommand.packageRoot.appendingPathComponent(path), encoding: .utf8)
        let edited = edit(original)
        #expect(edited != original, "the edit of \(path) changed nothing")
        let url = folder.appendingPathComponent(name)
        try Data(edited.utf8).write(to: url)
        return url
    }

    /// A copy of the sample profiles with `file` edited, beside a link to the repository's fixtures (the XML
    /// mappings the profiles name).
    func changedProfile(_ file: String, _ edit: (String) -> String) throws -> URL {
        let world = folder.appendingPathComponent("world-\(file)")
        let profiles = world.appendingPathComponent("retailer-profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: world.appendingPathComponent("fixtures"),
            withDestinationURL: DropgateCommand.packageRoot.appendingPathComponent("fixtures"))
        let source = DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try Data((name == file ? edit(text) : text).utf8).write(to: profiles.appendingPathComponent(name))
        }
        #expect(
            try String(contentsOf: profiles.appendingPathComponent(file), encoding: .utf8)
                != String(contentsOf: source.appendingPathComponent(file), encoding: .utf8))
        return profiles
    }

    /// No decision made before `first` changed its plan (its explanation may: a closure announced in the network
    /// file, safety stock held, are named in every decision that considers the node).
    func expectNoPlanChanged(before first: Decision, in report: Report) {
        for change in report.planChanges where change.order < first.order {
            Issue.record("\(change.poNumber) (order \(change.order)) changed before \(first.poNumber): \(change)")
        }
    }
}

@Suite("dropgate replay on PostgreSQL")
struct PostgresReplayTests {
    @Test("the sample inbox ingested into PostgreSQL replays byte for byte; a closed node changes its POs")
    func replaysFromPostgres() async throws {
        let postgres = try await TemporaryPostgres.shared.database()
        let world = try IngestWorld()
        defer { world.remove() }
        try IngestWorld.importInventory(db: postgres.url)
        let inbox = DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".x12") }
            .sorted().map { inbox.appendingPathComponent($0) }
        let ingest = try DropgateCommand.run(IngestWorld.ingestArguments(files, db: postgres.url))
        #expect(ingest.status <= 1, "\(ingest.stderr)")
        let replay =
            ["replay", "--db", postgres.url, "--since", "2026-11-01T00:00:00Z", "--json"] + IngestWorld.options
        let same = try DropgateCommand.run(replay)
        #expect(same.status == 0, "\(same.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any])
        let replayed = try #require(report["replayed"] as? Int)
        #expect(replayed >= 8)
        #expect(report["reproduced"] as? Int == replayed)
        // With EWR1 switched off in the network file, the POs that shipped from it do not, and exit 1 says so.
        let network = world.folder.appendingPathComponent("network.yaml")
        let text = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("fixtures/network.yaml"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "  - id: EWR1\n", with: "  - id: EWR1\n    enabled: false\n").utf8)
            .write(to: network)
        var options = IngestWorld.options
        options[3] = network.path
        let changed = try DropgateCommand.run(
            ["replay", "--db", postgres.url, "--since", "2026-11-01T00:00:00Z", "--fail-on-change"] + options)
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stdout.contains("Changed decisions"), "\(changed.stdout)")
        #expect(changed.stdout.contains("EWR1"))
    }
}
