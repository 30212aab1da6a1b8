public import Foundation
import Orders
public import Profiles
public import Store

/// One retailer's feeds at a glance: the last one built and delivered, how many failed since, and when the next is
/// due by the profile's schedule. What `dropgate feed status` prints and `GET /v1/feeds` answers.
public struct FeedStatus: Encodable, Hashable, Sendable {
    public var retailer: String
    public var format: String
    /// Where feeds go, with any password in it hidden.
    public var destination: String
    public var lastBuilt: Date?
    public var lastDelivered: Date?
    public var lastState: String?
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
            return FeedStatus(
                retailer: profile.id.rawValue, format: settings.format.rawValue,
                destination: TransferRequest(url: settings.destination.absoluteString, body: []).redactedURL,
                lastBuilt: lastBuilt, lastDelivered: lastDelivered, lastState: mine.last?.state.rawValue,
                failuresSinceDelivered: sinceDelivered.filter { $0.state == .failed }.count,
                nextDue: nextDue == .distantPast ? nil : nextDue, due: nextDue.map { $0 <= now } ?? false)
        }
    }
}
