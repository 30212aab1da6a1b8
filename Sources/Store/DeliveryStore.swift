public import Foundation
public import Orders

/// What the deliverer needs of the store: claiming what is due (once across processes, with a lease so that a
/// crashed deliverer's claim runs out), the ledger of attempts, and the feed runs with their ordering rule.
///
/// Claims are conditional updates: a row moves `pending` → `sending` only if it is still pending and due (or its
/// previous claim has expired), so two processes never both win it. A claim lasts until `now + lease`; a deliverer
/// that dies mid-transfer leaves the row to be claimed again after that.
public protocol DeliveryStore: Sendable {
    // MARK: Outbox

    /// Outbox rows due at `now`, oldest first: pending with no next-attempt time or one at or before `now`, or
    /// sending under a claim that has run out.
    func dueOutbox(at now: Date, limit: Int) async throws(StoreError) -> [OutboxEntry]

    /// Claims those of `ids` that are still due at `now`, until `now + lease`; the rows another process won (or that
    /// are no longer due) are left out.
    func claimOutbox(_ ids: [OutboxID], at now: Date, lease: Duration) async throws(StoreError) -> [OutboxClaim]

    /// Records an attempt at a claimed row and moves the row on: delivered (`sent`), back to `pending` with its
    /// next-attempt time, or `failed`. One transaction.
    func resolveOutbox(_ id: OutboxID, as resolution: DeliveryResolution, attempt: DeliveryAttempt)
        async throws(StoreError)

    // MARK: Ledger

    /// The ledger, oldest first: the attempts at one item, or every attempt when `subject` is nil.
    func deliveryAttempts(of subject: DeliverySubject?) async throws(StoreError) -> [DeliveryAttempt]

    // MARK: Feed runs

    /// Records a built feed as `pending`. Older runs of the same retailer and node that have not left yet are
    /// superseded; the new run is superseded at once when a newer one exists already.
    func recordFeedRun(_ draft: FeedRunDraft) async throws(StoreError) -> FeedRun

    /// Claims a run for one attempt, unless it is superseded, finished, not due, or an older run of its retailer and
    /// node is being sent (which must land first).
    func claimFeedRun(_ id: FeedRunID, at now: Date, lease: Duration) async throws(StoreError) -> FeedRunClaim

    /// Records an attempt at a claimed run and moves it on, as `resolveOutbox` does.
    func resolveFeedRun(_ id: FeedRunID, as resolution: DeliveryResolution, attempt: DeliveryAttempt)
        async throws(StoreError)

    /// Feed runs, oldest first; one retailer's, or every retailer's when nil.
    func feedRuns(retailer: RetailerID?) async throws(StoreError) -> [FeedRun]

    /// `feedRuns(retailer:)` without what each run sent and kept (`body` empty, `snapshot` nil): what `feed status`
    /// and `GET /v1/feeds` read, which a month of million-item feeds would otherwise load whole.
    func feedRunsWithoutBodies(retailer: RetailerID?) async throws(StoreError) -> [FeedRun]

    /// When each retailer's newest delivered feed was delivered (any node): what a metrics scrape reads, without a
    /// feed's body.
    func lastDeliveredFeeds() async throws(StoreError) -> [RetailerID: Date]

    /// The last run of each node of `retailer`'s feed (one row per node; node nil for a feed of every node) that
    /// the retailer accepted (`FeedRun.isAccepted`: delivered, and where it was sent to be accepted on a 997, a 997
    /// accepted it): what it holds, that the next delta is taken against.
    func acceptedFeedRuns(retailer: RetailerID) async throws(StoreError) -> [FeedRun]

    // MARK: Schedules

    /// When each retailer's feed of each node (nil: of every node) was last built, whatever became of it: what its
    /// schedule counts the next due instant from. Reads no bodies.
    func lastFeedBuilds() async throws(StoreError) -> [FeedBuild]

    /// Claims the feed of `retailer` and `node` (nil: the feed of every node) that fell due at `due`, for `lease`:
    /// true for the one caller that wins it, false while another holds it. A slot is a row keyed by retailer, node
    /// and due instant, inserted, or taken over once its lease ran out (its holder died before recording the run),
    /// in one conditional statement: two processes running the schedule at once build each due feed once. Once the
    /// run is recorded the next due instant is counted from it, so a slot is never wanted again.
    ///
    /// Each claim also deletes every slot whose lease has run out: such a row is claimed again exactly as a missing
    /// one is (a row whose lease ran out is taken over), so it tells the schedule nothing, and the table holds only
    /// the slots being worked on instead of one row per feed ever due.
    func claimFeedSlot(retailer: RetailerID, node: DCID?, due: Date, at now: Date, lease: Duration)
        async throws(StoreError) -> Bool
}

extension DeliveryResolution {
    /// The state an outbox row takes.
    var outboxState: OutboxState {
        switch self {
        case .delivered: .sent
        case .retry: .pending
        case .failed: .failed
        }
    }

    /// The state a feed run takes.
    var feedRunState: FeedRunState {
        switch self {
        case .delivered: .delivered
        case .retry: .pending
        case .failed: .failed
        }
    }

    var nextAttemptAt: Date? {
        if case .retry(let at) = self { return at }
        return nil
    }
}
