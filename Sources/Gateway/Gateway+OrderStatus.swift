import Foundation
import OrderX12
import Orders
import Profiles
import Routing
import Store
import X12

extension Gateway {
    /// The 870 telling the retailer that `cancelled` lines of `order` will not ship, numbered when committed: one
    /// item level per PO line, with the units cancelled now and the profile's status reason (ISR03) for each line's
    /// reason. `sequence` tells an order's reports apart: the report is `CXL<order>-<n>` (BSR03), the file
    /// `870-<PO>-<n>.x12`.
    func orderStatusDraft(
        _ cancelled: [FloorCancelledLine], order: PurchaseOrder, id: OrderID, sequence: Int, profile: RetailerProfile,
        at now: Date
    ) -> OutboundDraft {
        var lines: [OrderStatusReport.Line] = []
        for line in cancelled {
            if let index = lines.firstIndex(where: { $0.lineNumber == line.lineNumber }) {
                lines[index].quantity += Decimal(line.quantity)
            } else {
                lines.append(
                    OrderStatusReport.Line(
                        lineNumber: line.lineNumber, quantity: Decimal(line.quantity),
                        statusReason: profile.reasonCodes.statusReason(for: line.reason)))
            }
        }
        let report = OrderStatusReport(
            reportID: "CXL\(id)-\(sequence)", date: CalendarDate(now, in: profile.timeZone), lines: lines)
        return x12Draft(
            .orderStatus, name: "870-\(order.poNumber)-\(sequence).x12", order: order, profile: profile, at: now
        ) { format, timestamp, counter in
            try order.orderStatusInterchange(report, timestamp: timestamp, format: format, counter: &counter)
        }
    }
}
