import Foundation
import Gateway
import Orders
import Profiles
import Routing
import Store

/// `GET /warehouse/{dc}/picks?format=json`: the pick list a WMS imports, most urgent first, each order with its
/// ticket as it stands on the floor: each line's `quantity` what is left to pick, `planned` beside it where some
/// shipped or was cancelled, its `location` (bin) where the inventory gives one; a line done is left out, as it is
/// no pick task.
struct PickListJSON: Encodable {
    var dc: String
    var at: Date
    var orders: [Order]

    struct Order: Encodable {
        var order: Int64
        var state: String
        /// `overdue`, `due-soon` or `on-time` against the ticket's ship-by.
        var urgency: String
        var retailer: String
        var poNumber: String
        var acknowledgeBy: Date?
        var shipBy: Date
        var ticket: PickTicket
        var links: Links
    }

    struct Links: Encodable {
        var ticket: String
        var packingSlip: String?
        var ship: String
    }

    init(dc: DCID, picks: [WarehousePages.Pick], now: Date, dueSoon: TimeInterval) {
        self.dc = dc.rawValue
        at = now
        orders = picks.map { pick in
            let base = "/warehouse/\(pick.ticket.node)/orders/\(pick.entry.order)"
            return Order(
                order: pick.entry.order.rawValue, state: pick.entry.state.rawValue,
                urgency: pick.urgency(at: now, dueSoon: dueSoon).rawValue, retailer: pick.ticket.retailer.rawValue,
                poNumber: pick.ticket.poNumber.rawValue, acknowledgeBy: pick.entry.acknowledgeBy,
                shipBy: pick.ticket.shipBy.instant, ticket: pick.ticket.linesToPick,
                links: Links(
                    ticket: base + "/ticket", packingSlip: pick.ticket.packingSlip ? base + "/packing-slip" : nil,
                    ship: base + "/ship"))
        }
    }
}

/// `GET /warehouse/deadlines?format=json` (or a DC's): every step nearing or past its deadline, most urgent first.
struct DeadlineListJSON: Encodable {
    var dc: String?
    var at: Date
    var dueSoonSeconds: Double
    var entries: [Entry]
    /// Change requests refused whole or for an unknown PO, in the last week.
    var changeRequests: [ChangeRequestRow]

    struct Entry: Encodable {
        var order: Int64
        var retailer: String
        var poNumber: String
        var nodes: [String]
        var step: String
        var status: String
        var deadline: Date
        /// The deadline on the retailer's clock and on the (first) DC's, with their offsets.
        var deadlineAtRetailer: String
        var deadlineAtNode: String?
        var doneAt: Date?
        /// Seconds past the deadline (negative: before it).
        var lateBySeconds: Double
        var fee: String?
        var feeAtStake: String?
    }

    init(dc: DCID?, now: Date, dueSoon: TimeInterval, entries: [DeadlineWatch.Entry], changes: [ChangeRequestRecord]) {
        self.dc = dc?.rawValue
        at = now
        dueSoonSeconds = dueSoon
        self.entries = entries.map(Self.entry)
        changeRequests = changes.map(ChangeRequestRow.init)
    }

    static func entry(_ entry: DeadlineWatch.Entry) -> Entry {
        Entry(
            order: entry.order, retailer: entry.retailer.rawValue, poNumber: entry.poNumber.rawValue,
            nodes: entry.nodes.map(\.rawValue), step: entry.step.rawValue, status: entry.status.rawValue,
            deadline: entry.deadline,
            deadlineAtRetailer: DeadlineWatch.localTime(entry.deadline, in: entry.retailerTimeZone),
            deadlineAtNode: entry.nodeTimeZone.map { DeadlineWatch.localTime(entry.deadline, in: $0) },
            doneAt: entry.doneAt, lateBySeconds: entry.lateBy.rounded(), fee: entry.fee?.description,
            feeAtStake: entry.feeAtStake?.description)
    }

    static let csvColumns = [
        "order", "retailer", "po", "nodes", "step", "status", "deadline_at_retailer", "deadline_at_node", "done_at",
        "late_by_seconds", "fee", "fee_at_stake",
    ]

    static func csv(_ entries: [DeadlineWatch.Entry]) -> String {
        var text = csvColumns.joined(separator: ",") + "\r\n"
        let iso = ISO8601DateFormatter()
        for row in entries.map(Self.entry) {
            text +=
                [
                    String(row.order), row.retailer, row.poNumber, row.nodes.joined(separator: " "), row.step,
                    row.status, row.deadlineAtRetailer, row.deadlineAtNode ?? "", row.doneAt.map(iso.string) ?? "",
                    String(Int(row.lateBySeconds)), row.fee ?? "", row.feeAtStake ?? "",
                ].map(PickTicket.csvField).joined(separator: ",") + "\r\n"
        }
        return text
    }
}

/// A retailer's change or cancel request and the verdict on it, as the deadlines page and an order's detail list it.
struct ChangeRequestRow: Encodable {
    var id: Int64
    var retailer: String
    var poNumber: String
    var order: Int64?
    var receivedAt: Date
    var verdict: String
    var reason: String?
    var changeNumber: String?

    init(_ record: ChangeRequestRecord) {
        id = record.id.rawValue
        retailer = record.retailer.rawValue
        poNumber = record.poNumber.rawValue
        order = record.order?.rawValue
        receivedAt = record.receivedAt
        verdict = record.verdict
        reason = record.reason
        changeNumber = record.changeNumber
    }
}
