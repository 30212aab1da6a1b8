import ArgumentParser
import Feeds
import Foundation
import Profiles
import Store

extension OutboxCommand {
    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver",
            abstract: "Deliver what is due in the outbox to the destinations the profiles and network name.",
            discussion: """
                Claims the due rows (queued, or past their next-attempt time; a claim lasts a lease, so several \
                deliverers never send a row twice and a crashed one's rows come back), makes one attempt at each \
                and writes it to the delivery ledger. Acknowledgements and 855s go to the retailer profile's \
                documents: destination, pick tickets to the DC's pick-tickets: destination in the network file. A \
                failed attempt that may succeed later (network error, 5xx, 408, 429) waits with exponential backoff \
                and jitter (Retry-After honoured); any other refusal, or the last attempt, marks the row failed. \
                A row nothing names a destination for stays queued, and is listed. Exits non-zero only on a usage \
                or store error.

                Example:
                  dropgate outbox deliver --db orders.sqlite --limit 50
                """)

        @OptionGroup var store: StoreOption
        @OptionGroup var world: ProfileOptions
        @Option(help: "Most rows to claim in this run.") var limit = 100
        @OptionGroup var delivery: DelivererOptions
        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let profiles = try world.load()
            let store = try await self.store.open(creating: false)
            let tally: Tally
            do {
                guard let deliveries = store as? any DeliveryStore else {
                    printError("\(self.store.location): this store keeps no delivery ledger")
                    throw ExitCode(2)
                }
                let delivery = OutboxDelivery(profiles: profiles, store: deliveries, deliverer: self.delivery.deliverer)
                tally = Tally(
                    try await delivery.deliverDue(at: { clock.instant(default: Date()) }, limit: limit) {
                        Self.show($0)
                    })
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            print(
                "delivered \(tally.delivered), retried later \(tally.retried), failed \(tally.failed), "
                    + "waiting without a destination \(tally.unrouted)")
        }

        /// How the rows of a pass fared; `feed run-due` prints it too.
        struct Tally {
            var delivered = 0
            var retried = 0
            var failed = 0
            var unrouted = 0

            init(_ outcomes: [OutboxDelivery.Outcome]) {
                for outcome in outcomes {
                    switch outcome {
                    case .unrouted: unrouted += 1
                    case .attempted(_, let report):
                        switch report.resolution {
                        case .delivered: delivered += 1
                        case .retry: retried += 1
                        case .failed: failed += 1
                        }
                    }
                }
            }
        }

        /// A row's line: why it stays queued, or what its attempt came to.
        static func show(_ outcome: OutboxDelivery.Outcome) {
            switch outcome {
            case .unrouted(let entry, let reason):
                print("\(entry.id) \(entry.kind.rawValue) \(entry.name): stays queued: \(reason)")
            case .attempted(let entry, let report):
                let line = "\(entry.id) \(entry.kind.rawValue) \(entry.name) → \(report.attempt.url)"
                let answer = report.attempt.status.map { "status \($0)" } ?? (report.attempt.error ?? "no answer")
                switch report.resolution {
                case .delivered: print("\(line): delivered (\(answer))")
                case .retry(let at):
                    print("\(line): \(answer); next attempt at \(ISO8601DateFormatter().string(from: at))")
                case .failed: print("\(line): failed (\(answer)) after attempt \(report.attempt.attempt)")
                }
            }
        }
    }
}
