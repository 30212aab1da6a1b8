import ArgumentParser
import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Keep, read, acknowledge, decide and commit purchase orders into the store.",
        discussion: """
            Each file is kept in the store before it is read, so that nothing is lost. Each interchange is \
            acknowledged once (a redelivered one gets the same 997/999 again and nothing else), each PO is decided \
            against stock and capacity as committed in the store and committed with its reservations and every \
            document it produces (855 or cXML confirmation, pick tickets, explanation) in one transaction; what \
            must leave the building waits in the outbox (dropgate outbox). Documents a stopped run kept but did not \
            finish are finished first. Several ingest processes may share one store.

            Stock comes from the store: load it with dropgate inventory import.

            Example:
              dropgate inventory import fixtures/inventory.csv --db orders.sqlite
              dropgate ingest fixtures/inbox/*.x12 --db orders.sqlite --at 2026-11-24T10:00:00-05:00

            Exit status: 0 when every document was read and every PO decided, 1 when a document was rejected or a \
            PO could not be decided, 2 when the files or the world cannot be read.
            """)

    @Argument(help: "X12 or XML documents, told apart by their content.")
    var files: [String] = []

    @OptionGroup var world: ProfileOptions
    @OptionGroup var store: StoreOption
    @OptionGroup var clock: ClockOption

    @Flag(help: "Print the reports as JSON instead of a table.")
    var json = false

    @Flag(help: "No progress line on the terminal.")
    var quiet = false

    func run() async throws {
        let profiles = try world.load()
        let expected = "a purchase order document (X12 or XML)"
        // Every file is checked before anything is kept; each is read only when its turn comes, so that a batch of
        // many files never holds more than one in memory (and a large one not even that: see `process(file:)`).
        for file in files {
            do { try LocalFile.checkFile(file, expected: expected) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        let store = try await self.store.open()
        var logger = Logger(label: "dropgate.ingest")
        logger.logLevel = .warning
        var gateway = Gateway(profiles: profiles, store: store, logger: logger)
        let progress = ProgressLine(documents: files.count, quiet: quiet)
        gateway.progress = { progress.update(decided: $0, of: $1) }
        // Each document's orders are printed (or spooled, for the table) as they are decided, not gathered.
        let output = IngestReportOutput(json: json, profiles: profiles)
        gateway.orderSink = { output.take($0) }
        let now = clock.instant(default: Date())
        await gateway.resume { output.finish($0) }
        var unreadable = false
        for file in files {
            // A large file is kept and read a part at a time, never held whole.
            do {
                output.finish(
                    try await gateway.process(
                        file: file, origin: (file as NSString).lastPathComponent, receivedAt: now))
            } catch {
                // Checked above, gone or changed since: the rest of the batch goes on.
                progress.clear()
                printError("\(error)")
                unreadable = true
                continue
            }
            progress.finishDocument()
        }
        progress.clear()
        await store.close()
        let reports = output.end()
        reports.flatMap(\.notes).forEach(printError)
        let failed = reports.contains { report in
            report.status == .rejected || report.status == .unreadable || report.leavePending
                || report.handedOver.notProcessed > 0
        }
        if unreadable { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }
}
