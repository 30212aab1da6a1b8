import ArgumentParser
import Foundation
import Gateway
import Operations
import Orders
import Profiles
import Store

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "What if: decide the recorded POs of a window again against changed profiles, network or stock.",
        discussion: """
            Every PO received in the window is decided again, in the order it was recorded and at the instant it \
            was decided, from what its first decision read (stock, capacity used, stock due, node switches), \
            corrected by what the replay decided differently before it. Nothing is written. With nothing changed, \
            every decision comes out byte for byte as recorded.

            --inventory takes a CSV like inventory.csv (dc,sku,on_hand,safety_stock): on hand at the start of the \
            window and safety stock held, either left empty to keep the record's; sku may be * for every SKU of \
            the node and safety_stock a percentage of on hand (10%).

            Examples:
              dropgate replay --db orders.sqlite --since 2026-11-01T00:00:00-06:00
              dropgate replay --db orders.sqlite --since 2026-11-23T00:00:00Z --network what-if/network.yaml
              dropgate replay --db orders.sqlite --since 2026-11-01T00:00:00Z --inventory what-if/ewr1-safety.csv
            """)

    @OptionGroup var store: StoreOption
    @OptionGroup var world: ProfileOptions
    @Option(help: "Replay POs received at or after this instant (ISO 8601).", transform: ClockOption.parse)
    var since: Date
    @Option(help: "…and before this one.", transform: ClockOption.parse) var until: Date?
    @Option(help: "Only this retailer's POs.") var retailer: String?
    @Option(help: "Stock changes (CSV: dc,sku,on_hand,safety_stock; see above).") var inventory: String?
    @Option(help: "Changed decisions listed in the text output (all in --json).") var limit = 50
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Exit 1 when any decision changed (a profile change checked against history).")
    var failOnChange = false

    func run() async throws {
        let profiles = try world.load()
        var changes = StockChanges()
        if let inventory {
            do {
                let text = try LocalFile.text(inventory, expected: "stock changes (CSV: dc,sku,on_hand,safety_stock)")
                changes = try StockChanges(csv: text, file: inventory, network: profiles.network)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
        let store = try await self.store.open(creating: false)
        let window = DecisionWindow(from: since, until: until, retailer: retailer.map(RetailerID.init))
        let report: ReplayReport
        do {
            report = try await store.replay(window, profiles: profiles, changes: changes)
        } catch {
            printError("replay: \(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(ReplayReportText(report: report, limit: limit).rendered)
        }
        if failOnChange, report.changed > 0 { throw ExitCode(1) }
    }
}
