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
        subcommands: [Build.self, Push.self, RunDue.self, Status.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Compute a retailer's ATS from the store and render its feed.",
            discussion: """
                ATS per item is on hand − reserved − safety stock over the nodes the retailer may be served from \
                (disabled nodes and nodes inside a closure count zero), less the profile's buffer, within its cap, \
                never below zero; per node or summed as the profile says (a per-node retailer's feeds, one per \
                node when pushed, are written here one after the other, or one node's with --node). The feed is \
                full or a delta as the profile's mode says, unless --full or --delta says otherwise; a delta holds \
                what changed since the feed the retailer last accepted (delivered), and is a full feed when it \
                accepted none. It is rendered in the profile's format (X12 846, CSV, JSON or XML) unless --format \
                says otherwise. This is a preview, not sent: an X12 846 built here is numbered from 1 and does not \
                advance the store's control numbers; what is pushed is numbered by the store when it is recorded.

                Example:
                  dropgate feed build walmart --db orders.sqlite --out walmart-846.x12
                """)

        @OptionGroup var feed: FeedChoice
        @Option(help: "Write here (a new file) instead of standard output.") var out: String?
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption
        @Flag(help: "No progress line on the terminal.") var quiet = false

        func run() async throws {
            try await FeedCommand.exitingOnFeedProblems(build)
        }

        private func build() async throws {
            if let out, FileManager.default.fileExists(atPath: out) {
                printError("\(out): exists already; the feed is written only to a new file")
                throw ExitCode(2)
            }
            let steps = StepLine(quiet: quiet)
            defer { steps.clear() }
            steps.show("\(feed.retailer): reading profiles, network and catalog")
            let (profiles, items) = try world.loadForFeeds()
            steps.clear()
            var builder = try feed.resolve(profiles)
            builder.progress = { steps.show($0) }
            let now = clock.instant(default: Date())
            // A preview renders with its own renderer, so that an unknown interchange id is found before the store.
            let renderer = try FeedRenderer(
                format: builder.format, profile: builder.profile, profiles: profiles, at: now)
            let store = try await self.store.open(creating: false)
            let preview: FeedBuilder.Preview
            do {
                preview = try await builder.preview(profiles: profiles, items: items, store: store, at: now)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            var content: FeedContent?
            if case .built(let built) = preview {
                guard let merged = FeedContent.merged(built.map(\.content)) else {
                    printError("\(builder.profile.id): no node to build a feed for")
                    throw ExitCode(1)
                }
                content = merged
            }
            // Numbered from 1: a preview draws nothing from the store's control numbers.
            var counter = X12ControlNumberCounter(interchange: 1)
            steps.show(
                "\(builder.profile.id): rendering" + (content.map { " \($0.lines.count.formatted()) lines" } ?? ""))
            // Straight to the file (or standard output), a chunk at a time: a million-line feed is never held whole.
            var sink = FeedOutputSink()
            if let out { sink.file = try FileFeedSink(path: out) }
            do {
                switch preview {
                case .streamed(let header, let lines):
                    try renderer.render(lines, header: header, counter: &counter, to: &sink)
                case .built:
                    if let content { try renderer.render(content, counter: &counter, to: &sink) }
                }
                try sink.file?.close()
            } catch {
                // The file is ours, made above: a feed that could not be written whole is not left half-written.
                if let out, let file = sink.file {
                    try? file.close()
                    try? FileManager.default.removeItem(atPath: out)
                }
                throw error
            }
            steps.clear()
        }
    }
}
