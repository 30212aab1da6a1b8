/// Whether a tracking number can be one of a carrier's.
public enum TrackingNumber {
    /// Nil when `number` can be a tracking number of `carrier`; else what was expected. Printable ASCII, at most 35
    /// characters (the REF02/MAN02 limit an ASN carries).
    public static func problem(in number: String, carrier: String) -> String? {
        guard !number.isEmpty, number.utf8.count <= 35, number.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return "a \(carrier) tracking number is 1 to 35 printable characters without spaces, not '\(number)'"
        }
        return nil
    }
}
