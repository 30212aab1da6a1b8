public import Foundation
public import Operations
public import Orders
public import Profiles
public import Store

extension ScorecardStore {
    /// The scorecard of `month` for `profiles` (each in its own time zone) as of `asOf`, from the store's counts
    /// (`retailer` narrows the read to one retailer's POs): what `dropgate report` prints and the operations page
    /// draws. Equal to `Scorecard.compute` over every PO's record (`scorecardRecords`).
    public func scorecard(
        of month: ScorecardMonth, profiles: [RetailerProfile], retailer: RetailerID? = nil, asOf: Date
    ) async throws(StoreError) -> Scorecard {
        let counts = try await scorecardCounts(of: month, profiles: profiles, retailer: retailer, asOf: asOf)
        return Scorecard.compute(counts, profiles: profiles, month: month, asOf: asOf)
    }

    /// The month's POs for `profiles` as the store counts them: the plain ones in groups, the rest as records.
    public func scorecardCounts(
        of month: ScorecardMonth, profiles: [RetailerProfile], retailer: RetailerID? = nil, asOf: Date
    ) async throws(StoreError) -> ScorecardCounts {
        let window = Scorecard.window(of: month, for: profiles)
        var days: [RetailerID: [Date]] = [:]
        for profile in profiles { days[profile.id] = month.dayStarts(in: profile.timeZone) }
        return try await scorecardCounts(
            ScorecardWindow(
                from: window.start, until: window.end, retailer: retailer,
                valued: ScorecardWindow.priced(Scorecard.valuedRetailers(profiles))), days: days, asOf: asOf)
    }
}

extension ScorecardWindow {
    /// `Scorecard.valuedRetailers` as the store reads them: per retailer, the facts whose POs it prices by value.
    public static func priced(_ valued: [RetailerID: Set<FeeSchedule.Violation>]) -> [RetailerID: Priced] {
        valued.mapValues { violations in
            var priced: Priced = []
            if violations.contains(.lateShip) { priced.insert(.shipping) }
            if violations.contains(.lateASN) { priced.insert(.asn) }
            if violations.contains(.cancelForStock) { priced.insert(.cancel) }
            return priced
        }
    }
}

extension Scorecard {
    /// The scorecard of `month` from what the store counted (`ScorecardStore.scorecardCounts`).
    public static func compute(
        _ counts: ScorecardCounts, profiles: [RetailerProfile], month: ScorecardMonth, asOf: Date
    ) -> Scorecard {
        compute(
            counts.counts.lazy.map { ScorecardGroup($0) }, orders: counts.records.lazy.map { ScorecardOrder($0) },
            profiles: profiles, month: month, asOf: asOf)
    }
}

extension ScorecardGroup {
    /// The store's count as the scorecard counts it.
    public init(_ count: ScorecardCount) {
        func verdict(_ verdict: ScorecardCount.Verdict?) -> DeadlineVerdict? {
            switch verdict {
            case .onTime: .onTime
            case .late: .late
            case .pending: .pending
            case nil: nil
            }
        }
        self.init(
            retailer: count.retailer, nodes: count.nodes, outcome: count.outcome, feesAvoided: count.feesAvoided,
            receivedDay: count.receivedDay, shipByDay: count.shipByDay, shipVerdict: verdict(count.shipVerdict),
            asnDay: count.asnDay, asnVerdict: verdict(count.asnVerdict), orders: count.orders, units: count.units,
            cancelledOrders: count.cancelledOrders, cancelledUnits: count.cancelledUnits, shipped: count.shipped)
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
                Shipment(
                    node: $0.node, shippedAt: $0.shippedAt, asnDue: $0.asnDue, asnDeliveredAt: $0.asnDeliveredAt,
                    carrierCompliant: $0.carrierCompliant)
            }, poNumber: record.poNumber, value: record.value, cancelledValue: record.cancelledValue)
    }
}
