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
        // Kits are stocked as their components: their figures are derived, and kept true as orders take stock.
        let kits = KitStock(catalog: profiles.catalog, skus: profiles.catalog.kits.keys)
        kits.derive(in: &state.stock)
        let routers = profiles.routers()
        // What each profile's run of decisions reuses (deadlines, stock tables, landed costs): kept across files.
        var scratches: [RetailerID: RoutingScratch] = [:]
        // Decisions are written as they are made, text or JSON: nothing of a file is held but the POs being
        // routed and a few batches being written. On a terminal each is written at once, in step with what standard
        // error says; otherwise a second thread writes them while this one decides the next.
        let onTerminal = StandardOutputBuffer.isTerminal
        var printer = onTerminal ? DecisionPrinter(json: json, verbose: verbose) : nil
        let output = onTerminal ? nil : OutputThread(DecisionPrinter(json: json, verbose: verbose))
        var batch: [RoutingDecision] = []
        func hand(_ decisions: [RoutingDecision]) {
            output?.enqueue { printer in for decision in decisions { try printer.print(decision) } }
        }
        var allCompliant = true
        var unreadable = false
        for file in files {
            let stream: InboundStream
            do {
                stream = try reader.open(file: file, origin: file, expected: "an X12 or XML file of purchase orders")
            } catch {
                printError("\(error)")
                unreadable = true
                continue
            }
            stream.notes.forEach(printError)
            stream.problems.forEach(printError)
            // What is said of single POs follows what is said of the file (an XML order that cannot be read is
            // one of its problems, found as it is read).
            var unclaimed: [String] = []
            var items = stream.items()
            while let item = items.next() {
                let order: PurchaseOrder
                switch item {
                case .unprocessed(let unprocessed):
                    if let problem = unprocessed.problem { printError(problem) }
                    allCompliant = false
                    continue
                case .order(let read): order = read
                case .change(let change):
                    printError(
                        "\(file): PO \(change.poNumber): a \(change.purpose.rawValue) request, not a new order: route "
                            + "decides new orders only; `dropgate ingest` reviews and records changes")
                    continue
                }
                guard let profile = profiles.profile(for: order) else {
                    unclaimed.append(
                        "\(file): PO \(order.poNumber): no retailer profile claims \(order.source.senderID?.description ?? "its sender")"
                    )
                    allCompliant = false
                    continue
                }
                var claimed = order
                claimed.retailer = profile.id
                let router =
                    routers[profile.id]
                    ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
                let decision = router.route(
                    claimed, state: state, now: now, scratch: &scratches[profile.id, default: RoutingScratch()])
                state.apply(decision)
                kits.settle(decision, in: &state.stock)
                if !decision.isCompliantShipment { allCompliant = false }
                if printer != nil {
                    try printer?.print(decision)
                } else {
                    batch.append(decision)
                    if batch.count == OutputThread<DecisionPrinter>.batchSize {
                        hand(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            let isUnreadable = stream.isUnreadable(orders: items.orders, unprocessed: items.unprocessed)
            if stream.kind == .unknown || isUnreadable { unreadable = true }
            if stream.holdsNoOrder(orders: items.orders, unprocessed: items.unprocessed), !isUnreadable {
                let sets = stream.setIDs.joined(separator: ", ")
                let what =
                    stream.kind != .x12
                    ? "no purchase order"
                    : sets.isEmpty ? "no transaction set" : "no purchase order (850), only \(sets)"
                printError("\(file): holds \(what): nothing to route")
                unreadable = true
            }
            unclaimed.forEach(printError)
        }
        hand(batch)
        try output?.finish { $0.finish() }
        printer?.finish()
        if unreadable { throw ExitCode(2) }
        if !allCompliant { throw ExitCode(1) }
    }
}

/// Prints `route`'s decisions as they come: as text, or as one JSON array (as `RoutingDecision.jsonEncoder()`
/// printed them, written by hand).
struct DecisionPrinter {
    let json: Bool
    let verbose: Bool
    private let decisions = JSONArrayWriter(escapesSlashes: false)
    private var text = StandardOutputBuffer()

    init(json: Bool, verbose: Bool) {
        self.json = json
        self.verbose = verbose
    }

    mutating func print(_ decision: RoutingDecision) throws {
        if json {
            try decisions.append(decision)
        } else {
            text.append(decision.renderText(verbose: verbose))
            text.append("\n\n")
            text.flushIfFull()
        }
    }

    /// Closes the JSON array, and writes what is pending.
    mutating func finish() {
        if json { decisions.finish() }
        text.flush()
    }
}
