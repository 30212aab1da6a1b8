import Foundation
import OrderX12
import Orders
import Profiles
import Routing
import Store
import X12

extension Gateway {
    /// The 856 telling a retailer whose program takes cancels on the ASN (`cancel-on: 856`) that `cancelled`
    /// lines of `order` will not ship from `node`: a `ShipNotice.Cancellation` shipping nothing, in the retailer's
    /// release and delimiters, numbered when committed and queued as a shipment's 856 is; and the review's sentence
    /// saying what was sent.
    ///
    /// BSN02 is `ASN<order>-C<n>`: a shipment's ASN is `ASN<order>-<shipment n>`, numbered by the order's shipment
    /// rows, which a cancel does not add to, so taking the next shipment number would hand the next shipment the
    /// same id. The `C` keeps the cancel's ids apart from every shipment's while in the ASN family, and `n` counts
    /// the cancel 856s already in the order's outbox, which lasts as the store does and is read in the same
    /// version-checked transaction that adds the next one: unique per order, and durable.
    ///
    /// SN108 is `ID` (Item Deleted) when nothing of the line is left to ship from any node after this cancel, and
    /// `IQ` (Item Accepted – Quantity Changed) when some still ships: see `ShipNotice.LineStatus`.
    func cancelNoticeDraft(
        _ cancelled: [FloorCancelledLine], node: DCID, context: FloorContext, id: OrderID, at now: Date
    ) -> (draft: OutboundDraft, check: String) {
        let order = context.floor.order
        let profile = context.profile
        let sequence = context.cancelNotices + 1
        // Units of each line cancelled now, and what every node's pick ticket still had open of it before.
        var units: [String: Int] = [:]
        for line in cancelled { units[line.lineNumber, default: 0] += line.quantity }
        var open: [String: Int] = [:]
        for plan in context.plans {
            let history = context.history(at: plan.node)
            for line in plan.lines where units[line.lineNumber] != nil {
                open[line.lineNumber, default: 0] += history.open(line.lineNumber, planned: line.quantity)
            }
        }
        var lines: [ShipNotice.Cancellation.Line] = []
        for line in cancelled where !lines.contains(where: { $0.lineNumber == line.lineNumber }) {
            let left = (open[line.lineNumber] ?? 0) - (units[line.lineNumber] ?? 0)
            lines.append(
                ShipNotice.Cancellation.Line(
                    lineNumber: line.lineNumber, sku: line.sku, status: left > 0 ? .quantityChanged : .deleted))
        }
        let place = profiles.network.node(node)
        let notice = ShipNotice.Cancellation(
            shipmentID: "ASN\(id)-C\(sequence)", created: now, timeZone: profile.timeZone,
            shipFrom: ShipNotice.shipFromParty(node, name: place?.name, address: place?.address), lines: lines)
        let draft = x12Draft(
            .shipNotice, name: Self.cancelNoticeName(order.poNumber, sequence: sequence), order: order,
            profile: profile, at: now
        ) { format, timestamp, counter in
            try order.shipNoticeInterchange(notice, timestamp: timestamp, format: format, counter: &counter)
        }
        let described = lines.map { line in
            "line \(line.lineNumber) \(line.status == .deleted ? "deleted (SN108 ID)" : "reduced (SN108 IQ)")"
        }
        let check =
            "the cancel goes to \(profile.name) on an 856, \(notice.shipmentID), that ships nothing: "
            + described.joined(separator: ", ")
        return (draft, check)
    }

    /// `856-<PO>-cancel-<n>.x12`: a cancel's 856, named apart from a shipment's `856-<PO>-<n>.x12`.
    static func cancelNoticeName(_ poNumber: PONumber, sequence: Int) -> String {
        "856-\(poNumber)-cancel-\(sequence).x12"
    }

    /// Whether `entry` is a cancel's 856 (named by `cancelNoticeName`), not a shipment's.
    static func isCancelNotice(_ entry: OutboxEntry) -> Bool {
        entry.kind == .shipNotice && entry.name.contains("-cancel-") && entry.name.hasPrefix("856-")
    }
}
