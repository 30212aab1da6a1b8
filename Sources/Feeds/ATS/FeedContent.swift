public import Foundation
public import Orders
public import Profiles

/// What one feed to a retailer says: its lines, in order, and what they were taken from.
public struct FeedContent: Hashable, Sendable {
    public var header: FeedHeader
    /// The lines to send, sorted by `ATSLine.Key`.
    public var lines: [ATSLine]
    /// The whole picture at this feed's instant. Once the retailer accepts this feed, this is what it holds (a
    /// delta brings it up to it): the value to keep and pass as `previous` for the next delta.
    public var snapshot: ATSSnapshot

    public init(header: FeedHeader, lines: [ATSLine], snapshot: ATSSnapshot) {
        self.header = header
        self.lines = lines
        self.snapshot = snapshot
    }

    /// Every figure of `snapshot`; a zero is left out only where the profile says `unavailable: omit` (the
    /// retailer then reads a full feed's missing item as none).
    public static func full(_ snapshot: ATSSnapshot, unavailable: FeedSettings.Unavailable) -> FeedContent {
        let lines = unavailable == .omit ? snapshot.lines.filter { $0.quantity > 0 } : snapshot.lines
        return FeedContent(header: FeedHeader(snapshot, mode: .full), lines: lines, snapshot: snapshot)
    }

    /// What changed since `previous`, the picture the retailer holds: a line whose figure differs, a line new to
    /// it (a zero only where the profile sends zeros, as a full feed would), and a 0 for every line it holds above
    /// zero that is gone now (an item no longer sold, a node no longer listed), whatever `unavailable` says: a
    /// delta's omission means "unchanged", so a zero must be said. With no `previous` (nothing accepted yet) the
    /// feed is a full one, and says so in its header.
    public static func delta(
        _ snapshot: ATSSnapshot, since previous: ATSSnapshot?, unavailable: FeedSettings.Unavailable
    ) -> FeedContent {
        guard let previous else { return full(snapshot, unavailable: unavailable) }
        var before = [ATSLine.Key: ATSLine](minimumCapacity: previous.lines.count)
        for line in previous.lines where before[line.key] == nil { before[line.key] = line }
        var lines: [ATSLine] = []
        for line in snapshot.lines {
            if let old = before.removeValue(forKey: line.key) {
                if old.quantity != line.quantity { lines.append(line) }
            } else if line.quantity > 0 || unavailable == .zero {
                lines.append(line)
            }
        }
        var gone = before.values.filter { $0.quantity > 0 }
        if !gone.isEmpty {
            for index in gone.indices { gone[index].quantity = 0 }
            lines = (lines + gone).sorted { $0.key < $1.key }
        }
        return FeedContent(header: FeedHeader(snapshot, mode: .delta), lines: lines, snapshot: snapshot)
    }
}

/// What every format says about a feed besides its lines.
public struct FeedHeader: Hashable, Sendable {
    public var retailer: RetailerID
    public var instant: Date
    public var mode: FeedSettings.Mode
    public var perNode: Bool

    public init(retailer: RetailerID, instant: Date, mode: FeedSettings.Mode, perNode: Bool) {
        self.retailer = retailer
        self.instant = instant
        self.mode = mode
        self.perNode = perNode
    }

    init(_ snapshot: ATSSnapshot, mode: FeedSettings.Mode) {
        self.init(retailer: snapshot.retailer, instant: snapshot.instant, mode: mode, perNode: snapshot.perNode)
    }
}
