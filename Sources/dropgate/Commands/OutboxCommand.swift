import ArgumentParser
import Foundation
import Store

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "What leaves the building (997/999, 855, pick tickets, …): list it, deliver it.",
        subcommands: [List.self, Deliver.self], defaultSubcommand: List.self)

    static func state(_ text: String) throws -> OutboxState {
        guard let state = OutboxState(rawValue: text) else {
            throw ValidationError("'\(text)' is not a state: pending, sending, sent, failed or withdrawn")
        }
        return state
    }
}

extension OutboxCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the outbox, oldest first.")

        @OptionGroup var store: StoreOption
        @Option(
            help: "Only rows in this state (pending, sending, sent, failed, withdrawn).", transform: OutboxCommand.state
        )
        var state: OutboxState?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try await self.store.open(creating: false)
            let entries = try await store.outbox(state: state)
            let groups = try await store.sentGroupsByOutboxRow()
            if json {
                print(
                    try OrdersCommand.json(
                        entries.map { entry -> [String: Any] in
                            [
                                "id": Int(entry.id.rawValue), "kind": entry.kind.rawValue, "partner": entry.partner,
                                "name": entry.name, "state": entry.state.rawValue,
                                "order": entry.orderID.map { Int($0.rawValue) } ?? NSNull(), "bytes": entry.bytes.count,
                                "acknowledgement": Self.acknowledgement(of: groups[entry.id]) ?? NSNull(),
                                "acknowledgementErrors": groups[entry.id]?.acknowledgement.flatMap {
                                    $0.errors.isEmpty ? nil : $0.errors
                                } ?? NSNull(),
                                "acknowledgedBy": groups[entry.id]?.acknowledgement.map { Int($0.document.rawValue) }
                                    ?? NSNull(),
                            ]
                        }))
                return
            }
            var table = TextTable("id", "kind", "partner", "name", "state", "bytes", "997")
            for entry in entries {
                table.append([
                    entry.id.description, entry.kind.rawValue, entry.partner, entry.name, entry.state.rawValue,
                    String(entry.bytes.count), Self.acknowledgement(of: groups[entry.id]) ?? "–",
                ])
            }
            print(table.rendered)
            // What a rejecting 997 said, under the table: too long for a column.
            for entry in entries {
                guard let answer = groups[entry.id]?.acknowledgement, !answer.errors.isEmpty else { continue }
                print("\(entry.id) \(entry.name): \(answer.status.rawValue) (document \(answer.document)):")
                for line in answer.errors.split(separator: "\n") { print("  \(line)") }
            }
        }

        /// What the partner's 997/999 said of a row's X12 group (`accepted`, `rejected`, …), `awaiting` while
        /// none came back; nil for a row no 997 answers (no group).
        static func acknowledgement(of group: SentGroup?) -> String? {
            guard let group else { return nil }
            return group.acknowledgement?.status.rawValue ?? "awaiting"
        }
    }
}
