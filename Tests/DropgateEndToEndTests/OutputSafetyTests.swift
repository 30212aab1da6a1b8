import Foundation
import Testing

/// Files of someone else's, laid out so that some of them sit exactly where the demo writes its own.
private let foreignFiles: [String: [UInt8]] = [
    "notes.txt": Array("my notes\n".utf8),
    "fixtures/keep.csv": Array("a,b\n1,2\n".utf8),
    "retailer-profiles/mine.yaml": Array("name: Mine\n".utf8),
    "acks/walmart/997-000018234.x12": Array("not ours\n".utf8),
    "pick-tickets/PHX1.csv": Array("someone's,csv\n".utf8),
    "dropgate.sqlite": [0x00, 0x01, 0x02, 0xFF],
    ".hidden": Array("dot file\n".utf8),
]

private func plant(_ files: [String: [UInt8]], in folder: URL) throws {
    for (path, bytes) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// Each planted file that is gone or changed, with what happened to it.
private func damage(_ files: [String: [UInt8]], in folder: URL) -> [String] {
    files.keys.sorted().compactMap { path in
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
            return "\(path): gone"
        }
        return Array(data) == files[path] ? nil : "\(path): changed"
    }
}

private let root = DropgateCommand.packageRoot.path
private let world = DropgateCommand.sampleWorld

@Suite("no command deletes or overwrites a file it did not create", .serialized)
struct OutputSafetyTests {
    @Test("demo refuses an output folder that holds other files, says why, and leaves every file as it was")
    func demoRefusesForeignFolder() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try plant(foreignFiles, in: folder)
        for extra in [[], ["--keep-store"]] {
            let result = try DropgateCommand.run(
                ["demo", "--inbox", "\(root)/fixtures/inbox", "--output", folder.path] + world + extra)
            #expect(result.status != 0, "\(extra): stdout: \(result.stdout)")
            #expect(result.stderr.contains(folder.path), "\(result.stderr)")
            #expect(result.stderr.contains("not empty"), "\(result.stderr)")
            #expect(damage(foreignFiles, in: folder) == [], "\(extra)")
        }
    }

    @Test("every command that writes files, run in a folder of other files, leaves them byte for byte")
    func everyCommandLeavesOtherFiles() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try plant(foreignFiles, in: folder)
        let inbox = "\(root)/fixtures/inbox"
        let x12 = "\(inbox)/amazon-20261124-0715.x12"
        let commands: [[String]] = [
            ["demo", "--inbox", inbox, "--output", "."] + world,
            ["demo", "--inbox", inbox, "--output", ".", "--keep-store"] + world,
            ["demo", "--inbox", inbox, "--output", folder.path] + world,
            ["demo", "--inbox", inbox] + world,  // into ./demo-output, a new folder of its own
            ["demo", "--inbox", inbox] + world,  // again: its own output of the first run is replaced
            ["demo", "--inbox", inbox, "--keep-store"] + world,
            ["route", x12, "\(inbox)/bestbuy-20261124-0905.xml"] + world,
            ["route", x12, "--json"] + world,
            [
                "profiles", "check", "\(root)/retailer-profiles", "--network", "\(root)/fixtures/network.yaml",
                "--catalog", "\(root)/fixtures/items.csv",
            ],
            [
                "profiles", "show", "amazon", "--profiles", "\(root)/retailer-profiles", "--network",
                "\(root)/fixtures/network.yaml", "--catalog", "\(root)/fixtures/items.csv",
            ],
            ["profiles", "schema", "--kind", "network"],
            ["x12", "validate", x12, "--ack", "997"],
            ["x12", "validate", x12, "--json"],
            ["x12", "json", x12],
            ["x12", "po", x12],
            ["xml", "po", "\(inbox)/bestbuy-20261124-0905.xml"],
            [
                "xml", "po", "--mapping", "\(root)/fixtures/xml-mappings/marketplace-order.mapping",
                "\(root)/fixtures/xml-mappings/marketplace-orders.xml",
            ],
        ]
        for command in commands {
            let result = try DropgateCommand.run(command, in: folder)
            #expect(!result.stderr.contains("Error Domain="), "\(command): \(result.stderr)")
            #expect(damage(foreignFiles, in: folder) == [], "after \(command.prefix(3))")
        }
        // The demo's own folder came out of the runs complete.
        let own = folder.appendingPathComponent("demo-output")
        #expect(
            FileManager.default.fileExists(atPath: own.appendingPathComponent("acks/walmart/997-000018234.x12").path))
    }

    @Test("a second demo into its own output replaces only what it wrote; other files in it stay")
    func rerunReplacesOnlyItsOwn() throws {
        let parent = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let first = try DropgateCommand.run(
            ["demo", "--inbox", "\(root)/fixtures/inbox", "--output", output.path] + world)
        #expect(first.status == 0, "\(first.stderr)")
        let added: [String: [UInt8]] = [
            "mine.txt": Array("mine\n".utf8), "acks/mine.txt": Array("also mine\n".utf8),
            "pick-tickets/EWR1/mine.json": Array("{}\n".utf8),
        ]
        try plant(added, in: output)
        let second = try DropgateCommand.run(
            ["demo", "--inbox", "\(root)/fixtures/inbox", "--output", output.path] + world)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(damage(added, in: output) == [])
        #expect(!second.stdout.contains("  duplicate  "), "the store was not replaced:\n\(second.stdout)")
        #expect(
            FileManager.default.fileExists(atPath: output.appendingPathComponent("acks/walmart/997-000018234.x12").path)
        )
    }
}
