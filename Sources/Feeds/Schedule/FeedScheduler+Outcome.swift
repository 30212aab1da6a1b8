public import Foundation
public import Orders
public import Store

extension FeedScheduler {
    /// What a pass did about one feed (or, when its feeds could not be built, one retailer).
    public enum Outcome: Sendable {
        /// The schedule never fires again: the feed is not due, now or later.
        case neverDue(FeedKey)
        /// Not due before `until` (the schedule's next instant, no sooner than the minimum interval).
        case notDue(FeedKey, until: Date)
        /// Due, and another process claimed it first: that process builds and sends it.
        case claimedElsewhere(FeedKey)
        /// Built, recorded as a run and pushed: delivered, failed for good, or superseded before it left.
        case sent(Sent)
        /// The retailer's due feeds were not all built, recorded or sent: the files or the store were at fault.
        /// Feeds of it already sent in the pass have their own `sent` outcome.
        case notSent(RetailerID, any Error)

        /// False when the feed (or retailer) failed for good: a run-due exits 1 for it.
        public var succeeded: Bool {
            switch self {
            case .neverDue, .notDue, .claimedElsewhere: true
            case .sent(let sent):
                if case .failed = sent.result { false } else { true }
            case .notSent: false
            }
        }
    }

    /// A feed recorded and pushed.
    public struct Sent: Sendable {
        public var key: FeedKey
        public var run: FeedRun
        /// The file name it was sent under.
        public var name: String
        /// Where it went, with any user and password taken out of the URL.
        public var destination: String
        public var result: Deliverer.PushResult

        /// How many attempts it took (none when superseded).
        public var attempts: Int {
            switch result {
            case .delivered(let attempts), .failed(let attempts): attempts
            case .superseded, .nothingToSend: 0
            }
        }
    }
}
