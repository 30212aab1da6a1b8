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
                guard let deliveries = store as? any DeliveryStore else {
                    printError("\(self.store.location): this store keeps no feed runs")
                    throw ExitCode(2)
                }
                failures = try await runDue(profiles: profiles, store: store, deliveries: deliveries)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            if failures > 0 { throw ExitCode(1) }
        }

        /// Sends the due feeds, then the due outbox; returns how many items failed for good.
        private func runDue(profiles: ProfileSet, store: any OrderStore, deliveries: any DeliveryStore) async throws
            -> Int
        {
            let now = clock.instant(default: Date())
            let deliverer = delivery.deliverer
            let sender = FeedSender(deliverer: deliverer, store: deliveries, now: FeedSender.clock(from: now))
            var lastBuilt: [FeedKey: Date] = [:]
            for build in try await deliveries.lastFeedBuilds() {
                lastBuilt[FeedKey(retailer: build.retailer, node: build.node)] = build.builtAt
            }
            var failures = 0
            // Read once, for every retailer whose feed is due: the same stock at the same instant.
            var stock: FeedStock?
            for profile in profiles.sortedProfiles {
                guard let settings = profile.feed else { continue }
                do {
                    var claimed: [DCID?] = []
                    for node in try FeedBuilder.feedNodes(of: profile, in: profiles.network) {
                        let key = FeedKey(retailer: profile.id, node: node)
                        guard let due = settings.nextDue(after: lastBuilt[key]) else {
                            print("\(key): not due again: its schedule never fires")
                            continue
                        }
                        guard due <= now else {
                            print("\(key): not due until \(ISO8601DateFormatter().string(from: due))")
                            continue
                        }
                        guard
                            try await deliveries.claimFeedSlot(
                                retailer: profile.id, node: node, due: due, at: now, lease: deliverer.lease)
                        else {
                            print("\(key): due, and claimed by another process")
                            continue
                        }
                        claimed.append(node)
                    }
                    guard !claimed.isEmpty else { continue }
                    let builder = FeedBuilder(
                        profile: profile, settings: settings, format: settings.format, mode: settings.mode,
                        nodes: settings.perNode ? Set(claimed.compactMap { $0 }) : nil)
                    if stock == nil { stock = try await FeedStock.read(from: store, catalog: profiles.catalog) }
                    for built in try await builder.build(profiles: profiles, store: store, at: now, stock: stock) {
                        if try await !send(built, with: sender) { failures += 1 }
                    }
                } catch is ExitCode {
                    // The reason is printed already.
                    failures += 1
                } catch {
                    printError("\(profile.id): feed not sent: \(error)")
                    failures += 1
                }
            }
            if !feedsOnly {
                let tally = try await OutboxCommand.Deliver.deliver(
                    profiles: profiles, store: deliveries, deliverer: deliverer, limit: limit, now: sender.now)
                print(
                    "outbox: delivered \(tally.delivered), retried later \(tally.retried), failed \(tally.failed), "
                        + "waiting without a destination \(tally.unrouted)")
                failures += tally.failed
            }
            return failures
        }

        /// Records and sends one feed, printing its line; false when it failed for good.
        private func send(_ built: BuiltFeed, with sender: FeedSender) async throws -> Bool {
            let key = FeedKey(retailer: built.profile.id, node: built.node)
            let endpoint = built.settings.endpoint
            let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
            let (run, result) = try await sender.send(built, to: endpoint)
            let what = "\(key): feed run \(run.id), \(run.mode), \(run.bytes) bytes → \(redacted)"
            switch result {
            case .delivered(let attempts):
                print("\(what): delivered after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                return true
            case .superseded:
                print("\(what): superseded by a newer feed before it left")
                return true
            case .failed(let attempts):
                print("\(what): failed after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                return false
            }
        }
    }

    /// A retailer's feed of one node, or of every node (`all`).
    struct FeedKey: Hashable, CustomStringConvertible {
        var retailer: RetailerID
        var node: DCID?

        var description: String { "\(retailer.rawValue) \(node?.rawValue ?? "all")" }
    }
}
