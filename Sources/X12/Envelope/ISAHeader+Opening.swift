extension ISAHeader {
    /// The header of the interchange `bytes` open with (white space before it skipped), or nil when they do not
    /// open with an ISA that can be read: a cheap look at who sent a document before it is kept.
    public init?(opening bytes: [UInt8]) {
        var start = 0
        while start < bytes.count,
            bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A
                || bytes[start] == 0x0D
        {
            start += 1
        }
        guard bytes.count >= start + 3, bytes[start] == UInt8(ascii: "I"), bytes[start + 1] == UInt8(ascii: "S"),
            bytes[start + 2] == UInt8(ascii: "A"),
            let reader = try? X12ISAReader(
                Array(bytes[start..<min(bytes.count, start + 512)]), at: 0, byteBase: start, segmentIndex: 0,
                interchangeIndex: 0, options: X12ReadOptions())
        else { return nil }
        self = reader.header
    }
}
