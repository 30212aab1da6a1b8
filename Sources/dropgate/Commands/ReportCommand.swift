import ArgumentParser
import Foundation
import Gateway
import Operations
import Orders
import Profiles
import Store

/// `dropgate report`: the month's compliance scorecard and fee forecast per retailer, from the store.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The month's compliance scorecard and fee forecast per retailer and DC.",
        discussion: """
            Each retailer's month runs in its own time zone. Fees count after the profile's allowance, and the
            forecast carries the month so far to its end at today's rate.

            Examples:
              dropgate report --db orders.sqlite
              dropgate report --db orders.sqlite --month 2026-11 --retailer walmart --json
            """)

    @OptionGroup var store: StoreOption
    @OptionGroup var world: ProfileOptions
    @Option(help: "The month, as 2026-11. Default: the month at --at (or now) in each retailer's zone.")
    var month: String?
    @Option(help: "Only this retailer.") var retailer: String?
    @Flag(help: "Print the scorecard as JSON.") var json = false
    @Flag(help: "Print one CSV row per retailer and DC.") var csv = false
    @OptionGroup var clock: ClockOption

    func validate() throws {
        if json && csv { throw ValidationError("give at most one of --json and --csv") }
        if let month, ScorecardMonth(parsing: month) == nil {
            throw ValidationError("'\(month)' is not a month such as 2026-11")
        }
    }

    func run() async throws {
        let asOf = clock.instant(default: Date())
        let profileSet = try world.load()
        var profiles = profileSet.profiles.values.sorted { $0.id < $1.id }
        if let retailer {
            profiles = profiles.filter { $0.id.rawValue == retailer }
            guard !profiles.isEmpty else {
                printError("\(retailer): no such retailer profile in \(world.profiles)")
                throw ExitCode(2)
            }
        }
        // The month of the first retailer's zone at `asOf` when none is given: every zone dropgate's retailers use
        // agrees on it but for a few hours at a month's turn.
        let zone = profiles.first?.timeZone ?? TimeZone(identifier: "UTC") ?? .current
        let month = self.month.flatMap { ScorecardMonth(parsing: $0) } ?? ScorecardMonth(containing: asOf, in: zone)
        let store = try await self.store.open(creating: false)
        let started = ContinuousClock.now
        let counts = try await store.scorecardCounts(
            of: month, profiles: profiles, retailer: retailer.map(RetailerID.init), asOf: asOf)
        let read = ContinuousClock.now
        let scorecard = Scorecard.compute(counts, profiles: profiles, month: month, asOf: asOf)
        let computed = ContinuousClock.now
        if ProcessInfo.processInfo.environment["DROPGATE_REPORT_TIMING"] != nil {
            printError(
                "read \(counts.counts.count) counts and \(counts.records.count) POs in \(read - started), "
                    + "counted in \(computed - read)")
        }
        if json {
            print(try Self.json(scorecard))
        } else if csv {
            print(Self.csv(scorecard), terminator: "")
        } else {
            print(Self.text(scorecard), terminator: "")
        }
    }

    static func json(_ scorecard: Scorecard) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(scorecard), as: UTF8.self)
    }
}
