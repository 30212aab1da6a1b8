import ArgumentParser
import Feeds
import Foundation
import Gateway
import Orders
import Profiles
import Store
import X12

/// One feed as built: a retailer's picture of one node (a per-node feed) or of every node, at `builtAt`, and how to
/// render it.
struct BuiltFeed {
    var profile: RetailerProfile
    var settings: FeedSettings
    var node: DCID?
    var builtAt: Date
    var content: FeedContent
    var renderer: FeedRenderer

    var format: FeedSettings.Format { renderer.format }

    /// A file name for it: retailer, node, instant and the format's extension (`walmart-EWR1-20261124T100000Z.x12`).
    var name: String {
        let stamp = ISO8601DateFormatter().string(from: builtAt).filter { $0 != "-" && $0 != ":" }
        let ext =
            switch format {
            case .x12846: "x12"
            case .csv: "csv"
            case .json: "json"
            case .xml: "xml"
            }
        return "\(profile.id.rawValue)-\(node?.rawValue ?? "all")-\(stamp).\(ext)"
    }

    /// The feed as a run to record: an 846 is rendered by the store in the recording transaction, numbered from the
    /// retailer's counters (those of its 855s and 997s); every other format is rendered here.
    func draft(destination: String) throws -> FeedRunDraft {
        let body: FeedRunBody
        switch format {
        case .x12846:
            let (renderer, content) = (renderer, content)
            body = .numbered(partner: profile.id.rawValue) { numbers in
                var drawn = DrawnControlNumbers(numbers: numbers)
                defer { numbers = drawn.numbers }
                return try renderer.render(content, counter: &drawn)
            }
        case .csv, .json, .xml:
            var counter = X12ControlNumberCounter()
            body = .rendered(try renderer.render(content, counter: &counter))
        }
        return FeedRunDraft(
            retailer: profile.id, node: node, format: format.rawValue, mode: content.header.mode.rawValue,
            builtAt: builtAt, body: body, destination: destination, snapshot: try content.snapshot.compactJSON())
    }
}

/// Builds a retailer's feeds from the store: ATS from its stock and node switches, one feed per node where the
/// profile asks for per-node figures (else one of every node), full or a delta against what the retailer last
/// accepted of each.
struct FeedBuilder {
    var profile: RetailerProfile
    var settings: FeedSettings
    var format: FeedSettings.Format
    var mode: FeedSettings.Mode
    /// The nodes to build a per-node feed for; nil for every node the retailer may be served from.
    var nodes: Set<DCID>?
    /// Where the steps of a long build are shown (a terminal), if anywhere.
    var steps: StepLine?

    /// The nodes of the retailer's feeds: each node it may be served from when its feed is per node, else one feed
    /// of every node (nil).
    static func feedNodes(of profile: RetailerProfile, in network: Network) throws -> [DCID?] {
        let calculator = try ATSCalculator(profile: profile, network: network)
        return calculator.settings.perNode ? calculator.nodes.map(\.id) : [nil]
    }

    /// Computes the feeds at `now`. A delta is taken against the snapshot of the last run of the same retailer and
    /// node that it accepted (`FeedRun.isAccepted`); with none, the delta is a full feed (and says so).
    /// `stock`, when given, is what the feeds are computed from (read once for every retailer of a run); else it is
    /// read from `store` now.
    func build(profiles: ProfileSet, store: any OrderStore, at now: Date, stock: FeedStock? = nil) async throws
        -> [BuiltFeed]
    {
        let renderer = try FeedRenderer(format: format, profile: profile, profiles: profiles, at: now)
        let stock =
            if let stock { stock } else {
                try await FeedStock.read(from: store, catalog: profiles.catalog, steps: steps)
            }
        let calculator = try ATSCalculator(
            profile: profile, network: profiles.network, switches: stock.switches, catalog: profiles.catalog)
        steps?.show("\(profile.id): computing ATS from \(stock.positions.count.formatted()) stock rows")
        let snapshot = calculator.snapshot(of: stock.positions, at: now)
        let keys: [DCID?] =
            settings.perNode ? snapshot.nodes.filter { nodes?.contains($0) ?? true }.map(Optional.some) : [nil]
        steps?.show("\(profile.id): \(mode == .delta ? "comparing with the last accepted feed" : "rendering")")
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
                printError("\(profile.id): feed run \(run.id) keeps a snapshot that cannot be read (\(error))")
                throw ExitCode(1)
            }
        }
        return snapshots
    }
}

/// What feeds are computed from: the store's stock of the catalog's items and its node switches (a node switched
/// off or closed in the store reads zero, as it is no candidate for a decision).
struct FeedStock {
    var positions: [InventoryPosition]
    var switches: [NodeSwitch]

    static func read(from store: any OrderStore, catalog: ItemCatalog, steps: StepLine? = nil) async throws
        -> FeedStock
    {
        steps?.show("reading the stock of \(catalog.items.count.formatted()) items")
        return FeedStock(
            positions: try await store.inventory(of: Set(catalog.items.keys)),
            switches: try await store.nodeSwitches())
    }
}

/// What `feed build` and `feed push` share: which retailer, format, mode and node.
struct FeedChoice: ParsableArguments {
    @Argument(help: "The retailer's profile id.") var retailer: String
    @Option(help: "x12-846, csv, json or xml; the profile's format by default.") var format: String?
    @Option(help: "Only this node's feed (a per-node feed).") var node: String?
    @Flag(help: "Every item, whatever the profile's mode.") var full = false
    @Flag(help: "Only what changed since the feed the retailer last accepted (a full feed when it accepted none).")
    var delta = false

    func validate() throws {
        if full && delta { throw ValidationError("--full and --delta exclude each other") }
    }

    /// The builder of the retailer's feeds; a missing profile or feed section, an unknown format or a node that
    /// has no feed of its own is an error of the command line (exit 2), found before any store is opened.
    func resolve(_ profiles: ProfileSet) throws -> FeedBuilder {
        guard let profile = profiles[RetailerID(retailer)] else {
            printError(
                "\(retailer): no such retailer; profiles: \(profiles.sortedProfiles.map(\.id.rawValue).joined(separator: ", "))"
            )
            throw ExitCode(2)
        }
        guard let settings = profile.feed else {
            printError("\(retailer): its profile has no feed: section")
            throw ExitCode(2)
        }
        var nodes: Set<DCID>?
        if let node {
            let known = try FeedBuilder.feedNodes(of: profile, in: profiles.network).compactMap { $0 }
            guard known.contains(DCID(node)) else {
                printError(
                    known.isEmpty
                        ? "--node \(node): \(retailer)'s feed is summed over its nodes, with no feed per node"
                        : "--node \(node): not a node \(retailer) is served from; its nodes: "
                            + known.map(\.rawValue).joined(separator: ", "))
                throw ExitCode(2)
            }
            nodes = [DCID(node)]
        }
        return FeedBuilder(
            profile: profile, settings: settings, format: try chosenFormat(settings),
            mode: full ? .full : delta ? .delta : settings.mode, nodes: nodes)
    }

    func chosenFormat(_ settings: FeedSettings) throws -> FeedSettings.Format {
        guard let format else { return settings.format }
        guard let value = FeedSettings.Format(rawValue: format) else {
            throw ValidationError("'\(format)' is not a feed format: x12-846, csv, json or xml")
        }
        return value
    }
}
