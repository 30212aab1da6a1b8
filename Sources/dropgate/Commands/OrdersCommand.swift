import ArgumentParser
import Foundation
import Orders
import Store

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List the orders in the store, or show one with its explanation, documents and audit trail.",
        discussion: """
            Examples:
              dropgate orders --db orders.sqlite --retailer walmart --dc EWR1
              dropgate orders show 4792183650 --db orders.sqlite
            """,
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List orders, oldest first.")

        @OptionGroup var store: StoreOption
        @Option(help: "Only orders with this decision.") var status: DecisionOutcome?
        @Option(help: "Only this retailer's orders.") var retailer: String?
        @Option(help: "Only orders shipping from this DC.") var dc: String?
        @Option(help: "Only orders received at or after this instant (ISO 8601).", transform: ClockOption.parse)
        var since: Date?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try await self.store.open(creating: false)
            let filter = OrderFilter(
                outcome: status, retailer: retailer.map(RetailerID.init), node: dc.map(DCID.init), since: since)
            let orders = try await store.orders(filter)
            if json {
                print(try OrdersCommand.json(orders.map(OrdersCommand.object)))
                return
            }
            var table = TextTable("id", "retailer", "PO", "decision", "DC", "ack by", "ship by")
            let iso = ISO8601DateFormatter()
            for order in orders {
                table.append([
                    order.id.description, order.retailer.rawValue, order.poNumber.rawValue, order.outcome.rawValue,
                    order.nodes.isEmpty ? "-" : order.nodes.map(\.rawValue).joined(separator: "+"),
                    order.acknowledgeBy.map(iso.string) ?? "-", order.shipBy.map(iso.string) ?? "-",
                ])
            }
            print(table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One order: its decision and explanation, documents and audit trail.")

        @Argument(help: "The order's id in the store, or its PO number.") var order: String
        @OptionGroup var store: StoreOption

        func run() async throws {
            let store = try await self.store.open(creating: false)
            var found = try await store.orders(OrderFilter(poNumber: PONumber(order)))
            if found.isEmpty, let id = Int64(order) {
                found = try await store.orders(.all).filter { $0.id.rawValue == id }
            }
            guard !found.isEmpty else {
                printError("\(order): no such order in \(self.store.location)")
                throw ExitCode(1)
            }
            let outbox = try await store.outbox(state: nil)
            for summary in found {
                var object = OrdersCommand.object(summary)
                object["explanation"] =
                    (try? JSONSerialization.jsonObject(with: Data(summary.explanationJSON.utf8))) ?? NSNull()
                object["documents"] = outbox.filter { $0.orderID == summary.id }.map { entry -> [String: Any] in
                    [
                        "id": Int(entry.id.rawValue), "kind": entry.kind.rawValue, "name": entry.name,
                        "state": entry.state.rawValue,
                    ]
                }
                object["audit"] = try await store.audit(of: summary.id).map { event -> [String: Any] in
                    ["at": ISO8601DateFormatter().string(from: event.at), "event": event.event, "detail": event.detail]
                }
                print(try OrdersCommand.json(object))
            }
        }
    }

    static func object(_ order: OrderSummary) -> [String: Any] {
        let iso = ISO8601DateFormatter()
        return [
            "id": Int(order.id.rawValue), "retailer": order.retailer.rawValue, "po": order.poNumber.rawValue,
            "decision": order.outcome.rawValue, "nodes": order.nodes.map(\.rawValue),
            "acknowledgeBy": order.acknowledgeBy.map(iso.string) ?? NSNull(),
            "shipBy": order.shipBy.map(iso.string) ?? NSNull(), "receivedAt": iso.string(from: order.receivedAt),
        ]
    }

    static func json(_ value: Any) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]),
            as: UTF8.self)
    }
}
