import ArgumentParser
import Feeds
import Foundation
import Gateway
import OrderX12
import Orders
import Profiles
import Store
import X12

/// A retailer's feed as `feed build` and `feed push` make it: ATS from the store, rendered in the profile's format.
struct BuiltFeed {
    var profile: RetailerProfile
    var settings: FeedSettings
    var format: FeedSettings.Format
    var node: DCID?
    var builtAt: Date
    var bytes: [UInt8]

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
}

/// What `feed build` and `feed push` share: which retailer, format and node.
struct FeedChoice: ParsableArguments {
    @Argument(help: "The retailer's profile id.") var retailer: String
    @Option(help: "x12-846, csv, json or xml; the profile's format by default.") var format: String?
    @Option(help: "Only this node's figures (a per-node feed).") var node: String?

    /// The retailer's profile, its feed settings and the format to render; a missing profile or feed section, or
    /// an unknown format, is an error of the command line (exit 2), found before any store is opened.
    func resolve(_ profiles: ProfileSet) throws -> (RetailerProfile, FeedSettings, FeedSettings.Format) {
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
        return (profile, settings, try chosenFormat(settings))
    }

    /// Computes and renders the feed from `store` at `now`.
    func build(profiles: ProfileSet, store: any OrderStore, at now: Date) async throws -> BuiltFeed {
        let (profile, settings, chosen) = try resolve(profiles)
        let positions = try await store.inventory(of: Set(profiles.catalog.items.keys))
        // A node switched off or closed in the store reads zero, as it is no candidate for a decision.
        let switches = try await store.nodeSwitches()
        let calculator = try ATSCalculator(
            profile: profile, network: profiles.network, switches: switches, catalog: profiles.catalog)
        var content = calculator.content(of: positions, at: now)
        if let node {
            content.lines = content.lines.filter { $0.node?.rawValue == node }
        }
        var sink = MemoryFeedSink()
        switch chosen {
        case .csv: try CSVFeedWriter(columns: settings.columns).write(content, to: &sink)
        case .json: try JSONFeedWriter().write(content, to: &sink)
        case .xml: try XMLFeedWriter().write(content, to: &sink)
        case .x12846: try Self.x12(content, profile: profile, profiles: profiles, at: now, to: &sink)
        }
        return BuiltFeed(
            profile: profile, settings: settings, format: chosen, node: node.map(DCID.init), builtAt: now,
            bytes: sink.bytes)
    }

    func chosenFormat(_ settings: FeedSettings) throws -> FeedSettings.Format {
        guard let format else { return settings.format }
        guard let value = FeedSettings.Format(rawValue: format) else {
            throw ValidationError("'\(format)' is not a feed format: x12-846, csv, json or xml")
        }
        return value
    }

    /// The 846 from us (the network's `supplier:`) to the retailer, in its release and separators.
    private static func x12(
        _ content: FeedContent, profile: RetailerProfile, profiles: ProfileSet, at now: Date,
        to sink: inout MemoryFeedSink
    ) throws {
        guard let us = profiles.network.supplier?.x12Interchange else {
            printError(
                "an X12 feed needs our interchange id: supplier: { x12-interchange: QUALIFIER:ID } in the network file"
            )
            throw ExitCode(2)
        }
        guard let them = profile.identity.interchange.first else {
            printError("\(profile.id): its profile names no x12-interchange to send an 846 to")
            throw ExitCode(2)
        }
        let version = X12Version(profile.identity.x12ReplyVersion ?? profile.identity.x12Version ?? "004010")
        let format = X12ReplyFormat(
            replyingTo: version, delimiters: .standard, profile: profile)
        let stamp = ISO8601DateFormatter().string(from: now).filter { $0.isNumber }.prefix(12)
        let advice = InventoryAdvice(
            reference: "\(profile.id.rawValue.prefix(12))-\(stamp)", instant: now,
            reportType: profile.feed?.perNode == true ? .sellerInventory : .manufacturerDistributor,
            nodeNames: Dictionary(uniqueKeysWithValues: profiles.network.nodes.map { ($0.id, $0.name) }))
        var counter = X12ControlNumberCounter(interchange: 1)
        var bytes: [UInt8] = []
        try advice.write(
            content.lines,
            envelope: .init(
                sender: us, receiver: them, senderGroupID: profiles.network.supplier?.x12Group,
                receiverGroupID: profile.identity.group.first),
            format: format, counter: &counter
        ) { bytes += $0 }
        try sink.write(bytes)
    }
}
