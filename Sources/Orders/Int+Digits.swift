extension Int {
    /// `bytes` read as `Int(_:)` reads text: decimal digits after an optional `-` (or `+`, where `allowsPlus`);
    /// nil for anything else, for nothing, and for a number past `Int`'s range. For text read as bytes in place
    /// (stored records, JSON), without making a `String` of it first.
    public init?(digits bytes: UnsafeBufferPointer<UInt8>, allowsPlus: Bool = false) {
        var index = 0
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || (allowsPlus && bytes[0] == UInt8(ascii: "+")) { index = 1 }
        guard index < bytes.count else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(negative ? -Int(digit) : Int(digit))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
            index += 1
        }
        self = value
    }
}
