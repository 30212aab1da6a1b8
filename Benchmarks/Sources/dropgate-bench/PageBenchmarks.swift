import Foundation
import Gateway
import Orders
import Profiles
import Server
import Store

/// The DC pick page server-side: `orders` open orders' pick-ticket entries as the store hands them over (the
/// ticket JSON, byte for byte) decoded and rendered to the page's HTML, beside an empty page rendered in the same
/// run. The tickets are Walmart's golden EWR1 ticket, each with its own PO number and ship-by (a minute apart, some
/// past the clock, so that overdue and due-soon orders are marked).
enum PageBenchmarks {
    static func run(into table: inout BenchmarkTable, orders count: Int) throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let profiles = try ProfileSet.load(
            profiles: root.appendingPathComponent("retailer-profiles"),
            network: root.appendingPathComponent("fixtures/network.yaml"),
            catalog: root.appendingPathComponent("fixtures/items.csv"))
        let golden = root.appendingPathComponent(
            "Tests/GatewayTests/Golden/pick-tickets/EWR1/walmart-4792183650-EWR1.json")
        let template = try JSONDecoder().decode(PickTicket.self, from: Data(contentsOf: golden))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let start = template.shipBy.instant - Double(count / 2) * 60
        let entries: [PickListEntry] = try (0..<count).map { index in
            var ticket = template
            ticket.poNumber = PONumber(String(4_700_000_000 + index))
            ticket.id = "walmart-\(ticket.poNumber)-EWR1"
            let shipBy = start + Double(index) * 60
            ticket.shipBy = ZonedInstant(shipBy, in: template.shipBy.timeZone)
            ticket.shipByAtNode = ZonedInstant(shipBy, in: template.shipByAtNode.timeZone)
            return PickListEntry(
                order: OrderID(Int64(index + 1)), state: .open, retailer: ticket.retailer, poNumber: ticket.poNumber,
                node: ticket.node, acknowledgeBy: nil, shipBy: shipBy, ticket: Array(try encoder.encode(ticket)))
        }
        let now = template.shipBy.instant
        var bytes = 0
        // A served process parses its templates once, when it starts (`DropgateServer`), and keeps its cache for
        // its life: neither the parse nor the cache's freeing is part of a render. Each run gets a fresh process's
        // pages, made before its clock starts and freed after it stops.
        func rendered(_ entries: [PickListEntry]) throws -> Double {
            var best = Double.infinity
            for _ in 0..<Measure.runs {
                let pages = try WarehousePages()
                let seconds = try Measure.bestSeconds(runs: 1) {
                    let (picks, unreadable) = pages.picks(entries)
                    guard unreadable.isEmpty else { throw BenchError("\(unreadable.count) tickets did not read") }
                    bytes = pages.pickList(picks, dc: "EWR1", profiles: profiles, now: now).utf8.count
                }
                best = min(best, seconds)
                withExtendedLifetime(pages) {}
            }
            return best
        }
        // The first render of a served process: every ticket decoded, every section rendered.
        let first = try rendered(entries)
        // A tablet reloading the page: the same tickets, a minute later (the orders crossing into due soon or
        // overdue in that minute rendered again).
        let pages = try WarehousePages()
        _ = pages.pickList(pages.picks(entries).picks, dc: "EWR1", profiles: profiles, now: now)
        var minute = now
        let again = try Measure.bestSeconds {
            minute += 60
            let (picks, unreadable) = pages.picks(entries)
            guard unreadable.isEmpty else { throw BenchError("\(unreadable.count) tickets did not read") }
            bytes = pages.pickList(picks, dc: "EWR1", profiles: profiles, now: minute).utf8.count
        }
        let size = bytes
        let empty = try rendered([])
        bytes = size
        print("  pages: the pick page for \(count) orders is \(bytes / 1024) KiB of HTML")
        let reference = Figure.Reference(name: "empty page", value: empty * 1000)
        table.add(
            Figure(
                name: "DC pick page, \(count) open orders, first render", value: first * 1000, unit: "ms",
                target: 100, higherIsBetter: false, reference: reference))
        table.add(
            Figure(
                name: "DC pick page, \(count) open orders, reloaded", value: again * 1000, unit: "ms", target: 100,
                higherIsBetter: false, reference: reference))
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
