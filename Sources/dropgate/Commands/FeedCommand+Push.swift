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
                after a newer one. --to sends to another URL (a test endpoint) with the same credentials.

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

        func run() async throws {
            let profiles = try world.load()
            let (_, settings, _) = try feed.resolve(profiles)
            var endpoint = settings.endpoint
            if let to {
                guard let url = URL(string: to), ["http", "https", "sftp", "file"].contains(url.scheme ?? "") else {
                    throw ValidationError("'\(to)' is not an https, sftp or file URL")
                }
                endpoint.destination = url
            }
            let store = try await self.store.open(creating: false)
            let result: Deliverer.PushResult
            let built: BuiltFeed
            let run: FeedRun
            do {
                (built, run, result) = try await push(to: endpoint, profiles: profiles, store: store)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
            switch result {
            case .delivered(let attempts):
                print("delivered to \(redacted) after \(attempts) attempt\(attempts == 1 ? "" : "s")")
            case .superseded:
                print("superseded by a newer feed of \(built.profile.id) before it left: not sent")
            case .failed(let attempts):
                printError(
                    "\(built.profile.id): feed run \(run.id) failed after \(attempts) attempt\(attempts == 1 ? "" : "s") to \(redacted)"
                )
                throw ExitCode(1)
            }
        }

        /// Builds, records and sends the feed, printing the run and each attempt.
        private func push(to endpoint: DeliveryEndpoint, profiles: ProfileSet, store: any OrderStore) async throws
            -> (BuiltFeed, FeedRun, Deliverer.PushResult)
        {
            guard let deliveries = store as? any DeliveryStore else {
                printError("\(self.store.location): this store keeps no delivery ledger")
                throw ExitCode(2)
            }
            let started = ContinuousClock.now
            let base = clock.instant(default: Date())
            let now: @Sendable () -> Date = {
                let (seconds, attoseconds) = (ContinuousClock.now - started).components
                return base + Double(seconds) + Double(attoseconds) / 1e18
            }
            let built = try await feed.build(profiles: profiles, store: store, at: base)
            let redacted = TransferRequest(url: endpoint.destination.absoluteString, body: []).redactedURL
            let run = try await deliveries.recordFeedRun(
                FeedRunDraft(
                    retailer: built.profile.id, node: built.node, format: built.format.rawValue,
                    // What is built is the whole picture; deltas come with the feed schedules.
                    mode: FeedSettings.Mode.full.rawValue, builtAt: built.builtAt, body: built.bytes,
                    destination: redacted))
            print("feed run \(run.id): \(built.name), \(run.bytes) bytes, sha256 \(run.sha256)")
            let result = try await delivery.deliverer.push(
                run, name: built.name, to: endpoint, store: deliveries, clock: ContinuousClock(), now: now)
            for attempt in try await deliveries.deliveryAttempts(of: .feedRun(run.id)) {
                let status = attempt.status.map { "status \($0)" } ?? (attempt.error ?? "no answer")
                print("  attempt \(attempt.attempt) → \(attempt.url): \(status), \(attempt.outcome.rawValue)")
            }
            return (built, run, result)
        }
    }
}
