public import Foundation
import Orders
public import Profiles
public import Store

/// One pass of the feed schedule, as `dropgate feed run-due` and the service's delivery loop run it: for every
/// retailer with a feed (per node, where its profile asks for per-node figures) the feed is due when its schedule
/// fired since the last one was built, and no sooner than the minimum interval after it (a retailer never sent one
/// is due at once). A due feed is claimed through the store first (`claimFeedSlot`), so that several processes
/// running the schedule at once build each due feed once; then it is built, recorded and pushed.
public struct FeedScheduler: Sendable {
    public var profiles: ProfileSet
    public var store: any OrderStore & DeliveryStore
    public var sender: FeedSender

    /// `now` gives the instants the store and ledger see as the pass goes on (`FeedSender.clock(from:)`).
    public init(
        profiles: ProfileSet, store: any OrderStore & DeliveryStore, deliverer: Deliverer,
        now: @escaping @Sendable () -> Date
    ) {
        self.profiles = profiles
        self.store = store
        self.sender = FeedSender(deliverer: deliverer, store: store, now: now)
    }

    /// Sends every feed due at `now`, in profile order, and says what became of each, to `observe` as it happens
    /// and in the result. Waits between a feed's attempts on `clock`. Throws only when the store cannot say when
    /// feeds were last built; a retailer whose feeds fail is an outcome, and the pass goes on with the next.
    public func runDue(
        at now: Date, clock: some Clock<Duration> = ContinuousClock(), observe: (Outcome) -> Void = { _ in }
    ) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        func note(_ outcome: Outcome) {
            outcomes.append(outcome)
            observe(outcome)
        }
        var lastBuilt: [FeedKey: Date] = [:]
        for build in try await store.lastFeedBuilds() {
            lastBuilt[FeedKey(retailer: build.retailer, node: build.node)] = build.builtAt
        }
        // Read once, for every retailer whose feed is due: the same stock at the same instant.
        var stock: FeedStock?
        var items: ItemListing?
        for profile in profiles.sortedProfiles {
            guard let settings = profile.feed else { continue }
            do {
                var claimed: [DCID?] = []
                for node in try FeedBuilder.feedNodes(of: profile, in: profiles.network) {
                    let key = FeedKey(retailer: profile.id, node: node)
                    guard let due = settings.nextDue(after: lastBuilt[key]) else {
                        note(.neverDue(key))
                        continue
                    }
                    guard due <= now else {
                        note(.notDue(key, until: due))
                        continue
                    }
                    guard
                        try await store.claimFeedSlot(
                            retailer: profile.id, node: node, due: due, at: now, lease: sender.deliverer.lease)
                    else {
                        note(.claimedElsewhere(key))
                        continue
                    }
                    claimed.append(node)
                }
                guard !claimed.isEmpty else { continue }
                let builder = FeedBuilder(
                    profile: profile, settings: settings, format: settings.format, mode: settings.mode,
                    nodes: settings.perNode ? Set(claimed.compactMap { $0 }) : nil)
                let listed = items ?? ItemListing(profiles.catalog)
                items = listed
                if stock == nil { stock = try await FeedStock.read(from: store, items: listed) }
                for built in try await builder.build(
                    profiles: profiles, items: listed, store: store, at: now, stock: stock)
                {
                    let endpoint = built.settings.endpoint
                    let (run, result) = try await sender.send(built, to: endpoint, clock: clock)
                    note(
                        .sent(
                            Sent(
                                key: FeedKey(retailer: profile.id, node: built.node), run: run, name: built.name,
                                destination: TransferRequest(url: endpoint.destination.absoluteString, body: [])
                                    .redactedURL, result: result)))
                }
            } catch {
                note(.notSent(profile.id, error))
            }
        }
        return outcomes
    }
}
