import Foundation
import Orders
import Profiles

/// What one decision computes again and again across its nodes, kept for the length of the decision: time-zone
/// offsets (`TimeZone.secondsFromGMT` takes a lock and asks ICU on Linux) and the instants explanations print. A
/// value owned by `route`, so routing stays pure.
struct OrderMemo {
    /// A zone's offset through one UTC day, kept only when it is the same at both ends of the day.
    private var offsets: [(zone: String, day: Int, offset: Int)] = []
    private var instants: [(date: Date, zone: String, text: String)] = []
    private var sentences: [(key: Sentence, text: String)] = []
    /// Per resolved line: the last stock shortfall sentence, by the units available.
    private var shortages: [(available: Int, text: String)?] = []

    /// A sentence of a node check that nodes alike in these facts share word for word.
    enum Sentence: Equatable {
        case pickup(at: Date, zone: String, service: CarrierServiceID, meets: Bool)
        case capacity(ordersLeft: Int, orders: Int, unitsLeft: Int, units: Int)
    }

    /// The sentence for `key`, made by `make` the first time. Keeps a few, since a network has few kinds of node.
    mutating func sentence(_ key: Sentence, _ make: (inout OrderMemo) -> String) -> String {
        for entry in sentences where entry.key == key { return entry.text }
        let text = make(&self)
        if sentences.count < 16 { sentences.append((key, text)) }
        return text
    }

    /// Seconds east of GMT in `zone` at `instant`, as `zone.secondsFromGMT(for:)` gives it. A day whose two ends
    /// agree has no transition in it (zones change offset months apart), so its offset serves the whole day; a day
    /// with a transition asks the zone every time.
    mutating func secondsFromGMT(_ zone: TimeZone, at instant: Date) -> Int {
        let day = Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
        let id = zone.identifier
        for entry in offsets where entry.day == day && entry.zone == id { return entry.offset }
        let start = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day * 86_400)))
        let end = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day * 86_400 + 86_399)))
        guard start == end else { return zone.secondsFromGMT(for: instant) }
        offsets.append((id, day, start))
        return start
    }

    /// `line 3 B-100123: 0 available, 1 needed`: most nodes short of a line have the same number of it (none).
    mutating func shortage(of label: String, _ quantity: Int, at index: Int, available: Int) -> String {
        if index < shortages.count, let last = shortages[index], last.available == available { return last.text }
        let text = "\(label): \(available) available, \(quantity) needed"
        if index >= shortages.count {
            shortages += Array(repeating: nil, count: max(index + 1, shortages.count * 2, 16) - shortages.count)
        }
        shortages[index] = (available, text)
        return text
    }

    /// `CalendarDate.on(_:in:)`.
    mutating func day(of instant: Date, in zone: TimeZone) -> CalendarDate {
        CalendarDate.on(instant) { secondsFromGMT(zone, at: $0) }
    }

    /// `CalendarDate.instant(at:in:)`.
    mutating func instant(_ day: CalendarDate, at time: TimeOfDay, in zone: TimeZone) -> Date {
        day.instant(at: time) { secondsFromGMT(zone, at: $0) }
    }

    /// `Format.instant(_:_:)`, formatted once per instant and zone.
    mutating func text(_ date: Date, _ zone: TimeZone) -> String {
        let id = zone.identifier
        for entry in instants where entry.date == date && entry.zone == id { return entry.text }
        let time = TimeOfDay.of(date) { secondsFromGMT(zone, at: $0) }
        let text = "\(day(of: date, in: zone)) \(time) \(id)"
        instants.append((date, id, text))
        return text
    }
}
