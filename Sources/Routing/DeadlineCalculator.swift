public import Foundation
public import Orders
public import Profiles

/// Computes the deadlines a profile holds an order to. Pure: `now` is the receipt time the caller passes.
enum DeadlineCalculator {
    /// Acknowledge within the profile's deadline of receipt; business units count the retailer's business days only.
    static func acknowledgeBy(_ profile: RetailerProfile, receivedAt now: Date, zone: ZoneOffsets) -> Date {
        advance(now, by: profile.documents.acknowledgement.deadline, calendar: profile.shipSLA.calendar, zone: zone)
    }

    /// What of an order its deadlines depend on, beside the receipt time: the deliver-by day, the PO date the
    /// profile honours (the first it has), and the PO's date when the SLA runs from it.
    struct Inputs: Hashable, Sendable {
        var deliverBy: CalendarDate?
        var honoured: ShipSLA.PODate?
        var honouredDay: CalendarDate?
        var ordered: CalendarDate?

        /// `honours` and `from` are the SLA's (read field by field: an SLA is a large value to copy).
        init(_ order: borrowing PurchaseOrder, honours: [ShipSLA.PODate], from: ShipSLA.Basis) {
            // The lines by index, reading one field each (a line is a large value to copy), and without a closure
            // or key path, through which the order would be copied.
            if honours.contains(.requestedDelivery) {
                var earliest = order.dates.requestedDelivery
                for index in order.lines.indices {
                    guard let requested = order.lines[index].requestedDelivery else { continue }
                    earliest = min(earliest ?? requested, requested)
                }
                deliverBy = earliest
            }
            for date in honours {
                var day: CalendarDate?
                switch date {
                case .expectedShip:
                    day = order.dates.expectedShip
                case .requestedShip:
                    day = order.dates.requestedShip
                    for index in order.lines.indices {
                        guard let requested = order.lines[index].requestedShip else { continue }
                        day = min(day ?? requested, requested)
                    }
                case .requestedDelivery:
                    continue
                }
                if let day {
                    (honoured, honouredDay) = (date, day)
                    break
                }
            }
            if honoured == nil, from == .poDate { ordered = order.dates.ordered }
        }
    }

    /// `zone` is the profile's time zone (the SLA cutoff's).
    static func deadlines(for order: PurchaseOrder, profile: RetailerProfile, now: Date, zone: ZoneOffsets)
        -> Deadlines
    {
        deadlines(
            for: Inputs(order, honours: profile.shipSLA.honours, from: profile.shipSLA.from), profile: profile,
            now: now, zone: zone)
    }

    static func deadlines(for inputs: Inputs, profile: RetailerProfile, now: Date, zone: ZoneOffsets) -> Deadlines {
        let sla = profile.shipSLA
        let calendar = sla.calendar
        let deliverBy = inputs.deliverBy
        if let date = inputs.honoured, let day = inputs.honouredDay {
            return Deadlines(
                acknowledgeBy: acknowledgeBy(profile, receivedAt: now, zone: zone), shipBy: endOf(day, in: zone),
                shipByDay: day, deliverBy: deliverBy, lazyBasis: LazyText(.honoured(date, day)),
                timeZone: zone.zone)
        }
        let startBasis: ShipByBasis.Start
        let start: Date
        if sla.from == .poDate, let ordered = inputs.ordered {
            start = ordered.start(in: zone)
            startBasis = .poDate(ordered)
        } else {
            start = now
            startBasis = .receipt
        }
        let shipBy: Date
        let shipByDay: CalendarDate
        let basis: ShipByBasis
        switch sla.within.unit {
        case .businessDays:
            let receivedDay = CalendarDate.on(start, in: zone)
            let cutoff = receivedDay.instant(at: sla.cutoff.time, in: zone)
            let inBeforeCutoff = sla.from == .poDate || start < cutoff
            let dayZero =
                inBeforeCutoff && calendar.isBusinessDay(receivedDay)
                ? receivedDay : calendar.businessDay(onOrAfter: receivedDay.plus(days: 1))
            shipByDay = calendar.adding(businessDays: sla.within.value, to: dayZero)
            shipBy = endOf(shipByDay, in: zone)
            let why: ShipByBasis.Why =
                dayZero == receivedDay
                ? .beforeCutoff
                : (calendar.isBusinessDay(receivedDay) && !inBeforeCutoff ? .afterCutoff : .nonBusinessDay)
            basis = .businessDays(
                sla.within, from: startBasis, dayZero: dayZero, received: receivedDay, cutoff: sla.cutoff, why)
        default:
            shipBy = advance(start, by: sla.within, calendar: calendar, zone: zone)
            shipByDay = CalendarDate.on(shipBy, in: zone)
            basis = .clock(sla.within, from: startBasis)
        }
        return Deadlines(
            acknowledgeBy: acknowledgeBy(profile, receivedAt: now, zone: zone), shipBy: shipBy, shipByDay: shipByDay,
            deliverBy: deliverBy, lazyBasis: LazyText(basis), timeZone: zone.zone)
    }

    /// The last second of `day` in `zone`.
    static func endOf(_ day: CalendarDate, in zone: ZoneOffsets) -> Date {
        day.plus(days: 1).start(in: zone).addingTimeInterval(-1)
    }

    /// `start` moved on by `duration`; business hours only run on the calendar's business days.
    static func advance(
        _ start: Date, by duration: ProfileDuration, calendar: BusinessCalendar, zone timeZone: ZoneOffsets
    )
        -> Date
    {
        if let seconds = duration.seconds { return start.addingTimeInterval(seconds) }
        switch duration.unit {
        case .businessDays:
            let day = calendar.adding(businessDays: duration.value, to: CalendarDate.on(start, in: timeZone))
            return endOf(day, in: timeZone)
        default:
            var left = TimeInterval(duration.value * 3600)
            var cursor = start
            for _ in 0..<3660 where left > 0 {
                let day = CalendarDate.on(cursor, in: timeZone)
                let dayEnd = day.plus(days: 1).start(in: timeZone)
                if calendar.isBusinessDay(day) {
                    let step = min(left, dayEnd.timeIntervalSince(cursor))
                    left -= step
                    cursor = cursor.addingTimeInterval(step)
                    if left <= 0 { break }
                }
                cursor = dayEnd
            }
            return cursor
        }
    }

    /// The earliest carrier pickup at `node` for `service` at or after `now`: the cutoff on the first day the node
    /// ships (business day, outside closures) whose cutoff has not passed. An order in exactly at cutoff misses it.
    /// `zone` is the node's time zone.
    static func earliestPickup(at node: FulfilmentNode, cutoff: TimeOfDay, now: Date, zone: ZoneOffsets) -> (
        day: CalendarDate, at: Date
    )? {
        var day = CalendarDate.on(now, in: zone)
        for _ in 0..<400 {
            if node.ships(on: day) {
                let pickup = day.instant(at: cutoff, in: zone)
                if now < pickup { return (day, pickup) }
            }
            day = day.plus(days: 1)
        }
        return nil
    }
}

extension RetailerProfile {
    /// The ack and ship-by deadlines this profile holds `order` to, for an order received at `now`.
    public func deadlines(for order: PurchaseOrder, receivedAt now: Date) -> Deadlines {
        DeadlineCalculator.deadlines(for: order, profile: self, now: now, zone: ZoneOffsets.of(timeZone))
    }
}

extension FulfilmentNode {
    /// The earliest carrier pickup for `service` at or after `now` (nil when the node lacks the service or never
    /// ships again within a year). An order in exactly at the cutoff misses it.
    public func earliestPickup(for service: CarrierServiceID, after now: Date) -> (day: CalendarDate, at: Date)? {
        guard let cutoff = self.service(service)?.cutoff else { return nil }
        return DeadlineCalculator.earliestPickup(at: self, cutoff: cutoff, now: now, zone: ZoneOffsets.of(timeZone))
    }
}
