public import Foundation
public import Orders

/// What a delivery attempt was for: an outbox row or a feed run.
public enum DeliverySubject: Hashable, Sendable {
    case outbox(OutboxID)
    case feedRun(FeedRunID)
}

/// How one attempt ended in the ledger.
public enum DeliveryOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case delivered
    /// Failed, to be tried again at the item's next-attempt time.
    case retry
    /// Failed for good: a final refusal, or the last attempt allowed.
    case failed
}

/// One line of the delivery ledger: every attempt, whatever came of it. The URL carries no credentials.
public struct DeliveryAttempt: Hashable, Sendable {
    public var subject: DeliverySubject
    /// 1 for the first attempt at the item.
    public var attempt: Int
    public var at: Date
    public var url: String
    /// The HTTP status; 0 for a file:// or sftp:// transfer that completed; nil when none came back.
    public var status: Int?
    /// Bytes of the body sent.
    public var bytes: Int
    public var duration: Duration
    /// The first bytes of the response body (at most `DeliveryAttempt.excerptLimit`).
    public var responseExcerpt: [UInt8]
    public var outcome: DeliveryOutcome
    /// Why the transfer failed, when it did (no secrets).
    public var error: String?

    /// Enough of an answer to see what a retailer's endpoint said, without keeping whole error pages.
    public static let excerptLimit = 512

    public init(
        subject: DeliverySubject, attempt: Int, at: Date, url: String, status: Int?, bytes: Int, duration: Duration,
        responseExcerpt: [UInt8], outcome: DeliveryOutcome, error: String? = nil
    ) {
        self.subject = subject
        self.attempt = attempt
        self.at = at
        self.url = url
        self.status = status
        self.bytes = bytes
        self.duration = duration
        self.responseExcerpt = Array(responseExcerpt.prefix(Self.excerptLimit))
        self.outcome = outcome
        self.error = error
    }
}

/// An outbox row this process now delivers, and how many attempts it had before.
public struct OutboxClaim: Hashable, Sendable {
    public var entry: OutboxEntry
    public var attempts: Int

    public init(entry: OutboxEntry, attempts: Int) {
        self.entry = entry
        self.attempts = attempts
    }
}

/// What becomes of a claimed item after an attempt.
public enum DeliveryResolution: Hashable, Sendable {
    case delivered
    /// Back in the queue, not before this instant.
    case retry(at: Date)
    case failed

    /// The ledger's word for it.
    public var outcome: DeliveryOutcome {
        switch self {
        case .delivered: .delivered
        case .retry: .retry
        case .failed: .failed
        }
    }
}

public struct FeedRunID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A feed as built, before it is recorded: one retailer's picture (of one node, or of every node) at `builtAt`.
public struct FeedRunDraft: Sendable {
    public var retailer: RetailerID
    /// The node of a per-node feed; nil for a feed of every node.
    public var node: DCID?
    public var format: String
    /// `full` or `delta`.
    public var mode: String
    public var builtAt: Date
    public var body: FeedRunBody
    /// Where it goes, without credentials.
    public var destination: String
    /// What the feed says, item by item, as compact JSON (the feed module's `ATSSnapshot`): the picture the
    /// retailer holds once it accepts this run, which the next delta is computed against. The store keeps it as
    /// given and never reads into it.
    public var snapshot: [UInt8]?
    /// A delta in which no line changed: recorded as `nothing-to-send`, never sent.
    public var nothingToSend = false
    /// When the retailer counts as holding it (`FeedRun.isAccepted`): on delivery, or once a 997 accepts its group
    /// (a numbered X12 846 only).
    public var acceptedOn = FeedAcceptance.delivery

    public init(
        retailer: RetailerID, node: DCID?, format: String, mode: String, builtAt: Date, body: [UInt8],
        destination: String, snapshot: [UInt8]? = nil
    ) {
        self.init(
            retailer: retailer, node: node, format: format, mode: mode, builtAt: builtAt, body: .rendered(body),
            destination: destination, snapshot: snapshot)
    }

    public init(
        retailer: RetailerID, node: DCID?, format: String, mode: String, builtAt: Date, body: FeedRunBody,
        destination: String, snapshot: [UInt8]? = nil
    ) {
        self.retailer = retailer
        self.node = node
        self.format = format
        self.mode = mode
        self.builtAt = builtAt
        self.body = body
        self.destination = destination
        self.snapshot = snapshot
    }
}

/// A feed run's bytes: rendered already (CSV, JSON, XML), or rendered by the store in the transaction that records
/// the run, with control numbers drawn from `partner`'s counters (an X12 846: the same counters as its 855s and
/// 997s, so an ISA13 is never used twice nor skipped by a rollback).
public enum FeedRunBody: Sendable {
    case rendered([UInt8])
    case numbered(partner: String, render: @Sendable (inout ControlNumbers) throws -> [UInt8])
}

/// Where a feed run is: `pending` (waiting, or waiting for its next attempt) → `sending` (claimed) → `delivered`,
/// `failed`, or `superseded` (a newer picture of the same retailer and node was built before this one left); or
/// `nothing-to-send` from the start: a delta in which no line changed, recorded so that the schedule counts it as
/// built, and never sent.
public enum FeedRunState: String, Hashable, Sendable, Codable, CaseIterable {
    case pending, sending, delivered, failed, superseded
    case nothingToSend = "nothing-to-send"
}

/// A feed sent or to be sent, as the store keeps it, so that schedules, deltas and `feed status` can build on it.
public struct FeedRun: Hashable, Sendable {
    public var id: FeedRunID
    public var retailer: RetailerID
    public var node: DCID?
    public var format: String
    public var mode: String
    public var builtAt: Date
    public var bytes: Int
    /// Hex SHA-256 of the body.
    public var sha256: String
    public var destination: String
    public var state: FeedRunState
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var body: [UInt8]
    /// What it says, as `FeedRunDraft.snapshot`; nil for a run recorded without it.
    public var snapshot: [UInt8]?
    /// As the draft said: on delivery, or once a 997 accepts its group.
    public var acceptedOn: FeedAcceptance
    /// What the retailer's 997/999 said of its group; nil while none came back (or for a run no 997 answers).
    public var acknowledgement: GroupAcknowledgement?

    public init(
        id: FeedRunID, retailer: RetailerID, node: DCID?, format: String, mode: String, builtAt: Date, bytes: Int,
        sha256: String, destination: String, state: FeedRunState, attempts: Int, nextAttemptAt: Date?,
        deliveredAt: Date?, body: [UInt8], snapshot: [UInt8]? = nil, acceptedOn: FeedAcceptance = .delivery,
        acknowledgement: GroupAcknowledgement? = nil
    ) {
        self.id = id
        self.retailer = retailer
        self.node = node
        self.format = format
        self.mode = mode
        self.builtAt = builtAt
        self.bytes = bytes
        self.sha256 = sha256
        self.destination = destination
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.body = body
        self.snapshot = snapshot
        self.acceptedOn = acceptedOn
        self.acknowledgement = acknowledgement
    }
}

extension FeedRun {
    /// Whether the retailer accepted this run, so that it holds the picture the run carries and the next delta is
    /// computed against it: the run was delivered (a 2xx from an https endpoint, or an sftp or file transfer that
    /// completed) and, where it was sent to be accepted on a 997 (`acceptedOn`), a 997 accepted its group (AK9 A or
    /// E). A run a 997 rejected (or accepted in part) is not accepted: the next delta is taken against the last one
    /// that was. `DeliveryStore.acceptedFeedRuns` asks the same in SQL.
    public var isAccepted: Bool {
        guard state == .delivered else { return false }
        switch acceptedOn {
        case .delivery: return true
        case .functionalAcknowledgement: return acknowledgement?.status.accepts == true
        }
    }

    /// Delivered to be accepted on a 997 that has not come back yet.
    public var awaitsAcknowledgement: Bool {
        state == .delivered && acceptedOn == .functionalAcknowledgement && acknowledgement == nil
    }
}

/// When a retailer's feed of one node (nil: of every node) was last built.
public struct FeedBuild: Hashable, Sendable {
    public var retailer: RetailerID
    public var node: DCID?
    public var builtAt: Date

    public init(retailer: RetailerID, node: DCID?, builtAt: Date) {
        self.retailer = retailer
        self.node = node
        self.builtAt = builtAt
    }
}

/// Whether a feed run may be sent now.
public enum FeedRunClaim: Hashable, Sendable {
    /// Claimed until the lease ends: send it.
    case claimed(FeedRun)
    /// It waits for its next attempt, at this instant.
    case notDue(until: Date)
    /// Another deliverer holds it, or an older run of the same retailer and node is being sent: try again later.
    case busy
    /// A newer run of the same retailer and node exists: this one is never sent (and is now `superseded`).
    case superseded
    /// It is delivered or failed already.
    case finished(FeedRunState)
}
