import ArgumentParser
import Feeds
import Foundation
import Orders
import Profiles
import Store

extension FeedCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract:
                "Per retailer: the last feed built, delivered and failed, what its 997 said, and when the next is due.",
            discussion: """
                Read from the store's feed runs and each profile's schedule: a retailer that was never sent a feed \
                is due at once; otherwise the next feed is due at the schedule's first firing after the last one \
                was built, and no sooner than the profile's minimum interval. Failures count the runs that failed \
                since the last delivered one. Where a profile's feed says accepted-on: 997, a delivered 846 counts \
                as accepted only once the retailer's 997 accepts it: the 997 column says awaiting until then, and \
                rejected (with the 997's errors below the table) when it refused the feed; the next delta is taken \
                against the last run accepted.

                Example:
                  dropgate feed status --db orders.sqlite --json
                """)

        @Flag(help: "JSON instead of a table.") var json = false
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func run() async throws {
            let profiles = try world.load()
            let now = clock.instant(default: Date())
            let store = try await self.store.open(creating: false)
            guard let deliveries = store as? any DeliveryStore else {
                printError("\(self.store.location): this store keeps no feed runs")
                await store.close()
                throw ExitCode(2)
            }
            let runs = try await deliveries.feedRunsWithoutBodies(retailer: nil)
            await store.close()
            let lines = FeedStatus.lines(profiles: profiles, runs: runs, at: now)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(lines), as: UTF8.self))
                return
            }
            let header = [
                "retailer", "format", "last built", "last delivered", "last run", "997", "failures", "next due",
            ]
            let rows = lines.map { line in
                [
                    line.retailer, line.format, Self.text(line.lastBuilt) ?? "never",
                    Self.text(line.lastDelivered) ?? "never", line.lastState ?? "–", line.lastAcknowledgement ?? "–",
                    String(line.failuresSinceDelivered),
                    line.due ? "due now" : (Self.text(line.nextDue) ?? "never again"),
                ]
            }
            let widths = header.indices.map { column in
                ([header] + rows).map { $0[column].count }.max() ?? 0
            }
            for row in [header] + rows {
                print(
                    zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
            for line in lines where line.awaitingAcknowledgement {
                print(
                    "\(line.retailer): waits for the 997 of the feed delivered \(Self.text(line.awaitingSince) ?? "–")"
                        + (line.acknowledgementOverdue ? ", overdue" : ""))
            }
            for line in lines {
                guard let errors = line.acknowledgementErrors else { continue }
                print("\(line.retailer): the 997 of its last feed said (\(line.lastAcknowledgement ?? "–")):")
                for error in errors.split(separator: "\n") { print("  \(error)") }
            }
        }

        static func text(_ date: Date?) -> String? {
            date.map { $0.formatted(.iso8601) }
        }
    }
}
