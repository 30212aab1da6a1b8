import ArgumentParser
import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store

extension InventoryCommand {
    /// `dropgate inventory inbound FILE`: the stock due at the nodes.
    struct Inbound: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inbound",
            abstract: "Set the stock due per node and SKU from a CSV (dc,sku,quantity,due).",
            discussion: """
                Stock on its way is never on hand: under a profile that allows backorders, an order no node can \
                ship waits for it (the 855 answers IB with the day it is due) when it is due within the profile's \
                backorder window. Every node the file names is replaced as a whole. `due` is a day (2026-12-10).

                Example:
                  dropgate inventory inbound fixtures/inbound.csv --db orders.sqlite
                """)

        @Argument(help: "The inbound CSV.")
        var file: String

        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption

        func run() async throws {
            let profiles = try world.load()
            let rows: [InboundRow]
            do {
                rows = try InboundStock.rows(
                    inboundCSV: try InventoryCommand.checkedText(file, for: profiles), file: file)
            } catch let error as RoutingError {
                printError("\(error)")
                throw ExitCode(2)
            }
            let store = try await self.store.open()
            defer { Task { await store.close() } }
            do {
                try await store.importInbound(rows)
            } catch {
                printError("\(self.store.location): \(error)")
                throw ExitCode(2)
            }
            print(
                "imported \(rows.count) inbound rows for \(Set(rows.map(\.node)).count) nodes into "
                    + "\(self.store.location)")
        }
    }

    /// `dropgate inventory receive FILE`: stock received, and the waiting orders it releases.
    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "receive",
            abstract: "Receive stock per node and SKU from a CSV (dc,sku,quantity) and release waiting orders.",
            discussion: """
                The units go on hand and leave what was due (earliest due first). Orders waiting for the SKUs \
                (backorders) are decided again in ship-by order, earliest first: each one the stock covers gets its \
                reservations, pick tickets and 855; the first it does not cover keeps waiting, and so do the rest.

                Example:
                  dropgate inventory receive receipts.csv --db orders.sqlite --at 2026-12-10T09:00:00-05:00
                """)

        @Argument(help: "The receipts CSV.")
        var file: String

        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func run() async throws {
            let profiles = try world.load()
            let receipts: [StockReceipt]
            do {
                receipts = try InboundStock.receipts(
                    csv: try InventoryCommand.checkedText(file, for: profiles), file: file)
            } catch let error as RoutingError {
                printError("\(error)")
                throw ExitCode(2)
            }
            let store = try await self.store.open()
            defer { Task { await store.close() } }
            var logger = Logger(label: "dropgate.receive")
            logger.logLevel = .warning
            let gateway = Gateway(profiles: profiles, store: store, logger: logger)
            let report: ReceiptReport
            do {
                report = try await gateway.receive(receipts, at: clock.instant(default: Date()))
            } catch {
                printError("\(self.store.location): \(error)")
                throw ExitCode(2)
            }
            print("received \(receipts.reduce(0) { $0 + $1.quantity }) unit(s) in \(receipts.count) row(s)")
            for order in report.released {
                print(
                    "released order \(order.order) (\(order.retailer) PO \(order.poNumber)): \(order.outcome.rawValue) "
                        + "from \(order.nodes.map(\.rawValue).joined(separator: ", "))")
            }
            if !report.waiting.isEmpty {
                print("still waiting: order(s) \(report.waiting.map { "\($0)" }.joined(separator: ", "))")
            }
        }
    }

    /// The text of a stock file whose rows name only nodes and SKUs of the world.
    static func checkedText(_ file: String, for profiles: ProfileSet) throws -> String {
        let text: String
        do {
            text = try LocalFile.text(file, expected: "a stock CSV with dc and sku columns")
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let problems = profiles.inventoryProblems(csv: text, file: file)
        guard problems.isEmpty else {
            for problem in problems { printError("\(problem)") }
            throw ExitCode(2)
        }
        return text
    }
}
