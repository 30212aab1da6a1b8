public import Foundation
public import Profiles
public import Store

/// One pass over the due outbox, as `dropgate outbox deliver`, `feed run-due` and the service's delivery loop run
/// it: the due rows are claimed (a claim lasts the deliverer's lease, so several deliverers never send a row twice
/// and a crashed one's rows come back) and each gets one attempt, written to the ledger. Acknowledgements and 855s
/// go to the retailer profile's `documents:` destination, pick tickets to the DC's `pick-tickets:`; a row nothing
/// names a destination for stays queued.
public struct OutboxDelivery: Sendable {
    public var profiles: ProfileSet
    public var store: any DeliveryStore
    public var deliverer: Deliverer

    public init(profiles: ProfileSet, store: any DeliveryStore, deliverer: Deliverer) {
        self.profiles = profiles
        self.store = store
        self.deliverer = deliverer
    }

    /// What a pass did about one due row.
    public enum Outcome: Sendable {
        /// Nothing names a destination for it (`reason` says which file would): it stays queued, unclaimed.
        case unrouted(OutboxEntry, reason: String)
        /// One attempt, recorded; the report says whether it was delivered, waits for another, or failed for good.
        case attempted(OutboxEntry, Deliverer.Report)
    }

    /// Claims up to `limit` rows due at `now()` and makes one attempt at each, saying what became of each row to
    /// `observe` as it happens and in the result: the rows without a destination first, then the attempts in the
    /// order of the rows' ids. A row another process claimed first is left out.
    public func deliverDue(at now: () -> Date, limit: Int, observe: (Outcome) -> Void = { _ in }) async throws
        -> [Outcome]
    {
        var outcomes: [Outcome] = []
        var routes: [OutboxID: DeliveryEndpoint] = [:]
        for entry in try await store.dueOutbox(at: now(), limit: limit) {
            switch profiles.destination(of: entry) {
            case .endpoint(let endpoint): routes[entry.id] = endpoint
            case .unnamed(let reason):
                outcomes.append(.unrouted(entry, reason: reason))
                observe(.unrouted(entry, reason: reason))
            }
        }
        let ids = routes.keys.sorted { $0.rawValue < $1.rawValue }
        for claim in try await store.claimOutbox(ids, at: now(), lease: deliverer.lease) {
            guard let endpoint = routes[claim.entry.id] else { continue }
            let report = try await deliverer.deliver(claim, to: endpoint, store: store, at: now())
            outcomes.append(.attempted(claim.entry, report))
            observe(.attempted(claim.entry, report))
        }
        return outcomes
    }
}
