public import Foundation
public import Orders
public import Profiles

/// Computes the deadlines a profile holds an order to. Pure: `now` is the receipt time the caller passes.
enum DeadlineCalculator {
    /// Acknowledge within the profile's deadline of receipt; business units count the retailer's business days only.
    static func acknowledgeBy(_ profile: RetailerProfile, receivedAt now: Date) -> Date {
        advance(
            now, by: profile.documents.acknowledgement.deadline, calendar: profile.shipSLA.calendar,
            timeZone: profile.timeZone)
    }

    static func deadlines(for order: PurchaseOrder, profile: RetailerProfile, now: Date) -> Deadlines {
        let sla = profile.shipSLA
        let zone = sla.timeZone
        let calendar = sla.calendar
        var deliverBy: CalendarDate?
        if sla.honours.contains(.requestedDelivery) {
            deliverBy = ([order.dates.requestedDelivery] + order.lines.map(\.requestedDelivery)).compactMap { $0 }.min()
        }
        for date in sla.honours {
            let day: CalendarDate?
            let label: String
            switch date {
            case .expectedShip:
                day = order.dates.expectedShip
                label = "the retailer's expected ship date"
            case .requestedShip:
                day = ([order.dates.requestedShip] + order.lines.map(\.requestedShip)).compactMap { $0 }.min()
                label = "the PO's requested ship date"
            case .requestedDelivery:
                continue
            }
            if let day {
                return Deadlines(
                    acknowledgeBy: acknowledgeBy(profile, receivedAt: now), shipBy: endOf(day, in: zone),
                    shipByDay: day, deliverBy: deliverBy, basis: "\(label) \(day)", timeZone: zone)
            }
        }
        let startDescription: String
        let start: Date
        if sla.from == .poDate, let ordered = order.dates.ordered {
            start = ordered.start(in: zone)
            startDescription = "the PO date \(ordered)"
        } else {
            start = now
            startDescription = "receipt"
        }
        let shipBy: Date
        let shipByDay: CalendarDate
        let basis: String
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
            let why =
                dayZero == receivedDay
                ? "received \(receivedDay) before the \(sla.cutoff) cutoff"
                : (calendar.isBusinessDay(receivedDay) && !inBeforeCutoff
                    ? "received \(receivedDay) after the \(sla.cutoff) cutoff" : "received on a non-business day")
            basis = "\(sla.within) from \(startDescription): day 0 is \(dayZero) (\(why))"
        default:
            shipBy = advance(start, by: sla.within, calendar: calendar, timeZone: zone)
            shipByDay = CalendarDate.on(shipBy, in: zone)
            basis = "\(sla.within) from \(startDescription)"
        }
        return Deadlines(
            acknowledgeBy: acknowledgeBy(profile, receivedAt: now), shipBy: shipBy, shipByDay: shipByDay,
            deliverBy: deliverBy, basis: basis, timeZone: zone)
    }

    /// The last second of `day` in `zone`.
    static func endOf(_ day: CalendarDate, in zone: TimeZone) -> Date {
        day.plus(days: 1).start(in: zone).addingTimeInterval(-1)
    }

    /// `start` moved on by `duration`; business hours only run on the calendar's business days.
    static func advance(_ start: Date, by duration: ProfileDuration, calendar: BusinessCalendar, timeZone: TimeZone)
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
    static func earliestPickup(at node: FulfilmentNode, cutoff: TimeOfDay, now: Date) -> (day: CalendarDate, at: Date)?
    {
        var memo = OrderMemo()
        return earliestPickup(at: node, cutoff: cutoff, now: now, memo: &memo)
    }

    /// The same, with the zone offsets of the decision at hand.
    static func earliestPickup(at node: FulfilmentNode, cutoff: TimeOfDay, now: Date, memo: inout OrderMemo) -> (
        day: CalendarDate, at: Date
    )? {
        var day = memo.day(of: now, in: node.timeZone)
        for _ in 0..<400 {
            if node.ships(on: day) {
                let pickup = memo.instant(day, at: cutoff, in: node.timeZone)
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
        DeadlineCalculator.deadlines(for: order, profile: self, now: now)
    }
}

extension FulfilmentNode {
    /// The earliest carrier pickup for `service` at or after `now` (nil when the node lacks the service or never
    /// ships again within a year). An order in exactly at the cutoff misses it.
    public func earliestPickup(for service: CarrierServiceID, after now: Date) -> (day: CalendarDate, at: Date)? {
        guard let cutoff = self.service(service)?.cutoff else { return nil }
        return DeadlineCalculator.earliestPickup(at: self, cutoff: cutoff, now: now)
    }
}
