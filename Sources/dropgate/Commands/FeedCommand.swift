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
        subcommands: [Build.self, Push.self, Status.self])

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

        @OptionGroup var feed: FeedChoice
        @Option(help: "Write here (a new file) instead of standard output.") var out: String?
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func run() async throws {
            let profiles = try world.load()
            _ = try feed.resolve(profiles)
            if let out, FileManager.default.fileExists(atPath: out) {
                printError("\(out): exists already; the feed is written only to a new file")
                throw ExitCode(2)
            }
            let store = try await self.store.open(creating: false)
            let built: BuiltFeed
            do {
                built = try await feed.build(profiles: profiles, store: store, at: clock.instant(default: Date()))
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            if let out {
                FileManager.default.createFile(atPath: out, contents: Data(built.bytes))
            } else {
                FileHandle.standardOutput.write(Data(built.bytes))
            }
        }
    }
}
