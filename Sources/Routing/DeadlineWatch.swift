public import Foundation
public import Orders
public import Profiles

/// Which orders are nearing or past a deadline (acknowledge, ship, send the ASN) without the step done, and what
/// each would cost by the retailer's fee schedule. Pure: the clock is a parameter, so a page, a test and a replay
/// all see the same answer for the same instant.
///
/// A step is `overdue` from its deadline instant on (a deadline is the last instant the step may still be done:
/// at it, not done is late), `dueSoon` within `dueSoon` before it, and `doneLate` when it was done after it. The
/// instants are compared, never wall-clock times: 01:30 on the night daylight saving ends happens twice, and the
/// deadline is one of the two.
public enum DeadlineWatch {
    public enum Step: String, Hashable, Sendable, Codable, CaseIterable {
        case acknowledge = "ack"
        case ship
        case asn

        /// The fee-schedule entry a miss of this step costs.
        public var violation: FeeSchedule.Violation {
            switch self {
            case .acknowledge: .lateAck
            case .ship: .lateShip
            case .asn: .lateASN
            }
        }
    }

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case overdue
        case dueSoon = "due-soon"
        case doneLate = "done-late"
    }

    /// One step of an order: its deadline, and when it was done (nil: not yet).
    public struct StepDeadline: Hashable, Sendable {
        public var step: Step
        public var deadline: Date
        public var doneAt: Date?

        public init(_ step: Step, deadline: Date, doneAt: Date? = nil) {
            self.step = step
            self.deadline = deadline
            self.doneAt = doneAt
        }
    }

    /// An order as the watch sees it. The ASN's deadline and sent-at come from the shipment, when there is one.
    public struct Order: Hashable, Sendable {
        public var id: Int64
        public var retailer: RetailerID
        public var poNumber: PONumber
        public var nodes: [DCID]
        public var units: Int
        /// The order's extended value, for a fee that is a share of it; nil when not known (such a fee is then
        /// named without an amount).
        public var value: Money?
        public var steps: [StepDeadline]

        public init(
            id: Int64, retailer: RetailerID, poNumber: PONumber, nodes: [DCID], units: Int, value: Money? = nil,
            steps: [StepDeadline]
        ) {
            self.id = id
            self.retailer = retailer
            self.poNumber = poNumber
            self.nodes = nodes
            self.units = units
            self.value = value
            self.steps = steps
        }

        /// The steps of an order from its deadlines: acknowledge when it has an acknowledge-by, ship when it has a
        /// ship-by (done at `shippedAt`), the ASN when the shipment says when it is due.
        public static func steps(
            acknowledgeBy: Date?, acknowledgedAt: Date?, shipBy: Date?, shippedAt: Date?, asnDue: Date? = nil,
            asnSentAt: Date? = nil
        ) -> [StepDeadline] {
            var steps: [StepDeadline] = []
            if let acknowledgeBy {
                steps.append(StepDeadline(.acknowledge, deadline: acknowledgeBy, doneAt: acknowledgedAt))
            }
            if let shipBy { steps.append(StepDeadline(.ship, deadline: shipBy, doneAt: shippedAt)) }
            if let asnDue { steps.append(StepDeadline(.asn, deadline: asnDue, doneAt: asnSentAt)) }
            return steps
        }
    }

    /// One step of one order that needs a look.
    public struct Entry: Hashable, Sendable {
        public var order: Int64
        public var retailer: RetailerID
        public var retailerName: String
        public var poNumber: PONumber
        public var nodes: [DCID]
        public var step: Step
        public var deadline: Date
        public var doneAt: Date?
        public var status: Status
        /// How far past the deadline (positive) or before it (negative) `now` is, in seconds; for a step done late,
        /// how late it was done.
        public var lateBy: TimeInterval
        /// The profile's fee for missing this step; nil when it sets none.
        public var fee: Fee?
        /// What the fee comes to for this order; nil without a fee, or for a share of a value not known.
        public var feeAtStake: Money?
        /// The retailer's zone (its profile's), in which its deadlines are written.
        public var retailerTimeZone: TimeZone
        /// The first node's zone, the clock the floor reads.
        public var nodeTimeZone: TimeZone?

        public init(
            order: Int64, retailer: RetailerID, retailerName: String, poNumber: PONumber, nodes: [DCID], step: Step,
            deadline: Date, doneAt: Date?, status: Status, lateBy: TimeInterval, fee: Fee?, feeAtStake: Money?,
            retailerTimeZone: TimeZone, nodeTimeZone: TimeZone?
        ) {
            self.order = order
            self.retailer = retailer
            self.retailerName = retailerName
            self.poNumber = poNumber
            self.nodes = nodes
            self.step = step
            self.deadline = deadline
            self.doneAt = doneAt
            self.status = status
            self.lateBy = lateBy
            self.fee = fee
            self.feeAtStake = feeAtStake
            self.retailerTimeZone = retailerTimeZone
            self.nodeTimeZone = nodeTimeZone
        }
    }

    /// Four hours: a shift's warning.
    public static let defaultDueSoon: TimeInterval = 4 * 3600

    /// Every step of `orders` that is overdue, due within `dueSoon` of `now`, or was done late; most urgent first:
    /// overdue and due soon by deadline (the longest overdue first), then those done late, latest deadline first.
    /// Orders of a retailer `profiles` does not know are watched with no fees and UTC as their zone.
    public static func entries(
        for orders: [Order], profiles: ProfileSet, now: Date, dueSoon: TimeInterval = defaultDueSoon
    ) -> [Entry] {
        var entries: [Entry] = []
        for order in orders {
            let profile = profiles[order.retailer]
            let nodeZone = order.nodes.first.flatMap { profiles.network.node($0)?.timeZone }
            for step in order.steps {
                let status: Status
                let lateBy: TimeInterval
                if let done = step.doneAt {
                    guard done > step.deadline else { continue }
                    status = .doneLate
                    lateBy = done.timeIntervalSince(step.deadline)
                } else if now >= step.deadline {
                    status = .overdue
                    lateBy = now.timeIntervalSince(step.deadline)
                } else if step.deadline.timeIntervalSince(now) <= dueSoon {
                    status = .dueSoon
                    lateBy = now.timeIntervalSince(step.deadline)
                } else {
                    continue
                }
                let fee = profile?.fees.fee(for: step.step.violation)
                entries.append(
                    Entry(
                        order: order.id, retailer: order.retailer,
                        retailerName: profile?.name ?? order.retailer.rawValue,
                        poNumber: order.poNumber, nodes: order.nodes, step: step.step, deadline: step.deadline,
                        doneAt: step.doneAt, status: status, lateBy: lateBy, fee: fee,
                        feeAtStake: fee.flatMap { charge($0, units: order.units, value: order.value) },
                        retailerTimeZone: profile?.timeZone ?? utc, nodeTimeZone: nodeZone))
            }
        }
        return entries.sorted(by: isMoreUrgent)
    }

    /// What `fee` comes to; nil for a share of a value not known.
    static func charge(_ fee: Fee, units: Int, value: Money?) -> Money? {
        if case .percent = fee.amount, value == nil { return nil }
        guard let value else { return fee.charge(units: Decimal(units), value: .zero(.usd)) }
        return fee.charge(units: Decimal(units), value: value)
    }

    static func isMoreUrgent(_ a: Entry, _ b: Entry) -> Bool {
        let aDone = a.status == .doneLate
        let bDone = b.status == .doneLate
        if aDone != bDone { return !aDone }
        if a.deadline != b.deadline { return aDone ? a.deadline > b.deadline : a.deadline < b.deadline }
        if a.order != b.order { return a.order < b.order }
        return rank(a.step) < rank(b.step)
    }

    static func rank(_ step: Step) -> Int {
        switch step {
        case .acknowledge: 0
        case .ship: 1
        case .asn: 2
        }
    }

    static let utc = TimeZone(secondsFromGMT: 0) ?? TimeZone.current

    /// `2026-11-01T01:30:00-05:00`: the instant on `zone`'s clock, with the offset in force then (which tells the
    /// two 01:30s of the night daylight saving ends apart).
    public static func localTime(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let minutes = abs(offset) / 60
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
            + "\(offset < 0 ? "-" : "+")\(pad(minutes / 60)):\(pad(minutes % 60))"
    }
}
