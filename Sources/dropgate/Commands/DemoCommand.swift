import ArgumentParser
import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Process an inbox of POs end to end against the sample world and print what happened.",
        discussion: """
            Reads every X12 and XML document in the inbox (told apart by content; Markdown notes are skipped), \
            answers each interchange with a 997/999, routes every PO against its retailer's profile and the DC \
            network, records the decisions in a SQLite store, and writes the answers (855, cXML confirmations), \
            pick tickets and explanations into the output folder.

            The output folder is created when it does not exist. An existing one must be empty, or an earlier \
            output of the demo: its .dropgate-output file lists what the demo wrote there, and only those files \
            are replaced (or kept, with --keep-store). A folder holding other files is refused and left as it is.

            Example:
              dropgate demo
              dropgate demo --inbox my-inbox --profiles my-profiles \\
                  --at 2026-11-24T10:00:00-05:00 --output out
            """)

    @Option(help: "Folder of incoming POs.")
    var inbox = "fixtures/inbox"

    @OptionGroup var world: WorldOptions
    @OptionGroup var clock: ClockOption

    @Option(
        help: """
            Folder for the store and everything produced: a new or empty folder, or an earlier output of the demo \
            (marked by its .dropgate-output file), of which only the files the demo wrote are replaced unless \
            --keep-store. A folder holding other files is refused.
            """)
    var output = "demo-output"

    @Flag(help: "Reuse the store from an earlier run: POs seen before are recognised as duplicates.")
    var keepStore = false

    /// The sample world's clock: the Tuesday before Thanksgiving 2026, 10:00 in New York (fixtures/README.md).
    static let sampleWorldClock = "2026-11-24T10:00:00-05:00"

    func run() async throws {
        let profiles = try world.loadProfiles()
        let inventory = try world.loadInventory(for: profiles)
        let now = try clock.at ?? ClockOption.parse(Self.sampleWorldClock)
        // Everything is read and checked before the output folder is touched.
        let files = try inboxFiles()
        let outputURL = URL(fileURLWithPath: output, isDirectory: true)
        let folder: OutputFolder
        let storePath: String
        do {
            folder = try OutputFolder.prepare(
                root: outputURL, keepingPrevious: keepStore, expected: "the demo's output (--output)")
            storePath = try folder.claim("dropgate.sqlite").path
            // SQLite's companions sit beside the store while it is open; they are ours too.
            for suffix in ["-wal", "-shm", "-journal"] { _ = try folder.claim("dropgate.sqlite\(suffix)") }
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: storePath)
        } catch {
            printError("\(storePath): cannot be opened as the demo's SQLite store: \(error)")
            throw ExitCode(2)
        }
        var logger = Logger(label: "dropgate.demo")
        logger.logLevel = .warning
        do {
            try await store.importInventory(inventory)
        } catch {
            printError("\(storePath): the inventory cannot be imported: \(error)")
            throw ExitCode(2)
        }
        let gateway = Gateway(profiles: profiles, store: store, output: folder, logger: logger)

        var table = OrderTable(profiles: profiles)
        var problems: [String] = []
        var written = 0
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try LocalFile.bytes(file.path, expected: "a purchase order document (X12 or XML)")
            } catch {
                problems.append("\(error) (left in the inbox, not processed)")
                continue
            }
            let report = await gateway.process(bytes, origin: file.lastPathComponent, receivedAt: now)
            problems += report.problems
            written += report.written.count
            table.append(report)
        }

        print(
            "dropgate demo — \(files.count) documents from \(inbox), decided as of \(ISO8601DateFormatter().string(from: now))"
        )
        print("")
        print(table.rendered)
        if !problems.isEmpty {
            print("")
            print("Problems found (each document is kept in the store and answered):")
            for problem in problems { print("  \(problem)") }
        }
        print("")
        print("Wrote \(written) files to \(outputURL.path)/ (acks/, answers/, pick-tickets/, decisions/)")
        print("Store: \(storePath)")
    }

    /// The documents in the inbox, by name; hidden files and Markdown notes are skipped, and so are folders (the
    /// inbox is read one level deep), with a note.
    private func inboxFiles() throws -> [URL] {
        let names: [String]
        do {
            names = try LocalFile.folderEntries(inbox, expected: "the inbox folder of POs (--inbox)")
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let folder = URL(fileURLWithPath: inbox, isDirectory: true)
        var files: [URL] = []
        for name in names where !name.hasPrefix(".") && !name.hasSuffix(".md") {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                printError("note: \(inbox)/\(name): a folder, skipped (the inbox is read one level deep)")
                continue
            }
            files.append(url)
        }
        return files
    }
}
