/// Character-level checks shared by the envelope reader and the validator.
enum X12Syntax {
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `YYMMDD` (6) or `CCYYMMDD` (8), checked against the calendar.
    static func isDate(_ text: String, digits: Int? = nil) -> Bool {
        isDate(ArraySlice(text.utf8), digits: digits)
    }

    static func isTime(_ text: String) -> Bool { isTime(ArraySlice(text.utf8)) }

    static func isDate(_ bytes: ArraySlice<UInt8>, digits: Int? = nil) -> Bool {
        let bytes = Array(bytes)
        guard bytes.count == 6 || bytes.count == 8, digits == nil || bytes.count == digits,
            bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        let values = bytes.map { Int($0 - 0x30) }
        var offset = 0
        var year: Int
        if bytes.count == 8 {
            year = values[0] * 1000 + values[1] * 100 + values[2] * 10 + values[3]
            offset = 4
        } else {
            let yy = values[0] * 10 + values[1]
            year = yy < 50 ? 2000 + yy : 1900 + yy
            offset = 2
        }
        let month = values[offset] * 10 + values[offset + 1]
        let day = values[offset + 2] * 10 + values[offset + 3]
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `HHMM`, `HHMMSS` or `HHMMSSd..dd`.
    static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(bytes)
        guard bytes.count == 4 || bytes.count >= 6, bytes.count <= 8,
            bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        let values = bytes.map { Int($0 - 0x30) }
        let hour = values[0] * 10 + values[1]
        let minute = values[2] * 10 + values[3]
        guard hour <= 23, minute <= 59 else { return false }
        if bytes.count >= 6 { return values[4] * 10 + values[5] <= 59 }
        return true
    }

    /// X12 numeric (`N`): optional leading minus, digits only.
    static func isNumeric(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 0, byte == 0x2D { continue }
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            digits += 1
        }
        return digits > 0
    }

    /// X12 decimal (`R`): optional minus, digits with at most one decimal point, optional exponent `E`.
    static func isDecimal(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        var points = 0
        var exponent = false
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x2D, offset == 0 || exponent { continue }
            if byte == 0x2E, !exponent {
                points += 1
                if points > 1 { return false }
                continue
            }
            if byte == 0x45, digits > 0, !exponent {
                exponent = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            digits += 1
        }
        return digits > 0
    }

    /// Significant length of a numeric value: sign and decimal point do not count.
    static func significantLength(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + (($1 >= 0x30 && $1 <= 0x39) ? 1 : 0) }
    }
}
