/// Character-level checks shared by the envelope reader and the validator.
enum X12Syntax {
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The number that 1 to 18 plain digits spell (so that it cannot overflow), nil for anything else.
    @inline(__always)
    static func digitsValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard (1...18).contains(bytes.count) else { return nil }
        var number = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            number = number &* 10 &+ Int(digit)
        }
        return number
    }

    /// `YYMMDD` (6) or `CCYYMMDD` (8), checked against the calendar.
    static func isDate(_ text: String, digits: Int? = nil) -> Bool {
        isDate(ArraySlice(text.utf8), digits: digits)
    }

    static func isTime(_ text: String) -> Bool { isTime(ArraySlice(text.utf8)) }

    static func isDate(_ bytes: some Collection<UInt8>, digits: Int? = nil) -> Bool {
        let count = bytes.count
        guard count == 6 || count == 8, digits == nil || count == digits else { return false }
        // Up to eight digits, as one number: CCYYMMDD or YYMMDD.
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            value = value * 10 + Int(byte - 0x30)
        }
        let day = value % 100
        let month = value / 100 % 100
        var year = value / 10_000
        if count == 6 { year = year < 50 ? 2000 + year : 1900 + year }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days: Int
        switch month {
        case 2: days = leap ? 29 : 28
        case 4, 6, 9, 11: days = 30
        default: days = 31
        }
        return day <= days
    }

    /// `HHMM`, `HHMMSS` or `HHMMSSd..dd`.
    static func isTime(_ bytes: some Collection<UInt8>) -> Bool {
        let count = bytes.count
        guard count == 4 || count >= 6, count <= 8 else { return false }
        var values: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
        var offset = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            let digit = Int(byte - 0x30)
            switch offset {
            case 0: values.0 = digit
            case 1: values.1 = digit
            case 2: values.2 = digit
            case 3: values.3 = digit
            case 4: values.4 = digit
            case 5: values.5 = digit
            default: break
            }
            offset += 1
        }
        let hour = values.0 * 10 + values.1
        let minute = values.2 * 10 + values.3
        guard hour <= 23, minute <= 59 else { return false }
        if count >= 6 { return values.4 * 10 + values.5 <= 59 }
        return true
    }

    /// X12 numeric (`N`: optional leading minus, digits only): the count of digits, which is what its length
    /// limits count, or nil when the value is not numeric.
    static func numericLength(_ bytes: some Collection<UInt8>) -> Int? {
        var digits = 0
        var first = true
        for byte in bytes {
            defer { first = false }
            if first, byte == 0x2D { continue }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            digits += 1
        }
        return digits > 0 ? digits : nil
    }

    /// X12 decimal (`R`: optional minus, digits with at most one decimal point, optional exponent `E`): the count
    /// of digits (sign, point and exponent marker do not count), or nil when the value is not a decimal.
    static func decimalLength(_ bytes: some Collection<UInt8>) -> Int? {
        var digits = 0
        var points = 0
        var exponent = false
        var first = true
        for byte in bytes {
            defer { first = false }
            if byte == 0x2D, first || exponent { continue }
            if byte == 0x2E, !exponent {
                points += 1
                if points > 1 { return nil }
                continue
            }
            if byte == 0x45, digits > 0, !exponent {
                exponent = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            digits += 1
        }
        return digits > 0 ? digits : nil
    }
}
