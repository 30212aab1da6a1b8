import Foundation
import TestSupport
import Testing

@Suite("dropgate feed build")
struct FeedCommandTests {
    static let world = IngestCommandTests.world

    /// A store with the sample inventory and the sample inbox decided into it.
    func store(in folder: URL) throws -> URL {
        let db = folder.appendingPathComponent("orders.sqlite")
        let imported = try DropgateCommand.run(
            ["inventory", "import", "\(DropgateCommand.packageRoot.path)/fixtures/inventory.csv", "--db", db.path]
                + Self.world)
        #expect(imported.status == 0, "\(imported.stderr)")
        _ = try DropgateCommand.run(
            ["ingest"] + IngestCommandTests.inboxFiles + ["--db", db.path] + Self.world + IngestCommandTests.clock)
        return db
    }

    @Test("every sample retailer's feed is built in its profile's format and passes that format's check")
    func sampleFeeds() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try store(in: folder)
        for retailer in ["amazon", "bestbuy", "homedepot", "walmart"] {
            let out = folder.appendingPathComponent("\(retailer).feed")
            let built = try DropgateCommand.run(
                ["feed", "build", retailer, "--db", db.path, "--out", out.path] + Self.world + IngestCommandTests.clock)
            #expect(built.status == 0, "\(retailer): \(built.stderr)")
            let bytes = try Data(contentsOf: out)
            if bytes.starts(with: Data("ISA".utf8)) {
                let validated = try DropgateCommand.run("x12", "validate", out.path)
                #expect(validated.status == 0, "\(retailer): \(validated.stdout) \(validated.stderr)")
                #expect(String(decoding: bytes, as: UTF8.self).contains("QTY*33*") || retailer == "homedepot")
            } else {
                #expect(!bytes.isEmpty, "\(retailer): empty feed")
            }
        }
    }

    @Test("a reservation lowers the figure: Home Depot reads on hand − reserved − safety summed over its nodes")
    func reservationsCount() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try store(in: folder)
        let built = try DropgateCommand.run(
            ["feed", "build", "homedepot", "--format", "csv", "--db", db.path] + Self.world + IngestCommandTests.clock)
        #expect(built.status == 0, "\(built.stderr)")
        let query = try ChildProcess.run([
            "/usr/bin/sqlite3", "-readonly", db.path,
            // Home Depot's profile: ORD1, then DFW1 and EWR1; no buffer or cap. Amazon's D8kTqR2mW holds 2 at EWR1.
            """
            SELECT sum(max(0, on_hand - reserved - safety_stock)) FROM inventory
            WHERE sku = 'HP-10180' AND node IN ('ORD1', 'DFW1', 'EWR1')
            """,
        ])
        let expected = query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            built.stdout.contains("HP-10180,\(expected)"),
            "expected HP-10180,\(expected) in:\n\(built.stdout.prefix(400))")
    }

    @Test("the feed is written only to a new file; an existing one is left as it is")
    func neverOverwrites() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let existing = folder.appendingPathComponent("theirs.csv")
        try Data("keep me\n".utf8).write(to: existing)
        let db = folder.appendingPathComponent("orders.sqlite")
        let result = try DropgateCommand.run(
            ["feed", "build", "bestbuy", "--db", db.path, "--out", existing.path] + Self.world)
        #expect(result.status == 2)
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me\n")
    }
}

@Suite("an 846 split where the profile sets a maximum")
struct FeedSplitTests {
    @Test("Home Depot's 300 items at 100 a set: three sets of one interchange, numbered in order, each valid")
    func threeSets() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let profiles = folder.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let samples = DropgateCommand.packageRoot.appendingPathComponent("retailer-profiles")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path) where name.hasSuffix(".yaml") {
            var text = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
            // A profile naming files beside the samples (an XML mapping) has no part in an 846.
            if text.contains("mapping:") { continue }
            if name == "homedepot.yaml" {
                text = text.replacingOccurrences(of: "\nfeed:\n", with: "\nfeed:\n  max-items-per-set: 100\n")
            }
            try text.write(to: profiles.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var world = FeedCommandTests.world
        world[1] = profiles.path
        let db = try FeedCommandTests().store(in: folder)
        let out = folder.appendingPathComponent("homedepot.x12")
        let built = try DropgateCommand.run(
            ["feed", "build", "homedepot", "--db", db.path, "--out", out.path] + world + IngestCommandTests.clock)
        #expect(built.status == 0, "\(built.stderr)")
        // Home Depot's own separators: the element separator is the ISA's fourth byte, the terminator its 106th.
        let bytes = try Array(Data(contentsOf: out))
        try #require(bytes.count > 106)
        let (element, terminator) = (Character(UnicodeScalar(bytes[3])), Character(UnicodeScalar(bytes[105])))
        let segments = String(decoding: bytes, as: UTF8.self).split(separator: terminator)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: element).map(String.init) }
        #expect(segments.filter { $0.first == "ISA" }.count == 1)
        #expect(segments.filter { $0.first == "ST" }.map { $0[2] } == ["0001", "0002", "0003"])
        #expect(segments.filter { $0.first == "LIN" }.count == 300)
        #expect(segments.filter { $0.first == "CTT" }.map { $0[1] } == ["100", "100", "100"])
        #expect(segments.first { $0.first == "GE" }?[1] == "3")
        let validated = try DropgateCommand.run("x12", "validate", out.path)
        #expect(validated.status == 0, "\(validated.stdout) \(validated.stderr)")
    }
}

@Suite("feed build on a terminal")
struct FeedProgressTests {
    /// `command` run under `script(1)`, which gives it a terminal: what the terminal showed.
    func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([try DropgateCommand.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let result = try ChildProcess.run(["/usr/bin/script", "-qec", command, "/dev/null"])
        #expect(result.status == 0, "\(result.text)")
        return result.text
    }

    @Test("shows its steps on a terminal, cleared before the feed; nothing when redirected or with --quiet")
    func steps() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try FeedCommandTests().store(in: folder)
        let arguments = ["feed", "build", "homedepot", "--format", "csv", "--db", db.path] + FeedCommandTests.world
        let shown = try onTerminal(arguments)
        #expect(shown.contains("homedepot: computing ATS from"), "\(shown.prefix(400))")
        #expect(shown.contains("\r\u{1B}[K"), "the step line is rewritten in place and cleared")
        let quiet = try onTerminal(arguments + ["--quiet"])
        #expect(!quiet.contains("computing ATS"))
        let redirected = try DropgateCommand.run(arguments)
        #expect(redirected.status == 0)
        #expect(!redirected.stderr.contains("computing ATS"), "\(redirected.stderr)")
        #expect(redirected.stdout.hasPrefix("sku,"), "the feed itself is untouched")
    }
}
