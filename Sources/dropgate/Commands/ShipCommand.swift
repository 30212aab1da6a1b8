import ArgumentParser
import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store

struct ShipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Record a shipment of an order: the ASN and invoice the retailer expects go to the outbox.",
        discussion: """
            The shipment is checked against the order's pick ticket and the retailer's profile before anything is \
            written: a short shipment under fill-or-kill, more than was released, an unknown line or a tracking \
            number that is not the carrier's is refused with every reason (exit 1). A late shipment, a carrier the \
            profile does not map the PO's method to, or an ASN after its deadline is recorded and flagged with the \
            fee it incurs. The shipment consumes the order's reservations and the node's stock, and the 856 (or \
            cXML ShipNoticeRequest) and the 810 (or InvoiceDetailRequest) the profile names wait in the outbox.

            One package per --tracking; --line LINE=QUANTITY (repeatable) says what is in the first package, and \
            every line of the node's pick ticket ships in full when no --line is given. Use the HTTP API \
            (POST /v1/shipments) for several packages with their own contents.

            Example:
              dropgate ship 12 --service fedex-ground --tracking 123456789012 --db orders.sqlite
              dropgate ship 12 --service ups-ground --tracking 1Z999AA10123456784 --line 1=2 --weight 3.5

            Exit status: 0 recorded, 1 refused or no such order, 2 when the files or the store cannot be read.
            """)

    @Argument(help: "The order id (dropgate orders).")
    var order: Int64

    @Option(help: "Our carrier service it left with (a service of the network file, e.g. fedex-ground).")
    var service: String

    @Option(help: "A package's tracking number; once per package.")
    var tracking: [String] = []

    @Option(help: "LINE=QUANTITY: units of a PO line in the first package; repeatable.")
    var line: [String] = []

    @Option(help: "The node it left from, when the order ships from several.")
    var node: String?

    @Option(help: "The first package's gross weight in pounds.", transform: ShipCommand.decimal)
    var weight: Decimal?

    @Option(help: "When the carrier took it (ISO 8601); the --at instant, else now, when left out.")
    var shippedAt: String?

    @Option(help: "Who records it, for the audit trail.")
    var by = "dropgate ship"

    @OptionGroup var world: ProfileOptions
    @OptionGroup var store: StoreOption
    @OptionGroup var clock: ClockOption

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() async throws {
        let now = clock.instant(default: Date())
        let shippedAt = try shippedAt.map(ClockOption.parse) ?? now
        guard !tracking.isEmpty else { throw ValidationError("give a --tracking number for each package") }
        var contents = try line.map(Self.lineQuantity)
        let profiles = try world.load()
        let store = try await self.store.open()
        defer { Task { await store.close() } }
        var logger = Logger(label: "dropgate.ship")
        logger.logLevel = .warning
        let gateway = Gateway(profiles: profiles, store: store, logger: logger)
        if contents.isEmpty {
            contents = try await plannedContents(gateway)
        }
        let packages = tracking.enumerated().map { index, number in
            ShipmentRequest.Package(
                trackingNumber: number, weight: index == 0 ? weight : nil, contents: index == 0 ? contents : [])
        }
        let request = ShipmentRequest(
            order: OrderID(order), node: node.map(DCID.init), service: service, shippedAt: shippedAt,
            packages: packages)
        let outcome: ShipmentOutcome
        do {
            outcome = try await gateway.ship(request, by: by, at: now)
        } catch {
            printError("order \(order): not recorded: \(error)")
            throw ExitCode(error.isStoreFailure ? 2 : 1)
        }
        if json {
            print(ShipmentLines.json(outcome))
        } else {
            for text in ShipmentLines.text(outcome) { print(text) }
        }
    }

    /// `--line 1=2`: a PO line and a positive whole number of units.
    static func lineQuantity(_ item: String) throws -> (line: String, quantity: Decimal) {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let units = Int(parts[1]), units > 0 else {
            throw ValidationError(
                "--line \(item): expected LINE=QUANTITY with a whole number of units, e.g. --line 1=2")
        }
        return (parts[0], Decimal(units))
    }

    static func decimal(_ text: String) throws -> Decimal {
        guard let value = Decimal.exact(text), value > 0 else {
            throw ValidationError("'\(text)' is not a positive number such as 3.5")
        }
        return value
    }

    /// Every line of the order's only node, in full, less what shipped or was cancelled before.
    func plannedContents(_ gateway: Gateway) async throws -> [(line: String, quantity: Decimal)] {
        do {
            return try await gateway.openLines(OrderID(order), node: node.map(DCID.init)).map {
                ($0.lineNumber, Decimal($0.quantity))
            }
        } catch {
            printError("order \(order): \(error)")
            throw ExitCode(error.isStoreFailure ? 2 : 1)
        }
    }
}

struct CancelLinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-lines",
        abstract: "Cancel units of an order from the floor (damaged, not found): the retailer is told, stock released.",
        discussion: """
            The cancel is checked against the pick ticket and the profile's fill rule, which may cancel more than \
            asked (order fill-or-kill cancels the whole order, line fill-or-kill the whole line). The 855 or cXML \
            confirmation the profile names for cancellations waits in the outbox with the profile's reason code.

            Example:
              dropgate cancel-lines 12 --line 2=1 --reason damaged --db orders.sqlite
            """)

    @Argument(help: "The order id.")
    var order: Int64

    @Option(help: "LINE=QUANTITY: units of a PO line to cancel; repeatable.")
    var line: [String] = []

    @Option(help: "damaged, not-found or floor-other.")
    var reason: String

    @Option(help: "The node, when the order ships from several.")
    var node: String?

    @Option(help: "Who records it, for the audit trail.")
    var by = "dropgate cancel-lines"

    @OptionGroup var world: ProfileOptions
    @OptionGroup var store: StoreOption
    @OptionGroup var clock: ClockOption

    func run() async throws {
        guard let reason = Reason(rawValue: reason), [.damaged, .notFound, .floorOther].contains(reason) else {
            throw ValidationError("--reason \(self.reason): expected damaged, not-found or floor-other")
        }
        var lines: [String: Int] = [:]
        for (line, quantity) in try line.map(ShipCommand.lineQuantity) {
            lines[line, default: 0] += ShipmentReview.units(quantity)
        }
        let profiles = try world.load()
        let store = try await self.store.open()
        defer { Task { await store.close() } }
        var logger = Logger(label: "dropgate.cancel")
        logger.logLevel = .warning
        let gateway = Gateway(profiles: profiles, store: store, logger: logger)
        do {
            let outcome = try await gateway.cancel(
                OrderID(order), node: node.map(DCID.init), lines: lines, reason: reason, by: by,
                at: clock.instant(default: Date()))
            for cancelled in outcome.review.cancelled {
                print(
                    "cancelled line \(cancelled.lineNumber): \(cancelled.quantity) × \(cancelled.sku) "
                        + "(\(cancelled.reason.rawValue))")
            }
            for flag in outcome.review.flags { print(ShipmentLines.flag(flag)) }
            print("order \(order) is \(outcome.state.rawValue); \(outcome.outbox.count) document(s) in the outbox")
        } catch {
            printError("order \(order): not cancelled: \(error)")
            throw ExitCode(error.isStoreFailure ? 2 : 1)
        }
    }
}

/// How `ship` prints an outcome.
enum ShipmentLines {
    static func text(_ outcome: ShipmentOutcome) -> [String] {
        var lines = [
            "shipment \(outcome.shipment) of order \(outcome.order) from \(outcome.confirmation.node): "
                + "\(outcome.confirmation.totalUnits) unit(s) in \(outcome.confirmation.packages.count) package(s)"
        ]
        lines += outcome.review.checks.map { "  checked: \($0)" }
        lines += outcome.review.flags.map(flag)
        lines += outcome.outbox.map { "  queued: \($0.kind.rawValue) \($0.name)" }
        lines.append("order \(outcome.order) is \(outcome.state.rawValue)")
        return lines
    }

    static func flag(_ flag: FloorFlag) -> String {
        "  FLAG \(flag.violation.rawValue): \(flag.detail)"
            + (flag.fee.map { " — fee \($0)" } ?? " — the profile sets no fee")
            + (flag.allowance.map { " beyond \($0)" } ?? "")
    }

    static func json(_ outcome: ShipmentOutcome) -> String {
        struct Body: Encodable {
            var shipment: Int64
            var order: Int64
            var state: String
            var flags: [FloorFlag]
            var checks: [String]
            var asnDue: Date?
            var documents: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let body = Body(
            shipment: outcome.shipment.rawValue, order: outcome.order.rawValue, state: outcome.state.rawValue,
            flags: outcome.review.flags, checks: outcome.review.checks, asnDue: outcome.review.asnDue,
            documents: outcome.outbox.map(\.name))
        return (try? encoder.encode(body)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension FloorError {
    var isStoreFailure: Bool {
        if case .store = self { return true }
        return false
    }
}
