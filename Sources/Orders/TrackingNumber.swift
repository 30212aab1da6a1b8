/// Whether a tracking number can be one of its carrier's, by the public formats and check digits, before it goes
/// on an ASN: a mistyped number is a late or unconfirmed shipment in the retailer's measure (Walmart counts an ASN
/// without valid tracking as late).
///
/// - UPS: `1Z`, then 15 letters or digits (shipper 6, service 2, package 7) and a mod-10 check digit: letters count
///   as `(ASCII − 63) mod 10` (A = 2 … I = 0, J = 1 …), digits at even positions from the first after `1Z` once,
///   at odd positions twice, and the check brings the sum to a multiple of 10.
/// - FedEx: 12 digits (Express: weights 1, 3, 7 from the right over the first 11, sum mod 11, 10 counting as 0),
///   15 digits (Ground: mod 10, weights 3, 1 from the right), or the 22-digit Ground barcode `96…` whose last 15
///   digits are the Ground number.
/// - USPS: 20 or 22 digits (IMpb, the 22 starting with 9: mod 10, weights 3, 1 from the right), or the 13-character
///   UPU S10 international number (`EA123456785US`: 2 letters, 8 digits weighted 8, 6, 4, 2, 3, 5, 9, 7, a check
///   digit 11 − sum mod 11 with 10 → 0 and 11 → 5, 2 letters).
/// - Any other carrier: 1 to 35 printable ASCII characters, as REF02/MAN02 and cXML carry them.
///
/// Check-digit schemes as published by the carriers and UPU S10 and as carried by open trackers (drogher,
/// tracking_number); a number passing them may still be unassigned.
public enum TrackingNumber {
    /// Nil when `number` has `carrier`'s form (carrier names as the network names them, `UPS`, `FedEx`, `USPS`, any
    /// case); else one sentence saying what was expected. Spaces are not ignored: a number is sent as given.
    public static func problem(in number: String, carrier: String) -> String? {
        let bytes = Array(number.utf8)
        switch carrier.lowercased() {
        case "ups": return ups(bytes)
        case "fedex": return fedEx(bytes)
        case "usps": return usps(bytes)
        default: return other(bytes)
        }
    }

    static func ups(_ bytes: [UInt8]) -> String? {
        let expected = "a UPS tracking number is 1Z, 15 letters or digits and a check digit"
        guard bytes.count == 18, bytes[0] == UInt8(ascii: "1"), bytes[1] == UInt8(ascii: "Z"),
            bytes[2..<17].allSatisfy({ isDigit($0) || isUpperLetter($0) }), isDigit(bytes[17])
        else { return expected + " (18 characters, upper case)." }
        var sum = 0
        for (index, byte) in bytes[2..<17].enumerated() {
            let value = isDigit(byte) ? Int(byte - UInt8(ascii: "0")) : (Int(byte) - 63) % 10
            sum += index % 2 == 1 ? value * 2 : value
        }
        return digit(bytes[17]) == (10 - sum % 10) % 10 ? nil : expected + "; its check digit does not match."
    }

    static func fedEx(_ bytes: [UInt8]) -> String? {
        let expected = "a FedEx tracking number is 12 digits (Express), 15 digits (Ground) or 22 digits starting 96"
        guard bytes.allSatisfy(isDigit) else { return expected + "." }
        switch bytes.count {
        case 12:
            let weights = [1, 3, 7]
            let sum = bytes.dropLast().reversed().enumerated().reduce(0) {
                $0 + digit($1.element) * weights[$1.offset % 3]
            }
            return digit(bytes[11]) == sum % 11 % 10 ? nil : expected + "; its Express check digit does not match."
        case 15:
            return isMod10(bytes) ? nil : expected + "; its Ground check digit does not match."
        case 22 where bytes[0] == UInt8(ascii: "9") && bytes[1] == UInt8(ascii: "6"):
            return isMod10(Array(bytes.suffix(15))) ? nil : expected + "; its Ground check digit does not match."
        default:
            return expected + "."
        }
    }

    static func usps(_ bytes: [UInt8]) -> String? {
        let expected = "a USPS tracking number is 20 digits, 22 digits starting 9, or 2 letters, 9 digits and US"
        if bytes.count == 13 {
            guard bytes[0..<2].allSatisfy(isUpperLetter), bytes[2..<11].allSatisfy(isDigit),
                bytes[11..<13].allSatisfy(isUpperLetter)
            else { return expected + " (S10: AA123456789US)." }
            let weights = [8, 6, 4, 2, 3, 5, 9, 7]
            let sum = bytes[2..<10].enumerated().reduce(0) { $0 + digit($1.element) * weights[$1.offset] }
            let check = 11 - sum % 11
            let expectedCheck = check == 10 ? 0 : check == 11 ? 5 : check
            return digit(bytes[10]) == expectedCheck ? nil : expected + "; its S10 check digit does not match."
        }
        guard bytes.allSatisfy(isDigit), bytes.count == 20 || (bytes.count == 22 && bytes[0] == UInt8(ascii: "9"))
        else { return expected + "." }
        return isMod10(bytes) ? nil : expected + "; its check digit does not match."
    }

    static func other(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, bytes.count <= 35, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            return "a tracking number is 1 to 35 printable ASCII characters."
        }
        return nil
    }

    /// The last digit brings the sum of the others, weighted 3, 1, 3, … from the right, to a multiple of 10.
    static func isMod10(_ bytes: [UInt8]) -> Bool {
        let sum = bytes.dropLast().reversed().enumerated().reduce(0) {
            $0 + digit($1.element) * ($1.offset % 2 == 0 ? 3 : 1)
        }
        return bytes.last.map(digit) == (10 - sum % 10) % 10
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isUpperLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func digit(_ byte: UInt8) -> Int { Int(byte) - Int(UInt8(ascii: "0")) }
}
