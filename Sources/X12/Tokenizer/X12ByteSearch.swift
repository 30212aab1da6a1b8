/// The byte search every X12 reader loops on (segment terminators, element separators), shared by the tokenizer
/// and the modules that split a segment's elements themselves (the 850 mapper). Inlinable: it is the hot loop of
/// each of them.
public enum X12ByteSearch {
    /// The offset of the first `byte` in `buffer[from..<to]`, or `to`. Eight bytes at a time: a word's bytes equal
    /// to `byte` are found with the carry-free zero-byte test ((x - 0x01…) & ~x & 0x80…) on `word ^ byte…`, exact
    /// for the lowest match, which is the one taken.
    @inlinable @inline(__always)
    public static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var index = from
        if let base = buffer.baseAddress {
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
        return index
    }
}
