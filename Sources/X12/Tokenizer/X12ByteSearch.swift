import CByteScan

/// The byte search the X12 reader loops on (segment terminators).
enum X12ByteSearch {
    /// The offset of the first `byte` in `buffer[from..<to]`, or `to`. Sixteen bytes at a time where sixteen are
    /// left in the buffer (`dg_match16`), then eight: a word's bytes equal to `byte` are found with the carry-free
    /// zero-byte test ((x - 0x01…) & ~x & 0x80…) on `word ^ byte…`, exact for the lowest match, which is the one
    /// taken. A match at or after `to` is no match.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var index = from
        if let base = buffer.baseAddress {
            let wholeChunks = buffer.count &- 16
            while index < to, index <= wholeChunks {
                let found = dg_match16(base + index, byte)
                if found != 0 { return min(index &+ found.trailingZeroBitCount, to) }
                index &+= 16
            }
            let raw = UnsafeRawPointer(base)
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            while index &+ 8 <= to {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ pattern
                let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if found != 0 { return index &+ found.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < to, buffer[index] != byte { index &+= 1 }
        return min(index, to)
    }
}
