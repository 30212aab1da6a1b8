public import Foundation
public import Operations
public import Orders
public import Profiles
public import Store

extension ScorecardStore {
    /// The scorecard of `month` for `profiles` (each in its own time zone) as of `asOf`, from the store's records
    /// (`retailer` narrows the read to one retailer's POs): what `dropgate report` prints and the operations page
    /// draws.
    public func scorecard(
        of month: ScorecardMonth, profiles: [RetailerProfile], retailer: RetailerID? = nil, asOf: Date
    ) async throws(StoreError) -> Scorecard {
        let window = Scorecard.window(of: month, for: profiles)
        let records = try await scorecardRecords(
            ScorecardWindow(from: window.start, until: window.end, retailer: retailer))
        return Scorecard.compute(records.lazy.map { ScorecardOrder($0) }, profiles: profiles, month: month, asOf: asOf)
    }
}

extension ScorecardOrder {
    /// The store's record as the scorecard counts it: released is still open (something is left to ship).
    public init(_ record: ScorecardRecord) {
        let progress: Progress =
            switch record.state {
            case .open, .released: .open
            case .shipped: .shipped
            case .cancelled: .cancelled
            }
        self.init(
            id: record.id.rawValue, retailer: record.retailer, receivedAt: record.receivedAt, units: record.units,
            outcome: record.outcome, nodes: record.nodes, shipBy: record.shipBy, progress: progress,
            cancelledUnits: record.cancelledUnits, floorCancelledUnits: record.floorCancelledUnits,
            feesAvoided: record.feesAvoided, feesIncurred: record.feesIncurred,
            cancelledByRetailer: record.cancelledByRetailer,
            shipments: record.shipments.map {
                Shipment(node: $0.node, shippedAt: $0.shippedAt, asnDue: $0.asnDue, asnDeliveredAt: $0.asnDeliveredAt)
            })
    }
}
