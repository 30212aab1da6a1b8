import Foundation
import Orders
import X12

/// How our values become X12 element text in the documents we write: dates `CCYYMMDD` (DT), times `HHMM` (TM),
/// decimals in plain notation (R), and free text with the partner's delimiters made spaces.
enum X12Text {
    /// CCYYMMDD.
    static func date(_ date: CalendarDate) -> String {
        // One number of eight digits, padded once (an ASN writes three dates), when each part fits its width.
        guard (0...9999).contains(date.year), (0...99).contains(date.month), (0...99).contains(date.day) else {
            return padded(date.year, 4) + padded(date.month, 2) + padded(date.day, 2)
        }
        return padded(date.year * 10_000 + date.month * 100 + date.day, 8)
    }

    /// CCYYMMDD and HHMM of `instant` on the wall clock of `timeZone`: the zone's offset at the instant, then days
    /// and seconds of the day (`CalendarDate(ordinal:)`), as `Calendar` reckons them and without its microseconds a
    /// call on Linux (an ASN writes two). Instants before 1583 (where `Calendar` turns Julian) or past 9999 go
    /// through `Calendar` itself.
    static func dateAndTime(_ instant: Date, in timeZone: TimeZone) -> (date: String, time: String) {
        let since1970 = instant.timeIntervalSince1970
        if since1970 >= -12_212_553_600, since1970 < 253_402_214_400 {
            let civil = CivilTime(
                secondsSince1970: Int(since1970.rounded(.down)), offset: timeZone.secondsFromGMT(for: instant))
            return (
                padded(civil.year * 10_000 + civil.month * 100 + civil.day, 8),
                padded(civil.hour * 100 + civil.minute, 4)
            )
        }
        return calendarDateAndTime(instant, in: timeZone)
    }

    /// `dateAndTime(_:in:)` through `Calendar`: the instants it does not reckon itself, and the tests' reference.
    static func calendarDateAndTime(_ instant: Date, in timeZone: TimeZone) -> (date: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = padded(parts.year ?? 0, 4) + padded(parts.month ?? 0, 2) + padded(parts.day ?? 0, 2)
        return (date, padded(parts.hour ?? 0, 2) + padded(parts.minute ?? 0, 2))
    }

    /// The time code (element 623) of `timeZone`'s clock at `instant` — `ED` Eastern daylight, `CS` Central standard,
    /// … `UT` for UTC — so that a DTM's time says whose clock it reads; nil for a zone X12 has no code for.
    static func timeCode(_ timeZone: TimeZone, at instant: Date) -> String? {
        let id = timeZone.identifier
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(id) { return "UT" }
        let letter: String
        switch id {
        case "America/New_York", "America/Detroit", "America/Toronto", "US/Eastern": letter = "E"
        case _ where id.hasPrefix("America/Indiana/") || id.hasPrefix("America/Kentucky/"): letter = "E"
        case "America/Chicago", "America/Winnipeg", "US/Central", "America/Menominee": letter = "C"
        case _ where id.hasPrefix("America/North_Dakota/"): letter = "C"
        case "America/Denver", "America/Boise", "America/Phoenix", "America/Edmonton", "US/Mountain": letter = "M"
        case "America/Los_Angeles", "America/Vancouver", "US/Pacific": letter = "P"
        case "America/Anchorage", "America/Juneau", "US/Alaska": letter = "A"
        case "Pacific/Honolulu", "US/Hawaii": letter = "H"
        default: return nil
        }
        return letter + (timeZone.isDaylightSavingTime(for: instant) ? "D" : "S")
    }

    /// An R element: `12.3456`, `3`.
    static func number(_ value: Decimal) -> String { value.plainText }

    /// The element positions that hold free text in the segments we write: a name (N102), an address (N301-02,
    /// N401), a routing (TD505, CAD05); nil for a segment of codes and identifiers. Only these are cleaned of
    /// delimiters; a code or an identifier holding one is refused by the writer instead, as changing it would send a
    /// different identifier.
    static func freeTextPositions(of id: String) -> [Int]? {
        // Most segments are none of these: told apart by their first letter before any comparison of text.
        guard let first = id.utf8.first,
            first == UInt8(ascii: "N") || first == UInt8(ascii: "T") || first == UInt8(ascii: "C")
        else { return nil }
        switch id {
        case "N1": return [2]
        case "N3": return [1, 2]
        case "N4": return [1]
        case "TD5", "CAD": return [5]
        default: return nil
        }
    }

    /// `set` with the partner's delimiters in its free-text elements made spaces (X12 has no escape).
    static func cleaningFreeText(_ set: X12OutgoingSet, delimiters: X12Delimiters) -> X12OutgoingSet {
        var set = set
        for index in set.body.indices {
            // Nearly always nothing to clean: the set as it is, without copying its segments to write them back.
            guard let positions = freeTextPositions(of: set.body[index].id),
                let clean = set.body[index].replacingDelimiters(delimiters, inElements: positions)
            else { continue }
            set.body[index] = clean
        }
        return set
    }

    /// At most `maximum` characters of free text (the element's maximum length), without trailing spaces.
    static func clipped(_ text: String, _ maximum: Int) -> String {
        // Nearly all text fits and ends in no space: as it is, without walking its characters (fewer UTF-8 bytes
        // than the maximum are fewer characters; a last byte not a space is no last character " ").
        if text.utf8.count <= maximum, text.utf8.last != UInt8(ascii: " ") { return text }
        var result = String(text.prefix(maximum))
        while result.last == " " { result.removeLast() }
        return result
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        let count = text.utf8.count
        return count < width ? String(repeating: "0", count: width - count) + text : text
    }
}
