public import Foundation
public import Orders
public import Profiles
public import Store

/// Builds a retailer's feeds from the store: ATS from its stock and node switches, one feed per node where the
/// profile asks for per-node figures (else one of every node), full or a delta against what the retailer last
/// accepted of each.
public struct FeedBuilder: Sendable {
    public var profile: RetailerProfile
    public var settings: FeedSettings
    public var format: FeedSettings.Format
    public var mode: FeedSettings.Mode
    /// The nodes to build a per-node feed for; nil for every node the retailer may be served from.
    public var nodes: Set<DCID>?
    /// Told the steps of a long build (for a terminal's step line), if anyone is.
    public var progress: (@Sendable (String) -> Void)?

    public init(
        profile: RetailerProfile, settings: FeedSettings, format: FeedSettings.Format, mode: FeedSettings.Mode,
        nodes: Set<DCID>? = nil, progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.profile = profile
        self.settings = settings
        self.format = format
        self.mode = mode
        self.nodes = nodes
        self.progress = progress
    }

    /// The nodes of the retailer's feeds: each node it may be served from when its feed is per node, else one feed
    /// of every node (nil).
    public static func feedNodes(of profile: RetailerProfile, in network: Network) throws -> [DCID?] {
        let calculator = try ATSCalculator(profile: profile, network: network)
        return calculator.settings.perNode ? calculator.nodes.map(\.id) : [nil]
    }

    /// Computes the feeds at `now`. A delta is taken against the snapshot of the last run of the same retailer and
    /// node that it accepted (`FeedRun.isAccepted`); with none, the delta is a full feed (and says so).
    /// `stock`, when given, is what the feeds are computed from (read once for every retailer of a run); else it is
    /// read from `store` now. `items` is the catalog as the feed reads it (`ProfileSet.loadForFeeds`); nil for
    /// `profiles.catalog`'s.
    public func build(
        profiles: ProfileSet, items: ItemListing? = nil, store: any OrderStore, at now: Date, stock: FeedStock? = nil
    ) async throws -> [BuiltFeed] {
        let renderer = try FeedRenderer(format: format, profile: profile, profiles: profiles, at: now)
        let items = items ?? ItemListing(profiles.catalog)
        var stock =
            if let stock { stock } else {
                try await FeedStock.read(from: store, items: items, progress: progress)
            }
        let calculator = try ATSCalculator(
            profile: profile, network: profiles.network, switches: stock.switches, items: items)
        progress?("\(profile.id): computing ATS from \(stock.positions.count.formatted()) stock rows")
        let figures = calculator.figures(of: stock.positions, at: now)
        // Summed into the figures: the rows read here are let go before the lines are made.
        stock.positions = []
        let snapshot = calculator.snapshot(of: figures, at: now).addingInbound(stock.inbound)
        let keys: [DCID?] =
            settings.perNode ? snapshot.nodes.filter { nodes?.contains($0) ?? true }.map(Optional.some) : [nil]
        progress?("\(profile.id): \(mode == .delta ? "comparing with the last accepted feed" : "rendering")")
        let accepted = mode == .delta ? try await acceptedSnapshots(store) : [:]
        return keys.map { node in
            let part = node.map { snapshot.only($0) } ?? snapshot
            let content: FeedContent =
                switch mode {
                case .full: .full(part, unavailable: settings.unavailable)
                case .delta: .delta(part, since: accepted[node], unavailable: settings.unavailable)
                }
            return BuiltFeed(
                profile: profile, settings: settings, node: node, builtAt: now, content: content, renderer: renderer)
        }
    }

    /// Per node (nil: the feed of every node), the snapshot of the last run the retailer accepted.
    private func acceptedSnapshots(_ store: any OrderStore) async throws -> [DCID?: ATSSnapshot] {
        guard let deliveries = store as? any DeliveryStore else { return [:] }
        var snapshots: [DCID?: ATSSnapshot] = [:]
        for run in try await deliveries.acceptedFeedRuns(retailer: profile.id) {
            // A run recorded before runs kept what they said: the retailer's picture is unknown, so a full feed.
            guard let json = run.snapshot else { continue }
            do {
                snapshots[run.node] = try ATSSnapshot(compactJSON: json)
            } catch {
                throw FeedError(.unreadableSnapshot(run: run.id), url: profile.id.rawValue, detail: "\(error)")
            }
        }
        return snapshots
    }
}
