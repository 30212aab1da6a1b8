import ArgumentParser
import Feeds
import Foundation
import Orders
import Profiles
import Store

extension FeedCommand {
    struct RunDue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-due",
            abstract: "Build and send every feed that is due, then empty the due outbox.",
            discussion: """
                For every retailer with a feed: (per node, where its profile asks for per-node figures) the feed \
                is due when its schedule fired, in the schedule's time zone, since the last one was built, and no \
                sooner than the profile's minimum interval after it; a retailer never sent one is due at once. A \
                due feed is claimed through the store first, so several processes running run-due at once send \
                each due feed once; then it is built (full, or a delta against what the retailer last accepted, as \
                the profile's mode says), recorded (an 846 numbered from the store's control numbers) and sent with \
                the profile's credentials and retries. Then the due outbox is delivered as `outbox deliver` does, \
                unless --feeds-only. One line per feed says what became of it. Exits 1 when a feed or an outbox \
                row failed for good, 2 on a usage or store error.

                Example:
                  dropgate feed run-due --db orders.sqlite
                """)

        @Flag(help: "Send the due feeds only; leave the outbox as it is.") var feedsOnly = false
        @Option(help: "Most outbox rows to claim in this run.") var limit = 100
        @OptionGroup var delivery: DelivererOptions
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let profiles = try world.load()
            let store = try await self.store.open(creating: false)
            let failures: Int
            do {
                guard let deliveries = store as? any OrderStore & DeliveryStore else {
                    printError("\(self.store.location): this store keeps no feed runs")
                    throw ExitCode(2)
                }
                failures = try await runDue(profiles: profiles, store: deliveries)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            if failures > 0 { throw ExitCode(1) }
        }

        /// Sends the due feeds, then the due outbox, printing a line for each; returns how many items failed for
        /// good.
        private func runDue(profiles: ProfileSet, store: any OrderStore & DeliveryStore) async throws -> Int {
            let now = clock.instant(default: Date())
            let deliverer = delivery.deliverer
            let instants = FeedSender.clock(from: now)
            let scheduler = FeedScheduler(profiles: profiles, store: store, deliverer: deliverer, now: instants)
            let outcomes = try await scheduler.runDue(at: now) { Self.show($0) }
            var failures = outcomes.filter { !$0.succeeded }.count
            if !feedsOnly {
                let delivery = OutboxDelivery(profiles: profiles, store: store, deliverer: deliverer)
                let tally = OutboxCommand.Deliver.Tally(
                    try await delivery.deliverDue(at: instants, limit: limit) { OutboxCommand.Deliver.show($0) })
                print(
                    "outbox: delivered \(tally.delivered), retried later \(tally.retried), failed \(tally.failed), "
                        + "waiting without a destination \(tally.unrouted)")
                failures += tally.failed
            }
            return failures
        }

        /// A feed's line, on standard output; a retailer's feeds not sent, on standard error.
        private static func show(_ outcome: FeedScheduler.Outcome) {
            switch outcome {
            case .neverDue(let key): print("\(key): not due again: its schedule never fires")
            case .notDue(let key, let until):
                print("\(key): not due until \(ISO8601DateFormatter().string(from: until))")
            case .claimedElsewhere(let key): print("\(key): due, and claimed by another process")
            case .sent(let sent):
                let (run, attempts) = (sent.run, sent.attempts)
                let what = "\(sent.key): feed run \(run.id), \(run.mode), \(run.bytes) bytes → \(sent.destination)"
                switch sent.result {
                case .delivered:
                    print("\(what): delivered after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                case .superseded: print("\(what): superseded by a newer feed before it left")
                case .nothingToSend: print("\(what): no line changed since the last accepted feed: nothing to send")
                case .failed: print("\(what): failed after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                }
            case .notSent(let retailer, let error):
                if let error = error as? FeedError, error.exitStatus != nil {
                    printError(error.description)
                } else {
                    printError("\(retailer): feed not sent: \(error)")
                }
            }
        }
    }
}
