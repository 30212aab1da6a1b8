import ArgumentParser
import Feeds
import Foundation
import Gateway
import OrderX12
import Orders
import Profiles
import Store
import X12

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Available-to-sell feeds: what each retailer is told it can sell.",
        subcommands: [Build.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Compute a retailer's ATS from the store and render its feed.",
            discussion: """
                ATS per item is on hand − reserved − safety stock over the nodes the retailer may be served from \
                (disabled nodes and nodes inside a closure count zero), less the profile's buffer, within its cap, \
                never below zero; per node or summed as the profile says. The feed is rendered in the profile's \
                format (X12 846, CSV, JSON or XML) unless --format says otherwise. An X12 846 built here is a \
                preview, numbered from 1: what is sent is numbered by the store when it is pushed.

                Example:
                  dropgate feed build walmart --db orders.sqlite --out walmart-846.x12
                """)

        @Argument(help: "The retailer's profile id.") var retailer: String
        @Option(help: "x12-846, csv, json or xml; the profile's format by default.") var format: String?
        @Option(help: "Only this node's figures (a per-node feed).") var node: String?
        @Option(help: "Write here (a new file) instead of standard output.") var out: String?
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func run() async throws {
            let profiles = try world.load()
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
            let chosen =
                try format.map { text -> FeedSettings.Format in
                    guard let value = FeedSettings.Format(rawValue: text) else {
                        throw ValidationError("'\(text)' is not a feed format: x12-846, csv, json or xml")
                    }
                    return value
                } ?? settings.format
            if let out, FileManager.default.fileExists(atPath: out) {
                printError("\(out): exists already; the feed is written only to a new file")
                throw ExitCode(2)
            }
            let store = try await self.store.open(creating: false)
            let now = clock.instant(default: Date())
            let positions = try await store.inventory(of: Set(profiles.catalog.items.keys))
            // A node switched off or closed in the store reads zero, as it is no candidate for a decision.
            let switches = try await store.nodeSwitches()
            await store.close()
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
            case .x12846: try x12(content, profile: profile, profiles: profiles, at: now, to: &sink)
            }
            if let out {
                FileManager.default.createFile(atPath: out, contents: Data(sink.bytes))
            } else {
                FileHandle.standardOutput.write(Data(sink.bytes))
            }
        }

        /// The 846 from us (the network's `supplier:`) to the retailer, in its release and separators.
        private func x12(
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
}
