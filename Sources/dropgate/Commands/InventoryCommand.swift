import ArgumentParser
import Foundation
import Profiles
import Store

struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Load on-hand and inbound stock into the store, and receive stock.",
        subcommands: [Import.self, Inbound.self, Receive.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Set on-hand and safety stock per node and SKU from a CSV (dc,sku,on_hand,safety_stock).",
            discussion: """
                Every node the file names is replaced as a whole: its SKUs the file does not list go to zero. \
                Units reserved by orders stay reserved. Rows for a DC or SKU the world does not have are refused. \
                An optional location column names the bin each SKU is kept in (A-12-03), which the pick list \
                shows and sorts by; a file without it leaves the nodes it names without bins.

                Example:
                  dropgate inventory import fixtures/inventory.csv --db orders.sqlite
                """)

        @Argument(help: "The inventory CSV.")
        var file: String

        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption

        func run() async throws {
            let profiles = try world.load()
            let figures = try WorldOptions.inventory(file, for: profiles)
            let store = try await self.store.open()
            do {
                try await store.importInventory(figures)
            } catch {
                printError("\(self.store.location): \(error)")
                throw ExitCode(2)
            }
            print(
                "imported \(figures.count) rows for \(Set(figures.map(\.node)).count) nodes into \(self.store.location)"
            )
        }
    }
}
