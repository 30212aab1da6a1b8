public import Foundation

extension FeedSettings {
    /// When the retailer's next feed is due, given when the last one was built (nil: never). A retailer never sent a
    /// feed is due at once (`.distantPast`); otherwise at the schedule's first firing after the last feed, and no
    /// sooner than the profile's minimum interval after it. Firings missed while no gateway ran make one feed, not
    /// one each: the next due time is counted from the last feed, whenever it went. Nil when the schedule never
    /// fires again.
    public func nextDue(after last: Date?) -> Date? {
        guard let last else { return .distantPast }
        guard let firing = schedule.firing(after: last) else { return nil }
        guard let seconds = minimumInterval?.seconds else { return firing }
        return max(firing, last.addingTimeInterval(seconds))
    }

    /// Whether a feed is due at `now`, the last one having been built at `last`.
    public func isDue(at now: Date, last: Date?) -> Bool {
        guard let due = nextDue(after: last) else { return false }
        return due <= now
    }
}
