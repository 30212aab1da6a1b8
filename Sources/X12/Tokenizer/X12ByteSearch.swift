import CByteScan

/// The byte search the X12 reader loops on (segment terminators).
enum X12ByteSearch {
    /// The offset of the first `byte` in `buffer[from..<to]`, or `to`. Sixteen bytes at a time (`dg_match16`)
    /// while sixteen are left in the buffer, byte by byte in its last sixteen. A match at or after `to` is no match.
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
        }
        while index < to, buffer[index] != byte { index &+= 1 }
        return min(index, to)
    }
}
