public import Foundation
import Orders
public import Profiles
public import Store

/// One retailer's feeds at a glance: the last one built and delivered, how many failed since, what the retailer's
/// 997 said of the last one delivered where the profile waits for one, and when the next is due by the profile's
/// schedule. What `dropgate feed status` prints and `GET /v1/feeds` answers.
public struct FeedStatus: Encodable, Hashable, Sendable {
    public var retailer: String
    public var format: String
    /// Where feeds go, with any password in it hidden.
    public var destination: String
    /// `delivery`, or `997`: when a run counts as accepted (`FeedSettings.acceptedOn`).
    public var acceptedOn: String
    public var lastBuilt: Date?
    public var lastDelivered: Date?
    /// When the run the next delta is taken against was built (the newest the retailer accepted).
    public var lastAccepted: Date?
    public var lastState: String?
    /// What the retailer's 997/999 said of the newest delivered run of each node: `rejected` (or
    /// `partially-accepted`) when it refused one, else `awaiting` while one waits for the 997 that would accept it,
    /// else what the newest one's said (`accepted`, `accepted-with-errors`); nil when none is expected or came back.
    public var lastAcknowledgement: String?
    /// The errors the 997 shown reported, one line each.
    public var acknowledgementErrors: String?
    /// Whether the newest delivered run of a node waits for the 997 that would accept it.
    public var awaitingAcknowledgement: Bool
    /// Since when: the delivery of the earliest of those runs (how overdue its 997 is, against the retailer's
    /// guide).
    public var awaitingSince: Date?
    /// Whether that run's 997 is overdue: it was due `acknowledgement-due` after the delivery (never, without one).
    public var acknowledgementOverdue: Bool
    public var failuresSinceDelivered: Int
    public var nextDue: Date?
    public var due: Bool

    /// A line for every profile with a feed, in profile order, from the store's feed runs (a retailer never sent a
    /// feed is due at once).
    public static func lines(profiles: ProfileSet, runs: [FeedRun], at now: Date) -> [FeedStatus] {
        profiles.sortedProfiles.compactMap { profile -> FeedStatus? in
            guard let settings = profile.feed else { return nil }
            let mine = runs.filter { $0.retailer == profile.id }.sorted { $0.builtAt < $1.builtAt }
            let lastBuilt = mine.last?.builtAt
            let delivered = mine.filter { $0.state == .delivered }
            let lastDelivered = delivered.compactMap(\.deliveredAt).max()
            let sinceDelivered = mine.filter { run in delivered.last.map { run.builtAt > $0.builtAt } ?? true }
            let nextDue = settings.nextDue(after: lastBuilt)
            // The newest delivered run of each node: what the retailer was last sent of it. One a 997 refused is
            // shown before one that waits for its 997, which is shown before what the newest one's 997 said.
            var newest: [DCID?: FeedRun] = [:]
            for run in delivered { newest[run.node] = run }
            let latest = newest.values.sorted { $0.builtAt < $1.builtAt }
            let refused = latest.last { $0.acknowledgement.map { !$0.status.accepts } ?? false }
            let awaiting = latest.contains(where: \.awaitsAcknowledgement)
            let acknowledgement = refused?.acknowledgement ?? latest.last?.acknowledgement
            let awaitingSince = latest.filter(\.awaitsAcknowledgement).compactMap(\.deliveredAt).min()
            return FeedStatus(
                retailer: profile.id.rawValue, format: settings.format.rawValue,
                destination: TransferRequest(url: settings.destination.absoluteString, body: []).redactedURL,
                acceptedOn: settings.acceptedOn.rawValue, lastBuilt: lastBuilt, lastDelivered: lastDelivered,
                lastAccepted: mine.last(where: \.isAccepted)?.builtAt, lastState: mine.last?.state.rawValue,
                lastAcknowledgement: refused == nil && awaiting ? "awaiting" : acknowledgement?.status.rawValue,
                acknowledgementErrors: acknowledgement.flatMap { $0.errors.isEmpty ? nil : $0.errors },
                awaitingAcknowledgement: awaiting,
                awaitingSince: awaitingSince,
                acknowledgementOverdue: awaitingSince.map { since in
                    settings.acknowledgementDue?.seconds.map { since.addingTimeInterval($0) < now } ?? false
                } ?? false,
                failuresSinceDelivered: sinceDelivered.filter { $0.state == .failed }.count,
                nextDue: nextDue == .distantPast ? nil : nextDue, due: nextDue.map { $0 <= now } ?? false)
        }
    }
}
