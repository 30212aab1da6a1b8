import ArgumentParser
import Feeds
import Orders
import Profiles

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
