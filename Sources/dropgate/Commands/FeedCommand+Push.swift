import ArgumentParser
import Feeds
import Foundation
import Profiles
import Store

extension FeedCommand {
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Build a retailer's feed and deliver it to the profile's destination, with retries.",
            discussion: """
                The feed is built as `feed build` builds it, recorded in the store as a feed run, and sent with \
                the profile's credentials (environment variables it names) until it is delivered or every attempt \
                failed; each attempt goes to the delivery ledger. A newer feed of the same retailer and node \
                supersedes an older one that has not left yet, so a retailer never receives an older picture \
                after a newer one. A retailer whose profile asks for per-node figures gets one feed per node, each \
                its own run (--node sends one node's). An X12 846 takes its control numbers from the store, \
                from the retailer's counters that its 855s and 997s draw from, in the transaction that records \
                the run. --full or --delta overrides the profile's mode; a delta holds what changed since the \
                feed of the same node the retailer last accepted. --to sends to another URL (a test endpoint) \
                with the same credentials.

                Example:
                  dropgate feed push bestbuy --db orders.sqlite --to https://localhost:8443/offers
                """)

        @OptionGroup var feed: FeedChoice
        @Option(help: "Send here instead of the profile's destination (https URL, or sftp/file folder).")
        var to: String?
        @OptionGroup var delivery: DelivererOptions
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption
        @Flag(help: "No progress line on the terminal.") var quiet = false

        func run() async throws {
            try await FeedCommand.exitingOnFeedProblems(pushFeeds)
        }

        private func pushFeeds() async throws {
            let steps = StepLine(quiet: quiet)
            defer { steps.clear() }
            steps.show("\(feed.retailer): reading profiles, network and catalog")
            let (profiles, items) = try world.loadForFeeds()
            steps.clear()
            var builder = try feed.resolve(profiles)
            builder.progress = { steps.show($0) }
            var endpoint = builder.settings.endpoint
            if let to {
                guard let url = URL(string: to), ["http", "https", "sftp", "file"].contains(url.scheme ?? "") else {
                    throw ValidationError("'\(to)' is not an https, sftp or file URL")
                }
                endpoint.destination = url
            }
            let store = try await self.store.open(creating: false)
            let failures: Int
            do {
                failures = try await push(
                    builder, to: endpoint, profiles: profiles, items: items, store: store, steps: steps)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            if failures > 0 { throw ExitCode(1) }
        }

        /// Builds, records and sends the feeds (one per node where the profile asks for per-node figures),
        /// printing each run and its attempts; returns how many failed.
        private func push(
            _ builder: FeedBuilder, to endpoint: DeliveryEndpoint, profiles: ProfileSet, items: ItemListing,
            store: any OrderStore, steps: StepLine
        ) async throws -> Int {
            guard let deliveries = store as? any DeliveryStore else {
                printError("\(self.store.location): this store keeps no delivery ledger")
                throw ExitCode(2)
            }
            let base = clock.instant(default: Date())
            let sender = FeedSender(deliverer: delivery.deliverer, store: deliveries, now: FeedSender.clock(from: base))
            let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
            var failures = 0
            for built in try await builder.build(profiles: profiles, items: items, store: store, at: base) {
                steps.show("\(built.name): recording and sending to \(redacted)")
                let (run, result) = try await sender.send(built, to: endpoint)
                steps.clear()
                print("feed run \(run.id): \(built.name), \(run.mode), \(run.bytes) bytes, sha256 \(run.sha256)")
                for attempt in try await deliveries.deliveryAttempts(of: .feedRun(run.id)) {
                    let status = attempt.status.map { "status \($0)" } ?? (attempt.error ?? "no answer")
                    print("  attempt \(attempt.attempt) → \(attempt.url): \(status), \(attempt.outcome.rawValue)")
                }
                switch result {
                case .delivered(let attempts):
                    print("delivered to \(redacted) after \(attempts) attempt\(attempts == 1 ? "" : "s")")
                case .superseded:
                    print("superseded by a newer feed of \(built.profile.id) before it left: not sent")
                case .nothingToSend:
                    print("no line changed since the feed \(built.profile.id) last accepted: nothing to send")
                case .failed(let attempts):
                    failures += 1
                    printError(
                        "\(built.profile.id): feed run \(run.id) failed after \(attempts) attempt\(attempts == 1 ? "" : "s") to \(redacted)"
                    )
                }
            }
            return failures
        }
    }
}
