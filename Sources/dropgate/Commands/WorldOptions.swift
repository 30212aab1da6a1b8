import ArgumentParser
import Foundation
import Gateway
import Profiles
import Routing

/// Where the retailer profiles, the DC network, the item catalog and the stock come from. Shared by every
/// command that decides orders; the defaults are the sample world in the repository.
struct WorldOptions: ParsableArguments {
    @Option(help: "Folder of retailer profiles (one YAML file per retailer).")
    var profiles = "retailer-profiles"

    @Option(help: "The DC network file.")
    var network = "fixtures/network.yaml"

    @Option(help: "The item catalog (CSV: sku,upc,description,…,oversize,hazmat,gift_wrap,unit_cost).")
    var items = "fixtures/items.csv"

    @Option(help: "On-hand stock (CSV: dc,sku,on_hand,safety_stock); a row for a DC or SKU the world lacks is refused.")
    var inventory = "fixtures/inventory.csv"

    /// Loads and checks the world, or prints every problem `FILE:LINE:COLUMN: message` and exits 2.
    func load() throws -> (ProfileSet, Stock) {
        let profileSet: ProfileSet
        do {
            profileSet = try ProfileSet.load(
                profiles: URL(fileURLWithPath: profiles), network: URL(fileURLWithPath: network),
                catalog: URL(fileURLWithPath: items), rules: ProfileRule.answerWriters)
        } catch {
            for problem in error.errors { printError("\(problem)") }
            throw ExitCode(2)
        }
        let text: String
        do {
            text = try LocalFile.text(inventory, expected: "the on-hand stock (CSV: dc,sku,on_hand,safety_stock)")
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        // Rows for a DC or SKU the world does not have are refused: stock nobody can ship is a typo, not data.
        let problems = profileSet.inventoryProblems(csv: text, file: inventory)
        guard problems.isEmpty else {
            for problem in problems { printError("\(problem)") }
            throw ExitCode(2)
        }
        do {
            return (profileSet, try Stock.parse(inventoryCSV: text, file: inventory))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }
}

/// The clock every decision is made against: `--at`, or the present. A bad `--at` is an error of the option, so
/// the argument parser reports it with the usage of the command it was given to.
struct ClockOption: ParsableArguments {
    @Option(
        help: "Decide as of this instant (ISO 8601, e.g. 2026-11-24T10:00:00-05:00) instead of now.",
        transform: ClockOption.parse)
    var at: Date?

    func instant(default fallback: Date) -> Date { at ?? fallback }

    static func parse(_ text: String) throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw ValidationError("'\(text)' is not an ISO 8601 instant such as 2026-11-24T10:00:00-05:00")
        }
        return date
    }
}
