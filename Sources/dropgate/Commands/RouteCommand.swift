import ArgumentParser
import Foundation
import Gateway
import OrderXML
import Orders
import Profiles
import Routing
import Store

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Dry run: decide where each PO in the files would ship from, and why, without reserving anything.",
        discussion: """
            POs are decided in file order, and each consumes the stock and capacity it would take, so a run over a \
            day's inbox shows what the day would do. X12 and XML files are told apart by content.

            Exit status: 0 when every PO would ship compliantly (from the primary or rerouted), 1 when any would \
            be cancelled, rejected or could not be read, 2 when the world files or an input cannot be read.

            Example:
              dropgate route fixtures/inbox/amazon-20261124-0715.x12 \\
                  --at 2026-11-24T10:00:00-05:00
              dropgate route fixtures/inbox/*.x12 --json
            """)

    @Argument(help: "X12 or XML files holding purchase orders.")
    var files: [String]

    @OptionGroup var world: WorldOptions
    @OptionGroup var clock: ClockOption

    @Flag(help: "Print every decision as JSON (complete: every rule, every node) instead of text.")
    var json = false

    @Flag(help: "Show every check of every node in the text output.")
    var verbose = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A mapping file for a retailer's own XML (without it, the profiles' `identity.xml` claims are used).",
            valueName: "FILE"))
    var mapping: String?

    func run() throws {
        let (profiles, stock) = try world.load()
        let now = clock.instant(default: Date())
        var xmlMapping: XMLOrderMapping?
        if let mapping {
            do {
                xmlMapping = try XMLOrderMapping(contentsOfFile: mapping)
            } catch {
                printError("\(mapping): \(error)")
                throw ExitCode(2)
            }
        }
        let reader = InboundReader(profiles: profiles, mapping: xmlMapping)
        var state = NetworkState(stock: stock)
        let routers = profiles.routers()
        var decisions: [RoutingDecision] = []
        var allCompliant = true
        var unreadable = false
        for file in files {
            let data: [UInt8]
            do {
                data = try LocalFile.bytes(file, expected: "an X12 or XML file of purchase orders")
            } catch {
                printError("\(error)")
                unreadable = true
                continue
            }
            let batch = reader.read(data, origin: file)
            batch.notes.forEach(printError)
            batch.problems.forEach(printError)
            if batch.kind == .unknown || batch.isUnreadable { unreadable = true }
            if batch.holdsNoOrder, !batch.isUnreadable {
                let sets = batch.setIDs.joined(separator: ", ")
                let what =
                    batch.kind != .x12
                    ? "no purchase order"
                    : sets.isEmpty ? "no transaction set" : "no purchase order (850), only \(sets)"
                printError("\(file): holds \(what): nothing to route")
                unreadable = true
            }
            if !batch.unprocessed.isEmpty { allCompliant = false }
            for order in batch.orders {
                guard let profile = profiles.profile(for: order) else {
                    printError(
                        "\(file): PO \(order.poNumber): no retailer profile claims \(order.source.senderID?.description ?? "its sender")"
                    )
                    allCompliant = false
                    continue
                }
                var order = order
                order.retailer = profile.id
                let router =
                    routers[profile.id]
                    ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
                let decision = router.route(order, state: state, now: now)
                state.apply(decision)
                decisions.append(decision)
                if !decision.isCompliantShipment { allCompliant = false }
                if !json { print(decision.renderText(verbose: verbose) + "\n") }
            }
        }
        if json {
            let encoded = try RoutingDecision.jsonEncoder().encode(decisions)
            FileHandle.standardOutput.write(encoded + Data("\n".utf8))
        }
        if unreadable { throw ExitCode(2) }
        if !allCompliant { throw ExitCode(1) }
    }
}
