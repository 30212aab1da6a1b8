import ArgumentParser
import Foundation
import Gateway
import Orders
import Profiles
import Routing

/// Where the retailer profiles, the DC network and the item catalog come from; the defaults are the sample world
/// in the repository.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Folder of retailer profiles (one YAML file per retailer).")
    var profiles = "retailer-profiles"

    @Option(help: "The DC network file.")
    var network = "fixtures/network.yaml"

    @Option(help: "The item catalog (CSV: sku,upc,description,…,unit_cost); kits from the kits.csv beside it.")
    var items = "fixtures/items.csv"

    /// The profiles, network and catalog, checked together; every problem printed, exit 2.
    func load() throws -> ProfileSet {
        try printingProblems { () throws(ProfileErrors) in
            try ProfileSet.load(
                profiles: URL(fileURLWithPath: profiles), network: URL(fileURLWithPath: network),
                catalog: URL(fileURLWithPath: items), rules: ProfileRule.answerWriters)
        }
    }

    /// The profiles and network with the catalog as a feed reads it (`ProfileSet.loadForFeeds`), checked as
    /// `load()` checks them; every problem printed, exit 2.
    func loadForFeeds() throws -> (profiles: ProfileSet, items: ItemListing) {
        try printingProblems { () throws(ProfileErrors) in
            try ProfileSet.loadForFeeds(
                profiles: URL(fileURLWithPath: profiles), network: URL(fileURLWithPath: network),
                catalog: URL(fileURLWithPath: items), rules: ProfileRule.answerWriters)
        }
    }

    /// What `load` returns, or every problem it found printed and exit 2.
    private func printingProblems<Loaded>(_ load: () throws(ProfileErrors) -> Loaded) throws -> Loaded {
        do {
            return try load()
        } catch {
            for problem in error.errors { printError("\(problem)") }
            throw ExitCode(2)
        }
    }
}

/// The world and the stock: what a dry run or the demo decides against. Shared by every command that decides
/// orders without a store of its own.
struct WorldOptions: ParsableArguments {
    @OptionGroup var world: ProfileOptions

    @Option(help: "On-hand stock (CSV: dc,sku,on_hand,safety_stock); a row for a DC or SKU the world lacks is refused.")
    var inventory = "fixtures/inventory.csv"

    /// Loads and checks the world, or prints every problem `FILE:LINE:COLUMN: message` and exits 2.
    func load() throws -> (ProfileSet, Stock) {
        let profileSet = try loadProfiles()
        let text = try inventoryText(for: profileSet)
        do {
            return (profileSet, try Stock.parse(inventoryCSV: text, file: inventory))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    func loadProfiles() throws -> ProfileSet { try world.load() }

    /// The inventory file's rows as written (on hand and safety stock), checked against the world.
    func loadInventory(for profileSet: ProfileSet) throws -> [InventoryRow] {
        try Self.inventory(inventory, for: profileSet)
    }

    private func inventoryText(for profileSet: ProfileSet) throws -> String {
        try Self.inventoryText(inventory, for: profileSet)
    }

    /// An inventory file's rows, checked against the world; every problem printed, exit 2.
    static func inventory(_ inventory: String, for profileSet: ProfileSet) throws -> [InventoryRow] {
        let text = try inventoryText(inventory, for: profileSet)
        do {
            return try Stock.figures(inventoryCSV: text, file: inventory)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    static func inventoryText(_ inventory: String, for profileSet: ProfileSet) throws -> String {
        let text: String
        do {
            text = try LocalFile.text(
                inventory, expected: "the on-hand stock (CSV: dc,sku,on_hand,safety_stock[,location])")
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
        return text
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
